import { defineConfig } from "vitest/config";

/** Tests of @tcsdk/cls: real node:http servers on 127.0.0.1 (port 0), closed after each test. */
export default defineConfig({
  test: {
    name: "cls",
    include: ["test/**/*.test.ts"],
    testTimeout: 20000,
    hookTimeout: 20000,
    // Core's built code (the undici it bundles included) runs natively, as in an app, not through
    // vite's module runner: the load test measures the heap, and the runner's bookkeeping of a bundled
    // undici grows it by about 3 KB per call (native: flat).
    server: { deps: { external: [/\/packages\/core\/dist\//] } },
  },
});
