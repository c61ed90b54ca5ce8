import { defineConfig } from "vitest/config";

/** Tests of @tcsdk/credential-providers: a local STS stand-in (the mock) on 127.0.0.1, counting calls. */
export default defineConfig({
  test: {
    name: "credential-providers",
    include: ["test/**/*.test.ts"],
    testTimeout: 20000,
    hookTimeout: 20000,
  },
});
