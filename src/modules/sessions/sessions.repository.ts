/** The read side of chat rows: the monitor's session list and its cursors, transcripts. The write path's SQL is ingest.repository.ts. */
import type { Executor } from '../../db/database.js';

export async function findSession(db: Executor, companyId: number, id: string) {
  return db.selectFrom('chat_sessions').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
}

/**
 * Position and size (characters of content and documents) of up to `limit` messages after
 * `afterSeq`, in order: what a transcript page may hold is decided before any text is read.
 */
export async function messageSizes(db: Executor, companyId: number, sessionId: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('messages')
    .select((eb) => ['seq', eb(eb.fn<number>('length', ['content']), '+', eb.fn.coalesce(eb.fn<number>('length', ['documents']), eb.lit(0))).as('size')])
    .where('company_id', '=', companyId)
    .where('session_id', '=', sessionId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** The messages from `fromSeq` to `toSeq` (inclusive), in order. */
export async function messagesBetween(db: Executor, companyId: number, sessionId: string, fromSeq: number, toSeq: number) {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('session_id', '=', sessionId)
    .where('seq', '>=', fromSeq)
    .where('seq', '<=', toSeq)
    .orderBy('seq')
    .execute();
}

export async function findingsOfMessages(db: Executor, companyId: number, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return db.selectFrom('findings').selectAll().where('company_id', '=', companyId).where('message_id', 'in', messageIds).orderBy('id').execute();
}

export async function feedbackOfMessages(db: Executor, companyId: number, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('feedback')
    .select(['id', 'message_id', 'kind', 'user_id', 'created_at'])
    .where('company_id', '=', companyId)
    .where('message_id', 'in', messageIds)
    .orderBy('created_at')
    .execute();
}

/** Positions of handed-out cursors, written in one statement (monitor-cursors.ts batches them). */
export async function rememberCursors(db: Executor, rows: { companyId: number; sessionId: string; lastActivityAt: string; issuedAt: string }[]) {
  await db
    .insertInto('monitor_cursors')
    .values(rows.map((r) => ({ company_id: r.companyId, session_id: r.sessionId, last_activity_at: r.lastActivityAt, issued_at: r.issuedAt })))
    .onConflict((oc) => oc.columns(['company_id', 'session_id']).doUpdateSet((eb) => ({ last_activity_at: eb.ref('excluded.last_activity_at'), issued_at: eb.ref('excluded.issued_at') })))
    .execute();
}

export async function findCursor(db: Executor, companyId: number, sessionId: string) {
  return db
    .selectFrom('monitor_cursors')
    .select(['last_activity_at', 'issued_at'])
    .where('company_id', '=', companyId)
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
}

export async function pruneCursors(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('monitor_cursors').where('issued_at', '<', before).execute();
}
