import { defineConfig } from "vitest/config";

/** Tests of @tcsdk/cls: real node:http servers on 127.0.0.1 (port 0), closed after each test. */
export default defineConfig({
  test: {
    name: "cls",
    include: ["test/**/*.test.ts"],
    testTimeout: 20000,
    hookTimeout: 20000,
  },
});
