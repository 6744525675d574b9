import type { Kysely } from 'kysely';
import type { ChatlensDialect } from '../dialect/dialect.js';

/**
 * Keep only what you may keep (issue 14 §4): a retention period per company, the day before
 * which rollups are kept without their raw rows (what `rollups verify` compares from), the audit
 * log of erasures and retention changes, and the indexes that find one end user's rows.
 */
export async function up(db: Kysely<unknown>, d: ChatlensDialect): Promise<void> {
  await db.schema.alterTable('companies').addColumn('retention_days', 'integer').execute();
  await db.schema.alterTable('companies').addColumn('raw_kept_from', 'text').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => d.autoIncrementPrimaryKey(c))
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('counts', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_company').on('audit_log').columns(['company_id', 'id']).execute();

  // An erasure finds one end user's rows without reading the whole company.
  await db.schema.createIndex('chat_sessions_end_user').on('chat_sessions').columns(['company_id', 'user_id']).execute();
  await db.schema.createIndex('connections_end_user').on('connections').columns(['company_id', 'user_id']).execute();
  await db.schema.createIndex('feedback_end_user').on('feedback').columns(['company_id', 'user_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const i of ['feedback_end_user', 'connections_end_user', 'chat_sessions_end_user', 'audit_log_company']) await db.schema.dropIndex(i).execute();
  await db.schema.dropTable('audit_log').execute();
  await db.schema.alterTable('companies').dropColumn('raw_kept_from').execute();
  await db.schema.alterTable('companies').dropColumn('retention_days').execute();
}
