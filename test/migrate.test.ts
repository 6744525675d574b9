import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../src/config.js';
import { openDatabase } from '../src/db/connect.js';
import { postgresDialect } from '../src/db/dialect/postgres.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { DIALECTS, POSTGRES_EXPECTED } from './helpers/db.js';

const POSTGRES = DIALECTS.filter((d) => d.name === 'postgres');

it('runs the PostgreSQL migration tests whenever CI provides PostgreSQL', () => {
  expect(POSTGRES.length).toBe(POSTGRES_EXPECTED ? 1 : 0);
});

describe.each(POSTGRES)('migrations on PostgreSQL', () => {
  it("migrate a fresh schema while another schema of the database holds Kysely's migration tables", async () => {
    // Another application (or another test file) migrated with Kysely in its own schema.
    const suffix = randomBytes(4).toString('hex');
    const other = await openDatabase(postgresDialect(testDatabaseUrl()!, { schema: `t_other_${suffix}`, max: 1 }));
    const ours = await openDatabase(postgresDialect(testDatabaseUrl()!, { schema: `t_ours_${suffix}`, max: 1 }));
    try {
      await sql`create table kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null)`.execute(other.db);
      await sql`create table kysely_migration_lock (id varchar(255) primary key, is_locked integer not null default 0)`.execute(other.db);
      const applied = await migrateToLatest(ours.db, ours.dialect);
      expect(applied.length).toBeGreaterThan(0);
      expect(await migrateToLatest(ours.db, ours.dialect)).toEqual([]);
    } finally {
      await sql`drop schema ${sql.id(`t_other_${suffix}`)} cascade`.execute(other.db);
      await sql`drop schema ${sql.id(`t_ours_${suffix}`)} cascade`.execute(ours.db);
      await other.close();
      await ours.close();
    }
  });
});
