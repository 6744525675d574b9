/**
 * The job loop: claims uploads one at a time and processes them. Built once per process — by the
 * app (`buildApp`, so every server also works through queued uploads) or by `chatlens worker` —
 * with `createUploadRunner`; any number of them can share one database.
 * `kick()` starts draining at once (called after an upload is enqueued); `start()` also polls,
 * which is how jobs left by a crashed process are resumed once their lease expires.
 */
import type { Kysely } from 'kysely';
import type { UploadLimits } from '../../config.js';
import { createAnalyzer } from '../../analysis/pool/analyzer.js';
import type { DB } from '../../db/database.js';
import type { ChatlensDialect } from '../../db/dialect/dialect.js';
import type { IngestDeps } from '../ingest/ingest.js';
import { MAX_ATTEMPTS, type ClaimedUpload, claimUploadJob, finishJob, nextLeaseExpiry, releaseJob } from './uploads.queue.js';
import { type ProcessOptions, type UploadProcessorDeps, processUpload } from './uploads.processor.js';

export interface JobRunnerOptions {
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

  constructor(private readonly options: JobRunnerOptions) {}

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
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
    });
  }

  /**
   * Without polling: drains now, and once more when the lease of a job left `processing` by a
   * crashed process runs out, so a restart resumes its work without waiting for the next upload.
   */
  async resumeAbandoned(): Promise<void> {
    this.kick();
    const until = await nextLeaseExpiry(this.options.db);
    if (until === null || this.stopping) return;
    this.wake = setTimeout(() => this.kick(), Math.max(0, until - Date.now()) + 250);
    this.wake.unref();
  }

  /** Resolves when no job is being processed (tests use it to wait for an upload). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
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
}

/** The runner of this process, with its analysis pool (worker threads, or inline). */
export function createUploadRunner(
  deps: { db: Kysely<DB>; dialect: Pick<ChatlensDialect, 'supportsSkipLocked'>; ingest: IngestDeps; limits: UploadLimits; log?: UploadProcessorDeps['log'] },
  options: Pick<UploadsOptions, 'pollMs' | 'workers'> = {},
): JobRunner {
  const analyzer = deps.ingest.analyzer ?? createAnalyzer(deps.ingest.engine, options.workers);
  return new JobRunner({ db: deps.db, dialect: deps.dialect, processor: { ingest: deps.ingest, analyzer, limits: deps.limits, log: deps.log }, pollMs: options.pollMs, log: deps.log });
}
