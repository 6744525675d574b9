/**
 * `chatlens.usage`: tokens, cost and latency per UTC day and per model, and the price table answers
 * are costed with (issue 12 §3). Types are the server's schemas, imported as types.
 */
import type { RequestOptions, Transport } from './http.js';
import type { ModelPrice, PriceList, ReportQuery, SetPriceBody, TokenUsageReport } from './types.js';

export class Usage {
  constructor(private readonly http: Transport) {}

  /**
   * Tokens, cost and latency per day and per model over a window (UTC days, `end_date` included,
   * one bucket per day, zero-filled), with the window's totals.
   *
   * @example
   * const { reporting: [u] } = await chatlens.usage.tokens({ start_date: '2026-11-01', end_date: '2026-11-30' });
   * console.log(u.totals.cost_usd, u.totals.models.map((m) => m.model));
   */
  tokens(q: ReportQuery, options?: RequestOptions): Promise<TokenUsageReport> {
    return this.http.request({ method: 'GET', path: '/api/usage/tokens', query: { ...q }, idempotent: true, options });
  }

  /** The prices answers are costed with: the company's own, then the shipped list prices with their source and date. */
  prices(options?: RequestOptions): Promise<PriceList> {
    return this.http.request({ method: 'GET', path: '/api/prices', idempotent: true, options });
  }

  /**
   * Sets the company's price of a model (admin key), in US dollars per million tokens; it applies
   * to answers stored from then on. Safe to repeat.
   *
   * @example
   * await chatlens.usage.setPrice({ model: 'my-finetune', inputPerMillion: 0.3, outputPerMillion: 1.2 });
   */
  setPrice(price: SetPriceBody, options?: RequestOptions): Promise<ModelPrice> {
    return this.http.request({ method: 'PUT', path: '/api/prices', body: price, idempotent: true, options });
  }

  /** Removes the company's price of a model (admin key); the shipped default applies again, if any. */
  async deletePrice(model: string, options?: RequestOptions): Promise<void> {
    await this.http.request({ method: 'DELETE', path: '/api/prices', query: { model }, idempotent: false, options });
  }
}
