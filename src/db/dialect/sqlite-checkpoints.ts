/**
 * WAL checkpoints off the request path. SQLite's own auto-checkpoint runs inside the commit that
 * takes the log past 1,000 pages, on the connection that committed: with better-sqlite3 that is
 * the server's only thread, so every request in flight waited for it (about one commit in twenty
 * of the live bench, 10–40 ms each: the pages copied into the database file and two fsyncs).
 *
 * Once a process has written `startAfterBytes` of log, its connection turns auto-checkpoints off
 * and a worker thread with its own connection to the same file checkpoints instead:
 * - every `intervalMs`, PASSIVE: copies what it can without waiting for anyone, while the server
 *   keeps reading and committing;
 * - once the log holds `restartFrames` frames, RESTART right after the PASSIVE one: it waits for
 *   the writer and blocks new writes only while it copies the few frames committed since, so the
 *   next commit starts the log over. Under steady writes PASSIVE alone never catches up (commits
 *   land while it copies), and the log would grow without end. A reader holding an old snapshot
 *   (a long read in another process) keeps any checkpoint from passing it, and RESTART from
 *   finishing: it gives up after `restartWaitMs`, so writers are never held longer, and tries
 *   again once the log has grown by `restartFrames` more; once the reader is done, the next
 *   checkpoints catch up and the log starts over;
 * - on close, the worker's connection goes first, then the serving connection checkpoints with
 *   TRUNCATE, so the database file alone holds everything.
 * A process that writes less (a CLI command, most tests) never starts the worker (~45 ms of CPU)
 * and keeps SQLite's own checkpoints; so does one whose worker fails.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

export interface CheckpointOptions {
  /** Log written (its file's size, checked every `intervalMs`) before the worker starts; 0 starts it at once. */
  startAfterBytes: number;
  /** How often the worker checkpoints (PASSIVE). */
  intervalMs: number;
  /** Log size, in frames (pages), from which it also runs RESTART. */
  restartFrames: number;
  /** How long RESTART may wait for the writer and for readers, holding new writes meanwhile. */
  restartWaitMs: number;
}

/**
 * 4,096 frames: 16 MB of log with 4 KB pages, about 1.5 s of the live bench's writes; a RESTART
 * then has a fraction of a second of frames left to copy. 250 ms between PASSIVE checkpoints keeps
 * that fraction small without fsyncing the database file more than four times a second. 1 MB of
 * log (a few hundred live turns) before the worker starts: a quarter of what SQLite writes before
 * its first auto-checkpoint.
 */
export const DEFAULT_CHECKPOINTS: CheckpointOptions = { startAfterBytes: 1024 * 1024, intervalMs: 250, restartFrames: 4096, restartWaitMs: 200 };

/**
 * 32 MB: twice the log RESTART keeps it under, so steady traffic reuses the file as it is and
 * only a log that grew past it (a long reader held a snapshot) gives the space back.
 */
const WAL_SIZE_LIMIT = 32 * 1024 * 1024;

export interface WalOptions {
  /** When the checkpoint worker runs; false leaves checkpoints to SQLite. */
  checkpoints?: CheckpointOptions | false;
  /** Hears each checkpoint the worker made (tests, benchmarks). */
  onCheckpoint?: (report: CheckpointReport) => void;
  /** After the log starts over, its file is cut back to this many bytes (journal_size_limit). */
  walSizeLimit?: number;
}

/** What one checkpoint reported (`PRAGMA wal_checkpoint`: busy, log, checkpointed). */
export interface CheckpointReport {
  mode: 'PASSIVE' | 'RESTART';
  busy: boolean;
  /** Frames in the log. */
  log: number;
  /** Of those, frames copied into the database file. */
  checkpointed: number;
}

interface Checkpointer {
  /** Ends the worker and closes its connection. */
  stop(): Promise<void>;
}

