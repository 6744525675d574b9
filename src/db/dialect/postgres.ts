import pg from 'pg';
import { type ColumnDefinitionBuilder, type Kysely, PostgresDialect, sql } from 'kysely';
import type { ChatlensDialect } from './dialect.js';

// COUNT(*) and SUM() come back as bigint; pg returns those as strings unless told otherwise.
// Counts here stay far below 2^53, so parse them as numbers once, here.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface PostgresOptions {
  max?: number;
  /** Use this schema (created if missing) instead of public; tests get one each so runs never collide. */
  schema?: string;
}

export function postgresDialect(url: string, options: PostgresOptions = {}): ChatlensDialect {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new Error(`invalid schema name ${options.schema}`);
  }
  return {
    name: 'postgres',
    counterType: 'bigint',
    supportsSkipLocked: true,
    createKyselyDialect() {
      return new PostgresDialect({
        pool: new pg.Pool({
          connectionString: url,
          max: options.max ?? 10,
          ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
        }),
      });
    },
    autoIncrementPrimaryKey: (col: ColumnDefinitionBuilder) => col.primaryKey().generatedByDefaultAsIdentity(),
    async afterConnect(db: Kysely<unknown>) {
      if (options.schema) await sql`create schema if not exists ${sql.id(options.schema)}`.execute(db);
      else await sql`select 1`.execute(db);
    },
    async migrationTableSchema(db: Kysely<unknown>) {
      return (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0].schema;
    },
    describe: () => {
      try {
        const u = new URL(url);
        return `postgres://${u.hostname}:${u.port || 5432}${u.pathname}`;
      } catch {
        return 'postgres';
      }
    },
  };
}
