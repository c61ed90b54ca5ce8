/**
 * Parameters that arrive as text — a form post or a GET query, as signature v1 (and TC3 over GET)
 * sends them — rebuilt into the structure a JSON body would have had:
 * `DerivedFields.0=a&DerivedFields.1=b` → `{ DerivedFields: ["a", "b"] }`, `Filters.0.Name=x` →
 * `{ Filters: [{ Name: "x" }] }`, and integer parameters read from their digits (exactly, beyond 2^53 − 1
 * as `bigint`). Values that are not digits stay text, so the action's checks answer `InvalidParameter`.
 * @packageDocumentation
 */
import { type ActionParameters, invalid } from "./params.js";

type Node = string | Map<string, Node>;

/** Wire types whose values are read from digits. */
const INTEGER_TYPES = new Set(["integer", "int64", "uint64"]);

/**
 * Rebuilds structured parameters from `name=value` pairs (already form-decoded).
 *
 * @param pairs - the action's parameters, common parameters already removed
 * @param parameters - the action's parameters (their wire types say which are integers)
 * @throws {@link ApiError} `InvalidParameter` for a name given twice, given both as a value and as a
 *   structure (`A=1&A.0=2`), or a list numbered with gaps (`A.0`, `A.2`)
 */
export function formParams(pairs: Iterable<readonly [string, string]>, parameters: ActionParameters): Record<string, unknown> {
  const root = new Map<string, Node>();
  for (const [name, value] of pairs) {
    const path = name.split(".");
    const top = path[0] ?? "";
    let node = root;
    for (const segment of path.slice(0, -1)) {
      const child = node.get(segment) ?? new Map<string, Node>();
      if (typeof child === "string") throw invalid(top, `is given both as a value and as a structure (${name})`);
      node.set(segment, child);
      node = child;
    }
    const last = path[path.length - 1] ?? "";
    if (node.has(last)) throw invalid(top, `is given more than once (${name})`);
    node.set(last, value);
  }
  const params = build(root, "") as Record<string, unknown>;
  for (const [name, { type }] of Object.entries(parameters)) {
    const value = params[name];
    if (INTEGER_TYPES.has(type) && typeof value === "string") params[name] = integerFromText(value);
  }
  return params;
}

/** A `Map` whose keys are `0…n-1` becomes an array; any other `Map` an object. */
function build(node: Node, name: string): unknown {
  if (typeof node === "string") return node;
  const keys = [...node.keys()];
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    const items: unknown[] = [];
    for (let index = 0; index < keys.length; index++) {
      const item = node.get(String(index));
      if (item === undefined)
        throw invalid(name.split(".")[0] ?? name, `is a list that must be numbered ${name}.0, ${name}.1, … without gaps`);
      items.push(build(item, `${name}.${index}`));
    }
    return items;
  }
  const object: Record<string, unknown> = {};
  for (const [key, child] of node) {
    const value = build(child, name === "" ? key : `${name}.${key}`);
    // defineProperty: a "__proto__" name stays a plain (unknown) parameter
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/** Digits → a number (or an exact `bigint` beyond 2^53 − 1); anything else stays text. */
function integerFromText(text: string): unknown {
  if (!/^-?\d{1,30}$/.test(text)) return text;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : BigInt(text);
}
