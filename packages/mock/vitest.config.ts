import { defineConfig } from "vitest/config";

/** Tests of the mock: every action of every service through its generated client, and the official SDK, against mock servers on 127.0.0.1. */
export default defineConfig({
  test: {
    name: "mock",
    include: ["test/**/*.test.ts"],
    testTimeout: 20000,
    hookTimeout: 20000,
  },
});
