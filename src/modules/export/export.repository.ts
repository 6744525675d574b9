/** The export's reads: sessions in keyset pages of the window (index `chat_sessions_created`), then their messages and findings. */
import type { Executor } from '../../db/database.js';
import { matchingSessions } from '../sessions/sessions.query.js';
import type { ExportQuery } from './export.js';

export interface SessionKey {
  created_at: string;
  id: string;
}

/**
 * A page of the window's sessions matching the filters, in creation order: the filters are the
 * monitor's own condition (`matchingSessions`); the order is the export's, because a session's
 * creation time never changes, so new traffic during a long export cannot move a session past
 * the page boundary (as it could in the monitor's newest-activity order).
 */
export async function sessionPage(db: Executor, companyId: number, q: ExportQuery, idleBefore: string, after: SessionKey | null, limit: number) {
  let query = db
    .selectFrom('chat_sessions')
    .select(['id', 'user_id', 'created_at', 'last_activity_at', 'ended_at', 'ended_reason', 'source', 'message_count'])
    .where('company_id', '=', companyId)
    .where('created_at', '>=', `${q.start_date}T00:00:00.000Z`)
    .where('created_at', '<=', `${q.end_date}T23:59:59.999Z`)
    .where(matchingSessions(db, companyId, q.filters, idleBefore));
  if (after) query = query.where((eb) => eb.or([eb('created_at', '>', after.created_at), eb.and([eb('created_at', '=', after.created_at), eb('id', '>', after.id)])]));
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
    .select(['id', 'message_id', 'category', 'subtype', 'score', 'severity', 'spans', 'explanation', 'detector', 'review_status'])
    .where('company_id', '=', companyId)
    .where('message_id', 'in', messageIds)
    .orderBy('id')
    .execute();
}
