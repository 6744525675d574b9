import type { Insertable } from 'kysely';
import type { ChatSessionsTable, Executor, FindingsTable, MessagesTable } from '../../db/database.js';

export async function findSession(db: Executor, companyId: number, id: string) {
  return db.selectFrom('chat_sessions').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
}

export async function insertSession(db: Executor, row: Insertable<ChatSessionsTable>): Promise<void> {
  await db.insertInto('chat_sessions').values(row).execute();
}

export async function updateSession(
  db: Executor,
  companyId: number,
  id: string,
  patch: Partial<Pick<ChatSessionsTable, 'user_id' | 'last_activity_at' | 'ended_at' | 'ended_reason' | 'message_count' | 'last_message'>>,
): Promise<void> {
  await db.updateTable('chat_sessions').set(patch).where('company_id', '=', companyId).where('id', '=', id).execute();
}

export async function findMessage(db: Executor, companyId: number, id: string) {
  return db.selectFrom('messages').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
}

export async function insertMessage(db: Executor, row: Insertable<MessagesTable>): Promise<void> {
  await db.insertInto('messages').values(row).execute();
}

export async function insertFindings(db: Executor, rows: Insertable<FindingsTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('findings').values(rows).execute();
}

/** The last `limit` messages of a session, oldest first: the context of the next turn. */
export async function recentMessages(db: Executor, companyId: number, sessionId: string, limit: number) {
  const rows = await db
    .selectFrom('messages')
    .select(['id', 'role', 'content', 'seq', 'created_at'])
    .where('company_id', '=', companyId)
    .where('session_id', '=', sessionId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}

export async function messagesOfSession(db: Executor, companyId: number, sessionId: string) {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('session_id', '=', sessionId)
    .orderBy('seq')
    .execute();
}

export async function findingsOfSession(db: Executor, companyId: number, sessionId: string) {
  return db
    .selectFrom('findings')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('session_id', '=', sessionId)
    .orderBy('id')
    .execute();
}

export async function findingsOfMessage(db: Executor, companyId: number, messageId: string) {
  return db.selectFrom('findings').selectAll().where('company_id', '=', companyId).where('message_id', '=', messageId).orderBy('id').execute();
}

export async function feedbackOfSession(db: Executor, companyId: number, sessionId: string) {
  return db
    .selectFrom('feedback')
    .innerJoin('messages', (j) => j.onRef('messages.company_id', '=', 'feedback.company_id').onRef('messages.id', '=', 'feedback.message_id'))
    .select(['feedback.id', 'feedback.message_id', 'feedback.kind', 'feedback.user_id', 'feedback.created_at'])
    .where('feedback.company_id', '=', companyId)
    .where('messages.session_id', '=', sessionId)
    .orderBy('feedback.created_at')
    .execute();
}

export interface ActivityPosition {
  lastActivityAt: string;
  id: string;
}

/** Newest activity first, ties by id; keyset on (last_activity_at desc, id asc) served by chat_sessions_activity. */
export async function listActiveSessions(
  db: Executor,
  companyId: number,
  since: string,
  limit: number,
  after: ActivityPosition | null,
) {
  let q = db
    .selectFrom('chat_sessions')
    .select(['id', 'created_at', 'last_activity_at', 'ended_at', 'ended_reason', 'message_count', 'last_message', 'source', 'user_id'])
    .where('company_id', '=', companyId)
    .where('last_activity_at', '>', since);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('last_activity_at', '<', after.lastActivityAt),
        eb.and([eb('last_activity_at', '=', after.lastActivityAt), eb('id', '>', after.id)]),
      ]),
    );
  }
  return q.orderBy('last_activity_at', 'desc').orderBy('id', 'asc').limit(limit).execute();
}

export async function rememberCursor(db: Executor, companyId: number, sessionId: string, lastActivityAt: string, now: string) {
  await db
    .insertInto('monitor_cursors')
    .values({ company_id: companyId, session_id: sessionId, last_activity_at: lastActivityAt, issued_at: now })
    .onConflict((oc) => oc.columns(['company_id', 'session_id']).doUpdateSet({ last_activity_at: lastActivityAt, issued_at: now }))
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

export async function pruneCursors(db: Executor, companyId: number, before: string): Promise<void> {
  await db.deleteFrom('monitor_cursors').where('company_id', '=', companyId).where('issued_at', '<', before).execute();
}

export async function upsertEndUser(
  db: Executor,
  companyId: number,
  userId: string,
  at: string,
  v: { email?: string | null; connection?: boolean },
): Promise<void> {
  const existing = await db
    .selectFrom('end_users')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!existing) {
    await db
      .insertInto('end_users')
      .values({
        company_id: companyId,
        user_id: userId,
        email: v.email ?? null,
        first_seen_at: at,
        last_seen_at: at,
        last_connection_at: v.connection ? at : null,
      })
      .execute();
    return;
  }
  await db
    .updateTable('end_users')
    .set({
      email: v.email ?? existing.email,
      first_seen_at: at < existing.first_seen_at ? at : existing.first_seen_at,
      last_seen_at: at > existing.last_seen_at ? at : existing.last_seen_at,
      last_connection_at:
        v.connection && (!existing.last_connection_at || at > existing.last_connection_at) ? at : existing.last_connection_at,
    })
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .execute();
}

/** Which of these sessions already hold messages. */
export async function sessionsWithMessages(db: Executor, companyId: number, ids: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('chat_sessions')
    .select(['id'])
    .where('company_id', '=', companyId)
    .where('id', 'in', ids)
    .where('message_count', '>', 0)
    .execute();
  return rows.map((r) => r.id);
}

/** Ends the still-open sessions an upload created at their last activity. */
export async function endSessionsOfUpload(db: Executor, companyId: number, uploadId: number): Promise<void> {
  await db
    .updateTable('chat_sessions')
    .set((eb) => ({ ended_at: eb.ref('last_activity_at'), ended_reason: 'user' as const }))
    .where('company_id', '=', companyId)
    .where('upload_id', '=', uploadId)
    .where('ended_at', 'is', null)
    .execute();
}
