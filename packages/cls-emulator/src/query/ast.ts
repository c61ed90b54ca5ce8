/**
 * The syntax tree of an export query (the documented Lucene subset).
 * @packageDocumentation
 */

/** A value pattern: a plain (case-insensitive) text or a `*`/`?` wildcard. */
export type ValuePattern =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "wildcard"; readonly source: string };

/** One numeric bound of a range. */
export interface RangeBound {
  /** The bound's value. */
  readonly value: number;
  /** Whether the bound itself matches. */
  readonly inclusive: boolean;
}

/** A node of the query tree. `field` absent means full-text: any field's value. */
export type QueryNode =
  | { readonly kind: "all" }
  | { readonly kind: "and"; readonly children: readonly QueryNode[] }
  | { readonly kind: "or"; readonly children: readonly QueryNode[] }
  | { readonly kind: "not"; readonly child: QueryNode }
  | { readonly kind: "term"; readonly field?: string; readonly pattern: ValuePattern }
  | { readonly kind: "phrase"; readonly field?: string; readonly text: string }
  | { readonly kind: "exists"; readonly field: string }
  | { readonly kind: "range"; readonly field: string; readonly lower?: RangeBound; readonly upper?: RangeBound };
