/**
 * Prices per model and the cost of an answer: the shipped defaults (default-prices.ts) under the
 * company's own prices. Pure: the write path builds a PriceBook once per chunk and prices each
 * message with it.
 *
 * Money is integers: a price is kept in micro-dollars per million tokens and a cost in
 * nano-dollars, so sums over millions of answers (rollups, `rollups verify`) are exact on both
 * databases, where floating-point sums would depend on the order they were added in.
 */
import { DEFAULT_PRICES } from './default-prices.js';

export interface Price {
  inputPerMillion: number;
  outputPerMillion: number;
}

export interface PriceEntry extends Price {
  /** The name the price is kept under (normalised: lower case, no provider prefix). */
  model: string;
  source: 'default' | 'company';
}

/** Highest price one may set, US dollars per million tokens: far above any list price, so a typo in cents-vs-dollars is refused. */
export const MAX_PRICE_PER_MILLION = 1000;
/** Company prices one company may keep. */
export const MAX_COMPANY_PRICES = 500;

/** `OpenAI/GPT-4o` → `gpt-4o`: case and a provider prefix (`openai/`, as routers write it) do not change the model. */
export function normalizeModel(model: string): string {
  const m = model.trim().toLowerCase();
  const slash = m.lastIndexOf('/');
  return slash === -1 ? m : m.slice(slash + 1);
}

// Dated snapshots and `-latest` aliases cost what their model costs: gpt-4o-mini-2024-07-18,
// claude-3-5-sonnet-20241022, claude-3-5-haiku-latest. Four-digit suffixes (gpt-3.5-turbo-1106)
// are not stripped: OpenAI priced several of those differently from the current model.
const SNAPSHOT = /-(?:\d{4}-\d{2}-\d{2}|\d{8}|latest)$/;

/** Names to look a model up by, most specific first. */
export function lookupNames(model: string): string[] {
  const n = normalizeModel(model);
  const base = n.replace(SNAPSHOT, '');
  return base !== n && base !== '' ? [n, base] : [n];
}

/** Dollars → micro-dollars, exactly for up to six decimals. */
export const toMicros = (usd: number) => Math.round(usd * 1_000_000);

const DEFAULTS = new Map<string, Price>();
for (const p of DEFAULT_PRICES) {
  const price = { inputPerMillion: p.inputPerMillion, outputPerMillion: p.outputPerMillion };
  for (const name of [p.model, ...(p.aliases ?? [])]) DEFAULTS.set(normalizeModel(name), price);
}

export class PriceBook {
  private readonly company: Map<string, Price>;

  constructor(companyPrices: readonly (Price & { model: string })[] = []) {
    this.company = new Map(companyPrices.map((p) => [normalizeModel(p.model), p]));
  }

  /**
   * The price of a model: for each name (the exact one, then without a snapshot suffix) the
   * company's price, then the default. So the most specific name wins, and the company wins
   * between equally specific ones.
   */
  find(model: string | null | undefined): PriceEntry | null {
    if (!model) return null;
    for (const name of lookupNames(model)) {
      const own = this.company.get(name);
      if (own) return { model: name, inputPerMillion: own.inputPerMillion, outputPerMillion: own.outputPerMillion, source: 'company' };
      const d = DEFAULTS.get(name);
      if (d) return { model: name, ...d, source: 'default' };
    }
    return null;
  }

  /**
   * Cost of one answer in nano-dollars (rounded to the nearest), or null when it cannot be
   * known: no price for the model, or no token count at all. A missing side counts as zero.
   */
  costNanos(model: string | null | undefined, inputTokens: number | null | undefined, outputTokens: number | null | undefined): number | null {
    if (inputTokens == null && outputTokens == null) return null;
    const price = this.find(model);
    if (!price) return null;
    // tokens × micro-dollars per million tokens = pico-dollars; BigInt keeps 1e8 tokens × 1e9 exact.
    const picos = BigInt(inputTokens ?? 0) * BigInt(toMicros(price.inputPerMillion)) + BigInt(outputTokens ?? 0) * BigInt(toMicros(price.outputPerMillion));
    return Number((picos + 500n) / 1000n);
  }
}

/** The defaults alone: what a chunk without token counts is "priced" with (it costs nothing either way). */
export const DEFAULT_PRICE_BOOK = new PriceBook();

/** Every default price, by the names it is found under. */
export function defaultPriceNames(): string[] {
  return [...DEFAULTS.keys()];
}

/** Nano-dollars → dollars, as the API answers them. */
export const nanosToUsd = (nanos: number) => nanos / 1e9;
