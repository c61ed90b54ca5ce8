// @ts-check
/**
 * Builds core's JavaScript: `index.js` with all of core's own code, and the code core uses from its two
 * third-party libraries in a chunk each, loaded when first needed, so that an installed core has no
 * runtime dependencies but `undici-types` (types only):
 *
 * - undici's `Agent`, `EnvHttpProxyAgent` and `request()` (see `src/internal/undici-parts.cjs`), loaded
 *   on a client's first call;
 * - lossless-json's `parse` and `stringify`, loaded when a request holds a `bigint` or an answer a long
 *   integer.
 *
 * Node 20 spends about 0.5 ms on each ES module file it loads, more than parsing a few kilobytes of code
 * that never runs costs, so core's own modules are one file (`import("@tcsdk/core")` 14.8 → 10.1 ms
 * once they were, medians of 15 alternated runs) and a client's first call reads two more (undici's chunk
 * and esbuild's CommonJS helpers). The other entry points re-export from `index.js` (see `SUBPATHS`).
 *
 * undici's HTTP/2 client gets a stand-in for `node:http2` that loads the real module only if an HTTP/2
 * connection is made, which core's Agent never makes (`lazy-http2.mjs`); its fetch body code (for
 * FormData) and its parser without SIMD stay out of the chunk (`undici-trim.mjs`).
 *
 * Their licences are written to `dist/THIRD-PARTY-LICENSES.md`, from the packages the bundle read
 * (esbuild's metafile), so the list cannot fall behind the code. Declarations come from `tsc`, run
 * before this script (see package.json's `build`).
 *
 * The third-party chunks are minified, names kept (`minifyChunks`): a client's first call parses undici's
 * whole chunk, and minified it parses faster (first answer about 4 ms sooner on Node 20, 15 alternated
 * runs). Core's own `index.js` is not, so a stack trace through core reads as it is. No source maps:
 * they (with the TypeScript sources they point to) would add about a third to the installed size.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, transform } from "esbuild";
import { lazyHttp2Plugin } from "./lazy-http2.mjs";
import { copyLlhttpFallback, undiciTrimPlugin } from "./undici-trim.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

/**
 * The package's other entry points, each a subset of what `src/index.ts` exports. Built as entry points
 * of their own, they split index's code into chunks shared with them (signing, errors, credentials),
 * which `import("@tcsdk/core")` then read as extra files (about 0.5 ms each on Node 20). Instead each is
 * written as a module that re-exports its names from `index.js`: one copy of every class, so
 * `instanceof` holds whichever entry point an error came through.
 */
const SUBPATHS = ["signing", "errors", "credentials/index"];

const result = await build({
  absWorkingDir: root,
  entryPoints: ["src/index.ts"],
  outdir: "dist",
  outbase: "src",
  chunkNames: "chunks/[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  metafile: true,
  // the User-Agent's version, so that a bundled app needs no package.json of core's
  define: { TCSDK_CORE_VERSION: JSON.stringify(version) },
  logLevel: "warning",
  // undici's HTTP/2 client gets a stand-in for node:http2 that loads the real one on first use (see
  // lazy-http2.mjs), and code core's Agent never runs stays out of the chunk (see undici-trim.mjs)
  plugins: [lazyHttp2Plugin(), undiciTrimPlugin()],
  // undici is CommonJS and requires Node's built-in modules: in an ES module, `require` must be made
  banner: {
    js: 'import { createRequire as __tcsdkCreateRequire } from "node:module";\nconst require = __tcsdkCreateRequire(import.meta.url);',
  },
});

/**
 * Minifies each chunk in `dist/chunks` (undici's, lossless-json's, esbuild's helpers): third-party code,
 * its function and class names kept for stack traces and for code that reads them.
 */
async function minifyChunks() {
  const folder = path.join(root, "dist", "chunks");
  for (const file of readdirSync(folder).filter((name) => name.endsWith(".js"))) {
    const source = readFileSync(path.join(folder, file), "utf8");
    const { code } = await transform(source, { minify: true, keepNames: true, format: "esm", target: "node20", logLevel: "warning" });
    writeFileSync(path.join(folder, file), code);
  }
}
await minifyChunks();

for (const subpath of SUBPATHS) {
  // the names the entry point exports at run time (types have none), as esbuild reads them
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: [`src/${subpath}.ts`],
    outdir: "dist",
    bundle: true,
    format: "esm",
    platform: "node",
    packages: "external",
    write: false,
    metafile: true,
    logLevel: "warning",
  });
  const names = Object.values(metafile.outputs).find((output) => output.entryPoint !== undefined)?.exports ?? [];
  if (names.length === 0) throw new Error(`src/${subpath}.ts exports nothing at run time`);
  const index = path.posix.relative(path.posix.dirname(`dist/${subpath}`), "dist/index.js");
  const specifier = index.startsWith(".") ? index : `./${index}`;
  writeFileSync(path.join(root, "dist", `${subpath}.js`), `export { ${[...names].sort().join(", ")} } from "${specifier}";\n`);
}

/** The folder of each third-party package the bundle read, by `name@version`. */
const bundled = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
  if (match === null) continue;
  const folder = path.join(root, match[1]);
  const manifest = JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8"));
  bundled.set(`${manifest.name}@${manifest.version}`, { folder, manifest });
}
const undici = [...bundled.values()].find(({ manifest }) => manifest.name === "undici");
if (undici === undefined) throw new Error("the bundle read no file of undici's");
copyLlhttpFallback(undici.folder, path.join(root, "dist", "chunks"));

const sections = [...bundled]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([id, { folder, manifest }]) => {
    const file = readdirSync(folder).find((name) => /^licen[cs]e(\.md|\.txt)?$/i.test(name));
    if (file === undefined) throw new Error(`${id} is bundled into core but ships no licence file`);
    const source = manifest.repository?.url ?? manifest.homepage ?? "";
    return `## ${id}\n\nLicence: ${manifest.license}. Source: ${source}\n\n\`\`\`text\n${readFileSync(path.join(folder, file), "utf8").trim()}\n\`\`\`\n`;
  });
if (!existsSync(path.join(root, "dist"))) throw new Error("esbuild wrote no dist folder");
writeFileSync(
  path.join(root, "dist", "THIRD-PARTY-LICENSES.md"),
  `# Third-party code in @tcsdk/core\n\nThe chunks in \`dist/chunks\` hold code of these packages, bundled at build time:\n\n${sections.join("\n")}`,
);
