/**
 * Every SQL statement on the daily rollup tables: the increments the write path applies in its
 * transaction, the reads behind trends and the reporting API (O(days) rows whatever the
 * traffic), and the raw-row reads `chatlens rollups verify` recomputes them from.
 */
import { sql } from 'kysely';
import type { DailyRollupsTable, Executor } from '../../db/database.js';

// ── Increments (RollupBatch.apply) ───────────────────────────────────────────────────────────

export type Counter = Exclude<keyof DailyRollupsTable, 'company_id' | 'day' | 'last_model_response_at'>;

export const COUNTERS: readonly Counter[] = [
  'turns_analyzed',
  'hallucination_flagged',
  'bias_flagged',
  'toxicity_flagged',
  'issues',
  'sessions_count',
  'session_messages',
  'user_queries',
  'model_responses',
  'model_responses_with_docs',
  'likes',
  'dislikes',
  'copies',
  'uploads',
];

/** Adds counters to a day; `lastModelResponseAt` is kept when later than the stored one. */
export async function addDailyCounters(
  db: Executor,
  companyId: number,
  day: string,
  counters: Partial<Record<Counter, number>>,
  lastModelResponseAt: string | null,
): Promise<void> {
  const values: Record<string, unknown> = { company_id: companyId, day, last_model_response_at: lastModelResponseAt };
  for (const c of COUNTERS) values[c] = counters[c] ?? 0;
  await db
    .insertInto('daily_rollups')
    .values(values as never)
    .onConflict((oc) =>
      oc.columns(['company_id', 'day']).doUpdateSet((eb) => {
        const set: Record<string, unknown> = {
          last_model_response_at: sql`case when excluded.last_model_response_at is not null and (daily_rollups.last_model_response_at is null or excluded.last_model_response_at > daily_rollups.last_model_response_at) then excluded.last_model_response_at else daily_rollups.last_model_response_at end`,
        };
        for (const c of COUNTERS) {
          if (counters[c]) set[c] = eb(`daily_rollups.${c}`, '+', eb.ref(`excluded.${c}`));
        }
        return set as never;
      }),
    )
    .execute();
}

export async function addSubtypeCount(db: Executor, companyId: number, day: string, subtype: string, count: number): Promise<void> {
  await db
    .insertInto('daily_subtypes')
    .values({ company_id: companyId, day, subtype, count })
    .onConflict((oc) => oc.columns(['company_id', 'day', 'subtype']).doUpdateSet((eb) => ({ count: eb('daily_subtypes.count', '+', eb.ref('excluded.count')) })))
    .execute();
}

export async function addModelCount(db: Executor, companyId: number, day: string, model: string, count: number): Promise<void> {
  await db
    .insertInto('daily_models')
    .values({ company_id: companyId, day, model, count })
    .onConflict((oc) => oc.columns(['company_id', 'day', 'model']).doUpdateSet((eb) => ({ count: eb('daily_models.count', '+', eb.ref('excluded.count')) })))
    .execute();
}

export async function addToolCount(db: Executor, companyId: number, day: string, toolName: string, count: number): Promise<void> {
  await db
    .insertInto('daily_tools')
    .values({ company_id: companyId, day, tool_name: toolName, count })
    .onConflict((oc) => oc.columns(['company_id', 'day', 'tool_name']).doUpdateSet((eb) => ({ count: eb('daily_tools.count', '+', eb.ref('excluded.count')) })))
    .execute();
}

/** Adds document uses; the latest filename and title win. */
export async function addDocumentCount(
  db: Executor,
  companyId: number,
  day: string,
  d: { id: number; filename: string; title: string | null; count: number },
): Promise<void> {
  await db
    .insertInto('daily_documents')
    .values({ company_id: companyId, day, document_id: d.id, filename: d.filename, title: d.title, count: d.count })
    .onConflict((oc) =>
      oc.columns(['company_id', 'day', 'document_id']).doUpdateSet((eb) => ({
        count: eb('daily_documents.count', '+', eb.ref('excluded.count')),
        filename: eb.ref('excluded.filename'),
        title: eb.ref('excluded.title'),
      })),
    )
    .execute();
}

/** Adds a user's queries of a day; their last connection is kept when later than the stored one. */
export async function addUserDay(
  db: Executor,
  companyId: number,
  day: string,
  userId: string,
  u: { queries: number; lastConnectionAt: string | null },
): Promise<void> {
  await db
    .insertInto('daily_users')
    .values({ company_id: companyId, day, user_id: userId, user_queries: u.queries, last_connection_at: u.lastConnectionAt })
    .onConflict((oc) =>
      oc.columns(['company_id', 'day', 'user_id']).doUpdateSet((eb) => ({
        user_queries: eb('daily_users.user_queries', '+', eb.ref('excluded.user_queries')),
        last_connection_at: sql`case when excluded.last_connection_at is not null and (daily_users.last_connection_at is null or excluded.last_connection_at > daily_users.last_connection_at) then excluded.last_connection_at else daily_users.last_connection_at end`,
      })),
    )
    .execute();
}

// ── Reads for trends and reports: one company, days from `start` to `end` included ───────────

export interface DayRange {
  start: string;
  end: string;
}

export async function dailyRollups(db: Executor, companyId: number, r: DayRange) {
  return db.selectFrom('daily_rollups').selectAll().where('company_id', '=', companyId).where('day', '>=', r.start).where('day', '<=', r.end).execute();
}

