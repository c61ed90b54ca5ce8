/**
 * The export query language: a documented subset of Lucene (see the package README).
 * @packageDocumentation
 */
import { compileQuery, type CompiledQuery } from "./matcher.js";
import { parseQuery, type SyntaxRule } from "./parser.js";

export type { QueryNode } from "./ast.js";
export { compileQuery, indexTokens, TIMESTAMP_FIELD, type CompiledQuery, type LogRecord } from "./matcher.js";
export { parseQuery, type SyntaxRule } from "./parser.js";
export { QuerySyntaxError } from "./query-error.js";

/**
 * Parses and compiles a query in one step.
 * @throws {@link QuerySyntaxError} for syntax outside the supported subset
 */
export function buildQuery(query: string, syntaxRule: SyntaxRule = 0): CompiledQuery {
  return compileQuery(parseQuery(query, syntaxRule));
}
