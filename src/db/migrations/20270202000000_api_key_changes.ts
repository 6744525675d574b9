import type { Kysely } from 'kysely';
import type { ChatlensDialect } from '../dialect/dialect.js';

/**
 * Every change to an API key is made known to every connection (issue 11), so a server may keep
 * the keys it verified until one changes: on PostgreSQL a trigger notifies, whoever changed the
 * key (another server, the CLI, psql); SQLite's data_version already says it.
 */
export async function up(db: Kysely<unknown>, d: ChatlensDialect): Promise<void> {
  await d.createKeyChangeNotices(db);
}

export async function down(db: Kysely<unknown>, d: ChatlensDialect): Promise<void> {
  await d.dropKeyChangeNotices(db);
}
