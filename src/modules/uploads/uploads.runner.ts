/**
 * The job loop: claims uploads one at a time and processes them. Built once per process — by the
 * app (`buildApp`, so every server also works through queued uploads) or by `chatlens worker` —
 * with `createUploadRunner`; any number of them can share one database.
 * `kick()` starts draining at once (called after an upload is enqueued); `start()` also polls,
 * which is how jobs left by a crashed process are resumed once their lease expires.
 *
 * Other kinds of jobs (webhook deliveries) ride the same loop as `queues`: each drains in its
 * own lane, so a delivery never waits behind a long upload, and is started, polled, woken and
 * stopped with the uploads.
 */
import type { Kysely } from 'kysely';
import type { UploadLimits } from '../../config.js';
import { type BulkAnalyzer, createAnalyzer } from '../../analysis/pool/analyzer.js';
import type { DB } from '../../db/database.js';
import type { ChatlensDialect } from '../../db/dialect/dialect.js';
import type { IngestDeps } from '../ingest/ingest.js';
import { MAX_ATTEMPTS, type ClaimedUpload, claimUploadJob, finishJob, nextLeaseExpiry, releaseJob } from './uploads.queue.js';
import { type ProcessOptions, type UploadProcessorDeps, processUpload } from './uploads.processor.js';

/** Another kind of job served by this runner; its rows are claimed through db/jobs.ts like uploads. */
export interface JobQueue {
  name: string;
  /** Claims and runs the next due job; false when none is due. */
  runNext(): Promise<boolean>;
  /** In how many ms (by the queue's own clock) the next job becomes due (a retry, an expired lease); null when none waits. */
  nextDueInMs(): Promise<number | null>;
}

interface Lane {
  draining: Promise<void> | null;
  again: boolean;
}

export interface JobRunnerOptions {
  /** Other job kinds drained by this runner next to uploads. */
  queues?: JobQueue[];
  db: Kysely<DB>;
  dialect: Pick<ChatlensDialect, 'supportsSkipLocked'>;
  processor: UploadProcessorDeps;
  /** Poll interval; 2 s by default. */
  pollMs?: number;
  process?: ProcessOptions;
  log?: UploadProcessorDeps['log'];
}

