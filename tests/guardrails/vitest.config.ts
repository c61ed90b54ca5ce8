import { defineConfig } from "vitest/config";

/** Guardrails: `pnpm lint` broken on purpose (on a copy of the repository's tracked files), and the bench scripts' command lines. */
export default defineConfig({
  test: {
    name: "guardrails",
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
