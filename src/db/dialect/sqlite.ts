import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type ColumnDefinitionBuilder, type Kysely, SqliteDialect, sql } from 'kysely';
import type { ChatlensDialect } from './dialect.js';

export function sqliteDialect(file: string): ChatlensDialect {
  return {
    name: 'sqlite',
    counterType: 'integer',
    supportsSkipLocked: false,
    createKyselyDialect() {
      if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      const database = new Database(file);
      // WAL lets readers run while a writer commits; NORMAL sync is durable across app crashes
      // (only an OS crash can lose the last transactions) and ~10x faster than FULL for small writes.
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = NORMAL');
      database.pragma('foreign_keys = ON');
      database.pragma('busy_timeout = 5000');
      return new SqliteDialect({ database });
    },
    autoIncrementPrimaryKey: (col: ColumnDefinitionBuilder) => col.primaryKey().autoIncrement(),
    async afterConnect(db: Kysely<unknown>) {
      await sql`select 1`.execute(db);
    },
    migrationTableSchema: async () => undefined,
    describe: () => `sqlite:${file}`,
  };
}
