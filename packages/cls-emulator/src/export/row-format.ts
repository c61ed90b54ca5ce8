/**
 * Turns stored log lines into export rows: `json` (one object per line) or `csv` (a header row, then
 * one row per log; RFC 4180 quoting, `\n` line ends).
 * @packageDocumentation
 */
import { TIMESTAMP_KEY } from "../store/log-line.js";

/** Formats rows of one export. */
export interface RowFormatter {
  /** Text written before the first row (the CSV header), or `""`. */
  readonly header: string;
  /** Whether `row` needs the parsed record (otherwise it takes the stored text as it is). */
  readonly needsRecord: boolean;
  /** One row including its line end. */
  row(text: string, record: Record<string, unknown> | undefined): string;
}

/**
 * Builds the formatter. Columns: `__TIMESTAMP__` first, then `derivedFields` when given, else every
 * field the topic has seen (sorted).
 */
export function rowFormatter(format: "json" | "csv", topicFields: readonly string[], derivedFields?: readonly string[]): RowFormatter {
  const columns = [TIMESTAMP_KEY, ...new Set((derivedFields ?? topicFields).filter((field) => field !== TIMESTAMP_KEY))];
  if (format === "csv") {
    return {
      header: `${columns.map(csvCell).join(",")}\n`,
      needsRecord: true,
      row: (_text, record) => `${columns.map((column) => csvCell(record?.[column])).join(",")}\n`,
    };
  }
  if (derivedFields === undefined) return { header: "", needsRecord: false, row: (text) => `${text}\n` };
  return {
    header: "",
    needsRecord: true,
    row: (_text, record) => {
      const projected: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const column of columns) if (record?.[column] !== undefined) projected[column] = record[column];
      return `${JSON.stringify(projected)}\n`;
    },
  };
}

/** One CSV cell: empty for missing values, quoted when it holds `,`, `"`, CR or LF. */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
