/**
 * Tencent's examples as spec examples: a JSON request body and the whole JSON answer. A POST's body
 * follows the blank line of its raw HTTP text; an old GET-style URL (`?Action=X&Filters.0.Name=zone`)
 * is rebuilt into JSON from the request's member types. JSON that translation broke in the ways whose
 * meaning is clear (a missing comma at the end of a line, a trailing comma) is repaired and noted; any
 * other example is skipped with the reason. 64-bit integers are kept exact (`bigint`).
 * @packageDocumentation
 */
import { isSafeNumber, parse } from "lossless-json";
import type { JsonValue } from "../output/json-text.js";
import type { Model, ModelExample, ModelObject } from "./upstream.js";

/** A converted example, or why it was skipped; `notes` say what was repaired. */
export type Converted =
  | {
      readonly ok: true;
      readonly title: string;
      readonly request: JsonObject;
      readonly response: JsonObject;
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly title: string; readonly reason: string };

/** A JSON object with exact integers. */
export type JsonObject = { readonly [key: string]: JsonValue };

/** Converts `example` of `action`, whose request structure `model` describes. */
export function convertExample(action: string, example: ModelExample, model: Model): Converted {
  const title = example.title.trim() || `${action} example`;
  const notes: string[] = [];
  const request = requestOf(action, example.input, model, notes);
  if (typeof request === "string") return { ok: false, title, reason: request };
  const answer = parseRepairing(example.output, "answer", notes);
  if (typeof answer === "string") return { ok: false, title, reason: answer };
  const response = isObject(answer) ? answer["Response"] : undefined;
  if (!isObject(answer) || !isObject(response)) return { ok: false, title, reason: "the answer has no `Response` object" };
  if (isObject(response["Error"])) return { ok: false, title, reason: "the answer is an error, not a result" };
  if (typeof response["RequestId"] !== "string" || response["RequestId"] === "")
    return { ok: false, title, reason: "the answer has no RequestId" };
  return { ok: true, title, request, response: answer, notes };
}

/** The request body as JSON, or why there is none. */
function requestOf(action: string, input: string, model: Model, notes: string[]): JsonObject | string {
  const text = input.trim();
  if (/^(GET\s+)?https?:\/\//i.test(text)) return fromQuery(action, text, model, notes);
  if (!/^POST\s/i.test(text)) return "the request is neither a POST nor a GET URL";
  // The body follows the blank line; some examples leave that line out, and the body starts at the first `{`.
  const blank = text.search(/\r?\n\s*\r?\n|\r?\n(?=\{)/);
  const head = blank === -1 ? text : text.slice(0, blank);
  const body = blank === -1 ? "" : text.slice(blank).trim();
  const named = /^X-TC-Action:\s*(\S+)/im.exec(head)?.[1];
  if (named === undefined) return "the request has no X-TC-Action header";
  if (named !== action) return `the request is for action ${named}`;
  const contentType = /^Content-Type:\s*(\S+)/im.exec(head)?.[1];
  if (contentType !== undefined && !/^application\/json/i.test(contentType)) return `the request body is ${contentType}, not JSON`;
  const host = /^Host:\s*(\S+)/im.exec(head)?.[1];
  if (host !== undefined && !/^[a-z]+(\.intl|\.[a-z]{2}-[a-z]+(-[a-z0-9]+)*)?\.tencentcloudapi\.com$/.test(host))
    notes.push(`sent to host ${host}`);
  if (body === "") return "the request has no body";
  const parsed = parseRepairing(body, "request body", notes);
  if (typeof parsed === "string") return parsed;
  return isObject(parsed) ? parsed : "the request body is not a JSON object";
}

/**
 * Parses JSON exactly; failing that, repairs the two slips the examples show (a comma missing between a
 * value and the next member or item, a comma before `}` or `]`) and notes it. Returns why it is not
 * JSON otherwise.
 */
export function parseRepairing(text: string, what: string, notes: string[]): JsonValue | string {
  try {
    return parseExact(text);
  } catch (error) {
    const repaired = repairJson(text);
    if (repaired !== text) {
      try {
        const value = parseExact(repaired);
        notes.push(`${what}: JSON repaired (commas or escapes)`);
        return value;
      } catch {
        // fall through to the original error
      }
    }
    return `the ${what} is not valid JSON (${(error as Error).message.replace(/\s+/g, " ").slice(0, 80)})`;
  }
}

function parseExact(text: string): JsonValue {
  return parse(text, null, (digits) => {
    if (/^-?\d+$/.test(digits)) return isSafeNumber(digits) ? Number(digits) : BigInt(digits);
    return Number(digits);
  }) as JsonValue;
}

/**
 * Repairs what translation broke where the meaning is clear: inserts the comma missing between a value
 * and a following member or item on the next line, drops a `,` before `}` or `]`, turns `` \` `` (a
 * Markdown escape) into the backtick, and keeps the backslash of any other escape JSON does not have
 * (`"C:\dir"` is `C:\dir`).
 */
export function repairJson(text: string): string {
  const tokens = [...text.matchAll(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|[{}[\],:]|\s+|./gs)].map(
    (match) => match[0],
  );
  const isSpace = (token: string): boolean => /^\s+$/.test(token);
  const isScalar = (token: string): boolean => token.startsWith('"') || /^(-?\d|true$|false$|null$)/.test(token);
  const out: string[] = [];
  /** Index in `out` of the last token that is not whitespace, and whether a line break followed it. */
  let last = -1;
  let newline = false;
  tokens.forEach((token, index) => {
    if (isSpace(token)) {
      out.push(token);
      newline ||= token.includes("\n");
      return;
    }
    const next = tokens.slice(index + 1).find((item) => !isSpace(item));
    if (token === "," && (next === "}" || next === "]")) return;
    const previous = last === -1 ? "" : (out[last] ?? "");
    const endsValue = isScalar(previous) || previous === "}" || previous === "]";
    const startsValue = isScalar(token) || token === "{" || token === "[";
    if (endsValue && startsValue && newline) out.splice(last + 1, 0, ",");
    out.push(token);
    last = out.length - 1;
    newline = false;
  });
  return out
    .join("")
    .replace(/"(?:[^"\\]|\\.)*"/g, (literal) =>
      literal.replace(/\\(.)/gs, (sequence, char: string) =>
        '"\\/bfnrtu'.includes(char) ? sequence : char === "`" ? char : `\\${sequence}`,
      ),
    );
}

