/**
 * Prices and usage: the company's price table over the shipped defaults, and the daily usage
 * report read from the `daily_usage` rollup.
 */
import type { Kysely } from 'kysely';
import type { DB, Executor } from '../../db/database.js';
import { badRequest, notFound } from '../../errors.js';
import { daysInRange, isoNow } from '../../lib/time.js';
import type { ReportRequest } from '../reporting/reporting.request.js';
import { type UsageSums, addUsage } from '../rollups/rollups.js';
import { DEFAULT_PRICES, DEFAULT_PRICES_META } from './default-prices.js';
import { MAX_COMPANY_PRICES, PriceBook, nanosToUsd, normalizeModel, toMicros } from './prices.js';
import * as repo from './usage.repository.js';
import type { ModelPrice, ModelUsage, PriceList, SetPriceBody, TokenUsageReport, UsageDay, UsageTotals } from './usage.js';

const fromMicros = (micros: number) => micros / 1_000_000;

/** The prices the write path costs a company's answers with. */
export async function companyPriceBook(db: Executor, companyId: number): Promise<PriceBook> {
  const rows = await repo.companyPrices(db, companyId);
  return new PriceBook(rows.map((r) => ({ model: r.model, inputPerMillion: fromMicros(r.input_micros_per_million), outputPerMillion: fromMicros(r.output_micros_per_million) })));
}

function companyEntry(r: repo.CompanyPriceRow): ModelPrice {
  return {
    model: r.model,
    inputPerMillion: fromMicros(r.input_micros_per_million),
    outputPerMillion: fromMicros(r.output_micros_per_million),
    source: 'company',
    provider: null,
    aliases: [],
    updatedAt: r.updated_at,
  };
}

/** The company's prices, then each default it did not replace. */
export async function listPrices(db: Kysely<DB>, companyId: number): Promise<PriceList> {
  const own = await repo.companyPrices(db, companyId);
  const replaced = new Set(own.map((r) => r.model));
  const defaults: ModelPrice[] = DEFAULT_PRICES.filter((p) => !replaced.has(normalizeModel(p.model))).map((p) => ({
    model: normalizeModel(p.model),
    inputPerMillion: p.inputPerMillion,
    outputPerMillion: p.outputPerMillion,
    source: 'default',
    provider: p.provider,
    aliases: (p.aliases ?? []).map(normalizeModel),
    updatedAt: null,
  }));
  const { currency: _c, unit, pricesAsOf, kind, note, sources } = DEFAULT_PRICES_META;
  return { currency: 'USD', unit, defaults: { pricesAsOf, kind, note, sources }, prices: [...own.map(companyEntry), ...defaults] };
}

function micros(name: string, usd: number): number {
  const m = toMicros(usd);
  if (Math.abs(usd * 1_000_000 - m) > 1e-6) throw badRequest(`${name} must have at most six decimals (a millionth of a dollar per million tokens)`);
  return m;
}

/** Sets the company's price of a model (from the next answer on: stored costs are not repriced). */
export async function setPrice(db: Kysely<DB>, companyId: number, body: SetPriceBody): Promise<ModelPrice> {
  const model = normalizeModel(body.model);
  if (model === '') throw badRequest('model must name a model (it is empty once its provider prefix is removed)');
  const row: repo.CompanyPriceRow = {
    model,
    input_micros_per_million: micros('inputPerMillion', body.inputPerMillion),
    output_micros_per_million: micros('outputPerMillion', body.outputPerMillion),
    updated_at: isoNow(),
  };
  await db.transaction().execute(async (trx) => {
    const existing = await repo.companyPrices(trx, companyId);
    if (existing.length >= MAX_COMPANY_PRICES && !existing.some((r) => r.model === model)) {
      throw badRequest(`a company may set at most ${MAX_COMPANY_PRICES} prices; delete one first`);
    }
    await repo.upsertCompanyPrice(trx, companyId, row);
  });
  return companyEntry(row);
}

