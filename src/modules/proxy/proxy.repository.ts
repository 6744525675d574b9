/**
 * The proxy's rows: a company's upstream settings, and the sessions of re-sent conversations.
 * What every request reads or writes (a conversation's session, the session's state, a new
 * conversation's thread) is hand-written once (db/sql.ts): prepared once per connection, not
 * built by the query builder per call.
 */
import type { ChatSessionsTable, Executor } from '../../db/database.js';
import { RowsStatement, all, cols, run, syntaxOf } from '../../db/sql.js';

export interface UpstreamRow {
  base_url: string | null;
  models: string;
  api_key_sealed: string | null;
  guardrails: string;
}

export async function findUpstream(db: Executor, companyId: number): Promise<UpstreamRow | undefined> {
  return db.selectFrom('proxy_upstreams').select(['base_url', 'models', 'api_key_sealed', 'guardrails']).where('company_id', '=', companyId).executeTakeFirst();
}

export async function saveUpstream(db: Executor, companyId: number, row: UpstreamRow, now: string): Promise<void> {
  await db
    .insertInto('proxy_upstreams')
    .values({ company_id: companyId, ...row, updated_at: now })
    .onConflict((oc) => oc.column('company_id').doUpdateSet({ ...row, updated_at: now }))
    .execute();
}

export async function deleteUpstream(db: Executor, companyId: number): Promise<void> {
  await db.deleteFrom('proxy_upstreams').where('company_id', '=', companyId).execute();
}

export async function findThread(db: Executor, companyId: number, threadKey: string): Promise<string | undefined> {
  const rows = await all<{ session_id: string }>(db, { text: 'SELECT session_id FROM proxy_threads WHERE company_id = ? AND thread_key = ?', params: [companyId, threadKey] });
  return rows[0]?.session_id;
}

export type SessionState = Pick<ChatSessionsTable, 'message_count' | 'ended_at' | 'ended_reason'>;

/** What a proxied request needs of its stored session: its length and whether it has ended. */
export async function findSessionState(db: Executor, companyId: number, sessionId: string): Promise<SessionState | undefined> {
  const rows = await all<SessionState>(db, { text: 'SELECT message_count, ended_at, ended_reason FROM chat_sessions WHERE company_id = ? AND id = ?', params: [companyId, sessionId] });
  return rows[0];
}

// WHERE true: SQLite reads ON CONFLICT after a bare SELECT … FROM as a join's ON otherwise.
const THREADS = new RowsStatement(
  cols('company_id:integer', 'thread_key', 'session_id', 'created_at'),
  (v) => `INSERT INTO proxy_threads (company_id, thread_key, session_id, created_at) SELECT v.company_id, v.thread_key, v.session_id, v.created_at FROM ${v} WHERE true ON CONFLICT (company_id, thread_key) DO NOTHING`,
);

/** Records which session each conversation's opening belongs to; the first writer wins. */
export async function saveThreads(db: Executor, companyId: number, threads: { key: string; sessionId: string }[], now: string): Promise<void> {
  for (const s of THREADS.statements(syntaxOf(db), threads.map((t) => [companyId, t.key, t.sessionId, now]))) await run(db, s);
}
