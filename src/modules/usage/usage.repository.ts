/**
 * Every SQL statement of token usage and cost: the company's own prices, and the daily usage
 * rollup the usage report reads (O(days × models) rows whatever the traffic). The rollup's
 * increments are written with the other rollups (rollups.repository.ts).
 */
import type { Executor } from '../../db/database.js';
import { all } from '../../db/sql.js';

export interface CompanyPriceRow {
  model: string;
  input_micros_per_million: number;
  output_micros_per_million: number;
  updated_at: string;
}

/** The company's own prices (at most MAX_COMPANY_PRICES rows: one index range). */
export async function companyPrices(db: Executor, companyId: number): Promise<CompanyPriceRow[]> {
  const rows = await all<CompanyPriceRow>(db, {
    text: 'SELECT model, input_micros_per_million, output_micros_per_million, updated_at FROM model_prices WHERE company_id = ? ORDER BY model',
    params: [companyId],
  });
  return rows.map((r) => ({ ...r, input_micros_per_million: Number(r.input_micros_per_million), output_micros_per_million: Number(r.output_micros_per_million) }));
}

export async function countCompanyPrices(db: Executor, companyId: number): Promise<number> {
  const [row] = await all<{ n: number }>(db, { text: 'SELECT count(*) AS n FROM model_prices WHERE company_id = ?', params: [companyId] });
  return Number(row?.n ?? 0);
}

export async function upsertCompanyPrice(db: Executor, companyId: number, row: CompanyPriceRow): Promise<void> {
  await db
    .insertInto('model_prices')
    .values({ company_id: companyId, ...row })
    .onConflict((oc) =>
      oc.columns(['company_id', 'model']).doUpdateSet((eb) => ({
        input_micros_per_million: eb.ref('excluded.input_micros_per_million'),
        output_micros_per_million: eb.ref('excluded.output_micros_per_million'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** Removes the company's price of a model; whether there was one. */
export async function deleteCompanyPrice(db: Executor, companyId: number, model: string): Promise<boolean> {
  const r = await db.deleteFrom('model_prices').where('company_id', '=', companyId).where('model', '=', model).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export interface UsageRollupRow {
  day: string;
  model: string;
  responses: number;
  input_tokens: number;
  output_tokens: number;
  cost_nanos: number;
  unpriced_responses: number;
  latency_ms_sum: number;
  latency_count: number;
}

/** Daily usage per model of a company, days from `start` to `end` included. */
export async function usageDays(db: Executor, companyId: number, start: string, end: string): Promise<UsageRollupRow[]> {
  const rows = await all<UsageRollupRow>(db, {
    text: 'SELECT day, model, responses, input_tokens, output_tokens, cost_nanos, unpriced_responses, latency_ms_sum, latency_count FROM daily_usage WHERE company_id = ? AND day >= ? AND day <= ? ORDER BY day, model',
    params: [companyId, start, end],
  });
  return rows.map((r) => ({
    day: r.day,
    model: r.model,
    responses: Number(r.responses),
    input_tokens: Number(r.input_tokens),
    output_tokens: Number(r.output_tokens),
    cost_nanos: Number(r.cost_nanos),
    unpriced_responses: Number(r.unpriced_responses),
    latency_ms_sum: Number(r.latency_ms_sum),
    latency_count: Number(r.latency_count),
  }));
}
