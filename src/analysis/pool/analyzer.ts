/**
 * Runs bulk analysis either in a worker-thread pool (piscina; the API stays responsive while a
 * large upload is analysed) or inline (tests, `--no-workers`, or an engine other than the
 * built-in one, which the workers cannot load).
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import { builtinEngine } from '../engine.js';
import type { AnalysisEngine } from '../types.js';
import { type GroupFindings, type SessionGroup, analyzeGroups } from './task.js';

export interface BulkAnalyzer {
  readonly threads: number;
  analyze(groups: SessionGroup[]): Promise<GroupFindings>;
  close(): Promise<void>;
}

export function inlineAnalyzer(engine: AnalysisEngine): BulkAnalyzer {
  return {
    threads: 0,
    analyze: async (groups) => analyzeGroups(engine, groups),
    close: async () => {},
  };
}

/** Default pool size: all cores but one (the main thread writes to the database meanwhile). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(8, os.availableParallelism() - 1));
}

/** worker.js beside the built analyzer.js; worker.mjs (which registers tsx) beside the source. */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? './worker.mjs' : './worker.js', import.meta.url).href;

/** A piscina pool over the built-in engine; its threads start together on the first chunk and stay (each loads the engine once). */
export function poolAnalyzer(threads: number = defaultThreads()): BulkAnalyzer {
  let pool: Piscina | null = null;
  const get = () =>
    (pool ??= new Piscina({
      filename: WORKER,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 30_000,
      // Tasks run in the order they came. Without this, piscina puts a task it could not hand to
      // a busy thread back at the end of its queue: of six parts of an ingest request, the
      // second came back last, and the request (which stores its parts in order) waited for all.
      stricterFIFO: true,
    }));
  return {
    threads,
    async analyze(groups) {
      if (groups.length === 0) return [];
      // Split the chunk into about one slice per thread, balanced by text size.
      const slices: { start: number; groups: SessionGroup[] }[] = [];
      const total = groups.reduce((n, g) => n + size(g), 0);
      const target = Math.max(1, Math.ceil(total / threads));
      let current: SessionGroup[] = [];
      let currentSize = 0;
      let start = 0;
      groups.forEach((g, i) => {
        if (current.length > 0 && currentSize >= target) {
          slices.push({ start, groups: current });
          current = [];
          currentSize = 0;
          start = i;
        }
        current.push(g);
        currentSize += size(g);
      });
      if (current.length) slices.push({ start, groups: current });
      const results = await Promise.all(slices.map((s) => get().run(s.groups) as Promise<GroupFindings>));
      return results.flat();
    },
    async close() {
      const p = pool;
      pool = null;
      if (p) await p.destroy();
    },
  };
}

function size(g: SessionGroup): number {
  let n = 0;
  for (const m of g.messages) n += m.content.length + 50;
  return n;
}

/** The pool when the engine is the built-in one and threads > 0; inline otherwise. */
export function createAnalyzer(engine: AnalysisEngine, threads: number = defaultThreads()): BulkAnalyzer {
  return threads > 0 && engine.version === builtinEngine.version && engine === builtinEngine ? poolAnalyzer(threads) : inlineAnalyzer(engine);
}
