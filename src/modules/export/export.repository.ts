/** The export's reads: sessions in keyset pages of the window (index `chat_sessions_created`), then their messages and findings. */
import { type ExpressionBuilder, sql } from 'kysely';
import { SEVERITIES, severityRank } from '../../analysis/types.js';
import type { DB, Executor } from '../../db/database.js';
import type { ExportQuery } from './export.js';

export interface SessionKey {
  created_at: string;
  id: string;
}

type S = ExpressionBuilder<DB, 'chat_sessions'>;

/** Findings of the session matching the query's finding filters, through its messages (indexed both ways). */
function findingsOf(eb: S, q: ExportQuery) {
  let sub = eb
    .selectFrom('messages as m')
    .innerJoin('findings as f', (j) => j.onRef('f.company_id', '=', 'm.company_id').onRef('f.message_id', '=', 'm.id'))
    .select(sql<number>`1`.as('one'))
    .whereRef('m.company_id', '=', 'chat_sessions.company_id')
    .whereRef('m.session_id', '=', 'chat_sessions.id');
  if (q.category) sub = sub.where('f.category', '=', q.category);
  if (q.minSeverity) sub = sub.where('f.severity', 'in', SEVERITIES.filter((s) => severityRank(s) >= severityRank(q.minSeverity!)));
  return sub;
}

export async function sessionPage(db: Executor, companyId: number, q: ExportQuery, after: SessionKey | null, limit: number) {
  let query = db
    .selectFrom('chat_sessions')
    .select(['id', 'user_id', 'created_at', 'last_activity_at', 'ended_at', 'ended_reason', 'source', 'message_count'])
    .where('company_id', '=', companyId)
    .where('created_at', '>=', `${q.start_date}T00:00:00.000Z`)
    .where('created_at', '<=', `${q.end_date}T23:59:59.999Z`);
  if (after) query = query.where((eb) => eb.or([eb('created_at', '>', after.created_at), eb.and([eb('created_at', '=', after.created_at), eb('id', '>', after.id)])]));
  if (q.userId !== undefined) query = query.where('user_id', '=', q.userId);
  if (q.source !== undefined) query = query.where('source', '=', q.source);
  if (q.status === 'active') query = query.where('ended_at', 'is', null);
  else if (q.status !== undefined) query = query.where('ended_reason', '=', q.status);
  if (q.hasFindings === false) query = query.where((eb) => eb.not(eb.exists(findingsOf(eb, { ...q, category: undefined, minSeverity: undefined }))));
  if (q.hasFindings === true || q.category || q.minSeverity) query = query.where((eb) => eb.exists(findingsOf(eb, q)));
  return query.orderBy('created_at').orderBy('id').limit(limit).execute();
}

export async function messagesOf(db: Executor, companyId: number, sessionIds: string[], after: { session_id: string; seq: number } | null, limit: number) {
  let q = db
    .selectFrom('messages')
    .select(['id', 'session_id', 'seq', 'role', 'content', 'user_id', 'model', 'documents', 'tools', 'created_at', 'input_tokens', 'output_tokens', 'latency_ms'])
    .where('company_id', '=', companyId)
    .where('session_id', 'in', sessionIds);
  if (after) q = q.where((eb) => eb.or([eb('session_id', '>', after.session_id), eb.and([eb('session_id', '=', after.session_id), eb('seq', '>', after.seq)])]));
  return q.orderBy('session_id').orderBy('seq').limit(limit).execute();
}

export async function findingsOfMessages(db: Executor, companyId: number, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('findings')
    .select(['id', 'message_id', 'category', 'subtype', 'score', 'severity', 'spans', 'explanation', 'detector'])
    .where('company_id', '=', companyId)
    .where('message_id', 'in', messageIds)
    .orderBy('id')
    .execute();
}
