/**
 * Evaluates a query tree against one log record.
 *
 * Values are matched like CLS's default full-text index: lower-cased and split into tokens at the
 * default separators (`` @&?|#()='",;:<>[]{}/\ `` and whitespace). A term matches a whole token,
 * a wildcard term any token it fits, a phrase a run of consecutive tokens.
 * @packageDocumentation
 */
import type { QueryNode, ValuePattern } from "./ast.js";

/**
 * A log record: a flat object of fields.
 * @inline
 */
export type LogRecord = Readonly<Record<string, unknown>>;

/** The reserved field holding a log's time in ms; full-text terms do not search it. */
export const TIMESTAMP_FIELD = "__TIMESTAMP__";

const SEPARATORS = /[\s@&?|#()='",;:<>[\]{}/\\]+/;

/** Splits a value into lower-case index tokens. */
export function indexTokens(value: string): string[] {
  return value
    .toLowerCase()
    .split(SEPARATORS)
    .filter((token) => token !== "");
}

/** A compiled query: a predicate over records. `matchesAll` allows skipping evaluation. */
export interface CompiledQuery {
  /** True when the query matches every record (the empty query, `*`). */
  readonly matchesAll: boolean;
  /** Tests one record. */
  matches(record: LogRecord): boolean;
}

type Predicate = (view: RecordView) => boolean;

/** Lazily tokenizes a record's fields, once per record. */
class RecordView {
  readonly #tokens = new Map<string, string[]>();

  constructor(readonly record: LogRecord) {}

  tokens(field: string): string[] | undefined {
    let tokens = this.#tokens.get(field);
    if (tokens === undefined) {
      const value = this.record[field];
      if (value === undefined || value === null) return undefined;
      tokens = indexTokens(String(value));
      this.#tokens.set(field, tokens);
    }
    return tokens;
  }

  fullTextFields(): string[] {
    return Object.keys(this.record).filter((field) => field !== TIMESTAMP_FIELD);
  }
}

/** Compiles a query tree into a predicate. */
export function compileQuery(node: QueryNode): CompiledQuery {
  const predicate = compile(node);
  return {
    matchesAll: node.kind === "all",
    matches: (record) => predicate(new RecordView(record)),
  };
}

function compile(node: QueryNode): Predicate {
  switch (node.kind) {
    case "all":
      return () => true;
    case "and": {
      const children = node.children.map(compile);
      return (view) => children.every((child) => child(view));
    }
    case "or": {
      const children = node.children.map(compile);
      return (view) => children.some((child) => child(view));
    }
    case "not": {
      const child = compile(node.child);
      return (view) => !child(view);
    }
    case "exists": {
      const field = node.field;
      return (view) => view.record[field] !== undefined && view.record[field] !== null;
    }
    case "range":
      return compileRange(node);
    case "term":
      return onFields(node.field, tokenTest(node.pattern));
    case "phrase":
      return onFields(node.field, phraseTest(indexTokens(node.text)));
  }
}

/** Applies a token-list test to one field, or to any field when `field` is absent. */
function onFields(field: string | undefined, test: (tokens: string[]) => boolean): Predicate {
  if (field !== undefined) {
    return (view) => {
      const tokens = view.tokens(field);
      return tokens !== undefined && test(tokens);
    };
  }
  return (view) => view.fullTextFields().some((name) => test(view.tokens(name) ?? []));
}

function tokenTest(pattern: ValuePattern): (tokens: string[]) => boolean {
  if (pattern.kind === "wildcard") {
    const regex = wildcardRegex(pattern.source);
    return (tokens) => tokens.some((token) => regex.test(token));
  }
  const parts = indexTokens(pattern.text);
  if (parts.length === 1) {
    const wanted = parts[0] as string;
    return (tokens) => tokens.includes(wanted);
  }
  return phraseTest(parts);
}

/** A run of consecutive tokens; an empty phrase matches nothing. */
function phraseTest(parts: string[]): (tokens: string[]) => boolean {
  return (tokens) => {
    if (parts.length === 0) return false;
    outer: for (let start = 0; start + parts.length <= tokens.length; start++) {
      for (let k = 0; k < parts.length; k++) if (tokens[start + k] !== parts[k]) continue outer;
      return true;
    }
    return false;
  };
}

/** `*` any run, `?` one character; `\*`, `\?`, `\\` are literal. Case-insensitive, whole token. */
export function wildcardRegex(source: string): RegExp {
  let regex = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === "\\" && i + 1 < source.length) {
      regex += escapeRegex(source[++i] as string);
    } else if (c === "*") {
      regex += ".*";
    } else if (c === "?") {
      regex += ".";
    } else {
      regex += escapeRegex(c.toLowerCase());
    }
  }
  return new RegExp(`^${regex}$`, "s");
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function compileRange(node: Extract<QueryNode, { kind: "range" }>): Predicate {
  const { field, lower, upper } = node;
  return (view) => {
    const raw = view.record[field];
    if (raw === undefined || raw === null || raw === "" || typeof raw === "boolean") return false;
    const value = Number(raw);
    if (!Number.isFinite(value)) return false;
    if (lower && (lower.inclusive ? value < lower.value : value <= lower.value)) return false;
    if (upper && (upper.inclusive ? value > upper.value : value >= upper.value)) return false;
    return true;
  };
}
