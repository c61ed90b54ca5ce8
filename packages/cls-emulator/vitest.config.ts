import { defineConfig } from "vitest/config";

/** Tests of the CLS emulator: real servers on 127.0.0.1, temp data dirs. */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20000,
    hookTimeout: 20000,
  },
});
