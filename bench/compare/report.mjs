// @ts-check
/**
 * The comparison bench's results: the targets of issue 10 checked against this run's numbers, a text
 * table for the terminal and the Markdown page `docs/benchmarks.md`. Every number on the page comes
 * from the results object; nothing is typed in.
 * @module
 */

/** @param {number} n @param {number} [digits] */
const fixed = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
/** @param {number} bytes */
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
/** @param {number} n */
const int = (n) => Math.round(n).toLocaleString("en-US");

/**
 * Cold-start overheads (first answer minus bare node) of one runtime and cache setting.
 * @param {any[]} cold
 * @param {string} runtime
 * @param {boolean} compileCache
 */
export function coldOverheads(cold, runtime, compileCache) {
  const cell = (/** @type {string} */ target) =>
    cold.find((c) => c.runtime === runtime && c.compileCache === compileCache && c.target === target);
  const bare = cell("bare");
  if (bare === undefined) return undefined;
  const over = (/** @type {string} */ target) => (cell(target)?.totalMs ?? Number.NaN) - bare.totalMs;
  return {
    bare: bare.totalMs,
    tcsdk: over("tcsdk"),
    bundled: over("tcsdk bundled"),
    official: over("official"),
    http: over("node:http"),
    ratio: over("tcsdk") / over("official"),
  };
}

/**
 * The targets of issue 10, each with its kind, the measured value and whether it holds.
 * @param {any} r results
 * @returns {{ kind: string, target: string, measured: string, holds: boolean }[]}
 */
export function verdicts(r) {
  /** @type {{ kind: string, target: string, measured: string, holds: boolean }[]} */
  const rows = [];
  const node20 = coldOverheads(r.cold, r.runtimes[0].label, false);
  if (node20 !== undefined) {
    rows.push({
      kind: "cold",
      target: `cold start overhead (first answer − bare node), ${r.runtimes[0].label}: tcsdk ≤ 0.6 × official`,
      measured: `${fixed(node20.tcsdk)} ms vs ${fixed(node20.official)} ms: ${fixed(node20.ratio, 2)}×`,
      holds: node20.ratio <= 0.6,
    });
  }
  for (const concurrency of [1, 32]) {
    const cpu = (/** @type {string} */ target) => r.calls[`${target} ${concurrency}`].cpuUs;
    const toFloor = cpu("tcsdk") / cpu("floor");
    const toOfficial = cpu("tcsdk") / cpu("official");
    rows.push({
      kind: "cpu",
      target: `client CPU per call, c=${concurrency}: tcsdk ≤ 1.15 × floor`,
      measured: `${fixed(cpu("tcsdk"), 0)} µs vs ${fixed(cpu("floor"), 0)} µs: ${fixed(toFloor, 2)}×`,
      holds: toFloor <= 1.15,
    });
    rows.push({
      kind: "cpu",
      target: `client CPU per call, c=${concurrency}: tcsdk ≤ 0.55 × official`,
      measured: `${fixed(cpu("tcsdk"), 0)} µs vs ${fixed(cpu("official"), 0)} µs: ${fixed(toOfficial, 2)}×`,
      holds: toOfficial <= 0.55,
    });
  }
  const ours = r.footprint["@tcsdk/cls"].bytes;
  const intl = r.footprint["tencentcloud-sdk-nodejs-intl-en"].bytes;
  rows.push({
    kind: "footprint",
    target: "installed footprint: @tcsdk/cls + runtime dependencies ≤ 1/10 of tencentcloud-sdk-nodejs-intl-en",
    measured: `${mb(ours)} vs ${mb(intl)}: ${fixed(ours / intl, 3)}×`,
    holds: ours / intl <= 0.1,
  });
  const growth = r.load.rssEnd / r.load.rssMeasuredStart - 1;
  const heapGrowth = r.load.heapEnd / r.load.heapMeasuredStart - 1;
  rows.push({
    kind: "load",
    target: "load: zero failed calls, RSS and heap flat (end ≤ 1.10 × start, after the warm-up, each after a full GC)",
    measured:
      `${r.load.failed} failed of ${int(r.load.warmup + r.load.calls)}; RSS ${mb(r.load.rssMeasuredStart)} → ${mb(r.load.rssEnd)} ` +
      `(${fixed(growth * 100)} %), heap ${mb(r.load.heapMeasuredStart)} → ${mb(r.load.heapEnd)} (${fixed(heapGrowth * 100)} %)`,
    holds: r.load.failed === 0 && growth <= 0.1 && heapGrowth <= 0.1,
  });
  if (r.download !== undefined) {
    rows.push({
      kind: "download",
      target: "1 GB download: ≥ 2^30 bytes written, peak RSS < 150 MB, output checked",
      measured: `${mb(r.download.bytesWritten)}, peak ${mb(r.download.maxRssKiB * 1024)}`,
      holds: r.download.failures.length === 0,
    });
  }
  return rows;
}

