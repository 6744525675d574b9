/**
 * Real databases for tests: SQLite always, PostgreSQL when TEST_DATABASE_URL is set (always in
 * CI). Each test file gets its own SQLite file or PostgreSQL schema, and each test makes its own
 * company instead of wiping tables.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { testDatabaseUrl } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/connect.js';
import { postgresDialect } from '../../src/db/dialect/postgres.js';
import { sqliteDialect } from '../../src/db/dialect/sqlite.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export interface TestDialect {
  name: 'sqlite' | 'postgres';
  open(): Promise<TestDatabase>;
}

export interface TestDatabase extends Database {
  /** Drops what open() created (the SQLite file, the PostgreSQL schema). */
  destroy(): Promise<void>;
}

const pgUrl = testDatabaseUrl();

export const DIALECTS: TestDialect[] = [
  {
    name: 'sqlite',
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-test-'));
      const database = await openDatabase(sqliteDialect(path.join(dir, 'test.db')));
      await migrateToLatest(database.db, database.dialect);
      return { ...database, destroy: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
    },
  },
  ...(pgUrl
    ? [
        {
          name: 'postgres' as const,
          async open() {
            const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
            const database = await openDatabase(postgresDialect(pgUrl, { schema, max: 4 }));
            await migrateToLatest(database.db, database.dialect, { schema });
            return {
              ...database,
              destroy: async () => {
                await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db);
                await database.close();
              },
            };
          },
        },
      ]
    : []),
];

/** Whether CI asked for PostgreSQL; tests assert it ran so a missing variable cannot hide a dialect. */
export const POSTGRES_EXPECTED = pgUrl !== null;
