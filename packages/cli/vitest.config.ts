import { defineConfig } from "vitest/config";

/** Tests of @tcsdk/cli: the tcsdk command spawned against the CLS emulator on 127.0.0.1, under a pipe and a pseudo-terminal. */
export default defineConfig({
  test: {
    name: "cli",
    include: ["test/**/*.test.ts"],
    testTimeout: 20000,
    hookTimeout: 20000,
  },
});
