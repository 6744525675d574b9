/**
 * Every SQL statement of erasure, retention and the audit log. All are scoped by company; lists
 * of ids are sent in slices (at most 500 per statement) so no statement grows with the batch.
 */
import type { Insertable } from 'kysely';
import type { AuditLogTable, Executor } from '../../db/database.js';

const SLICE = 500;

function slices<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += SLICE) out.push(items.slice(i, i + SLICE));
  return out;
}

export interface SessionRef {
  id: string;
  created_at: string;
  message_count: number;
}

/**
 * Sessions whose last activity is before `cutoff`, oldest first, locked for this transaction
 * (PostgreSQL skips sessions another purge holds; SQLite has one writer).
 */
export async function expiredSessions(db: Executor, companyId: number, cutoff: string, limit: number, skipLocked: boolean): Promise<SessionRef[]> {
  const q = db
    .selectFrom('chat_sessions')
    .select(['id', 'created_at', 'message_count'])
    .where('company_id', '=', companyId)
    .where('last_activity_at', '<', cutoff)
    .orderBy('last_activity_at')
    .orderBy('id')
    .limit(limit);
  return (skipLocked ? q.forUpdate().skipLocked() : q).execute();
}

/** One end user's sessions, locked for this transaction. */
export async function sessionsOfUser(db: Executor, companyId: number, userId: string, limit: number, lock: boolean): Promise<SessionRef[]> {
  const q = db.selectFrom('chat_sessions').select(['id', 'created_at', 'message_count']).where('company_id', '=', companyId).where('user_id', '=', userId).orderBy('id').limit(limit);
  return (lock ? q.forUpdate() : q).execute();
}

export async function lockSession(db: Executor, companyId: number, id: string, lock: boolean): Promise<SessionRef | undefined> {
  const q = db.selectFrom('chat_sessions').select(['id', 'created_at', 'message_count']).where('company_id', '=', companyId).where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function sessionDays(db: Executor, companyId: number, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of slices(ids)) {
    for (const r of await db.selectFrom('chat_sessions').select(['id', 'created_at']).where('company_id', '=', companyId).where('id', 'in', part).execute()) {
      out.set(r.id, r.created_at.slice(0, 10));
    }
  }
  return out;
}

export type MessageFacts = Awaited<ReturnType<typeof messagesOfSessions>>[number];

const MESSAGE_FACTS = ['id', 'session_id', 'role', 'user_id', 'model', 'documents', 'tools', 'created_at', 'analyzed', 'input_tokens', 'output_tokens', 'latency_ms', 'cost_nanos'] as const;

export async function messagesOfSessions(db: Executor, companyId: number, sessionIds: string[]) {
  const out = [];
  for (const part of slices(sessionIds)) {
    out.push(...(await db.selectFrom('messages').select([...MESSAGE_FACTS]).where('company_id', '=', companyId).where('session_id', 'in', part).execute()));
  }
  return out;
}

/**
 * Messages of one end user in sessions that are not theirs, on one day: found through the
 * sessions active that day (an index range), not by reading every message of the company.
 */
export async function userMessagesOnDay(db: Executor, companyId: number, userId: string, day: string) {
  const start = `${day}T00:00:00.000Z`;
  const end = `${day}T23:59:59.999Z`;
  return db
    .selectFrom('messages as m')
    .innerJoin('chat_sessions as s', (j) => j.onRef('s.company_id', '=', 'm.company_id').onRef('s.id', '=', 'm.session_id'))
    .select(MESSAGE_FACTS.map((c) => `m.${c}` as const))
    .where('s.company_id', '=', companyId)
    .where('s.last_activity_at', '>=', start)
    .where('s.created_at', '<=', end)
    .where('m.user_id', '=', userId)
    .where('m.created_at', '>=', start)
    .where('m.created_at', '<=', end)
    .execute();
}

export async function findingsOfMessages(db: Executor, companyId: number, messageIds: string[]) {
  const out = [];
  for (const part of slices(messageIds)) {
    out.push(...(await db.selectFrom('findings').select(['message_id', 'day', 'category', 'subtype', 'review_status']).where('company_id', '=', companyId).where('message_id', 'in', part).execute()));
  }
  return out;
}

export async function feedbackOnMessages(db: Executor, companyId: number, messageIds: string[]) {
  const out = [];
  for (const part of slices(messageIds)) {
    out.push(...(await db.selectFrom('feedback').select(['id', 'kind', 'created_at']).where('company_id', '=', companyId).where('message_id', 'in', part).execute()));
  }
  return out;
}

