/**
 * TypeScript type text for wire types.
 * @packageDocumentation
 */
import type { Member, TypeRef } from "../model/types.js";
import { core, type GeneratedSymbols } from "./symbols.js";
import type { TsFile } from "./ts-file.js";

/** Whether the type is used in a request (inputs accept mutable arrays and `undefined` for optional members). */
export type Direction = "input" | "output";

/** The TypeScript type of `member`, recording the symbols it uses in `file`. */
export function memberType(member: Member, file: TsFile, symbols: GeneratedSymbols, direction: Direction): string {
  const values = enumUnion(member.rules, member.type);
  const itemValues = member.type.kind === "list" ? enumUnion(member.itemRules, member.type.items) : undefined;
  let text = values ?? (itemValues === undefined ? typeText(member.type, file, symbols) : `readonly (${itemValues})[]`);
  if (member.nullable) text = `${text} | null`;
  if (!member.required && direction === "input") text = `${text} | undefined`;
  return text;
}

/** `"asc" | "desc"` when `rules` hold an `enum` that fits `type`; a long union gets one value per line. */
function enumUnion(rules: Member["rules"], type: TypeRef): string | undefined {
  const enumRule = rules.find((rule) => rule.kind === "enum");
  if (enumRule === undefined || (type.kind !== "string" && type.kind !== "integer")) return undefined;
  const values = enumRule.values.map((value) => JSON.stringify(value));
  const oneLine = values.join(" | ");
  return oneLine.length <= LONG_UNION ? oneLine : `\n${values.map((value) => `| ${value}`).join("\n")}\n`;
}

/** Length past which a union is written one member per line. */
const LONG_UNION = 80;

function typeText(type: TypeRef, file: TsFile, symbols: GeneratedSymbols): string {
  switch (type.kind) {
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "float":
      return "number";
    case "integer":
      return type.width === undefined ? "number" : file.use(core("Int64", true));
    case "shape":
      return file.use(symbols.shape(type.name));
    case "list": {
      const items = typeText(type.items, file, symbols);
      return /^[A-Za-z0-9_]+$/.test(items) ? `readonly ${items}[]` : `readonly (${items})[]`;
    }
  }
}
