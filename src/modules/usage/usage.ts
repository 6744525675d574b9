/**
 * Token usage and cost on the wire: the price table (camelCase, like the other admin APIs) and
 * the daily usage report (snake_case, the reporting API's family and shape: one bucket per UTC
 * day of the window, ascending, zero-filled). The schemas are the one definition; the SDK's and
 * the dashboard's types are `Static<>` of them.
 */
import { type Static, Type } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../http/schemas.js';
import { CompanyRefSchema, MetaSchema, ReportQuerySchema } from '../reporting/reporting.js';
import { MAX_PRICE_PER_MILLION } from './prices.js';

const perMillion = (what: string) =>
  Type.Number({ minimum: 0, maximum: MAX_PRICE_PER_MILLION, description: `US dollars per 1,000,000 ${what} tokens (up to six decimals).` });

export const ModelPriceSchema = Type.Object({
  model: Type.String({ description: 'Lower case, without a provider prefix; dated snapshots (`-2024-08-06`, `-20241022`) and `-latest` find their model’s price.' }),
  inputPerMillion: perMillion('input (prompt)'),
  outputPerMillion: perMillion('output (completion)'),
  source: StringEnum(['default', 'company'], { description: '`company`: set by an admin of the company; `default`: shipped list price.' }),
  provider: Nullable(Type.String()),
  aliases: Type.Array(Type.String(), { description: 'Other model ids priced by this entry.' }),
  updatedAt: Nullable(Type.String({ format: 'date-time', description: 'When the company set it; null for a default.' })),
});
export type ModelPrice = Static<typeof ModelPriceSchema>;

export const PriceListSchema = Type.Object({
  currency: Type.Literal('USD'),
  unit: Type.String(),
  defaults: Type.Object({
    pricesAsOf: Type.String({ description: 'When the shipped prices were taken from the providers’ public pages (YYYY-MM).' }),
    kind: Type.String(),
    note: Type.String(),
    sources: Type.Record(Type.String(), Type.String(), { description: 'Provider → its public pricing page.' }),
  }),
  prices: Type.Array(ModelPriceSchema, { description: 'The company’s prices, then the defaults it did not replace, by model.' }),
});
export type PriceList = Static<typeof PriceListSchema>;

export const SetPriceBodySchema = Type.Object({
  model: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000]+$', description: 'The model id as answers name it; stored lower case, without a provider prefix.' }),
  inputPerMillion: perMillion('input (prompt)'),
  outputPerMillion: perMillion('output (completion)'),
});
export type SetPriceBody = Static<typeof SetPriceBodySchema>;

export const DeletePriceQuerySchema = Type.Object({
  model: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000]+$', description: 'The model whose company price is removed (the default applies again, if there is one).' }),
});

const usageFields = {
  responses_count: Type.Integer({ description: 'Messages that reported tokens or latency.' }),
  input_tokens: Type.Integer(),
  output_tokens: Type.Integer(),
  cost_usd: Type.Number({ description: 'Sum of the priced responses’ costs, each priced when it was stored.' }),
  unpriced_responses_count: Type.Integer({ description: 'Responses with tokens but no price for their model: their cost is not in cost_usd.' }),
  average_latency_ms: Nullable(Type.Integer({ description: 'Mean latency of the responses that reported one; null when none did.' })),
};
export const ModelUsageSchema = Type.Object({
  model: Nullable(Type.String({ description: 'The model as answers named it; null for answers that named none.' })),
  ...usageFields,
});
export const UsageDaySchema = Type.Object({
  date: Type.String({ format: 'date' }),
  ...usageFields,
  models: Type.Array(ModelUsageSchema, { description: 'The models used that day, by cost, then tokens, then name, answers without a model last; empty on a day without usage.' }),
});
export const UsageTotalsSchema = Type.Object({ ...usageFields, models: Type.Array(ModelUsageSchema) });

export const TokenUsageReportSchema = Type.Object({
  metadata: MetaSchema,
  currency: Type.Literal('USD'),
  reporting: Type.Array(Type.Object({ company: CompanyRefSchema, totals: UsageTotalsSchema, dates: Type.Array(UsageDaySchema) })),
});

export const TokenUsageQuerySchema = ReportQuerySchema;
export type TokenUsageQuery = Static<typeof TokenUsageQuerySchema>;
export type ModelUsage = Static<typeof ModelUsageSchema>;
export type UsageDay = Static<typeof UsageDaySchema>;
export type UsageTotals = Static<typeof UsageTotalsSchema>;
export type TokenUsageReport = Static<typeof TokenUsageReportSchema>;
