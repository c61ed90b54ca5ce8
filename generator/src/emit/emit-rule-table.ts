/**
 * Emits `src/generated/rules.ts` for a package that serves actions rather than calls them (the
 * emulator): each action's parameters with their wire type, whether they are required, and their rules,
 * as data. The server checks requests against this table, so its checks and the client's validators
 * come from one place, the spec.
 * @packageDocumentation
 */
import { VariableDeclarationKind } from "ts-morph";
import type { Member, Rule, Service } from "../model/types.js";
import { typeName } from "../model/type-ref.js";
import { GENERATED_DIR } from "./generated-file.js";
import { TsFile } from "./ts-file.js";
import { wrapDoc } from "./tsdoc.js";

/** Where the table goes, package-relative. */
export const RULE_TABLE_PATH = `${GENERATED_DIR}/rules.ts`;

/** `rules.ts`: `ACTION_RULES`, by action then parameter, for `actions` of `service` (each must exist). */
export function emitRuleTable(service: Service, actions: readonly string[]): TsFile {
  const table: Record<string, Record<string, unknown>> = {};
  for (const action of actions) {
    const operation = service.operations.find((candidate) => candidate.action === action);
    if (operation === undefined) throw new Error(`${service.specLabel} has no action ${action}`);
    table[action] = Object.fromEntries(operation.input.map((member) => [member.name, memberEntry(member)]));
  }
  const docs =
    `The parameters of ${actions.map((action) => `\`${action}\``).join(", ")} as ${service.specLabel} declares them: wire type, ` +
    "whether required, and rules (the keys of the spec's `rules`).";
  return new TsFile(RULE_TABLE_PATH).add((source) => {
    source.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [wrapDoc(docs)],
      declarations: [{ name: "ACTION_RULES", initializer: (writer) => void writer.write(`${JSON.stringify(table, null, 2)} as const`) }],
    });
  });
}

function memberEntry(member: Member): Record<string, unknown> {
  // `timestampMs` is the client's hint about seconds: the service takes any number, so a server does not check it
  const served = member.rules.filter((rule) => rule.kind !== "timestampMs");
  return {
    type: typeName(member.type),
    required: member.required,
    ...(served.length > 0 ? { rules: rulesObject(served) } : {}),
    ...(member.itemRules.length > 0 ? { itemRules: rulesObject(member.itemRules) } : {}),
  };
}

/** The spec's spelling of rules: `{ minimum: 1, enum: [...], notAfter: "To", nonEmpty: true }`. */
function rulesObject(rules: readonly Rule[]): Record<string, unknown> {
  return Object.fromEntries(
    rules.map((rule) => {
      switch (rule.kind) {
        case "nonEmpty":
        case "noSql":
        case "timestampMs":
          return [rule.kind, true];
        case "enum":
          return [rule.kind, rule.values];
        case "notAfter":
          return [rule.kind, rule.other];
        default:
          return [rule.kind, rule.value];
      }
    }),
  );
}
