import type { Kysely } from 'kysely';

/**
 * chat_sessions_end_user (company_id, user_id), added for erasures (20270104000001_retention), is
 * the leading part of chat_sessions_user (company_id, user_id, last_activity_at desc, id), which
 * every query by end user can seek instead (erasure, the end user's findings, the monitor's user
 * filter). A session is written to each of its indexes on insert and on every change of user_id:
 * one b-tree less per session stored (issue 11).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('chat_sessions_end_user').ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('chat_sessions_end_user').ifNotExists().on('chat_sessions').columns(['company_id', 'user_id']).execute();
}
