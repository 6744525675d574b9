import type { Kysely } from 'kysely';
import type { ChatlensDialect } from '../dialect/dialect.js';

/** Refused uploads (issue 14 §5): listed with their reason, so a refusal is not only an answer the uploader saw once. */
export async function up(db: Kysely<unknown>, d: ChatlensDialect): Promise<void> {
  await db.schema
    .createTable('upload_refusals')
    .addColumn('id', 'integer', (c) => d.autoIncrementPrimaryKey(c))
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('size_bytes', d.counterType, (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('refused_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('upload_refusals_company').on('upload_refusals').columns(['company_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('upload_refusals').execute();
}
