/** The proxy's rows: a company's upstream settings, and the sessions of re-sent conversations. */
import type { Executor } from '../../db/database.js';

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
  const row = await db.selectFrom('proxy_threads').select('session_id').where('company_id', '=', companyId).where('thread_key', '=', threadKey).executeTakeFirst();
  return row?.session_id;
}

/** Records which session each conversation's opening belongs to; the first writer wins. */
export async function saveThreads(db: Executor, companyId: number, threads: { key: string; sessionId: string }[], now: string): Promise<void> {
  if (threads.length === 0) return;
  await db
    .insertInto('proxy_threads')
    .values(threads.map((t) => ({ company_id: companyId, thread_key: t.key, session_id: t.sessionId, created_at: now })))
    .onConflict((oc) => oc.columns(['company_id', 'thread_key']).doNothing())
    .execute();
}
