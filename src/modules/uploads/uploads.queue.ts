/**
 * The upload job contract, in one file: the payload (validated when enqueued and again when
 * claimed, so a row written by an older version or by hand never reaches the processor
 * half-valid), the lease, and the queue operations. The job is the `uploads` row itself:
 * queued → processing (claimed with a lease) → done | failed.
 *
 * A claim (db/jobs.ts, shared with webhook deliveries) takes a lease (`lease_until`); `attempts`
 * doubles as the fencing token: progress writes name the attempt they belong to, so a worker
 * whose lease expired and was taken over can no longer write.
 */
import type { Kysely } from 'kysely';
import type { DB, Executor, UploadRow } from '../../db/database.js';
import { type LeasedQueue, claimLeased } from '../../db/jobs.js';
import type { ChatlensDialect } from '../../db/dialect/dialect.js';
import { isoNow } from '../../lib/time.js';
import { FORMAT_OPTIONS, type FormatOption } from '../../transcripts/formats.js';
import * as repo from './uploads.repository.js';

export const UPLOAD_JOB = 'process-upload';

/** What a worker needs beyond the row: the format the uploader asked for and whether to bypass dedup. */
export interface UploadJobPayload {
  format: FormatOption;
  force: boolean;
}

export class JobPayloadError extends Error {}

export function validateUploadPayload(raw: unknown): UploadJobPayload {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new JobPayloadError(`${UPLOAD_JOB} payload must be an object`);
  const o = raw as Record<string, unknown>;
  const format = o.format ?? 'auto';
  if (typeof format !== 'string' || !(FORMAT_OPTIONS as readonly string[]).includes(format)) {
    throw new JobPayloadError(`${UPLOAD_JOB} payload format must be one of ${FORMAT_OPTIONS.join(', ')}`);
  }
  const force = o.force ?? false;
  if (typeof force !== 'boolean') throw new JobPayloadError(`${UPLOAD_JOB} payload force must be a boolean`);
  return { format: format as FormatOption, force };
}

/** Serialised for the `payload` column; validated on the way in. */
export function encodeUploadPayload(p: UploadJobPayload): string {
  return JSON.stringify(validateUploadPayload(p));
}

export function decodeUploadPayload(text: string): UploadJobPayload {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new JobPayloadError(`${UPLOAD_JOB} payload is not JSON`);
  }
  return validateUploadPayload(raw);
}

/**
 * A lease outlives a slow chunk (a chunk takes well under a second) and is renewed on every
 * chunk and every LEASE_MS/3; after a crash another worker takes the job over once it expires.
 */
export const LEASE_MS = 30_000;
/** A job that keeps crashing its worker is failed instead of retried forever. */
export const MAX_ATTEMPTS = 5;

export interface ClaimedUpload {
  row: UploadRow & { payload: string };
  payload: UploadJobPayload;
  /** The attempt number taken by this claim: the fencing token of every later write. */
  attempt: number;
}

type HeldJob = Pick<ClaimedUpload, 'row' | 'attempt'>;

export class LeaseLostError extends Error {
  constructor(uploadId: number) {
    super(`upload ${uploadId}: the lease was lost (another worker took the job over)`);
  }
}

function leaseUntil(now: Date, leaseMs: number): string {
  return new Date(now.getTime() + leaseMs).toISOString();
}

/**
 * Claims the oldest claimable upload (queued, or processing with an expired lease). PostgreSQL
 * skips rows other workers hold (`FOR UPDATE SKIP LOCKED`); SQLite has one writer, so a
 * compare-and-set on `attempts` is enough.
 */
export async function claimUploadJob(
  db: Kysely<DB>,
  dialect: Pick<ChatlensDialect, 'supportsSkipLocked'>,
  options: { now?: Date; leaseMs?: number; uploadId?: number } = {},
): Promise<ClaimedUpload | null> {
  const queue: LeasedQueue<{ id: number; attempts: number }> = {
    find: (x, nowIso, skipLocked) => repo.findClaimable(x, nowIso, { uploadId: options.uploadId, skipLocked }),
    take: (x, c, nowIso, until) => repo.takeJob(x, c.id, Number(c.attempts), nowIso, until),
  };
  for (let tries = 0; tries < 5; tries++) {
    const taken = await claimLeased(db, dialect, queue, { now: options.now ?? new Date(), leaseMs: options.leaseMs ?? LEASE_MS });
    if (!taken) return null;
    const row = await repo.getUploadRow(db, taken.id);
    const attempt = Number(row.attempts);
    try {
      return { row, payload: decodeUploadPayload(row.payload), attempt };
    } catch (err) {
      // An invalid payload can never succeed: fail it now rather than retry it.
      await finishJob(db, { row, attempt }, 'failed', `the job could not start: ${(err as Error).message}`);
      continue;
    }
  }
  return null;
}

export type Progress = Omit<repo.JobPatch, 'lease_until'>;

/** Writes progress for the attempt that holds the lease, and renews it; throws LeaseLostError otherwise. */
export async function writeProgress(db: Executor, job: HeldJob, patch: Progress, now: Date = new Date()): Promise<void> {
  if (!(await repo.updateHeldJob(db, job.row.id, job.attempt, { ...patch, lease_until: leaseUntil(now, LEASE_MS) }))) {
    throw new LeaseLostError(job.row.id);
  }
}

/** Extends the lease without other changes; false when it was lost. */
export async function renewLease(db: Kysely<DB>, job: HeldJob): Promise<boolean> {
  try {
    await writeProgress(db, job, {});
    return true;
  } catch (err) {
    if (err instanceof LeaseLostError) return false;
    throw err;
  }
}

/** Gives the job back (graceful shutdown): its lease ends now, so the next poll anywhere resumes it. */
export async function releaseJob(db: Kysely<DB>, job: HeldJob): Promise<void> {
  await repo.updateHeldJob(db, job.row.id, job.attempt, { lease_until: new Date(0).toISOString() });
}

export async function finishJob(db: Kysely<DB>, job: HeldJob, status: 'done' | 'failed', message: string, patch: Progress = {}): Promise<boolean> {
  return repo.updateHeldJob(db, job.row.id, job.attempt, { ...patch, status, message, finished_at: isoNow(), lease_until: null });
}

/** When the earliest lease of a job left processing (by a crashed process) runs out; null when none is. */
export async function nextLeaseExpiry(db: Kysely<DB>): Promise<number | null> {
  const until = await repo.earliestLease(db);
  const t = until ? Date.parse(until) : NaN;
  return Number.isFinite(t) ? t : null;
}
