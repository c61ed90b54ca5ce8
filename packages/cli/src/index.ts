/**
 * `@tcsdk/cli`: the `tcsdk` command. Run it as `npx tcsdk …` (or `tcsdk` once installed globally); this
 * module exports what it runs, for embedding and tests.
 *
 * @example
 * ```sh
 * tcsdk cls export --region ap-guangzhou --topic <TopicId> --query 'status:500' --last 1h --out errors.ndjson
 * tcsdk cls DescribeExports --region ap-guangzhou --topic-id <TopicId> --limit 5
 * ```
 * @packageDocumentation
 */
export type { CliContext, OutputStream } from "./context.js";
export { ExitCode } from "./exit-codes.js";
export { type RunOptions, runCli } from "./main.js";
