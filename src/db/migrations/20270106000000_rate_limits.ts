import type { Kysely } from 'kysely';

/** A company's own request rate per credential (issue 9 item 11); null keeps the server's default. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('companies').addColumn('rate_limit_per_second', 'double precision').execute();
  await db.schema.alterTable('companies').addColumn('rate_limit_burst', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('companies').dropColumn('rate_limit_burst').execute();
  await db.schema.alterTable('companies').dropColumn('rate_limit_per_second').execute();
}
