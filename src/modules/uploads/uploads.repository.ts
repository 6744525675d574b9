/** Every SQL statement on the `uploads` table (the upload rows and the job queue that lives in them) and on `upload_refusals`, and the count of an upload's messages in a session. */
import type { Insertable } from 'kysely';
import type { DB, Executor, UploadRow, UploadsTable } from '../../db/database.js';

export async function findUpload(db: Executor, companyId: number, id: number) {
  return db.selectFrom('uploads').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
}

/** An earlier upload of the same content that did not fail: re-sending it is a duplicate. */
export async function findBySha(db: Executor, companyId: number, sha256: string) {
  return db
    .selectFrom('uploads')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('sha256', '=', sha256)
    .where('status', '!=', 'failed')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export async function listUploads(db: Executor, companyId: number, limit: number) {
  return db.selectFrom('uploads').selectAll().where('company_id', '=', companyId).orderBy('id', 'desc').limit(limit).execute();
}

export async function insertUpload(db: Executor, row: Insertable<DB['uploads']>): Promise<number> {
  const r = await db.insertInto('uploads').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/**
 * Serialises uploads of one company until the transaction ends: a no-op write takes the company
 * row's lock on PostgreSQL (SQLite has one writer anyway).
 */
export async function lockCompanyUploads(db: Executor, companyId: number): Promise<void> {
  await db.updateTable('companies').set((eb) => ({ name: eb.ref('name') })).where('id', '=', companyId).execute();
}

// The job queue. A job is its upload row: queued → processing (leased) → done | failed.

/** The oldest claimable upload: queued, or processing with a lease that ran out. */
export async function findClaimable(db: Executor, now: string, options: { uploadId?: number; skipLocked: boolean }) {
  let q = db
    .selectFrom('uploads')
    .select(['id', 'attempts'])
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'processing'), eb('lease_until', '<', now)])]));
  if (options.uploadId !== undefined) q = q.where('id', '=', options.uploadId);
  q = q.orderBy('id').limit(1);
  return (options.skipLocked ? q.forUpdate().skipLocked() : q).executeTakeFirst();
}

/** Takes the job for attempt `attempts + 1` unless another worker took it first (compare-and-set on `attempts`). */
export async function takeJob(db: Executor, id: number, attempts: number, now: string, leaseUntil: string): Promise<boolean> {
  const updated = await db
    .updateTable('uploads')
    .set((eb) => ({
      status: 'processing' as const,
      lease_until: leaseUntil,
      attempts: attempts + 1,
      started_at: eb.fn.coalesce('started_at', eb.val(now)),
    }))
    .where('id', '=', id)
    .where('attempts', '=', attempts)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export async function getUploadRow(db: Executor, id: number): Promise<UploadRow> {
  return db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export type JobPatch = Partial<
  Pick<
    UploadsTable,
    'format' | 'bytes_processed' | 'lines_processed' | 'turns_processed' | 'sessions_created' | 'error_count' | 'errors' | 'message' | 'lease_until'
  >
>;

/** Updates a job still processing under `attempt` (the fencing token); false when that attempt no longer holds it. */
export async function updateHeldJob(db: Executor, id: number, attempt: number, patch: JobPatch & Partial<Pick<UploadsTable, 'status' | 'finished_at'>>): Promise<boolean> {
  const r = await db
    .updateTable('uploads')
    .set(patch)
    .where('id', '=', id)
    .where('attempts', '=', attempt)
    .where('status', '=', 'processing')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** When the earliest lease of a job left processing runs out, if any. */
export async function earliestLease(db: Executor): Promise<string | null> {
  const row = await db
    .selectFrom('uploads')
    .select((eb) => eb.fn.min('lease_until').as('until'))
    .where('status', '=', 'processing')
    .executeTakeFirst();
  return row?.until ? String(row.until) : null;
}

/** Messages this upload stored in one session (its per-session limit, after a resume). */
export async function countUploadMessagesInSession(db: Executor, companyId: number, uploadId: number, sessionId: string): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('company_id', '=', companyId)
    .where('session_id', '=', sessionId)
    .where('upload_id', '=', uploadId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

// Refused uploads: a short history per company.

export async function insertRefusal(db: Executor, row: Insertable<DB['upload_refusals']>): Promise<void> {
  await db.insertInto('upload_refusals').values(row).execute();
}

/** Deletes the company's refusals older than its newest `keep`. */
export async function pruneRefusals(db: Executor, companyId: number, keep: number): Promise<void> {
  const edge = await db
    .selectFrom('upload_refusals')
    .select('id')
    .where('company_id', '=', companyId)
    .orderBy('id', 'desc')
    .offset(keep - 1)
    .limit(1)
    .executeTakeFirst();
  if (edge) await db.deleteFrom('upload_refusals').where('company_id', '=', companyId).where('id', '<', Number(edge.id)).execute();
}

/** Deletes the company's refusals from before `before` (an ISO time): retention reaches them too. */
export async function deleteRefusalsBefore(db: Executor, companyId: number, before: string): Promise<void> {
  await db.deleteFrom('upload_refusals').where('company_id', '=', companyId).where('refused_at', '<', before).execute();
}

export async function listRefusals(db: Executor, companyId: number, limit: number) {
  return db.selectFrom('upload_refusals').selectAll().where('company_id', '=', companyId).orderBy('id', 'desc').limit(limit).execute();
}
