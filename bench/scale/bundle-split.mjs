// @ts-check
/**
 * An app bundled with code splitting (esbuild, ESM, minified): the entry imports `@tcsdk/cls` from a
 * package folder and calls `createExport`. Reports the bytes of the startup chunk (the entry and every
 * chunk it imports statically) and of what the `createExport` call loads on top (the chunk holding the
 * action's operation module and the chunks it imports statically).
 * @module
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";

/**
 * @param {string} packageDir a built `@tcsdk/cls` package folder (with `dist/`)
 * @returns {Promise<{ startupBytes: number, actionBytes: number, chunks: number }>}
 */
export async function bundleSplit(packageDir) {
  const work = mkdtempSync(path.join(tmpdir(), "tcsdk-bundle-"));
  try {
    const entry = path.join(work, "app.mjs");
    writeFileSync(
      entry,
      [
        `import { ClsClient } from ${JSON.stringify(path.join(packageDir, "dist/index.js"))};`,
        "const client = new ClsClient({ region: 'ap-guangzhou' });",
        "await client.createExport({ TopicId: 't', Query: '*', Count: 1, From: 0, To: 1 });",
      ].join("\n"),
    );
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      minify: true,
      outdir: path.join(work, "out"),
      metafile: true,
      logLevel: "silent",
    });
    const outputs = result.metafile.outputs;
    /** @param {string} file @param {Set<string>} seen */
    const withStatic = (file, seen) => {
      if (seen.has(file)) return seen;
      seen.add(file);
      for (const item of outputs[file]?.imports ?? []) if (item.kind === "import-statement") withStatic(item.path, seen);
      return seen;
    };
    // Each chunk a dynamic import() makes is an entry point too: the app's is the one built from app.mjs.
    const entryFile = Object.keys(outputs).find((file) => outputs[file]?.entryPoint?.endsWith("app.mjs") === true);
    if (entryFile === undefined) throw new Error("no entry chunk");
    const startup = withStatic(entryFile, new Set());
    // The action's module: tsc's `operations/create-export.js`, or the chunk the package's own bundle
    // made of it, which its loader table names (`createExport: () => import("./chunks/….js")`).
    const bundled = /createExport: \(\) => import\("\.\/(chunks\/[^"]+)"\)/.exec(
      readFileSync(path.join(packageDir, "dist", "index.js"), "utf8"),
    )?.[1];
    const actionModule = bundled ?? "generated/operations/create-export.js";
    const actionChunk = Object.keys(outputs).find((file) =>
      Object.keys(outputs[file]?.inputs ?? {}).some((input) => input.endsWith(actionModule)),
    );
    if (actionChunk === undefined) throw new Error("no chunk holds the CreateExport operation");
    const action = [...withStatic(actionChunk, new Set())].filter((file) => !startup.has(file));
    const bytes = (/** @type {Iterable<string>} */ files) => [...files].reduce((sum, file) => sum + (outputs[file]?.bytes ?? 0), 0);
    return { startupBytes: bytes(startup), actionBytes: bytes(action), chunks: Object.keys(outputs).length };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
