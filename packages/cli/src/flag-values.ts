/**
 * Flag text to request values, by the parameter's spec type: numbers and booleans are parsed (64-bit
 * integers past 2^53 as `bigint`), lists of scalars come from repeated or variadic flags, and shapes
 * (objects and lists of them) are JSON, inline or `file://<path>`. The values are not checked against
 * the spec's rules here: the client's validators do that, exactly as for SDK users.
 * @packageDocumentation
 */
import { readFileSync } from "node:fs";
import { parseJson } from "./json-text.js";
import type { ParameterModel } from "./service-model.js";
import { UsageError } from "./usage-error.js";

const SCALARS = new Set(["string", "boolean", "integer", "int64", "uint64", "float"]);

/** How a parameter is given on the command line. */
export type FlagKind = "scalar" | "scalar-list" | "json";

/** Whether the parameter is a scalar, a list of scalars, or JSON (a shape or a list of shapes). */
export function flagKind(parameter: ParameterModel): FlagKind {
  if (SCALARS.has(parameter.type)) return "scalar";
  if (parameter.type.endsWith("[]") && SCALARS.has(parameter.type.slice(0, -2))) return "scalar-list";
  return "json";
}

/** The value of `parameter` from the text (or texts, for a list) given to `--<flag>`. */
export function flagValue(parameter: ParameterModel, flag: string, raw: string | readonly string[]): unknown {
  const kind = flagKind(parameter);
  if (kind === "json") return readJson(`--${flag}`, typeof raw === "string" ? raw : raw.join(" "));
  if (kind === "scalar-list") {
    const items = typeof raw === "string" ? [raw] : raw;
    return items.map((item) => scalar(parameter.type.slice(0, -2), flag, item));
  }
  return scalar(parameter.type, flag, typeof raw === "string" ? raw : (raw.at(-1) ?? ""));
}

/** JSON from `text`, or from the file `text` names as `file://<path>`; `what` names the flag in errors. */
export function readJson(what: string, text: string): unknown {
  let source = text;
  if (text.startsWith("file://")) {
    const file = text.slice("file://".length);
    try {
      source = readFileSync(file, "utf8");
    } catch (error) {
      throw new UsageError(`${what}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
  }
  try {
    return parseJson(source);
  } catch (error) {
    throw new UsageError(`${what}: not JSON (${(error as Error).message}); quote it for your shell, or use file://<path>`);
  }
}

function scalar(type: string, flag: string, text: string): unknown {
  switch (type) {
    case "string":
      return text;
    case "boolean":
      if (text === "true" || text === "false") return text === "true";
      throw new UsageError(`--${flag} takes true or false, not ${JSON.stringify(text)}`);
    case "float": {
      const value = Number(text);
      if (text.trim() !== "" && Number.isFinite(value)) return value;
      throw new UsageError(`--${flag} takes a number, not ${JSON.stringify(text)}`);
    }
    default: {
      if (!/^-?\d+$/.test(text)) throw new UsageError(`--${flag} takes an integer, not ${JSON.stringify(text)}`);
      const value = Number(text);
      return Number.isSafeInteger(value) ? value : BigInt(text);
    }
  }
}
