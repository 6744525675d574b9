/**
 * One migration tree for both dialects, timestamp-named. Migrations receive the dialect so the
 * few DDL differences (identity columns, counter width) stay behind its interface.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { DB } from './database.js';
import type { ChatlensDialect } from './dialect/dialect.js';
import * as initial from './migrations/20261122000000_initial.js';
import * as uploadJobs from './migrations/20261201000000_upload_jobs.js';
import * as writePath from './migrations/20261220000000_write_path.js';
import * as readIndexes from './migrations/20261221000000_read_indexes.js';
import * as messageUsage from './migrations/20270101000000_message_usage.js';
import * as usageCost from './migrations/20270101000100_usage_cost.js';
import * as find from './migrations/20270103000000_find.js';
import * as webhooks from './migrations/20270104000000_webhooks.js';
import * as retention from './migrations/20270104000001_retention.js';
import * as proxy from './migrations/20270105000000_proxy.js';
import * as rateLimits from './migrations/20270106000000_rate_limits.js';
import * as accountsPerCompany from './migrations/20270107000000_accounts_per_company.js';
import * as uploadRefusals from './migrations/20270201000000_upload_refusals.js';
import * as apiKeyChanges from './migrations/20270202000000_api_key_changes.js';
import * as dailyUserCounts from './migrations/20270203000000_daily_user_counts.js';
import * as dropSessionEndUserIndex from './migrations/20270204000000_drop_session_end_user_index.js';

interface DialectMigration {
  up(db: Kysely<unknown>, dialect: ChatlensDialect): Promise<void>;
  down?(db: Kysely<unknown>, dialect: ChatlensDialect): Promise<void>;
}

const MIGRATIONS: Record<string, DialectMigration> = {
  '20261122000000_initial': initial,
  '20261201000000_upload_jobs': uploadJobs,
  '20261220000000_write_path': writePath,
  '20261221000000_read_indexes': readIndexes,
  '20270101000000_message_usage': messageUsage,
  '20270101000100_usage_cost': usageCost,
  '20270103000000_find': find,
  '20270104000000_webhooks': webhooks,
  '20270104000001_retention': retention,
  '20270105000000_proxy': proxy,
  '20270106000000_rate_limits': rateLimits,
  '20270107000000_accounts_per_company': accountsPerCompany,
  '20270201000000_upload_refusals': uploadRefusals,
  '20270202000000_api_key_changes': apiKeyChanges,
  '20270203000000_daily_user_counts': dailyUserCounts,
  '20270204000000_drop_session_end_user_index': dropSessionEndUserIndex,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: ChatlensDialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(MIGRATIONS)) {
      out[name] = {
        up: (db) => m.up(db, this.dialect),
        down: m.down ? (db) => m.down!(db, this.dialect) : undefined,
      };
    }
    return out;
  }
}

/**
 * Migrates to the latest version; throws (so the CLI exits non-zero) on any failure.
 *
 * Kysely looks for its migration tables in every schema unless told which, so a run would take
 * another schema's lock table (another Kysely application's, another test file's) for its own and
 * fail. `schema` names the PostgreSQL schema when the caller knows it (test files get one each);
 * otherwise the dialect says which schema is current.
 */
export async function migrateToLatest(db: Kysely<DB>, dialect: ChatlensDialect, options: { schema?: string } = {}): Promise<string[]> {
  const migrationTableSchema = options.schema ?? (await dialect.migrationTableSchema(db as Kysely<unknown>));
  // Engineers land migrations in parallel under assigned timestamp prefixes, so one may land after
  // a later-named one was applied somewhere: it is run then, not refused as out of order. Each
  // migration touches its own tables and columns, so their order between prefixes does not matter.
  const migrator = new Migrator({ db, provider: new StaticProvider(dialect), migrationTableSchema, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const why = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${why}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