/* The worker, in plain JavaScript so it needs no TypeScript loader under tsx and vitest. */
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const o = workerData.options;
const db = new Database(workerData.file);
db.pragma('wal_autocheckpoint = 0');
db.pragma('busy_timeout = ' + o.restartWaitMs);
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)').raw();
const restart = db.prepare('PRAGMA wal_checkpoint(RESTART)').raw();
let last = '';
function report(mode, row) {
  const r = { mode, busy: row[0] === 1, log: row[1], checkpointed: row[2] };
  // An idle log answers the same every tick: say it once.
  const key = mode + row.join(',');
  if (workerData.report && r.log > 0 && key !== last) parentPort.postMessage({ report: r });
  last = key;
  return r;
}
// The log size at the last RESTART that finished: until a commit starts the log over, the same
// size means nothing was written since and there is nothing to restart.
let restartedAt = -1;
// The log size for the next RESTART. One that could not finish (a reader kept an old snapshot
// past restartWaitMs) held new writes all that time: the next waits for restartFrames more of
// log, so a long reader costs one such wait per restartFrames written, not one per tick.
let restartAt = o.restartFrames;
function tick() {
  try {
    const r = report('PASSIVE', passive.get());
    if (r.log < o.restartFrames) restartAt = o.restartFrames;
    if (r.log < restartAt || r.log === restartedAt) return;
    const after = report('RESTART', restart.get());
    restartedAt = after.busy ? -1 : after.log;
    restartAt = after.busy ? after.log + o.restartFrames : o.restartFrames;
  } catch {
    // SQLITE_BUSY and the like: the next tick tries again.
  }
}
const timer = setInterval(tick, o.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

/**
 * Takes over the WAL checkpoints of `database`, the connection serving `file`, once it has
 * written enough log. close() runs before the connection closes: it stops the worker and leaves
 * everything in the database file.
 */
export function checkpointsOffThePath(database: Database.Database, file: string, options: WalOptions): { close(): Promise<void> } {
  database.pragma(`journal_size_limit = ${options.walSizeLimit ?? WAL_SIZE_LIMIT}`);
  if (options.checkpoints === false) return { close: async () => {} };
  const settings = options.checkpoints ?? DEFAULT_CHECKPOINTS;
  let worker: Checkpointer | null = null;
  const start = () => {
    database.pragma('wal_autocheckpoint = 0');
    worker = startCheckpointer(file, settings, options.onCheckpoint, () => {
      // SQLite's own checkpoints come back (its default, 1,000 pages).
      if (database.open) database.pragma('wal_autocheckpoint = 1000');
    });
  };
  const logSize = () => {
    try {
      return fs.statSync(`${file}-wal`).size;
    } catch {
      return 0;
    }
  };
  let watch: NodeJS.Timeout | null = null;
  if (settings.startAfterBytes <= 0) start();
  else {
    watch = setInterval(() => {
      if (logSize() < settings.startAfterBytes) return;
      clearInterval(watch!);
      watch = null;
      start();
    }, settings.intervalMs);
    watch.unref();
  }
  return {
    async close() {
      if (watch) clearInterval(watch);
      if (!worker) return; // SQLite checkpoints as the last connection closes
      await worker.stop();
      // Everything into the database file and the log emptied, even while another connection
      // (a CLI command, another server) keeps SQLite from doing it as the last one to close.
      try {
        database.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // A busy database answers with a row, not an error; an error (a full disk) must not
        // keep the connection from closing: the next open replays the log.
      }
    },
  };
}

/**
 * Starts checkpointing `file` in a worker thread. `onReport` hears every checkpoint that found a
 * log; `onFailure` runs if the worker cannot start or dies (the caller then checkpoints itself).
 */
function startCheckpointer(file: string, options: CheckpointOptions, onReport: ((report: CheckpointReport) => void) | undefined, onFailure: () => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, options, report: Boolean(onReport) } });
  // A checkpointer never keeps a process alive: a command that forgets to close still exits.
  worker.unref();
  let stopping: Promise<void> | null = null;
  let failed = false;
  const fail = () => {
    if (failed || stopping) return;
    failed = true;
    onFailure();
  };
  worker.on('error', fail);
  worker.on('exit', fail);
  worker.on('message', (m: { report?: CheckpointReport }) => {
    if (m.report) onReport?.(m.report);
  });
  return {
    stop() {
      if (failed) return Promise.resolve();
      stopping ??= new Promise<void>((resolve) => {
        worker.on('message', (m: { stopped?: boolean }) => m.stopped && resolve());
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }).then(async () => void (await worker.terminate()));
      return stopping;
    },
  };
}
