/**
 * TSDoc text taken from the spec: descriptions, rules, defaults, units and examples.
 * @packageDocumentation
 */
import { describeRule } from "../model/rule-text.js";
import type { Member, Operation, Service } from "../model/types.js";

/** Makes spec text safe inside a `/** … *\/` comment: no comment terminator, no accidental tags. */
export function safeDoc(text: string): string {
  return text.replaceAll("*/", "*\\/").replace(/(^|\s)@(?=[A-Za-z])/g, "$1\\@").trim();
}

/** A JSON value as TypeScript literal text: JSON with identifier keys unquoted, 2-space indented. */
export function tsLiteral(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/^(\s*)"([A-Za-z_$][A-Za-z0-9_$]*)":/gm, "$1$2:");
}

/** TSDoc of a member: description, rules, wire type, unit, default, example. */
export function memberDoc(member: Member, checked: boolean): string {
  const lines: string[] = [safeDoc(member.docs)];
  const notes: string[] = [];
  const rules = member.rules.map((rule) => describeRule(rule, member.type));
  if (member.type.kind === "list" && member.itemRules.length > 0) {
    const items = member.type.items;
    rules.push(`each item ${member.itemRules.map((rule) => describeRule(rule, items)).join(" and ")}`);
  }
  if (rules.length > 0 && checked) notes.push(`Rules: ${rules.join("; ")}.`);
  if (member.type.kind === "integer" && member.type.width !== undefined) {
    notes.push(`Wire type \`${member.type.width}\`: a \`bigint\` holds values beyond \`Number.MAX_SAFE_INTEGER\`.`);
  }
  if (member.unit !== undefined) notes.push(`Unit: ${safeDoc(member.unit)}.`);
  if (member.nullable) notes.push("The service may send `null`.");
  if (notes.length > 0) lines.push("", ...notes);
  if (member.defaultValue !== undefined) lines.push(`@defaultValue \`${JSON.stringify(member.defaultValue)}\` (applied by the service)`);
  if (member.hasExample) lines.push(`@example ${JSON.stringify(member.example)}`);
  if (member.deprecated !== undefined) lines.push(`@deprecated ${safeDoc(member.deprecated)}`);
  return lines.join("\n");
}

/** TSDoc of an operation's request type. */
export function requestDoc(service: Service, operation: Operation): string {
  const client = service.clientClass;
  const lines = [
    `Input of {@link ${client}.${operation.names.method}} (action \`${operation.action}\`): ${safeDoc(lowerFirst(operation.summary))}`,
    "",
    safeDoc(operation.docs),
    "",
    `${operation.idempotent ? "Safe to re-send." : "Not safe to re-send: a re-sent request may act twice, so it is never retried once it may have reached the service."} Rate limit: ${operation.rateLimit} requests per second.`,
  ];
  for (const example of operation.examples) {
    const call = `const answer = await client.${operation.names.method}(${tsLiteral(example.request)});`;
    lines.push(`@example ${safeDoc(example.title)}`, fence("ts", call));
  }
  if (operation.docsUrl !== undefined) lines.push(`@see {@link ${operation.docsUrl} | ${operation.action} in the Tencent Cloud documentation}`);
  if (operation.deprecated !== undefined) lines.push(`@deprecated ${safeDoc(operation.deprecated)}`);
  return lines.join("\n");
}

/** TSDoc of an operation's client method: what it does, the guard of its errors, a deprecation. */
export function methodDoc(operation: Operation): string {
  const lines = [`${safeDoc(operation.summary)} Errors: {@link ${operation.names.guard}}.`];
  if (operation.deprecated !== undefined) lines.push(`@deprecated ${safeDoc(operation.deprecated)}`);
  return lines.join("\n");
}

/** TSDoc of an operation's response type. */
export function responseDoc(service: Service, operation: Operation): string {
  const lines = [`Output of {@link ${service.clientClass}.${operation.names.method}}: the answer's \`Response\` object.`];
  for (const example of operation.examples) {
    lines.push(`@example ${safeDoc(example.title)}`, fence("json", JSON.stringify(example.response["Response"], null, 2)));
  }
  return lines.join("\n");
}

/**
 * Wraps prose lines of a doc comment at {@link DOC_WIDTH} characters; code fences, tags and table rows
 * are left as they are, list items continue with an indent.
 */
export function wrapDoc(text: string): string {
  const out: string[] = [];
  let inFence = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("```")) inFence = !inFence;
    if (inFence || line.startsWith("```") || line.startsWith("@") || line.startsWith("|") || line.length <= DOC_WIDTH) {
      out.push(line);
      continue;
    }
    const indent = line.startsWith("- ") ? "  " : "";
    let current = "";
    for (const word of line.split(" ")) {
      if (current.length > 0 && current.length + 1 + word.length > DOC_WIDTH) {
        out.push(current);
        current = `${indent}${word}`;
      } else current = current.length > 0 ? `${current} ${word}` : word;
    }
    out.push(current);
  }
  return out.join("\n");
}

/** Width of prose lines in doc comments (the comment adds 3 to 5 characters of indentation). */
export const DOC_WIDTH = 100;

function fence(language: string, code: string): string {
  return `\`\`\`${language}\n${code}\n\`\`\``;
}

function lowerFirst(text: string): string {
  return text.length > 0 && /^[A-Z][a-z]/.test(text) ? `${text[0]?.toLowerCase() ?? ""}${text.slice(1)}` : text;
}
