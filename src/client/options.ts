/**
 * How a `ChatlensClient` is set up: its options, their defaults and the checks that turn a missing
 * URL or key into a message saying how to give it, before any request is made.
 */
import { fromEnvironment } from './env.js';
import { Transport } from './http.js';

export interface ClientOptions {
  /** e.g. `http://127.0.0.1:8080`; default: the `CHATLENS_URL` environment variable. */
  baseUrl?: string;
  /** Default: the `CHATLENS_API_KEY` environment variable. */
  apiKey?: string;
  /** Platform admin keys act on the company named here. */
  companyId?: number;
  /** Another `fetch` (a proxy agent, a test double); default: the global one. */
  fetch?: typeof fetch;
  /** Time-out of each attempt in milliseconds; default 30,000. */
  timeoutMs?: number;
  /**
   * Extra attempts for calls that are safe to repeat (reads; ingest, live turns and the event
   * helpers, which are idempotent by event or message id) after a connection error, a time-out,
   * a 408, a 429 (waiting as `Retry-After` says, up to 60 s) or a 5xx. Default 2; 0 turns retries off.
   * Uploads are never retried.
   */
  maxRetries?: number;
  /** Backoff before the first retry (the wait doubles at each retry, with jitter); default 500 ms. */
  retryDelayMs?: number;
  /** Longest backoff between two attempts; default 10,000 ms. */
  maxRetryDelayMs?: number;
}

/** The transport every call of a client goes through, from its options (environment variables filling the gaps). */
export function transportFor(options: ClientOptions): Transport {
  const baseUrl = options.baseUrl ?? fromEnvironment('CHATLENS_URL');
  const apiKey = options.apiKey ?? fromEnvironment('CHATLENS_API_KEY');
  if (!baseUrl) throw new Error('ChatlensClient needs the server URL: pass { baseUrl } or set CHATLENS_URL');
  if (!/^https?:\/\//i.test(baseUrl)) throw new Error(`ChatlensClient: baseUrl must start with http:// or https:// (got "${baseUrl}")`);
  if (!apiKey) throw new Error('ChatlensClient needs an API key: pass { apiKey } or set CHATLENS_API_KEY');
  if (typeof (options.fetch ?? globalThis.fetch) !== 'function') throw new Error('ChatlensClient needs fetch (Node ≥ 20, any browser) or the fetch option');
  return new Transport({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    apiKey,
    companyId: options.companyId,
    // Called unbound, a browser's fetch throws "Illegal invocation".
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
    retryDelayMs: options.retryDelayMs ?? 500,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 10_000,
  });
}
