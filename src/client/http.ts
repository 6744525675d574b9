/**
 * One HTTP call of the SDK: `fetch` only (Node ≥ 20, browsers, Deno, Bun), a time-out per attempt,
 * the caller's AbortSignal, and retries with exponential backoff and jitter for calls that are
 * safe to repeat — reads, and the ingest endpoints, which are idempotent by event id / message id.
 */
import { ChatlensError, ConnectionError, TimeoutError, errorFromResponse } from './errors.js';

/** Per-call options, accepted as the last argument of every client method. */
export interface RequestOptions {
  /** Cancels the call and its retries; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Time-out of each attempt in milliseconds (connect, send and read the whole answer); overrides the client's. */
  timeoutMs?: number;
}

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  companyId?: number;
  fetch: typeof fetch;
  timeoutMs: number;
  maxRetries: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query;
  body?: unknown;
  /** Safe to send again after a failure whose outcome is unknown (connection lost, 5xx, time-out). */
  idempotent: boolean;
  options?: RequestOptions;
}

/** Statuses worth another attempt: the server or a proxy may answer differently a moment later. */
function retryable(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** A Retry-After header (seconds or an HTTP date) in milliseconds, or null. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The longest Retry-After honoured; a server asking for more gets its error passed on instead. */
const MAX_RETRY_AFTER_MS = 60_000;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class Transport {
  constructor(readonly options: TransportOptions) {}

  url(path: string, query: Query = {}): string {
    const q = new URLSearchParams();
    const all: Query = { company_id: this.options.companyId, ...query };
    for (const [k, v] of Object.entries(all)) if (v !== undefined) q.set(k, String(v));
    const s = q.toString();
    return `${this.options.baseUrl}${path}${s ? `?${s}` : ''}`;
  }

  /**
   * Backoff before retry `attempt` (1-based): between half and all of retryDelayMs·2^(attempt-1),
   * capped at maxRetryDelayMs — "equal jitter", so clients that failed together do not return together.
   */
  backoffMs(attempt: number): number {
    const cap = Math.min(this.options.maxRetryDelayMs, this.options.retryDelayMs * 2 ** (attempt - 1));
    return cap / 2 + Math.random() * (cap / 2);
  }

  async request<T>(call: Call): Promise<T> {
    const signal = call.options?.signal;
    const timeoutMs = call.options?.timeoutMs ?? this.options.timeoutMs;
    const url = this.url(call.path, call.query);
    const isForm = typeof FormData !== 'undefined' && call.body instanceof FormData;
    const body = call.body === undefined ? undefined : isForm ? (call.body as FormData) : JSON.stringify(call.body);
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.apiKey}`, accept: 'application/json' };
    if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
    const attempts = call.idempotent ? this.options.maxRetries + 1 : 1;

    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw signal.reason;
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      const onAbort = () => controller.abort(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      let status: number;
      let text: string;
      let retryAfter: string | null;
      try {
        const res = await this.options.fetch(url, { method: call.method, headers, body, signal: controller.signal });
        status = res.status;
        retryAfter = res.headers.get('retry-after');
        // Read inside the time-out too: a server that sends headers and then stalls is no answer.
        text = await res.text();
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        const failure = timedOut
          ? new TimeoutError(`no answer from ${this.options.baseUrl} within ${timeoutMs} ms (${call.method} ${call.path})`, attempt)
          : new ConnectionError(`could not reach Chatlens at ${this.options.baseUrl} (${call.method} ${call.path}): ${describe(err)}`, { cause: err }, attempt);
        if (attempt < attempts) {
          await sleep(this.backoffMs(attempt), signal);
          continue;
        }
        throw failure;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }

      if (status >= 200 && status < 300) {
        if (!text) return undefined as T;
        try {
          return JSON.parse(text) as T;
        } catch {
          // Something other than Chatlens answered (a captive portal, a misrouted proxy).
          throw new ChatlensError(`the server answered ${status} with a body that is not JSON: is ${this.options.baseUrl} a Chatlens server?`, status, 'INVALID_RESPONSE', null);
        }
      }
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = null;
      }
      if (attempt < attempts && retryable(status)) {
        const asked = retryAfterMs(retryAfter);
        if (asked === null || asked <= MAX_RETRY_AFTER_MS) {
          await sleep(asked ?? this.backoffMs(attempt), signal);
          continue;
        }
      }
      throw errorFromResponse(status, parsed);
    }
  }
}

/** The most useful words of a fetch failure: Node puts the system error (ECONNREFUSED…) in `cause`. */
function describe(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return err instanceof Error ? err.message : String(err);
}
