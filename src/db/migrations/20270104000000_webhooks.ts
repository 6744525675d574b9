import type { Kysely } from 'kysely';
import type { ChatlensDialect } from '../dialect/dialect.js';

/**
 * Webhooks (issue 14 §3): a company's endpoints, and their deliveries, which are jobs claimed
 * with a lease like upload jobs (modules/webhooks/webhooks.queue.ts), plus every attempt's outcome.
 */
export async function up(db: Kysely<unknown>, d: ChatlensDialect): Promise<void> {
  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'integer', (c) => d.autoIncrementPrimaryKey(c))
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('on_violation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('min_severity', 'text')
    .addColumn('rate_threshold', 'real')
    .addColumn('rate_min_turns', 'integer', (c) => c.notNull().defaultTo(20))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhooks_company').on('webhooks').columns(['company_id', 'id']).execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'integer', (c) => d.autoIncrementPrimaryKey(c))
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('webhook_id', 'integer', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .execute();
  // One delivery per event and endpoint: a chunk retried after a conflict, or a rate that stays
  // above its threshold all day, never enqueues the same event twice.
  await db.schema.createIndex('webhook_deliveries_event').on('webhook_deliveries').columns(['webhook_id', 'event_key']).unique().execute();
  await db.schema.createIndex('webhook_deliveries_list').on('webhook_deliveries').columns(['company_id', 'webhook_id', 'id']).execute();
  // What the claim looks for: due pending jobs and expired leases.
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('delivery_id', 'integer', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response', 'text')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('webhook_attempts_pk', ['company_id', 'delivery_id', 'attempt'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['webhook_attempts', 'webhook_deliveries', 'webhooks']) await db.schema.dropTable(t).execute();
}
