import type { Kysely } from 'kysely';

/**
 * Reads that stay fast whatever the volume outside their window (issue 11):
 * - the monitor pages newest activity first, ties by id ascending: an index in exactly that order
 *   lets a deep cursor seek instead of sorting from the newest session down to it;
 * - the members report counts end users first and last seen within a range;
 * - user-activities and used-documents read each day's busiest users and documents first, so a
 *   page of them is an index range, not a sort of the whole window.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('chat_sessions_activity').execute();
  await db.schema.createIndex('chat_sessions_recent').on('chat_sessions').columns(['company_id', 'last_activity_at desc', 'id']).execute();
  await db.schema.createIndex('end_users_first_seen').on('end_users').columns(['company_id', 'first_seen_at']).execute();
  await db.schema.createIndex('end_users_last_seen').on('end_users').columns(['company_id', 'last_seen_at']).execute();
  await db.schema.createIndex('daily_users_user').on('daily_users').columns(['company_id', 'user_id', 'day']).execute();
  // Covering: a day's page is read from the index alone.
  await db.schema.createIndex('daily_users_busiest').on('daily_users').columns(['company_id', 'day', 'user_queries desc', 'user_id', 'last_connection_at']).execute();
  await db.schema.createIndex('daily_documents_busiest').on('daily_documents').columns(['company_id', 'day', 'count desc', 'document_id', 'filename', 'title']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['daily_documents_busiest', 'daily_users_busiest', 'daily_users_user', 'end_users_last_seen', 'end_users_first_seen', 'chat_sessions_recent']) {
    await db.schema.dropIndex(name).execute();
  }
  await db.schema.createIndex('chat_sessions_activity').on('chat_sessions').columns(['company_id', 'last_activity_at', 'id']).execute();
}
