import type { Kysely } from 'kysely';

/**
 * Upload jobs: the `uploads` row is the job; `payload` holds its validated contract
 * (modules/uploads/uploads.queue.ts: requested format, force), read back and re-validated when a worker claims it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('uploads').addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('uploads').dropColumn('payload').execute();
}