/** @param {any} r */
function coldTable(r) {
  const lines = [
    "| Node | compile cache | bare node | tcsdk overhead | tcsdk bundled (esbuild) overhead | official overhead | node:http overhead | tcsdk ÷ official | tcsdk: import + first call |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  const empty = " | | | | | |";
  for (const runtime of r.runtimes) {
    if (!("execPath" in runtime)) {
      lines.push(`| ${runtime.label} | | not measured: ${runtime.error.replaceAll("|", "/")}${empty}`);
      continue;
    }
    for (const compileCache of [false, true]) {
      const o = coldOverheads(r.cold, runtime.label, compileCache);
      if (o === undefined) {
        if (compileCache) lines.push(`| ${runtime.label} (${runtime.version}) | on | not available in this version${empty}`);
        continue;
      }
      const tc = r.cold.find(
        (/** @type {any} */ c) => c.runtime === runtime.label && c.compileCache === compileCache && c.target === "tcsdk",
      );
      lines.push(
        `| ${runtime.label} (${runtime.version}) | ${compileCache ? "on" : "off"} | ${fixed(o.bare)} ms | +${fixed(o.tcsdk)} ms | ` +
          `+${fixed(o.bundled)} ms | +${fixed(o.official)} ms | +${fixed(o.http)} ms | ${fixed(o.ratio, 2)}× | ${fixed(tc.importMs)} + ${fixed(tc.callMs)} ms |`,
      );
    }
  }
  return lines.join("\n");
}

/** @param {any} r */
function cacheSummary(r) {
  const lines = [];
  for (const runtime of r.runtimes) {
    const off = coldOverheads(r.cold, runtime.label, false);
    const on = coldOverheads(r.cold, runtime.label, true);
    if (off === undefined || on === undefined) continue;
    lines.push(
      `- ${runtime.label}: tcsdk's overhead ${fixed(off.tcsdk)} → ${fixed(on.tcsdk)} ms with the cache (${signedPercent(on.tcsdk / off.tcsdk - 1)}); ` +
        `bundled by esbuild, ${fixed(off.bundled)} → ${fixed(on.bundled)} ms; the official SDK's ${fixed(off.official)} → ${fixed(on.official)} ms.`,
    );
  }
  return lines.length > 0 ? lines.join("\n") : "- No runtime with `NODE_COMPILE_CACHE` could be measured.";
}

/** @param {any} r */
function callsTable(r) {
  const lines = [
    "| target | CPU per call, c=1 | calls/s, c=1 | CPU per call, c=32 | calls/s, c=32 | CPU ÷ floor (c=1 / c=32) |",
    "|---|---|---|---|---|---|",
  ];
  for (const target of ["floor", "tcsdk", "official"]) {
    const c1 = r.calls[`${target} 1`];
    const c32 = r.calls[`${target} 32`];
    const f1 = r.calls["floor 1"].cpuUs;
    const f32 = r.calls["floor 32"].cpuUs;
    lines.push(
      `| ${target} | ${fixed(c1.cpuUs, 0)} µs | ${int(c1.callsPerSecond)} | ${fixed(c32.cpuUs, 0)} µs | ${int(c32.callsPerSecond)} | ${fixed(c1.cpuUs / f1, 2)}× / ${fixed(c32.cpuUs / f32, 2)}× |`,
    );
  }
  return lines.join("\n");
}

/** @param {any} r */
function footprintTable(r) {
  const lines = ["| package (with its runtime dependencies) | installed bytes | packages |", "|---|---|---|"];
  for (const [name, entry] of Object.entries(r.footprint))
    lines.push(`| \`${name}\` | ${mb(entry.bytes)} | ${entry.packages.length}: ${entry.packages.join(", ")} |`);
  return lines.join("\n");
}

/**
 * The terminal table: one line per row.
 * @param {any} r
 */
export function renderTable(r) {
  /** @type {[string, string][]} */
  const rows = [["environment", `Node ${r.environment.node}, ${r.environment.platform}, ${r.environment.cpus}`]];
  for (const concurrency of [1, 32]) {
    for (const target of ["floor", "tcsdk", "official"]) {
      const cell = r.calls[`${target} ${concurrency}`];
      rows.push([`CPU per call, c=${concurrency}, ${target}`, `${fixed(cell.cpuUs, 0)} µs, ${int(cell.callsPerSecond)} calls/s`]);
    }
  }
  for (const runtime of r.runtimes) {
    for (const compileCache of [false, true]) {
      const o = coldOverheads(r.cold, runtime.label, compileCache);
      if (o === undefined) continue;
      rows.push([
        `cold start, ${runtime.label}${compileCache ? " + compile cache" : ""}`,
        `bare ${fixed(o.bare)} ms; over bare: tcsdk +${fixed(o.tcsdk)} (bundled +${fixed(o.bundled)}), official +${fixed(o.official)}, node:http +${fixed(o.http)} ms (${fixed(o.ratio, 2)}×)`,
      ]);
    }
  }
  for (const [name, entry] of Object.entries(r.footprint)) rows.push([`footprint ${name}`, mb(entry.bytes)]);
  rows.push(["validation, valid / invalid", `${fixed(r.validation.validNs, 0)} / ${fixed(r.validation.invalidNs, 0)} ns per call`]);
  rows.push([
    `load, ${int(r.load.calls)} calls at c=64 after ${int(r.load.warmup)}`,
    `${int(r.load.callsPerSecond)} calls/s, p50 ${fixed(r.load.p50Ms, 2)} ms, p99 ${fixed(r.load.p99Ms, 2)} ms, ${r.load.failed} failed (warm-up included), RSS ${mb(r.load.rssStart)} / ${mb(r.load.rssMeasuredStart)} / ${mb(r.load.rssEnd)}`,
  ]);
  if (r.download !== undefined) {
    const d = r.download;
    rows.push(["download", `${fixed(d.bytesWritten / 1e6 / d.downloadSeconds)} MB/s uncompressed, peak RSS ${mb(d.maxRssKiB * 1024)}`]);
  }
  for (const v of r.verdicts) rows.push([v.target, `${v.measured}  ${v.holds ? "✓" : "✗"}`]);
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  return rows.map(([name, value]) => `${name.padEnd(width)}${value}`).join("\n");
}

/**
 * The page `docs/benchmarks.md`.
 * @param {any} r
 */
export function renderPage(r) {
  const e = r.environment;
  const v = r.verdicts;
  const missed = v.filter((/** @type {any} */ row) => !row.holds);
  const load = r.load;
  const d = r.download;
  return `<!-- Generated by \`pnpm bench\` (bench/bench.mjs): do not edit by hand, re-run it. -->
# Benchmarks: tcsdk, Tencent's official SDK and the undici floor

Measured by \`pnpm bench\` on ${e.date} at commit \`${e.commit}\`: ${e.platform}, ${e.cpus}, ${e.memory}, Node ${e.node}
(load average ${fixed(e.loadBefore, 2)} when it started); the run took ${fixed(r.seconds / 60)} minutes. Every figure here
comes from that one run: medians of rounds that interleave the targets, and ratios of those medians. Loopback only;
the machine is shared, so compare rows of the same run, not runs of different days.

\`\`\`sh
pnpm install && pnpm build     # the bench measures the built packages
pnpm bench                     # node bench/bench.mjs; --help for its options (--skip-download, --no-write, --json)
\`\`\`

## Which targets hold (issue 10)

| target | this run | holds |
|---|---|---|
${v.map((/** @type {any} */ row) => `| ${row.target} | ${row.measured} | ${row.holds ? "yes" : "**no**"} |`).join("\n")}

${missed.length === 0 ? "Every target holds in this run." : `Missed in this run, with what the same run shows about why:\n\n${missedNotes(r)}`}

## Client CPU per call

CreateExport against a local server (its own process) that gives one fixed answer. Each sample is a fresh process:
${int(r.calls["tcsdk 1"].warmup)} unmeasured calls (the steady state of a busy service: a fresh process's CPU per call falls by about
two thirds over its first 2,000 to 3,000 calls at c=1, as V8 optimises the hot code; see bench/README.md), then
${int(r.calls["tcsdk 1"].measured)} calls; CPU is \`process.cpuUsage()\` (user + system) of the client process divided by the calls.
${r.calls["tcsdk 1"].samples} rounds, the targets interleaved in each, in an order that changes from round to round (shifted by one, and backwards in odd rounds). ${
    e.pinned
      ? "Pinned with `taskset`: the fixed server on CPU 0, the measured client on CPU 1 (left to the scheduler, a client's CPU per call moved by up to 70 µs from one sample to the next)."
      : "Not pinned to CPUs (no `taskset`, or a single CPU): expect wider spreads."
  }

- **floor**: an undici \`Pool\` and \`request()\`, TC3-HMAC-SHA256 signed inline (the day's key derived once), the answer read with \`JSON.parse\`.
- **tcsdk**: \`new ClsClient({ …, rateLimit: false }).createExport(input)\`: validation, signing, transport, answer checks.
- **official**: \`tencentcloud-sdk-nodejs-common\`'s \`CommonClient.request("CreateExport", input)\`.

${callsTable(r)}

## Cold start: process start → first answer

A fresh process per sample, from just before \`spawn()\` to the first line it prints after the answer, on the same fixed
server; the next sample starts once the process has exited (one that used undici takes 110–180 ms more to exit, V8
finishing its optimising compile of undici's llhttp WebAssembly, and a sample started beside that ran slower); ${r.cold[0]?.samples ?? 0} rounds, every runtime, cache setting and target interleaved in each round (the targets in an order that changes from round to round). Overhead is
the row minus bare \`node\` (an ES module that only prints). tcsdk imports \`@tcsdk/cls\` (the whole client, every action)
and calls \`createExport\`; "tcsdk bundled" is the same script bundled by esbuild with code splitting (each action a chunk
loaded on first call), as a serverless app may ship it (it needs nothing from node_modules: core carries the undici code it runs); the official SDK is \`require\`d, as its README shows;
node:http is a bare request, no signing.
Node 22 and 24 come from \`npx -p node@22\` / \`node@24\`. With the compile cache, \`NODE_COMPILE_CACHE\` points at a folder
that one unmeasured run of each target filled.

${coldTable(r)}

What \`NODE_COMPILE_CACHE\` buys (see the README's section for serverless functions):

${cacheSummary(r)}

## Installed footprint

Bytes of the files installed, each package with its \`dependencies\` followed recursively and counted once: a registry
package counts its folder in node_modules, a tcsdk package what \`npm pack\` would publish.

${footprintTable(r)}

## Validation

Core's \`validateInput\` with CLS's generated CreateExport validator, in one process, median of 7 loops of 100,000 calls:
**${fixed(r.validation.validNs, 0)} ns** per valid input, **${fixed(r.validation.invalidNs, 0)} ns** per invalid one (an
empty \`Query\`, which builds and throws the error: \`${r.validation.invalidMessage}\`).

## Load against the emulator

${int(load.warmup)} unmeasured, then ${int(load.calls)} measured DescribeExports calls at concurrency 64 through \`@tcsdk/cls\` against
\`tcsdk-cls-emulator\` (its own process, rate limit raised to 1,000,000 per second; the client's raised alike). Start and end
are taken after a full garbage collection (\`gc()\`), outside the timed calls: the heap then holds only what is still
referenced, not garbage waiting for V8's next mark-compact. Calls/s and latency are the measured calls'; failed counts the
warm-up's too.

| calls/s | p50 latency | p99 latency | failed | RSS before the first call / at the start of the measured calls / at the end | heap used at the start / at the end |
|---|---|---|---|---|---|
| ${int(load.callsPerSecond)} | ${fixed(load.p50Ms, 2)} ms | ${fixed(load.p99Ms, 2)} ms | ${load.failed}${load.firstError ? ` (${load.firstError})` : ""} | ${mb(load.rssStart)} / ${mb(load.rssMeasuredStart)} / ${mb(load.rssEnd)} | ${mb(load.heapMeasuredStart)} / ${mb(load.heapEnd)} |

RSS / heap used after each tenth of the measured calls, as they stand: ${load.timeline.map((/** @type {any} */ t) => `${fixed(t.rss / 1e6, 0)} / ${fixed(t.heapUsed / 1e6, 0)} MB`).join(", ")}.
Why the warm-up: under this load V8 grows its young generation towards its largest size as the short-lived objects of 64
calls in flight survive scavenges, and RSS rises by about 20 MB in steps over the first 10,000 to 15,000 calls while the
heap held after a full collection stays flat; with the young generation fixed at its largest from the start, RSS over
20,000 calls grew by about 1 % (bench/README.md). A leak would still grow after the warm-up.

## The 1 GB export download

${
  d === undefined
    ? "Not run (`--skip-download`)."
    : `\`bench/download-1gb.mjs\` (see [bench/README.md](../bench/README.md)): ${mb(d.bytesWritten)} written from ${mb(d.compressedBytes)} downloaded in ` +
      `${fixed(d.downloadSeconds, 2)} s: **${fixed(d.bytesWritten / 1e6 / d.downloadSeconds)} MB/s** uncompressed ` +
      `(${fixed(d.compressedBytes / 1e6 / d.downloadSeconds)} MB/s compressed), peak RSS **${mb(d.maxRssKiB * 1024)}**` +
      `${d.failures.length > 0 ? `; failed: ${d.failures.join("; ")}` : ""}.`
}
`;
}

/** Markers of the README block that `pnpm bench` rewrites with this run's cold-start numbers. */
export const README_BLOCK = { start: "<!-- bench:serverless:start -->", end: "<!-- bench:serverless:end -->" };

/**
 * The README's serverless block: cold-start overheads of this run, with and without the compile cache
 * and bundling, per Node version.
 * @param {any} r
 */
export function renderServerlessBlock(r) {
  const lines = [
    `Measured by \`pnpm bench\` on ${r.environment.date} (${r.environment.cpus}, loopback, medians of ${r.cold[0]?.samples ?? 0} ` +
      "interleaved runs; every figure in [docs/benchmarks.md](docs/benchmarks.md)): process start → first CreateExport answer, " +
      "minus bare `node`.",
    "",
    "| Node | tcsdk | tcsdk, compile cache filled | tcsdk bundled (esbuild, code splitting) | bundled, compile cache filled | official SDK | official SDK, compile cache filled |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const runtime of r.runtimes) {
    if (!("execPath" in runtime)) {
      lines.push(`| ${runtime.label} | not measured: could not be installed here | | | | | |`);
      continue;
    }
    const off = coldOverheads(r.cold, runtime.label, false);
    const on = coldOverheads(r.cold, runtime.label, true);
    if (off === undefined) continue;
    const ms = (/** @type {number | undefined} */ value) => (value === undefined ? "no cache in this version" : `+${fixed(value, 0)} ms`);
    lines.push(
      `| ${runtime.version} | ${ms(off.tcsdk)} | ${ms(on?.tcsdk)} | ${ms(off.bundled)} | ${ms(on?.bundled)} | ${ms(off.official)} | ${ms(on?.official)} |`,
    );
  }
  return lines.join("\n");
}

