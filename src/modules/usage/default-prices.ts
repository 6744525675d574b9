/**
 * Shipped default prices per model: public list prices in US dollars per 1,000,000 tokens, the
 * standard rate of each provider's API (not batch, not cached input, not long-context tiers,
 * not a negotiated contract).
 *
 * Provenance, stated plainly: these figures were written by hand by the Chatlens authors from
 * the providers' public pricing pages (the URLs below) as they stood in May 2025 (`pricesAsOf`).
 * They could not be re-checked against the live pages when this file was written (2026-11-30,
 * no network access), and prices change. A model whose price the authors were not sure of for
 * that date is left out rather than guessed: Google's Gemini 1.5 and 2.5 models (prices tiered
 * by prompt length), OpenAI's o3 (repriced in June 2025), Mistral Small (repriced in 2025).
 * A company admin overrides any of them, or adds a model, with `PUT /api/prices`.
 *
 * Licence: the prices are facts published by their providers; this file is part of Chatlens and
 * under its licence (MIT).
 */

export interface DefaultPrice {
  /** The model id as the provider's API names it (what the `model` field of its answers says). */
  model: string;
  provider: string;
  inputPerMillion: number;
  outputPerMillion: number;
  /** Other ids of the same model at the same price; `-YYYY-MM-DD`, `-YYYYMMDD` and `-latest` snapshots are matched without being listed (prices.ts). */
  aliases?: string[];
}

export const DEFAULT_PRICES_META = {
  currency: 'USD',
  unit: 'per 1,000,000 tokens',
  pricesAsOf: '2025-05',
  writtenOn: '2026-11-30',
  kind: 'public list prices, standard API rate',
  sources: {
    openai: 'https://openai.com/api/pricing/',
    anthropic: 'https://www.anthropic.com/pricing#api',
    mistral: 'https://mistral.ai/pricing#api-pricing',
    google: 'https://ai.google.dev/gemini-api/docs/pricing',
  } as Record<string, string>,
  note:
    'Written by hand from the providers’ public pricing pages as they stood in May 2025; not re-checked against the live pages since. Prices change: check the sources and override where they differ.',
} as const;

export const DEFAULT_PRICES: readonly DefaultPrice[] = [
  // OpenAI
  { model: 'gpt-4o', provider: 'openai', inputPerMillion: 2.5, outputPerMillion: 10, },
  // The first gpt-4o snapshot kept its launch price.
  { model: 'gpt-4o-2024-05-13', provider: 'openai', inputPerMillion: 5, outputPerMillion: 15 },
  { model: 'gpt-4o-mini', provider: 'openai', inputPerMillion: 0.15, outputPerMillion: 0.6 },
  { model: 'gpt-4.1', provider: 'openai', inputPerMillion: 2, outputPerMillion: 8 },
  { model: 'gpt-4.1-mini', provider: 'openai', inputPerMillion: 0.4, outputPerMillion: 1.6 },
  { model: 'gpt-4.1-nano', provider: 'openai', inputPerMillion: 0.1, outputPerMillion: 0.4 },
  { model: 'gpt-4-turbo', provider: 'openai', inputPerMillion: 10, outputPerMillion: 30 },
  { model: 'gpt-4', provider: 'openai', inputPerMillion: 30, outputPerMillion: 60, aliases: ['gpt-4-0613'] },
  // Older gpt-3.5-turbo snapshots (-1106, -0613) cost more; only the current one is listed.
  { model: 'gpt-3.5-turbo', provider: 'openai', inputPerMillion: 0.5, outputPerMillion: 1.5, aliases: ['gpt-3.5-turbo-0125'] },
  { model: 'o1', provider: 'openai', inputPerMillion: 15, outputPerMillion: 60 },
  { model: 'o3-mini', provider: 'openai', inputPerMillion: 1.1, outputPerMillion: 4.4 },
  { model: 'o4-mini', provider: 'openai', inputPerMillion: 1.1, outputPerMillion: 4.4 },
  // Anthropic
  { model: 'claude-opus-4', provider: 'anthropic', inputPerMillion: 15, outputPerMillion: 75, aliases: ['claude-opus-4-0'] },
  { model: 'claude-sonnet-4', provider: 'anthropic', inputPerMillion: 3, outputPerMillion: 15, aliases: ['claude-sonnet-4-0'] },
  { model: 'claude-3-7-sonnet', provider: 'anthropic', inputPerMillion: 3, outputPerMillion: 15 },
  { model: 'claude-3-5-sonnet', provider: 'anthropic', inputPerMillion: 3, outputPerMillion: 15 },
  { model: 'claude-3-5-haiku', provider: 'anthropic', inputPerMillion: 0.8, outputPerMillion: 4 },
  { model: 'claude-3-opus', provider: 'anthropic', inputPerMillion: 15, outputPerMillion: 75 },
  { model: 'claude-3-haiku', provider: 'anthropic', inputPerMillion: 0.25, outputPerMillion: 1.25 },
  // Mistral
  { model: 'mistral-large', provider: 'mistral', inputPerMillion: 2, outputPerMillion: 6, aliases: ['mistral-large-2411', 'mistral-large-2407'] },
  { model: 'mistral-medium-3', provider: 'mistral', inputPerMillion: 0.4, outputPerMillion: 2, aliases: ['mistral-medium-2505'] },
  // Google (text prices; these two are not tiered by prompt length)
  { model: 'gemini-2.0-flash', provider: 'google', inputPerMillion: 0.1, outputPerMillion: 0.4 },
  { model: 'gemini-2.0-flash-lite', provider: 'google', inputPerMillion: 0.075, outputPerMillion: 0.3 },
];
