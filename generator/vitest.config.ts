import { defineConfig } from "vitest/config";

/** Tests of @tcsdk/generator: broken specs, goldens (compiled with strict tsc), drift check, emitter tables. */
export default defineConfig({
  test: {
    name: "generator",
    include: ["test/**/*.test.ts"],
    testTimeout: 60000,
    hookTimeout: 60000,
  },
});
