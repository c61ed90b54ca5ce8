/**
 * The architecture's arrows, checked in CI by `pnpm lint` (dependency-cruiser). Each rule's name is what a
 * failing run prints; its comment says why the arrow is forbidden. See docs/contributing.md.
 *
 *   spec → generator → packages/<service>/src/generated ─┐
 *                      packages/<service>/src/lib ───────┼──→ @tcsdk/core ──→ undici, lossless-json
 *   emulator, examples, bench (public entry points only) ┘
 */
/**
 * @tcsdk/core as a dependency: its files once it is built (the workspace link leads to its dist/), or its
 * package name before (the rules run before the build in CI, when a workspace package does not resolve yet).
 */
const CORE = ["^packages/core/", "^@tcsdk/core($|/)"];

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-knows-no-service",
      comment: "@tcsdk/core is shared by every service: it imports no service package, no emulator and no generator.",
      severity: "error",
      from: { path: "^packages/core/src/" },
      to: { path: "^(packages/(?!core/)|generator/|@tcsdk/(?!core($|/)))" },
    },
    {
      name: "generated-code-uses-only-core",
      comment: "Generated code imports only @tcsdk/core and its own generated files (it is regenerated, never edited).",
      severity: "error",
      from: { path: "^packages/([^/]+)/src/generated/" },
      to: { pathNot: ["^packages/$1/src/generated/", ...CORE], dependencyTypesNot: ["core"] },
    },
    {
      name: "service-lib-uses-its-generated-code-and-core",
      comment: "A service's handwritten src/lib may use its own src (generated code) and @tcsdk/core, nothing else but Node's modules.",
      severity: "error",
      from: { path: "^packages/([^/]+)/src/lib/" },
      to: { pathNot: ["^packages/$1/src/", ...CORE], dependencyTypesNot: ["core"] },
    },
    {
      name: "public-entry-points-only",
      comment: "Code outside a package uses its public entry points (the exports map → dist), never its src/ files.",
      severity: "error",
      from: { pathNot: "^packages/([^/]+)/" },
      to: { path: "^packages/[^/]+/src/" },
    },
    {
      name: "no-reaching-into-another-package",
      comment: "A package uses another only through its public entry points, never through its src/ files.",
      severity: "error",
      from: { path: "^packages/([^/]+)/" },
      to: { path: "^packages/[^/]+/src/", pathNot: "^packages/$1/" },
    },
    {
      name: "runtime-imports-no-test-bench-or-outside-code",
      comment: "Shipped code never imports tests, benchmarks, examples, or anything outside the repository (a sibling folder).",
      severity: "error",
      from: { path: "^(packages/[^/]+/src|generator/src)/" },
      to: { path: "(^|/)(test|tests|bench|examples)/|^\\.\\./|^/" },
    },
    {
      name: "nothing-imports-the-generator",
      comment: "The generator writes files and is run as a command; packages, emulator and benchmarks never import it.",
      severity: "error",
      from: { path: "^(packages|bench|examples)/" },
      to: { path: "^generator/" },
    },
    {
      name: "no-circular",
      comment:
        "Cycles of run-time imports make load order fragile and hide the layers. Type-only edges do not count; nor do " +
        "the validators of shapes the model defines in terms of each other (KeyValueInfo ↔ ValueInfo), which call each other.",
      severity: "error",
      from: { pathNot: "^packages/[^/]+/src/generated/validators/shapes/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that does not resolve fails at run time (workspace packages resolve once built).",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, pathNot: "^@tcsdk/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist|coverage|fixtures)/|\\.d\\.ts$" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      // a types-only package (undici-types) has "types" and no "main"
      mainFields: ["module", "main", "types"],
      conditionNames: ["import", "types", "default", "node"],
      extensions: [".ts", ".js", ".mjs", ".json"],
    },
    combinedDependencies: true,
  },
};
