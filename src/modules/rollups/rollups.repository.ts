/**
 * Every SQL statement on the daily rollup tables: the increments the write path applies in its
 * transaction, the reads behind trends and the reporting API (O(days) rows whatever the
 * traffic), and the raw-row reads `chatlens rollups verify` recomputes them from.
 */
import type { DailyRollupsTable, Executor } from '../../db/database.js';
import { type Column, RowsStatement, type Sql, type SqlSyntax, cols } from '../../db/sql.js';

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

/** A later non-null time wins over the stored one. */
const later = (table: string, col: string) =>
  `CASE WHEN excluded.${col} IS NOT NULL AND (${table}.${col} IS NULL OR excluded.${col} > ${table}.${col}) THEN excluded.${col} ELSE ${table}.${col} END`;

const upsert = (table: string, columns: Column[], key: string[], set: string) =>
  new RowsStatement(
    columns,
    (v) => `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) SELECT ${columns.map((c) => `v.${c.name}`).join(', ')} FROM ${v} WHERE true ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${set}`,
  );

const DAILY = upsert(
  'daily_rollups',
  cols('company_id:integer', 'day', ...COUNTERS.map((c) => `${c}:bigint`), 'last_model_response_at'),
  ['company_id', 'day'],
  [...COUNTERS.map((c) => `${c} = daily_rollups.${c} + excluded.${c}`), `last_model_response_at = ${later('daily_rollups', 'last_model_response_at')}`].join(', '),
);
const keyedCount = (table: string, key: string, keyType = 'text') =>
  upsert(table, cols('company_id:integer', 'day', `${key}:${keyType}`, 'count:bigint'), ['company_id', 'day', key], `count = ${table}.count + excluded.count`);
const SUBTYPES = keyedCount('daily_subtypes', 'subtype');
const MODELS = keyedCount('daily_models', 'model');
const TOOLS = keyedCount('daily_tools', 'tool_name');
const DOCUMENTS = upsert(
  'daily_documents',
  cols('company_id:integer', 'day', 'document_id:bigint', 'filename', 'title', 'count:bigint'),
  ['company_id', 'day', 'document_id'],
  // The latest filename and title win.
  'count = daily_documents.count + excluded.count, filename = excluded.filename, title = excluded.title',
);
const USERS = upsert(
  'daily_users',
  cols('company_id:integer', 'day', 'user_id', 'user_queries:bigint', 'last_connection_at'),
  ['company_id', 'day', 'user_id'],
  `user_queries = daily_users.user_queries + excluded.user_queries, last_connection_at = ${later('daily_users', 'last_connection_at')}`,
);

/** What a batch of rollup increments holds, one row per (company, day, key), sorted by key. */
export interface RollupRows {
  daily: { day: string; counters: Partial<Record<Counter, number>>; lastModelResponseAt: string | null }[];
  subtypes: [day: string, subtype: string, count: number][];
  models: [day: string, model: string, count: number][];
  tools: [day: string, tool: string, count: number][];
  documents: [day: string, id: number, filename: string, title: string | null, count: number][];
  users: [day: string, userId: string, queries: number, lastConnectionAt: string | null][];
}

/**
 * The statements adding a batch to the rollups: one multi-row upsert per table. Rows come sorted
 * by key, so concurrent transactions lock rollup rows in the same order and cannot deadlock.
 */
export function incrementStatements(syntax: SqlSyntax, companyId: number, r: RollupRows): Sql[] {
  return [
    ...DAILY.statements(syntax, r.daily.map((d) => [companyId, d.day, ...COUNTERS.map((c) => d.counters[c] ?? 0), d.lastModelResponseAt])),
    ...SUBTYPES.statements(syntax, r.subtypes.map((x) => [companyId, ...x])),
    ...MODELS.statements(syntax, r.models.map((x) => [companyId, ...x])),
    ...TOOLS.statements(syntax, r.tools.map((x) => [companyId, ...x])),
    ...DOCUMENTS.statements(syntax, r.documents.map((x) => [companyId, ...x])),
    ...USERS.statements(syntax, r.users.map((x) => [companyId, ...x])),
  ];
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