export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private wake: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private readonly lanes = new Map<JobQueue, Lane>();

  constructor(private readonly options: JobRunnerOptions) {
    for (const q of options.queues ?? []) this.lanes.set(q, { draining: null, again: false });
  }

  /** Starts polling for claimable jobs (queued, or abandoned with an expired lease). */
  start(): void {
    if (this.timer) return;
    this.stopping = false;
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 2000);
    this.timer.unref();
    this.kick();
  }

  /** Drains claimable jobs now; a kick while draining makes the loop look again when done. */
  kick(): void {
    if (this.stopping) return;
    for (const q of this.lanes.keys()) this.kickQueue(q.name);
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
    });
  }

  /** Drains one other queue now (called after a job of that kind was enqueued). */
  kickQueue(name: string): void {
    if (this.stopping) return;
    for (const [q, lane] of this.lanes) {
      if (q.name !== name) continue;
      if (lane.draining) {
        lane.again = true;
        continue;
      }
      lane.draining = this.drainQueue(q, lane).finally(() => {
        lane.draining = null;
      });
    }
  }

  /**
   * Without polling: drains now, and once more when the lease of a job left `processing` by a
   * crashed process runs out (or another queue's next job is due), so a restart resumes its
   * work without waiting for the next upload.
   */
  async resumeAbandoned(): Promise<void> {
    this.kick();
    const lease = await nextLeaseExpiry(this.options.db);
    let delay = lease === null ? null : lease - Date.now();
    for (const q of this.lanes.keys()) {
      const due = await q.nextDueInMs();
      if (due !== null && (delay === null || due < delay)) delay = due;
    }
    if (delay === null || this.stopping) return;
    if (this.wake) clearTimeout(this.wake);
    // setTimeout takes at most 2^31-1 ms; a later wake-up is planned again when this one fires.
    this.wake = setTimeout(() => void this.resumeAbandoned().catch(() => {}), Math.min(2 ** 31 - 1, Math.max(0, delay) + 250));
    this.wake.unref();
  }

  /** Resolves when no job is being processed (tests use it to wait for an upload or a delivery). */
  async idle(): Promise<void> {
    for (;;) {
      const busy = [this.draining, ...[...this.lanes.values()].map((l) => l.draining)].filter((p): p is Promise<void> => p !== null);
      if (busy.length === 0) return;
      await Promise.all(busy);
    }
  }

  private async drainQueue(q: JobQueue, lane: Lane): Promise<void> {
    do {
      lane.again = false;
      for (;;) {
        if (this.stopping) return;
        let ran: boolean;
        try {
          ran = await q.runNext();
        } catch (err) {
          this.options.log?.error({ err, queue: q.name }, 'a background job could not be claimed or run; it is tried again on the next poll');
          return;
        }
        if (!ran) break;
      }
    } while (lane.again && !this.stopping);
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        if (this.stopping) return;
        let job: ClaimedUpload | null;
        try {
          job = await claimUploadJob(this.options.db, this.options.dialect);
        } catch (err) {
          this.options.log?.error({ err }, 'could not claim an upload job');
          return;
        }
        if (!job) break;
        await this.run(job);
      }
    } while (this.again && !this.stopping);
  }

  /** Processes one claimed job; exceptions leave it to be retried when its lease expires. */
  async run(job: ClaimedUpload): Promise<void> {
    const log = this.options.log;
    if (job.attempt > MAX_ATTEMPTS) {
      await finishJob(this.options.db, job, 'failed', `processing was abandoned after ${MAX_ATTEMPTS} attempts (the worker crashed or failed each time)`);
      return;
    }
    try {
      const outcome = await processUpload(this.options.processor, job, { ...this.options.process, shouldStop: () => this.stopping });
      if (outcome === 'interrupted' && this.stopping) await releaseJob(this.options.db, job);
    } catch (err) {
      log?.error({ err, uploadId: job.row.id, attempt: job.attempt }, 'upload processing failed; it will be retried when its lease expires');
    }
  }

  /**
   * Stops polling; the job in flight stops after its current chunk and is handed back. The
   * analysis pool's threads end too (it starts again on the next chunk if the runner restarts).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    if (this.wake) clearTimeout(this.wake);
    this.timer = null;
    this.wake = null;
    await this.idle();
    await this.options.processor.analyzer.close();
  }
}

/** How a process runs upload jobs: `buildApp({ uploads })`, `chatlens worker`. */
export interface UploadsOptions {
  /** Poll for queued and abandoned jobs (resumes work after a crash or restart). Off unless asked for, so tests stay quiet. */
  poll?: boolean;
  pollMs?: number;
  /** Start processing right after an upload is received (default true). */
  processOnUpload?: boolean;
  /** Worker threads for analysis; 0 analyses inline. Default: cores − 1 (inline for engines other than the built-in one). */
  workers?: number;
  /**
   * The analysis pool to use instead of one of `workers` threads; the app closes it when it
   * closes. The write benchmark hands its apps the pool its detector baseline runs on, so both
   * run on threads equally warm (a fresh thread spends its first ~15,000 turns compiling the engine).
   */
  analyzer?: BulkAnalyzer;
}

/** The runner of this process, with its analysis pool (worker threads, or inline). */
export function createUploadRunner(
  deps: { db: Kysely<DB>; dialect: Pick<ChatlensDialect, 'supportsSkipLocked'>; ingest: IngestDeps; limits: UploadLimits; log?: UploadProcessorDeps['log']; queues?: JobQueue[] },
  options: Pick<UploadsOptions, 'pollMs' | 'workers'> = {},
): JobRunner {
  const analyzer = deps.ingest.analyzer ?? createAnalyzer(deps.ingest.engine, options.workers);
  return new JobRunner({ db: deps.db, dialect: deps.dialect, processor: { ingest: deps.ingest, analyzer, limits: deps.limits, log: deps.log }, pollMs: options.pollMs, log: deps.log, queues: deps.queues });
}
