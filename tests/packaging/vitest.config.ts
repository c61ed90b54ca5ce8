import { defineConfig } from "vitest/config";

/**
 * Packaging checks of the publishable packages, on the tarballs `pnpm pack` makes from their built
 * `dist/` (the root `test` script builds first). The global setup packs once for every file; the
 * packed install talks to the npm registry, hence the generous timeouts.
 */
export default defineConfig({
  test: {
    name: "packaging",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/pack-packages.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
