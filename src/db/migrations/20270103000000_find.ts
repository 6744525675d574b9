import type { Kysely } from 'kysely';
import type { ChatlensDialect } from '../dialect/dialect.js';

/**
 * Finding sessions and reviewing findings (issue 14, sections 1 and 2):
 * - companies.idle_minutes: after this long without activity an open session counts as ended
 *   (docs/decisions.md, "Idle sessions"); 30 minutes unless the company sets another;
 * - the monitor's filters: an end user's sessions in the monitor's order, and a session's
 *   findings by category, subtype and severity (the probe behind "has findings", category,
 *   subtype and minimum severity, and the per-session counts of a page);
 * - full-text search over message content (FTS5 on SQLite, a GIN index on PostgreSQL), behind
 *   the dialect;
 * - an analyst's review of a finding (confirmed / dismissed, a note, who and when) on the finding
 *   itself, and the turns analysts flag as missed by the engine.
 */
export async function up(db: Kysely<unknown>, dialect: ChatlensDialect): Promise<void> {
  await db.schema.alterTable('companies').addColumn('idle_minutes', 'integer', (c) => c.notNull().defaultTo(30)).execute();
  await db.schema.createIndex('chat_sessions_user').on('chat_sessions').columns(['company_id', 'user_id', 'last_activity_at desc', 'id']).execute();
  await db.schema.createIndex('findings_session').on('findings').columns(['company_id', 'session_id', 'category', 'subtype', 'severity']).execute();
  await dialect.createTextSearch(db);

  await db.schema.alterTable('findings').addColumn('review_status', 'text').execute();
  await db.schema.alterTable('findings').addColumn('review_note', 'text').execute();
  await db.schema.alterTable('findings').addColumn('reviewed_by', 'text').execute();
  await db.schema.alterTable('findings').addColumn('reviewed_at', 'text').execute();

  await db.schema
    .createTable('missed_findings')
    .addColumn('id', 'integer', (c) => dialect.autoIncrementPrimaryKey(c))
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('subtype', 'text', (c) => c.notNull())
    .addColumn('spans', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('missed_findings_day').on('missed_findings').columns(['company_id', 'day', 'subtype']).execute();
  await db.schema.createIndex('missed_findings_message').on('missed_findings').columns(['company_id', 'message_id']).execute();
}

export async function down(db: Kysely<unknown>, dialect: ChatlensDialect): Promise<void> {
  await db.schema.dropTable('missed_findings').execute();
  for (const c of ['reviewed_at', 'reviewed_by', 'review_note', 'review_status']) await db.schema.alterTable('findings').dropColumn(c).execute();
  await dialect.dropTextSearch(db);
  await db.schema.dropIndex('findings_session').execute();
  await db.schema.dropIndex('chat_sessions_user').execute();
  await db.schema.alterTable('companies').dropColumn('idle_minutes').execute();
}
