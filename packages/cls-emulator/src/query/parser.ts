/**
 * Recursive-descent parser for the export query subset. Precedence: NOT binds tighter than AND,
 * AND tighter than OR; juxtaposed terms are joined by AND.
 * @packageDocumentation
 */
import type { QueryNode, RangeBound, ValuePattern } from "./ast.js";
import { QuerySyntaxError } from "./query-error.js";
import { tokenize, unescapeWord, type Token } from "./tokenizer.js";

/** Which CLS syntax a query is written in: `0` Lucene, `1` CQL. */
export type SyntaxRule = 0 | 1;

/**
 * Parses a query into a tree. The empty query and `*` match everything.
 * With `syntaxRule` 0 (Lucene) the operators must be upper-case; with 1 (CQL) any case.
 *
 * @throws {@link QuerySyntaxError} for anything outside the supported subset, naming the position
 */
export function parseQuery(query: string, syntaxRule: SyntaxRule = 0): QueryNode {
  return new Parser(tokenize(query), syntaxRule === 1).parse();
}

type Operator = "AND" | "OR" | "NOT" | "TO";

class Parser {
  #i = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly anyCaseOperators: boolean,
  ) {}

  parse(): QueryNode {
    if (this.#peek().type === "eof") return { kind: "all" };
    const node = this.#or();
    const rest = this.#peek();
    if (rest.type !== "eof") throw new QuerySyntaxError(`unexpected ${describe(rest)}`, rest.pos);
    return node;
  }

  #peek(): Token {
    return this.tokens[this.#i] as Token;
  }

  #next(): Token {
    return this.tokens[this.#i++] as Token;
  }

  #operator(token: Token): Operator | undefined {
    if (token.type !== "word" || !token.bare) return undefined;
    const text = this.anyCaseOperators ? token.text.toUpperCase() : token.text;
    return text === "AND" || text === "OR" || text === "NOT" || text === "TO" ? text : undefined;
  }

  #or(): QueryNode {
    const children = [this.#and()];
    while (this.#operator(this.#peek()) === "OR") {
      this.#next();
      children.push(this.#and());
    }
    return children.length === 1 ? (children[0] as QueryNode) : { kind: "or", children };
  }

  #and(): QueryNode {
    const children = [this.#unary()];
    for (;;) {
      const token = this.#peek();
      const op = this.#operator(token);
      if (op === "AND") {
        this.#next();
      } else if (token.type === "eof" || token.type === ")" || op === "OR") {
        break;
      }
      children.push(this.#unary());
    }
    return children.length === 1 ? (children[0] as QueryNode) : { kind: "and", children };
  }

  #unary(): QueryNode {
    if (this.#operator(this.#peek()) === "NOT") {
      this.#next();
      return { kind: "not", child: this.#unary() };
    }
    return this.#primary();
  }

  #primary(): QueryNode {
    const token = this.#next();
    if (token.type === "(") {
      if (this.#peek().type === ")") throw new QuerySyntaxError("empty parentheses", token.pos);
      const inner = this.#or();
      const close = this.#next();
      if (close.type !== ")")
        throw new QuerySyntaxError(`expected ')' to close the '(' at ${token.pos}, found ${describe(close)}`, close.pos);
      return inner;
    }
    if (token.type === "phrase") return { kind: "phrase", text: token.text };
    if (token.type === "word" && this.#operator(token) === undefined) {
      if (this.#peek().type === ":") {
        this.#next();
        return this.#fieldValue(unescapeWord(token.text), token.pos);
      }
      if (token.text === "*") return { kind: "all" };
      return { kind: "term", pattern: pattern(token) };
    }
    throw new QuerySyntaxError(`expected a term, found ${describe(token)}`, token.pos);
  }

  #fieldValue(field: string, fieldPos: number): QueryNode {
    if (field === "") throw new QuerySyntaxError("empty field name", fieldPos);
    const token = this.#next();
    if (token.type === "phrase") return { kind: "phrase", field, text: token.text };
    if (token.type === "compare") {
      const bound = { value: this.#number(this.#next()), inclusive: token.op.length === 2 };
      return token.op[0] === ">" ? { kind: "range", field, lower: bound } : { kind: "range", field, upper: bound };
    }
    if (token.type === "[" || token.type === "{") return this.#range(field, token.type === "[");
    if (token.type === "word" && this.#operator(token) === undefined) {
      if (token.text === "*") return { kind: "exists", field };
      return { kind: "term", field, pattern: pattern(token) };
    }
    throw new QuerySyntaxError(`expected a value after '${field}:', found ${describe(token)}`, token.pos);
  }

  #range(field: string, lowerInclusive: boolean): QueryNode {
    const lower = this.#bound(lowerInclusive);
    const to = this.#next();
    if (this.#operator(to) !== "TO") throw new QuerySyntaxError(`expected TO in the range, found ${describe(to)}`, to.pos);
    const upperToken = this.#peek();
    const upperValue = this.#boundValue();
    const end = this.#next();
    if (end.type !== "]" && end.type !== "}")
      throw new QuerySyntaxError(`expected ']' or '}' to close the range, found ${describe(end)}`, end.pos);
    const upper = upperValue === undefined ? undefined : { value: upperValue, inclusive: end.type === "]" };
    if (lower === undefined && upper === undefined) throw new QuerySyntaxError("a range needs at least one bound", upperToken.pos);
    return { kind: "range", field, ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
  }

  #bound(inclusive: boolean): RangeBound | undefined {
    const value = this.#boundValue();
    return value === undefined ? undefined : { value, inclusive };
  }

  #boundValue(): number | undefined {
    const token = this.#next();
    if (token.type === "word" && token.text === "*") return undefined;
    return this.#number(token);
  }

  #number(token: Token): number {
    if (token.type === "word" && !token.wildcard && token.text.trim() !== "") {
      const value = Number(token.text);
      if (Number.isFinite(value)) return value;
    }
    throw new QuerySyntaxError(`expected a number, found ${describe(token)}`, token.pos);
  }
}

function pattern(token: Extract<Token, { type: "word" }>): ValuePattern {
  return token.wildcard ? { kind: "wildcard", source: token.text } : { kind: "text", text: unescapeWord(token.text) };
}

function describe(token: Token): string {
  switch (token.type) {
    case "eof":
      return "the end of the query";
    case "word":
      return `'${token.text}'`;
    case "phrase":
      return `"${token.text}"`;
    case "compare":
      return `'${token.op}'`;
    default:
      return `'${token.type}'`;
  }
}
