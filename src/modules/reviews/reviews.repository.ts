/** Reviews' SQL: verdicts on findings (columns of findings), missed turns, the queue, precision counts. */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { all, syntaxOf } from '../../db/sql.js';
import { flaggedTurns } from '../findings/findings.repository.js';

/**
 * Locks the message's row until commit (PostgreSQL; SQLite has one writer at a time), so a review
 * and the LLM judge adding findings to the same turn see each other's findings: whether a category
 * still flags the turn is then decided on what is really there.
 */
export async function lockMessage(db: Executor, companyId: number, messageId: string): Promise<boolean> {
  const s = syntaxOf(db);
  const rows = await all<{ id: string }>(db, { text: `SELECT id FROM messages WHERE company_id = ? AND id = ?${s.lockRows}`, params: [companyId, messageId] });
  return rows.length > 0;
}

export async function findingBasics(db: Executor, companyId: number, id: number) {
  return db
    .selectFrom('findings')
    .select(['id', 'message_id', 'session_id', 'day', 'category', 'subtype', 'review_status'])
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findingsOfMessage(db: Executor, companyId: number, messageId: string) {
  return db.selectFrom('findings').select(['id', 'category', 'review_status']).where('company_id', '=', companyId).where('message_id', '=', messageId).execute();
}

export async function setReview(
  db: Executor,
  companyId: number,
  id: number,
  r: { status: 'confirmed' | 'dismissed' | null; note: string | null; by: string | null; at: string | null },
): Promise<void> {
  await db
    .updateTable('findings')
    .set({ review_status: r.status, review_note: r.note, reviewed_by: r.by, reviewed_at: r.at })
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .execute();
}

/** critical 3 … low 0: the queue's first sort key. */
const severityRank = sql<number>`(case findings.severity when 'critical' then 3 when 'high' then 2 when 'medium' then 1 else 0 end)`;

export interface QueuePosition {
  rank: number;
  createdAt: string;
  id: number;
}

export async function queuePosition(db: Executor, companyId: number, id: number): Promise<QueuePosition | null> {
  const row = await flaggedTurns(db, companyId).select(severityRank.as('rank')).where('findings.id', '=', id).executeTakeFirst();
  return row ? { rank: Number(row.rank), createdAt: row.created_at, id: Number(row.id) } : null;
}

/**
 * Findings awaiting review since `fromDay`: most severe first, then newest, then id. The window is
 * read through findings_day; the few thousand pending findings of a window are then sorted.
 */
export async function pendingFindings(db: Executor, companyId: number, fromDay: string, limit: number, after: QueuePosition | null) {
  let q = flaggedTurns(db, companyId).where('findings.day', '>=', fromDay).where('findings.review_status', 'is', null);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb(severityRank, '<', after.rank),
        eb.and([eb(severityRank, '=', after.rank), eb('messages.created_at', '<', after.createdAt)]),
        eb.and([eb(severityRank, '=', after.rank), eb('messages.created_at', '=', after.createdAt), eb('findings.id', '<', after.id)]),
      ]),
    );
  }
  return q.orderBy(severityRank, 'desc').orderBy('messages.created_at', 'desc').orderBy('findings.id', 'desc').limit(limit).execute();
}

export async function countPending(db: Executor, companyId: number, fromDay: string): Promise<number> {
  const row = await db
    .selectFrom('findings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('company_id', '=', companyId)
    .where('day', '>=', fromDay)
    .where('review_status', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function reviewCounts(db: Executor, companyId: number, fromDay: string, toDay: string) {
  return db
    .selectFrom('findings')
    .select(['subtype', 'review_status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('company_id', '=', companyId)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .where('review_status', 'is not', null)
    .groupBy(['subtype', 'review_status'])
    .execute();
}

export async function missedCounts(db: Executor, companyId: number, fromDay: string, toDay: string) {
  return db
    .selectFrom('missed_findings')
    .select(['subtype', (eb) => eb.fn.countAll<number>().as('n')])
    .where('company_id', '=', companyId)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .groupBy('subtype')
    .execute();
}

export async function findMessage(db: Executor, companyId: number, messageId: string) {
  return db.selectFrom('messages').select(['id', 'session_id', 'content', 'created_at', 'analyzed']).where('company_id', '=', companyId).where('id', '=', messageId).executeTakeFirst();
}

export async function insertMissed(
  db: Executor,
  row: { company_id: number; message_id: string; session_id: string; day: string; category: string; subtype: string; spans: string; note: string | null; created_by: string; created_at: string },
): Promise<number> {
  const r = await db.insertInto('missed_findings').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function missedById(db: Executor, companyId: number, id: number) {
  return db.selectFrom('missed_findings').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
}

export async function missedOfMessages(db: Executor, companyId: number, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return db.selectFrom('missed_findings').selectAll().where('company_id', '=', companyId).where('message_id', 'in', messageIds).orderBy('id').execute();
}

/**
 * Ids of messages with a review or a missed flag in the window, in (day, id) order after `after`:
 * the labelled examples an export walks a page at a time.
 */
export async function labelledMessageIds(db: Executor, companyId: number, fromDay: string, toDay: string, after: { day: string; id: string } | null, limit: number) {
  const reviewed = db
    .selectFrom('findings')
    .select(['day', 'message_id'])
    .where('company_id', '=', companyId)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .where('review_status', 'is not', null);
  const missed = db.selectFrom('missed_findings').select(['day', 'message_id']).where('company_id', '=', companyId).where('day', '>=', fromDay).where('day', '<=', toDay);
  let q = db.selectFrom(reviewed.union(missed).as('l')).select(['l.day', 'l.message_id']).distinct();
  if (after) q = q.where((eb) => eb.or([eb('l.day', '>', after.day), eb.and([eb('l.day', '=', after.day), eb('l.message_id', '>', after.id)])]));
  return q.orderBy('l.day').orderBy('l.message_id').limit(limit).execute();
}

export async function messagesByIds(db: Executor, companyId: number, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('messages').select(['id', 'session_id', 'seq', 'role', 'content', 'documents']).where('company_id', '=', companyId).where('id', 'in', ids).execute();
}

export async function findingsOfMessages(db: Executor, companyId: number, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('findings').select(['id', 'message_id', 'category', 'subtype', 'review_status', 'review_note']).where('company_id', '=', companyId).where('message_id', 'in', ids).execute();
}

/** The user turn before each assistant turn (`seq - 1`), for the `question` field. */
export async function previousUserTurn(db: Executor, companyId: number, sessionId: string, seq: number) {
  return db
    .selectFrom('messages')
    .select(['content'])
    .where('company_id', '=', companyId)
    .where('session_id', '=', sessionId)
    .where('seq', '<', seq)
    .where('role', '=', 'user')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

