/**
 * A real worker pool for suites that check what is read in it: one thread running the built-in
 * engine, counting the turns handed to it. Closing an app leaves it running (the suites share it
 * across dialects); the suite closes it.
 */
import { type BulkAnalyzer, poolAnalyzer } from '../../src/analysis/pool/analyzer.js';

export interface CountingPool {
  /** What an app is given as its analyzer (`uploads.analyzer`). */
  analyzer: BulkAnalyzer;
  /** Turns handed to the pool so far. */
  turns(): number;
  close(): Promise<void>;
}

export function countingPool(): CountingPool {
  const pool = poolAnalyzer(1);
  let turns = 0;
  return {
    analyzer: {
      threads: pool.threads,
      analyze: (groups) => {
        turns += groups.reduce((n, g) => n + g.messages.length, 0);
        return pool.analyze(groups);
      },
      close: async () => {},
    },
    turns: () => turns,
    close: () => pool.close(),
  };
}
