/**
 * `@tcsdk/generator`: reads tcsdk JSON specs, validates them, builds one model and emits typed client packages.
 * @packageDocumentation
 */
export { runCli, type CliIo } from "./cli/run-cli.js";
export { emitPackage } from "./emit/emit-package.js";
export { GENERATED_DIR, headerLine, type GeneratedFile } from "./emit/generated-file.js";
export { generate, generateFiles, readPackageIdentity, type GenerateOptions, type GenerateResult } from "./generate.js";
export { loadSpec, type LoadOptions } from "./load/load-spec.js";
export { formatIssue, SpecError, type SpecIssue } from "./load/spec-issue.js";
export { buildModel, type PackageIdentity } from "./model/build-model.js";
export { inputSchema, inputShapeSchema, outputSchema } from "./schema/json-schema.js";
export { validatorsFor, type CompiledInput, type ValidatorSet } from "./schema/validator-set.js";
export type * from "./model/types.js";
export { diffOutput, isClean, writeOutput, type OutputDiff } from "./output/sync-output.js";