/** Findings per subtype over the whole range. */
export async function subtypeTotals(db: Executor, companyId: number, r: DayRange) {
  return db
    .selectFrom('daily_subtypes')
    .select(['subtype', (eb) => eb.fn.sum<number>('count').as('n')])
    .where('company_id', '=', companyId)
    .where('day', '>=', r.start)
    .where('day', '<=', r.end)
    .groupBy('subtype')
    .execute();
}

/** Distinct models per day. */
export async function modelsPerDay(db: Executor, companyId: number, r: DayRange) {
  return db
    .selectFrom('daily_models')
    .select(['day', (eb) => eb.fn.countAll<number>().as('n')])
    .where('company_id', '=', companyId)
    .where('day', '>=', r.start)
    .where('day', '<=', r.end)
    .groupBy('day')
    .execute();
}

export async function toolDays(db: Executor, companyId: number, r: DayRange) {
  return db
    .selectFrom('daily_tools')
    .select(['day', 'tool_name', 'count'])
    .where('company_id', '=', companyId)
    .where('day', '>=', r.start)
    .where('day', '<=', r.end)
    .execute();
}

export async function documentDays(db: Executor, companyId: number, r: DayRange) {
  return db
    .selectFrom('daily_documents')
    .select(['day', 'document_id', 'filename', 'title', 'count'])
    .where('company_id', '=', companyId)
    .where('day', '>=', r.start)
    .where('day', '<=', r.end)
    .execute();
}

/** Each active user of each day, with their email when known. */
export async function userDays(db: Executor, companyId: number, r: DayRange) {
  return db
    .selectFrom('daily_users')
    .leftJoin('end_users', (j) => j.onRef('end_users.company_id', '=', 'daily_users.company_id').onRef('end_users.user_id', '=', 'daily_users.user_id'))
    .select(['daily_users.day', 'daily_users.user_id', 'daily_users.user_queries', 'daily_users.last_connection_at', 'end_users.email'])
    .where('daily_users.company_id', '=', companyId)
    .where('daily_users.day', '>=', r.start)
    .where('daily_users.day', '<=', r.end)
    .execute();
}

/** End users first seen before `before` (an ISO time). */
export async function countMembersSeenBefore(db: Executor, companyId: number, before: string): Promise<number> {
  const row = await db
    .selectFrom('end_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('company_id', '=', companyId)
    .where('first_seen_at', '<', before)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Distinct end users active on some day of the range. */
export async function countActiveMembers(db: Executor, companyId: number, r: DayRange): Promise<number> {
  const row = await db
    .selectFrom('daily_users')
    .select((eb) => eb.fn.count<number>('user_id').distinct().as('n'))
    .where('company_id', '=', companyId)
    .where('day', '>=', r.start)
    .where('day', '<=', r.end)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

// ── Verification: every stored rollup row of a company, and the raw rows they come from ─────

export async function storedRollups(db: Executor, companyId: number) {
  const [daily, subtypes, models, tools, documents, users] = await Promise.all([
    db.selectFrom('daily_rollups').selectAll().where('company_id', '=', companyId).execute(),
    db.selectFrom('daily_subtypes').selectAll().where('company_id', '=', companyId).execute(),
    db.selectFrom('daily_models').selectAll().where('company_id', '=', companyId).execute(),
    db.selectFrom('daily_tools').selectAll().where('company_id', '=', companyId).execute(),
    db.selectFrom('daily_documents').selectAll().where('company_id', '=', companyId).execute(),
    db.selectFrom('daily_users').selectAll().where('company_id', '=', companyId).execute(),
  ]);
  return { daily, subtypes, models, tools, documents, users };
}

export async function sessionStarts(db: Executor, companyId: number) {
  return db.selectFrom('chat_sessions').select(['id', 'created_at']).where('company_id', '=', companyId).execute();
}

export async function findingKinds(db: Executor, companyId: number) {
  return db.selectFrom('findings').select(['message_id', 'day', 'category', 'subtype']).where('company_id', '=', companyId).execute();
}

/** A page of messages in (session, seq) order, after `after`. */
export async function messagePage(db: Executor, companyId: number, after: { session_id: string; seq: number } | null, limit: number) {
  let q = db
    .selectFrom('messages')
    .select(['id', 'session_id', 'seq', 'role', 'user_id', 'model', 'documents', 'tools', 'created_at', 'analyzed'])
    .where('company_id', '=', companyId);
  if (after) {
    q = q.where((eb) => eb.or([eb('session_id', '>', after.session_id), eb.and([eb('session_id', '=', after.session_id), eb('seq', '>', after.seq)])]));
  }
  return q.orderBy('session_id').orderBy('seq').limit(limit).execute();
}

export async function feedbackKinds(db: Executor, companyId: number) {
  return db.selectFrom('feedback').select(['kind', 'created_at']).where('company_id', '=', companyId).execute();
}

export async function connectionTimes(db: Executor, companyId: number) {
  return db.selectFrom('connections').select(['user_id', 'created_at']).where('company_id', '=', companyId).execute();
}

export async function uploadDays(db: Executor, companyId: number) {
  return db.selectFrom('uploads').select(['day']).where('company_id', '=', companyId).execute();
}