export async function feedbackOfUser(db: Executor, companyId: number, userId: string) {
  return db.selectFrom('feedback').select(['id', 'kind', 'created_at']).where('company_id', '=', companyId).where('user_id', '=', userId).execute();
}

export async function connectionsOfUser(db: Executor, companyId: number, userId: string) {
  return db.selectFrom('connections').select(['id', 'user_id', 'created_at']).where('company_id', '=', companyId).where('user_id', '=', userId).execute();
}

export async function deleteFeedback(db: Executor, companyId: number, ids: string[]): Promise<void> {
  for (const part of slices(ids)) await db.deleteFrom('feedback').where('company_id', '=', companyId).where('id', 'in', part).execute();
}

export async function deleteFindingsOfMessages(db: Executor, companyId: number, messageIds: string[]): Promise<void> {
  for (const part of slices(messageIds)) {
    await db.deleteFrom('findings').where('company_id', '=', companyId).where('message_id', 'in', part).execute();
    // Turns analysts flagged as missed quote the message: they go with it.
    await db.deleteFrom('missed_findings').where('company_id', '=', companyId).where('message_id', 'in', part).execute();
  }
}

export async function deleteMessages(db: Executor, companyId: number, ids: string[]): Promise<void> {
  for (const part of slices(ids)) await db.deleteFrom('messages').where('company_id', '=', companyId).where('id', 'in', part).execute();
}

export async function deleteSessions(db: Executor, companyId: number, ids: string[]): Promise<void> {
  for (const part of slices(ids)) {
    await db.deleteFrom('monitor_cursors').where('company_id', '=', companyId).where('session_id', 'in', part).execute();
    // The proxy's map from a conversation's opening (hashed) to its session.
    await db.deleteFrom('proxy_threads').where('company_id', '=', companyId).where('session_id', 'in', part).execute();
    await db.deleteFrom('chat_sessions').where('company_id', '=', companyId).where('id', 'in', part).execute();
  }
}

/** The live-turn idempotency keys of deleted messages (they hold session and message ids). */
export async function deleteLiveKeys(db: Executor, companyId: number, keys: string[]): Promise<void> {
  for (const part of slices(keys)) await db.deleteFrom('ingested_events').where('company_id', '=', companyId).where('scope', '=', 'live').where('event_id', 'in', part).execute();
}

export async function deleteConnections(db: Executor, companyId: number, ids: string[]): Promise<void> {
  for (const part of slices(ids)) await db.deleteFrom('connections').where('company_id', '=', companyId).where('id', 'in', part).execute();
}

