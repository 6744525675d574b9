import { type Kysely, sql } from 'kysely';
import type { ChatlensDialect } from '../dialect/dialect.js';

/**
 * A row per company and day with daily_users (issue 11): how many users were active, and a
 * revision that changes in the same transaction as anything user-activities lists for that day —
 * a daily_users row (added, changed, deleted) or the e-mail of one of its users. Kept by triggers,
 * so every writer (ingest, uploads, erasure, retention, psql) keeps it exact. The report counts a
 * 90-day window from 90 rows instead of ~36,000 at 1 M turns, and may keep a day's answer for as
 * long as its revision stands. Rows are never deleted, so a revision read once never comes back.
 */
export async function up(db: Kysely<unknown>, d: ChatlensDialect): Promise<void> {
  await db.schema
    .createTable('daily_user_counts')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('active_users', d.counterType, (c) => c.notNull())
    .addColumn('revision', d.counterType, (c) => c.notNull())
    .addPrimaryKeyConstraint('daily_user_counts_pk', ['company_id', 'day'])
    .execute();
  await sql`insert into daily_user_counts (company_id, day, active_users, revision)
            select company_id, day, count(*), 1 from daily_users group by company_id, day`.execute(db);
  await d.createDailyUserCounts(db);
}

export async function down(db: Kysely<unknown>, d: ChatlensDialect): Promise<void> {
  await d.dropDailyUserCounts(db);
  await db.schema.dropTable('daily_user_counts').execute();
}
