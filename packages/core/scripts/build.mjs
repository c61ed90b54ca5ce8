// @ts-check
/**
 * Builds core's JavaScript: one ES module per entry point, with shared and first-use chunks, and the
 * code core uses from its two third-party libraries bundled into those chunks, so that an installed core
 * has no runtime dependencies but `undici-types` (types only):
 *
 * - undici's `Agent`, `EnvHttpProxyAgent` and `request()` (see `src/internal/undici-modules.ts`), loaded
 *   on a client's first call;
 * - lossless-json's `parse` and `stringify`, loaded when a request holds a `bigint` or an answer a long
 *   integer.
 *
 * Their licences are written to `dist/THIRD-PARTY-LICENSES.md`, from the packages the bundle read
 * (esbuild's metafile), so the list cannot fall behind the code. Declarations come from `tsc`, run
 * before this script (see package.json's `build`).
 *
 * No source maps: the JavaScript is not minified, so a stack trace reads as it is, and maps (with the
 * TypeScript sources they point to) would add about a third to the installed size.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

const result = await build({
  absWorkingDir: root,
  entryPoints: ["src/index.ts", "src/signing.ts", "src/errors.ts", "src/credentials/index.ts"],
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
  // undici is CommonJS and requires Node's built-in modules: in an ES module, `require` must be made
  banner: {
    js: 'import { createRequire as __tcsdkCreateRequire } from "node:module";\nconst require = __tcsdkCreateRequire(import.meta.url);',
  },
});

/** The folder of each third-party package the bundle read, by `name@version`. */
const bundled = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
  if (match === null) continue;
  const folder = path.join(root, match[1]);
  const manifest = JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8"));
  bundled.set(`${manifest.name}@${manifest.version}`, { folder, manifest });
}

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