export async function deleteEndUser(db: Executor, companyId: number, userId: string): Promise<number> {
  const r = await db.deleteFrom('end_users').where('company_id', '=', companyId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteDailyUser(db: Executor, companyId: number, userId: string): Promise<void> {
  await db.deleteFrom('daily_users').where('company_id', '=', companyId).where('user_id', '=', userId).execute();
}

export async function dailyUserRows(db: Executor, companyId: number, userId: string) {
  return db.selectFrom('daily_users').select(['day', 'user_queries']).where('company_id', '=', companyId).where('user_id', '=', userId).execute();
}

/** Drops daily user rows left with no query and no connection (the user was not active that day after all). */
export async function dropEmptyDailyUsers(db: Executor, companyId: number, keys: { day: string; userId: string }[]): Promise<void> {
  for (const k of keys) {
    await db
      .deleteFrom('daily_users')
      .where('company_id', '=', companyId)
      .where('day', '=', k.day)
      .where('user_id', '=', k.userId)
      .where('user_queries', '<=', 0)
      .where('last_connection_at', 'is', null)
      .execute();
  }
}

export async function storedLastResponse(db: Executor, companyId: number, day: string): Promise<string | null> {
  const r = await db.selectFrom('daily_rollups').select('last_model_response_at').where('company_id', '=', companyId).where('day', '=', day).executeTakeFirst();
  return r?.last_model_response_at ?? null;
}

/** The latest assistant message left on a day, through the sessions active that day. */
export async function lastResponseOnDay(db: Executor, companyId: number, day: string): Promise<string | null> {
  const start = `${day}T00:00:00.000Z`;
  const end = `${day}T23:59:59.999Z`;
  const r = await db
    .selectFrom('messages as m')
    .innerJoin('chat_sessions as s', (j) => j.onRef('s.company_id', '=', 'm.company_id').onRef('s.id', '=', 'm.session_id'))
    .select((eb) => eb.fn.max('m.created_at').as('t'))
    .where('s.company_id', '=', companyId)
    .where('s.last_activity_at', '>=', start)
    .where('s.created_at', '<=', end)
    .where('m.role', '=', 'assistant')
    .where('m.created_at', '>=', start)
    .where('m.created_at', '<=', end)
    .executeTakeFirst();
  return (r?.t as string | null | undefined) ?? null;
}

export async function setLastResponse(db: Executor, companyId: number, day: string, at: string | null): Promise<void> {
  await db.updateTable('daily_rollups').set({ last_model_response_at: at }).where('company_id', '=', companyId).where('day', '=', day).execute();
}

// ── Retention settings ────────────────────────────────────────────────────────────────────

export async function retentionOf(db: Executor, companyId: number) {
  return db.selectFrom('companies').select(['retention_days', 'raw_kept_from']).where('id', '=', companyId).executeTakeFirst();
}

export async function setRetention(db: Executor, companyId: number, days: number | null): Promise<void> {
  await db.updateTable('companies').set({ retention_days: days }).where('id', '=', companyId).execute();
}

export async function companiesWithRetention(db: Executor) {
  return db.selectFrom('companies').select(['id', 'retention_days']).where('retention_days', 'is not', null).orderBy('id').execute();
}

/** Rollups before `day` are kept without their raw rows from now on (the horizon only moves forward). */
export async function raiseRawKeptFrom(db: Executor, companyId: number, day: string): Promise<void> {
  await db
    .updateTable('companies')
    .set({ raw_kept_from: day })
    .where('id', '=', companyId)
    .where((eb) => eb.or([eb('raw_kept_from', 'is', null), eb('raw_kept_from', '<', day)]))
    .execute();
}

// ── Audit log ─────────────────────────────────────────────────────────────────────────────

export async function insertAudit(db: Executor, row: Insertable<AuditLogTable>): Promise<number> {
  const r = await db.insertInto('audit_log').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function auditPage(db: Executor, companyId: number, before: number | null, limit: number) {
  let q = db.selectFrom('audit_log').selectAll().where('company_id', '=', companyId);
  if (before !== null) q = q.where('id', '<', before);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export async function accountEmail(db: Executor, accountId: number): Promise<string | null> {
  const r = await db.selectFrom('accounts').select('email').where('id', '=', accountId).executeTakeFirst();
  return r?.email ?? null;
}

export async function keyLabel(db: Executor, keyId: number): Promise<string | null> {
  const r = await db.selectFrom('api_keys').select(['name', 'lookup']).where('id', '=', keyId).executeTakeFirst();
  return r ? (r.name ?? r.lookup) : null;
}

/** Retention writes one audit entry per company and cut-off day, adding each step's counts to it. */
export async function addToPurgeAudit(db: Executor, companyId: number, at: string, cutoffDay: string, removed: object): Promise<void> {
  const target = `before ${cutoffDay}`;
  const row = await db.selectFrom('audit_log').select(['id', 'counts']).where('company_id', '=', companyId).where('action', '=', 'retention.purged').where('target', '=', target).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!row) {
    await db.insertInto('audit_log').values({ company_id: companyId, at, actor: 'retention', action: 'retention.purged', target, counts: JSON.stringify(removed) }).execute();
    return;
  }
  let counts: Record<string, number> = {};
  try {
    counts = JSON.parse(row.counts) as Record<string, number>;
  } catch {
    counts = {};
  }
  for (const [k, n] of Object.entries(removed as Record<string, number>)) counts[k] = (Number(counts[k]) || 0) + n;
  await db.updateTable('audit_log').set({ at, counts: JSON.stringify(counts) }).where('id', '=', row.id).execute();
}

export async function latestMessage(db: Executor, companyId: number, sessionId: string) {
  return db.selectFrom('messages').select(['content']).where('company_id', '=', companyId).where('session_id', '=', sessionId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function setLastMessage(db: Executor, companyId: number, sessionId: string, text: string | null): Promise<void> {
  await db.updateTable('chat_sessions').set({ last_message: text }).where('company_id', '=', companyId).where('id', '=', sessionId).execute();
}

/** Deletes per-day subtype, model, tool and document rows whose count fell to zero. */
export async function dropEmptyKeyed(db: Executor, companyId: number, days: string[]): Promise<void> {
  for (const part of slices(days)) {
    for (const table of ['daily_subtypes', 'daily_models', 'daily_tools', 'daily_documents'] as const) {
      await db.deleteFrom(table).where('company_id', '=', companyId).where('day', 'in', part).where('count', '<=', 0).execute();
    }
    await db.deleteFrom('daily_usage').where('company_id', '=', companyId).where('day', 'in', part).where('responses', '<=', 0).execute();
  }
}
