import type { Kysely } from 'kysely';
import type { ChatlensDialect } from '../dialect/dialect.js';

/**
 * Cost of answers (issue 12, section 3): each company's own prices per model, over the shipped
 * defaults (src/modules/usage/default-prices.ts), and the cost of each answer, priced when it was
 * stored. Money is integers: prices in micro-dollars per million tokens, costs in nano-dollars,
 * so sums stay exact on both databases. Daily usage per model is a rollup like the others, updated
 * in the write path's transaction and checked by `chatlens rollups verify`; `model` is '' for
 * answers that named no model.
 */
export async function up(db: Kysely<unknown>, d: ChatlensDialect): Promise<void> {
  await db.schema
    .createTable('model_prices')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('input_micros_per_million', d.counterType, (c) => c.notNull())
    .addColumn('output_micros_per_million', d.counterType, (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('model_prices_pk', ['company_id', 'model'])
    .execute();
  await db.schema.alterTable('messages').addColumn('cost_nanos', d.counterType).execute();
  await db.schema
    .createTable('daily_usage')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('responses', d.counterType, (c) => c.notNull().defaultTo(0))
    .addColumn('input_tokens', d.counterType, (c) => c.notNull().defaultTo(0))
    .addColumn('output_tokens', d.counterType, (c) => c.notNull().defaultTo(0))
    .addColumn('cost_nanos', d.counterType, (c) => c.notNull().defaultTo(0))
    .addColumn('unpriced_responses', d.counterType, (c) => c.notNull().defaultTo(0))
    .addColumn('latency_ms_sum', d.counterType, (c) => c.notNull().defaultTo(0))
    .addColumn('latency_count', d.counterType, (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('daily_usage_pk', ['company_id', 'day', 'model'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('daily_usage').execute();
  await db.schema.alterTable('messages').dropColumn('cost_nanos').execute();
  await db.schema.dropTable('model_prices').execute();
}
