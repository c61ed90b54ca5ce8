/**
 * How `tcsdk cls export` shows its progress on stderr: a bar on a terminal (the task's status while it
 * is prepared, then bytes, percentage and rate while downloading), plain lines otherwise (a pipe, a
 * file, CI logs), nothing with `--quiet` or `--json`.
 * @packageDocumentation
 */
import { createRequire } from "node:module";
import type { ExportProgress } from "@tcsdk/cls";
import type { Options, Params } from "cli-progress";
import type { OutputStream } from "./context.js";

/** How progress is shown. */
export type ProgressMode = "bar" | "lines" | "none";

/** Receives {@link ExportProgress} events; `close` ends the display, whether the export succeeded or not. */
export interface ProgressDisplay {
  /** Shows one event. */
  readonly update: (progress: ExportProgress) => void;
  /** Ends the display (stops the bar, leaving its last state on screen). */
  readonly close: () => void;
}

/** The display for `mode` on `stream`; `clock` gives the time for the download rate. */
export function progressDisplay(mode: ProgressMode, stream: OutputStream, clock: () => number = Date.now): ProgressDisplay {
  if (mode === "none") return { update: () => {}, close: () => {} };
  return mode === "bar" ? barDisplay(stream, clock) : lineDisplay(stream, clock);
}

/** 1536 → `1.5 KiB`. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

interface BarState {
  phase: string;
  status: string;
  received: number;
  total: number | undefined;
  rate: number;
}

function barDisplay(stream: OutputStream, clock: () => number): ProgressDisplay {
  // cli-progress is CommonJS whose exports Node cannot name for ESM: required, and only when a bar is shown.
  const { Format, Presets, SingleBar } = createRequire(import.meta.url)("cli-progress") as typeof import("cli-progress");
  const state: BarState = { phase: "Creating", status: "", received: 0, total: undefined, rate: 0 };
  const rate = rateMeter(clock);
  const started = clock();
  const format = (options: Options, params: Params): string => {
    if (state.phase !== "Downloading") {
      return `Waiting     ${Format.BarFormat(0, options)} ${state.status} (${Math.round((clock() - started) / 1000)} s)`;
    }
    const percent = state.total === undefined ? "" : ` ${Math.floor(params.progress * 100)}%`;
    const of = state.total === undefined ? "" : ` / ${formatBytes(state.total)}`;
    return `Downloading ${Format.BarFormat(params.progress, options)}${percent} | ${formatBytes(state.received)}${of} | ${formatBytes(state.rate)}/s`;
  };
  const bar = new SingleBar({ format, stream, hideCursor: true, barsize: 30, fps: 10 }, Presets.shades_classic);
  bar.start(1, 0);
  let open = true;
  return {
    update(progress) {
      if (progress.phase === "created") state.status = `task ${progress.exportId} created`;
      else if (progress.phase === "status") {
        state.status = `task ${progress.task.Status}`;
        rate.restart();
      } else if (progress.phase === "downloading" || progress.phase === "resuming") {
        state.phase = "Downloading";
        state.received = progress.compressedBytesReceived;
        if (progress.phase === "downloading") state.total = progress.compressedTotalBytes;
        state.rate = rate.perSecond(state.received);
        bar.setTotal(state.total ?? Math.max(state.received, 1));
        bar.update(state.received);
        return;
      } else if (progress.phase === "done") {
        state.phase = "Downloading";
        state.received = progress.compressedBytes;
        state.total = progress.compressedBytes;
        state.rate = rate.perSecond(progress.compressedBytes);
        bar.setTotal(Math.max(progress.compressedBytes, 1));
        bar.update(Math.max(progress.compressedBytes, 1));
        return;
      }
      bar.update(0);
    },
    close() {
      if (!open) return;
      open = false;
      bar.stop();
    },
  };
}

function lineDisplay(stream: OutputStream, clock: () => number): ProgressDisplay {
  const write = (line: string) => stream.write(`${line}\n`);
  const rate = rateMeter(clock);
  let lastStatus: string | undefined;
  let lastStep = -1;
  return {
    update(progress) {
      switch (progress.phase) {
        case "created":
          write(`created export task ${progress.exportId}`);
          return;
        case "status":
          rate.restart();
          if (progress.task.Status !== lastStatus) write(`task ${progress.exportId}: ${(lastStatus = progress.task.Status)}`);
          return;
        case "downloading": {
          const { compressedBytesReceived: received, compressedTotalBytes: total } = progress;
          const step = total === undefined || total === 0 ? Math.floor(received / (16 * 1024 * 1024)) : Math.floor((received / total) * 10);
          if (step === lastStep) return;
          lastStep = step;
          const of = total === undefined ? "" : ` of ${formatBytes(total)} (${Math.floor((received / Math.max(total, 1)) * 100)}%)`;
          write(`downloading: ${formatBytes(received)}${of}, ${formatBytes(rate.perSecond(received))}/s`);
          return;
        }
        case "resuming":
          write(`download broke at ${formatBytes(progress.compressedBytesReceived)} (${progress.reason}): resuming`);
          return;
        case "done":
          write(`done: ${formatBytes(progress.bytesWritten)} written (${formatBytes(progress.compressedBytes)} compressed)`);
      }
    },
    close() {},
  };
}

/** Bytes per second since the download started: since the last `restart` (the last status before the download), or the first reading. */
function rateMeter(clock: () => number): { readonly restart: () => void; readonly perSecond: (bytes: number) => number } {
  let start: number | undefined;
  return {
    restart: () => {
      start = clock();
    },
    perSecond: (bytes) => {
      const now = clock();
      start ??= now;
      const seconds = (now - start) / 1000;
      return seconds > 0 ? bytes / seconds : 0;
    },
  };
}
