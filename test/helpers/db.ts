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
  /** Where the data lives, for a server in another process: the SQLite file, or the PostgreSQL schema. */
  location: string;
  /** Drops what open() created (the SQLite file, the PostgreSQL schema). */
  destroy(): Promise<void>;
}

const pgUrl = testDatabaseUrl();

export const DIALECTS: TestDialect[] = [
  {
    name: 'sqlite',
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-test-'));
      const file = path.join(dir, 'test.db');
      const database = await openDatabase(sqliteDialect(file));
      await migrateToLatest(database.db, database.dialect);
      return { ...database, location: file, destroy: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
    },
  },
  ...(pgUrl
    ? [
        {
          name: 'postgres' as const,
          async open() {
            const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
            const database = await openDatabase(postgresDialect(pgUrl, { schema, max: 4 }));
            await migrateInParallelWithOthers(() => migrateToLatest(database.db, database.dialect, { schema }), schema);
            return {
              ...database,
              location: schema,
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

/**
 * Kysely's migrator looks for its tables by listing every schema of the database, asking for each
 * whether it may be used. Another test file dropping its own schema at that moment makes the
 * listing fail with "schema … does not exist": a race between test files, not a migration
 * failure, so it is tried again (another schema's name in the message tells the two apart).
 */
export async function migrateInParallelWithOthers(migrate: () => Promise<unknown>, schema: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrate();
      return;
    } catch (err) {
      const other = /schema "([^"]+)" does not exist/.exec((err as Error).message)?.[1];
      if (attempt >= 5 || !other || other === schema) throw err;
    }
  }
}

/** Whether CI asked for PostgreSQL; tests assert it ran so a missing variable cannot hide a dialect. */
export const POSTGRES_EXPECTED = pgUrl !== null;
