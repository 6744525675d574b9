/**
 * Every SQL statement on the daily rollup tables: the increments the write path applies in its
 * transaction, the reads behind trends and the reporting API (O(days) rows whatever the
 * traffic), and the raw-row reads `chatlens rollups verify` recomputes them from.
 */
import type { DailyRollupsTable, Executor } from '../../db/database.js';
import { type Column, RowsStatement, type Sql, type SqlSyntax, all, cols, syntaxOf } from '../../db/sql.js';
import { addDays } from '../../lib/time.js';

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

const USAGE_SUMS = ['responses', 'input_tokens', 'output_tokens', 'cost_nanos', 'unpriced_responses', 'latency_ms_sum', 'latency_count'] as const;
const USAGE = upsert(
  'daily_usage',
  cols('company_id:integer', 'day', 'model', ...USAGE_SUMS.map((c) => `${c}:bigint`)),
  ['company_id', 'day', 'model'],
  USAGE_SUMS.map((c) => `${c} = daily_usage.${c} + excluded.${c}`).join(', '),
);

/** What a batch of rollup increments holds, one row per (company, day, key), sorted by key. */
export interface RollupRows {
  daily: { day: string; counters: Partial<Record<Counter, number>>; lastModelResponseAt: string | null }[];
  subtypes: [day: string, subtype: string, count: number][];
  models: [day: string, model: string, count: number][];
  tools: [day: string, tool: string, count: number][];
  documents: [day: string, id: number, filename: string, title: string | null, count: number][];
  users: [day: string, userId: string, queries: number, lastConnectionAt: string | null][];
  /** Sums in USAGE_SUMS order. */
  usage: [day: string, model: string, responses: number, inputTokens: number, outputTokens: number, costNanos: number, unpricedResponses: number, latencyMsSum: number, latencyCount: number][];
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
    ...USAGE.statements(syntax, r.usage.map((x) => [companyId, ...x])),
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

/** A page of a per-day list: its size and how many entries of each day it skips. */
export interface DayPage {
  limit: number;
  offset: number;
}

/**
 * A page of each of these days, keyed by day: `ofDay(dayParam)` is one day's statement (company,
 * day, limit and offset as parameters, the day's as given) and `order` its ORDER BY on `x.`.
 * One statement on PostgreSQL (90 days were 90 round trips), one index seek per day on SQLite,
 * where it measured faster than a compound SELECT. Days without rows may be absent.
 */
async function pagesOfDays<T extends object>(db: Executor, companyId: number, days: readonly string[], page: DayPage, ofDay: (day: string) => string, order: string): Promise<Map<string, T[]>> {
  const out = new Map<string, T[]>();
  if (days.length === 0) return out;
  const s = syntaxOf(db);
  const text = s.forEachValue('text', ofDay('v.value'), order);
  if (!text) {
    for (const day of days) out.set(day, await all<T>(db, { text: ofDay('?'), params: [companyId, day, page.limit, page.offset] }));
    return out;
  }
  for (const { value, ...row } of await all<T & { value: string }>(db, { text, params: [s.listParam(days), companyId, page.limit, page.offset] })) {
    const entry = row as unknown as T;
    const list = out.get(value);
    if (list) list.push(entry);
    else out.set(value, [entry]);
  }
  return out;
}

export interface DocumentOfDay {
  document_id: number;
  filename: string;
  title: string | null;
  count: number;
}

/** One day's documents, most used first (then by id): an index range (daily_documents_busiest), however many documents the day or the company has. */
const DOCUMENTS_OF_DAY = (day: string) =>
  `SELECT document_id, filename, title, count FROM daily_documents WHERE company_id = ? AND day = ${day} ORDER BY count DESC, document_id LIMIT ? OFFSET ?`;

/** A page of each of these days' documents, keyed by day (`pagesOfDays`). */
export function documentsOfDays(db: Executor, companyId: number, days: readonly string[], page: DayPage): Promise<Map<string, DocumentOfDay[]>> {
  return pagesOfDays<DocumentOfDay>(db, companyId, days, page, DOCUMENTS_OF_DAY, 'x.count DESC, x.document_id');
}

/**
 * Each day of the range with active users: how many, and the revision of what user-activities
 * lists for it (daily_user_counts, kept by triggers: one row a day, however many users).
 */
export async function userCountsOfDays(db: Executor, companyId: number, r: DayRange) {
  return all<{ day: string; active_users: number | string; revision: number | string }>(db, {
    text: 'SELECT day, active_users, revision FROM daily_user_counts WHERE company_id = ? AND day >= ? AND day <= ?',
    params: [companyId, r.start, r.end],
  });
}

export interface UserOfDay {
  user_id: string;
  user_queries: number;
  last_connection_at: string | null;
}

const USERS_OF_DAY = (day: string) =>
  `SELECT user_id, user_queries, last_connection_at FROM daily_users WHERE company_id = ? AND day = ${day} ORDER BY user_queries DESC, user_id LIMIT ? OFFSET ?`;

/** A page of each of these days' active users, busiest first (then by id), keyed by day (`pagesOfDays`). */
export function usersOfDays(db: Executor, companyId: number, days: readonly string[], page: DayPage): Promise<Map<string, UserOfDay[]>> {
  return pagesOfDays<UserOfDay>(db, companyId, days, page, USERS_OF_DAY, 'x.user_queries DESC, x.user_id');
}

/** The email of each of these end users that has one. */
export async function emailsOf(db: Executor, companyId: number, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const s = syntaxOf(db);
  const rows = await all<{ user_id: string; email: string | null }>(db, {
    text: `SELECT user_id, email FROM end_users WHERE company_id = ? AND ${s.inList('user_id', 'text')} AND email IS NOT NULL`,
    params: [companyId, s.listParam(userIds)],
  });
  return new Map(rows.map((r) => [r.user_id, r.email!]));
}

/** End users first seen before `before` (an ISO time): a range of end_users_first_seen. */
export async function countMembersSeenBefore(db: Executor, companyId: number, before: string): Promise<number> {
  const [row] = await all<{ n: number }>(db, { text: 'SELECT count(*) AS n FROM end_users WHERE company_id = ? AND first_seen_at < ?', params: [companyId, before] });
  return Number(row?.n ?? 0);
}

/**
 * Distinct end users active on some day of the range. A user last seen within the range was
 * active in it; one last seen after it is checked day by day (an index seek each); one last seen
 * before it was not. So the count reads end users, never the whole window's activity.
 */
export async function countActiveMembers(db: Executor, companyId: number, r: DayRange): Promise<number> {
  const from = `${r.start}T00:00:00.000Z`;
  const until = `${addDays(r.end, 1)}T00:00:00.000Z`;
  const [row] = await all<{ n: number }>(db, {
    text:
      'SELECT (SELECT count(*) FROM end_users WHERE company_id = ? AND last_seen_at >= ? AND last_seen_at < ?) + ' +
      '(SELECT count(*) FROM end_users e WHERE e.company_id = ? AND e.last_seen_at >= ? AND e.first_seen_at < ? AND EXISTS ' +
      '(SELECT 1 FROM daily_users d WHERE d.company_id = e.company_id AND d.user_id = e.user_id AND d.day >= ? AND d.day <= ?)) AS n',
    params: [companyId, from, until, companyId, until, until, r.start, r.end],
  });
  return Number(row?.n ?? 0);
}

// ── Verification: every stored rollup row of a company, and the raw rows they come from ─────

export async function storedRollups(db: Executor, companyId: number) {
  const [daily, subtypes, models, tools, documents, users, usage, userCounts] = await Promise.all([
    db.selectFrom('daily_rollups').selectAll().where('company_id', '=', companyId).execute(),
    db.selectFrom('daily_subtypes').selectAll().where('company_id', '=', companyId).execute(),
    db.selectFrom('daily_models').selectAll().where('company_id', '=', companyId).execute(),
    db.selectFrom('daily_tools').selectAll().where('company_id', '=', companyId).execute(),
    db.selectFrom('daily_documents').selectAll().where('company_id', '=', companyId).execute(),
    db.selectFrom('daily_users').selectAll().where('company_id', '=', companyId).execute(),
    db.selectFrom('daily_usage').selectAll().where('company_id', '=', companyId).execute(),
    db.selectFrom('daily_user_counts').select(['day', 'active_users']).where('company_id', '=', companyId).execute(),
  ]);
  return { daily, subtypes, models, tools, documents, users, usage, userCounts };
}

export async function sessionStarts(db: Executor, companyId: number) {
  return db.selectFrom('chat_sessions').select(['id', 'created_at']).where('company_id', '=', companyId).execute();
}

/** Findings that count: a dismissed one is in no rollup (modules/reviews). */
export async function findingKinds(db: Executor, companyId: number) {
  return db
    .selectFrom('findings')
    .select(['message_id', 'day', 'category', 'subtype'])
    .where('company_id', '=', companyId)
    .where((eb) => eb.or([eb('review_status', 'is', null), eb('review_status', '!=', 'dismissed')]))
    .execute();
}

/** A page of messages in (session, seq) order, after `after`. */
export async function messagePage(db: Executor, companyId: number, after: { session_id: string; seq: number } | null, limit: number) {
  let q = db
    .selectFrom('messages')
    .select(['id', 'session_id', 'seq', 'role', 'user_id', 'model', 'documents', 'tools', 'created_at', 'analyzed', 'input_tokens', 'output_tokens', 'latency_ms', 'cost_nanos'])
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

/** The UTC day before which retention kept rollups without raw rows; null when it never purged. */
export async function rawKeptFrom(db: Executor, companyId: number): Promise<string | null> {
  const r = await db.selectFrom('companies').select('raw_kept_from').where('id', '=', companyId).executeTakeFirst();
  return r?.raw_kept_from ?? null;
}
