/**
 * The syntax tree of an export query (the documented Lucene subset).
 * @packageDocumentation
 */

/**
 * A value pattern: a plain (case-insensitive) text or a `*`/`?` wildcard.
 * @inline
 */
export type ValuePattern =
  | {
      /** A plain text, matched case-insensitively against a value's tokens. */
      readonly kind: "text";
      /** The text, unescaped. */
      readonly text: string;
    }
  | {
      /** A `*`/`?` wildcard pattern. */
      readonly kind: "wildcard";
      /** The pattern as written in the query. */
      readonly source: string;
    };

/**
 * One numeric bound of a range.
 * @inline
 */
export interface RangeBound {
  /** The bound's value. */
  readonly value: number;
  /** Whether the bound itself matches. */
  readonly inclusive: boolean;
}

/** A node of the query tree. `field` absent means full-text: any field's value. */
export type QueryNode =
  | {
      /** Matches every record (the empty query, `*`). */
      readonly kind: "all";
    }
  | {
      /** Matches when every child matches. */
      readonly kind: "and";
      /** The operands. */
      readonly children: readonly QueryNode[];
    }
  | {
      /** Matches when any child matches. */
      readonly kind: "or";
      /** The operands. */
      readonly children: readonly QueryNode[];
    }
  | {
      /** Matches when the child does not. */
      readonly kind: "not";
      /** The negated operand. */
      readonly child: QueryNode;
    }
  | {
      /** A single term (`value`, `field:value`, `field:val*`). */
      readonly kind: "term";
      /** The field searched; absent for a full-text term. */
      readonly field?: string;
      /** The value to match. */
      readonly pattern: ValuePattern;
    }
  | {
      /** A quoted phrase: matches a run of consecutive tokens. */
      readonly kind: "phrase";
      /** The field searched; absent for a full-text phrase. */
      readonly field?: string;
      /** The phrase without its quotes. */
      readonly text: string;
    }
  | {
      /** Matches records that have the field (`field:*`). */
      readonly kind: "exists";
      /** The field that must be present. */
      readonly field: string;
    }
  | {
      /** A numeric range (`field:[1 TO 5}`, `field:>=3`). */
      readonly kind: "range";
      /** The field compared. */
      readonly field: string;
      /** The lower bound; absent when open below. */
      readonly lower?: RangeBound;
      /** The upper bound; absent when open above. */
      readonly upper?: RangeBound;
    };
