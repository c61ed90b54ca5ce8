import { defineConfig } from "vitest/config";

/** One vitest run over every workspace package, so CI prints a single summary. */
export default defineConfig({
  test: {
    projects: ["packages/*", "generator", "tests/*", "examples/*"],
    reporters: ["default", "./.ci/summary-reporter.ts"],
  },
});
