// @ts-check
/**
 * Samples the resident set size of this process at a fixed interval, keeping the largest sample (with
 * the heap figures at that moment) and a bounded timeline.
 * @module
 */

/**
 * Summary of the samples.
 * @typedef {object} RssSamples
 * @property {number} count Samples taken.
 * @property {number} minBytes Smallest RSS sampled.
 * @property {number} medianBytes Median RSS sampled.
 * @property {number} maxBytes Largest RSS sampled.
 * @property {NodeJS.MemoryUsage | undefined} atMax `process.memoryUsage()` when the largest RSS was sampled.
 * @property {Array<[number, number]>} timeline Up to `maxTimeline` `[ms since start, RSS bytes]` pairs, evenly thinned.
 */

/**
 * Starts sampling `process.memoryUsage.rss()` every `intervalMs` (the timer does not keep the process alive).
 *
 * @param {{ intervalMs?: number, maxTimeline?: number }} [options]
 * @returns {{ sample: () => void, stop: () => RssSamples }}
 */
export function startRssSampler(options = {}) {
  const { intervalMs = 100, maxTimeline = 40 } = options;
  const began = performance.now();
  /** @type {number[]} */
  const values = [];
  /** @type {Array<[number, number]>} */
  const timeline = [];
  let maxBytes = 0;
  /** @type {NodeJS.MemoryUsage | undefined} */
  let atMax;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    values.push(rss);
    timeline.push([Math.round(performance.now() - began), rss]);
    if (rss > maxBytes) {
      maxBytes = rss;
      atMax = process.memoryUsage();
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      const sorted = [...values].sort((a, b) => a - b);
      const step = Math.max(1, Math.ceil(timeline.length / maxTimeline));
      return {
        count: values.length,
        minBytes: sorted[0] ?? 0,
        medianBytes: sorted[Math.floor(sorted.length / 2)] ?? 0,
        maxBytes,
        atMax,
        timeline: timeline.filter((_, i) => i % step === 0 || i === timeline.length - 1),
      };
    },
  };
}
