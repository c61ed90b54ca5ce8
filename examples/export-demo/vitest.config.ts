import { defineConfig } from "vitest/config";

/** The demo run as a user runs it: a child process that must exit 0. */
export default defineConfig({
  test: { name: "export-demo", include: ["test/**/*.test.ts"], testTimeout: 60_000 },
});