/** Rebuilds the JSON body of an old GET-style example from the request structure's member types. */
function fromQuery(action: string, text: string, model: Model, notes: string[]): JsonObject | string {
  // The URL is split over lines before each `&`: only whitespace at a line break is layout.
  const url = text
    .replace(/^GET\s+/i, "")
    .replace(/\s*\n\s*/g, "")
    .trim();
  const query = url.slice(url.indexOf("?") + 1);
  const structure = model.objects[model.actions[action]?.input ?? ""];
  if (structure === undefined) return "the action has no request structure";
  const body: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const pair of query.split("&")) {
    if (pair === "" || pair.startsWith("<")) continue;
    const equals = pair.indexOf("=");
    if (equals === -1) return `the query has a parameter without a value (${pair})`;
    let key: string;
    let raw: string;
    try {
      key = decodeURIComponent(pair.slice(0, equals));
      raw = decodeURIComponent(pair.slice(equals + 1).replaceAll("+", " "));
    } catch {
      return `the query cannot be decoded (${pair})`;
    }
    if (key === "Action") {
      if (raw !== action) return `the request is for action ${raw}`;
      continue;
    }
    if (["Version", "Region", "Timestamp", "Nonce", "SecretId", "Signature", "SignatureMethod", "Token", "Language"].includes(key))
      continue;
    if (seen.has(key)) return `the query gives ${key} twice`;
    seen.add(key);
    const placed = place(body, key.split("."), raw, structure, model);
    if (placed !== undefined) return placed;
  }
  try {
    const rebuilt = compactLists(body) as JsonObject;
    notes.push("rebuilt from a GET query");
    return rebuilt;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Sets `path` (from a `Name.N.Field` key) in `target`, typed by `structure`; returns why it cannot. */
function place(
  target: Record<string, unknown>,
  path: readonly string[],
  raw: string,
  structure: ModelObject,
  model: Model,
): string | undefined {
  const [name, ...rest] = path;
  const member = structure.members.find((candidate) => candidate.name === name);
  if (name === undefined || member === undefined) return `the query names ${path.join(".")}, which the request does not have`;
  if (member.type === "list") {
    const [index, ...inner] = rest;
    if (index === undefined || !/^\d+$/.test(index)) return `the list ${name} is not indexed (${path.join(".")})`;
    const list = (target[name] ??= {}) as Record<string, unknown>;
    const element = model.objects[member.member];
    if (element === undefined) {
      if (inner.length > 0) return `${path.join(".")} goes into a list of ${member.member}`;
      const value = scalar(raw, member.member, member.type);
      if (value === undefined) return `${path.join(".")} is not a ${member.member} (${raw})`;
      list[index] = value;
      return undefined;
    }
    const item = (list[index] ??= {}) as Record<string, unknown>;
    return place(item, inner, raw, element, model);
  }
  if (member.type === "object") {
    const element = model.objects[member.member];
    if (element === undefined) return `${name} names an unknown structure ${member.member}`;
    return place((target[name] ??= {}) as Record<string, unknown>, rest, raw, element, model);
  }
  if (rest.length > 0) return `${path.join(".")} goes into the scalar ${name}`;
  const value = scalar(raw, member.member, member.type);
  if (value === undefined) return `${name} is not a ${member.member} (${raw})`;
  target[name] = value;
  return undefined;
}

/** A query value as the member's type: `int` a number, `bool` a boolean, a string otherwise. */
function scalar(raw: string, base: string, kind: string): JsonValue | undefined {
  if (kind === "int" || base === "int64" || base === "uint64" || base === "int") {
    if (!/^-?\d+$/.test(raw)) return undefined;
    return isSafeNumber(raw) ? Number(raw) : BigInt(raw);
  }
  if (kind === "float" || base === "float" || base === "double") {
    const value = Number(raw);
    return Number.isFinite(value) && raw.trim() !== "" ? value : undefined;
  }
  if (kind === "bool" || base === "bool") {
    if (/^true$/i.test(raw)) return true;
    if (/^false$/i.test(raw)) return false;
    return undefined;
  }
  return raw;
}

/** Turns the `{ "0": …, "1": … }` objects built for indexed keys into arrays; throws unless indices run 0, 1, 2… */
function compactLists(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 0 && entries.every(([key]) => /^\d+$/.test(key))) {
    const sorted = entries.sort(([a], [b]) => Number(a) - Number(b));
    if (sorted.some(([key], index) => Number(key) !== index)) throw new Error("a list's indices in the query do not run 0, 1, 2…");
    return sorted.map(([, item]) => compactLists(item));
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, compactLists(item)]));
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
