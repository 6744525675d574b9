/**
 * Every SQL statement of the write path: the event log that makes events idempotent, sessions,
 * messages and findings as they are stored, feedback, connections and end users. The monitor and
 * transcript reads live in sessions.repository.ts.
 */
import type { Insertable } from 'kysely';
import type { ChatSessionsTable, Executor, FindingsTable, MessagesTable } from '../../db/database.js';
import { isoNow } from '../../lib/time.js';

/** Records an event id; false when it was seen before (the event is a duplicate). */
export async function recordEvent(db: Executor, companyId: number, eventId: string, type: string): Promise<boolean> {
  const inserted = await db
    .insertInto('ingested_events')
    .values({ company_id: companyId, event_id: eventId, type, received_at: isoNow() })
    .onConflict((oc) => oc.columns(['company_id', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Forgets an event id, so a rejected event can be sent again once fixed. */
export async function forgetEvent(db: Executor, companyId: number, eventId: string): Promise<void> {
  await db.deleteFrom('ingested_events').where('company_id', '=', companyId).where('event_id', '=', eventId).execute();
}

export async function findSession(db: Executor, companyId: number, id: string) {
  return db.selectFrom('chat_sessions').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
}

export async function insertSession(db: Executor, row: Insertable<ChatSessionsTable>): Promise<void> {
  await db.insertInto('chat_sessions').values(row).execute();
}

export type SessionPatch = Partial<Pick<ChatSessionsTable, 'user_id' | 'last_activity_at' | 'ended_at' | 'ended_reason' | 'message_count' | 'last_message'>>;

export async function updateSession(db: Executor, companyId: number, id: string, patch: SessionPatch): Promise<void> {
  await db.updateTable('chat_sessions').set(patch).where('company_id', '=', companyId).where('id', '=', id).execute();
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

export async function findMessage(db: Executor, companyId: number, id: string) {
  return db.selectFrom('messages').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
}

export async function insertMessage(db: Executor, row: Insertable<MessagesTable>): Promise<void> {
  await db.insertInto('messages').values(row).execute();
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

export async function insertFindings(db: Executor, rows: Insertable<FindingsTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('findings').values(rows).execute();
}

export async function findingsOfMessage(db: Executor, companyId: number, messageId: string) {
  return db.selectFrom('findings').selectAll().where('company_id', '=', companyId).where('message_id', '=', messageId).orderBy('id').execute();
}

export async function insertFeedback(
  db: Executor,
  v: { companyId: number; id: string; messageId: string; kind: 'like' | 'dislike' | 'copy'; userId: string | null; at: string },
): Promise<void> {
  await db
    .insertInto('feedback')
    .values({ company_id: v.companyId, id: v.id, message_id: v.messageId, kind: v.kind, user_id: v.userId, created_at: v.at })
    .execute();
}

export async function insertConnection(db: Executor, v: { companyId: number; id: string; userId: string; email: string | null; at: string }): Promise<void> {
  await db.insertInto('connections').values({ company_id: v.companyId, id: v.id, user_id: v.userId, email: v.email, created_at: v.at }).execute();
}

/** First and last time an end user was seen, their email and latest connection. */
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