/**
 * `text` with the README block between {@link README_BLOCK}'s markers replaced; unchanged without them.
 * @param {string} text
 * @param {string} block
 */
export function replaceReadmeBlock(text, block) {
  const start = text.indexOf(README_BLOCK.start);
  const end = text.indexOf(README_BLOCK.end);
  if (start === -1 || end < start) return text;
  return `${text.slice(0, start + README_BLOCK.start.length)}\n${block}\n${text.slice(end)}`;
}

/**
 * One bullet per kind of missed target, from this run's own numbers.
 * @param {any} r
 */
function missedNotes(r) {
  const kinds = new Set(r.verdicts.filter((/** @type {any} */ v) => !v.holds).map((/** @type {any} */ v) => v.kind));
  const notes = [];
  if (kinds.has("cold")) {
    const tc = r.cold.find((/** @type {any} */ c) => c.runtime === r.runtimes[0].label && !c.compileCache && c.target === "tcsdk");
    notes.push(
      `- cold start: importing \`@tcsdk/cls\` took ${fixed(tc?.importMs)} ms and the first call ${fixed(tc?.callMs)} ms; undici's \`Agent\` ` +
        `alone loads in ${fixed(r.parts.builtinsMs + r.parts.agentMs)} ms in a process of its own, ${fixed(r.parts.builtinsMs)} ms of it the ` +
        "built-ins `node:assert` and `node:http2` that undici requires at load.",
    );
  }
  if (kinds.has("cpu")) {
    const ratio = (/** @type {string} */ a, /** @type {string} */ b, /** @type {number} */ c) =>
      fixed(r.calls[`${a} ${c}`].cpuUs / r.calls[`${b} ${c}`].cpuUs, 2);
    notes.push(
      `- client CPU: in this run the floor itself was ${ratio("floor", "official", 1)}× the official SDK at c=1 and ` +
        `${ratio("floor", "official", 32)}× at c=32; tcsdk ${ratio("tcsdk", "floor", 1)}× and ${ratio("tcsdk", "floor", 32)}× the floor. ` +
        "At c=1 each client's request write also wakes the idle server, the same cost for all three (see bench/README.md).",
    );
  }
  if (kinds.has("footprint")) {
    const parts = r.footprint["@tcsdk/cls"].parts.map((/** @type {any} */ p) => `${p.id} ${mb(p.bytes)}`).join(", ");
    notes.push(`- footprint: ${parts}.`);
  }
  if (kinds.has("load")) {
    notes.push(
      `- load: ${r.load.failed} failed${r.load.firstError ? ` (first: ${r.load.firstError})` : ""}; RSS after each tenth: ` +
        `${r.load.timeline.map((/** @type {any} */ t) => fixed(t.rss / 1e6, 0)).join(", ")} MB; heap held after a full GC ` +
        `${mb(r.load.heapMeasuredStart)} → ${mb(r.load.heapEnd)}.`,
    );
  }
  if (kinds.has("download")) notes.push(`- download: ${r.download.failures.join("; ")}.`);
  notes.push("", "What was tried, with the profiles' numbers, is in [bench/README.md](../bench/README.md#issue-10-what-was-tried).");
  return notes.join("\n");
}

/** A relative change as `−12 %` or `+3 %`. @param {number} change e.g. -0.12 */
function signedPercent(change) {
  return `${change < 0 ? "−" : "+"}${fixed(Math.abs(change) * 100, 0)} %`;
}