export async function deletePrice(db: Kysely<DB>, companyId: number, model: string): Promise<void> {
  if (!(await repo.deleteCompanyPrice(db, companyId, normalizeModel(model)))) throw notFound(`the company has no price of its own for model ${normalizeModel(model)}`);
}

// ── The usage report ────────────────────────────────────────────────────────────────────────

/** A rollup row's sums. */
function sumsOf(r: repo.UsageRollupRow): UsageSums {
  return { responses: r.responses, inputTokens: r.input_tokens, outputTokens: r.output_tokens, costNanos: r.cost_nanos, unpricedResponses: r.unpriced_responses, latencyMsSum: r.latency_ms_sum, latencyCount: r.latency_count };
}

const NONE: UsageSums = { responses: 0, inputTokens: 0, outputTokens: 0, costNanos: 0, unpricedResponses: 0, latencyMsSum: 0, latencyCount: 0 };

/** The sums of every model of a map (zeros for none). */
function sumOf(byModel: Map<string, UsageSums> | undefined): UsageSums {
  const all = new Map<string, UsageSums>([['', { ...NONE }]]);
  for (const u of byModel?.values() ?? []) addUsage(all, '', u);
  return all.get('')!;
}

function fields(s: UsageSums) {
  return {
    responses_count: s.responses,
    input_tokens: s.inputTokens,
    output_tokens: s.outputTokens,
    cost_usd: nanosToUsd(s.costNanos),
    unpriced_responses_count: s.unpricedResponses,
    average_latency_ms: s.latencyCount ? Math.round(s.latencyMsSum / s.latencyCount) : null,
  };
}

/** Per model, most expensive first, then most tokens, then by name; answers without a model last. */
function modelList(byModel: Map<string, UsageSums>): ModelUsage[] {
  return [...byModel]
    .sort(([a, x], [b, y]) => Number(a === '') - Number(b === '') || y.costNanos - x.costNanos || y.inputTokens + y.outputTokens - (x.inputTokens + x.outputTokens) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([model, s]) => ({ model: model === '' ? null : model, ...fields(s) }));
}

export const USAGE_METADATA = {
  responses_count: { description: 'Messages that reported tokens or latency', unit: 'messages' },
  input_tokens: { description: 'Tokens the models read (prompt tokens)', unit: 'tokens' },
  output_tokens: { description: 'Tokens the models wrote (completion tokens)', unit: 'tokens' },
  cost_usd: { description: 'Cost of the priced responses, each priced when it was stored (company price, else the shipped list price)', unit: 'USD' },
  unpriced_responses_count: { description: 'Responses with tokens but no price for their model; not in cost_usd', unit: 'messages' },
  average_latency_ms: { description: 'Mean latency of the responses that reported one', unit: 'milliseconds' },
};

/** Tokens and cost per day and per model, from the rollup: O(days × models) rows whatever the traffic. */
export async function tokenUsageReport(db: Kysely<DB>, r: ReportRequest): Promise<TokenUsageReport> {
  const reporting: TokenUsageReport['reporting'] = [];
  for (const c of r.companies) {
    const rows = await repo.usageDays(db, c.id, r.start, r.end);
    const byDay = new Map<string, Map<string, UsageSums>>();
    const total = new Map<string, UsageSums>();
    for (const row of rows) {
      let day = byDay.get(row.day);
      if (!day) byDay.set(row.day, (day = new Map()));
      const u = sumsOf(row);
      addUsage(day, row.model, u);
      addUsage(total, row.model, u);
    }
    const dates: UsageDay[] = daysInRange(r.start, r.end).map((date) => {
      const day = byDay.get(date);
      return { date, ...fields(sumOf(day)), models: day ? modelList(day) : [] };
    });
    const totals: UsageTotals = { ...fields(sumOf(total)), models: modelList(total) };
    reporting.push({ company: { name: c.name, id: c.id }, totals, dates });
  }
  return { metadata: USAGE_METADATA, currency: 'USD', reporting };
}
