/**
 * The SDK when the network misbehaves, against the real server: a small HTTP proxy in front of it
 * fails requests on purpose (errors, dropped connections, answers lost after the server stored the
 * request, stalls), and the tests check what a user of the SDK would notice — the call succeeds
 * after retries and nothing is stored twice, time-outs and aborts end the call, a refused
 * connection is a ConnectionError, and the ingest buffer delivers every event it accepted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChatlensClient,
  ChatlensError,
  ConnectionError,
  type IngestEvent,
  TimeoutError,
  TooManyRequestsError,
  UnavailableError,
  UndeliveredEventsError,
  messageEvent,
} from '../src/client/index.js';
import { type Tenant, closedPort, newTenant, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

/** What the proxy does with one request. */
type Behaviour =
  | 'forward'
  /** Answer this status with an error envelope, without asking the server. */
  | { status: number; retryAfter?: string }
  /** Close the connection without answering, without asking the server. */
  | 'drop'
  /** Let the server handle it (and store it), then close the connection: the answer is lost. */
  | 'lose-answer'
  /** Never answer. */
  | 'stall';

interface Proxy {
  url: string;
  /** Each request seen: method, path and the time it arrived. */
  seen: { method: string; path: string; at: number; body: string }[];
  /** Behaviours for the next requests, in order; `forward` once they run out. */
  plan: Behaviour[];
  close(): Promise<void>;
}

async function startProxy(target: string): Promise<Proxy> {
  const seen: Proxy['seen'] = [];
  const plan: Behaviour[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    seen.push({ method: req.method!, path: req.url!, at: Date.now(), body: body.toString('utf8') });
    const b = plan.shift() ?? 'forward';
    if (b === 'stall') return;
    if (b === 'drop') return req.socket.destroy();
    if (typeof b === 'object') {
      res.writeHead(b.status, { 'content-type': 'application/json', ...(b.retryAfter ? { 'retry-after': b.retryAfter } : {}) });
      return res.end(JSON.stringify({ error: { code: b.status === 429 ? 'TOO_MANY_REQUESTS' : 'UNAVAILABLE', message: 'proxy says no', requestId: `proxy-${seen.length}` } }));
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
    const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, body: body.length ? body : undefined });
    const text = await upstream.text();
    if (b === 'lose-answer') return req.socket.destroy();
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    plan,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Resolves once `check()` holds; fails the test after 5 s. */
async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached within 5 s');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const dialect = DIALECTS[0];

describe(`SDK resilience against the real server (${dialect.name})`, () => {
  const ctx = useTestServer(dialect);
  let proxy: Proxy;
  let t: Tenant;
  beforeAll(async () => {
    proxy = await startProxy(ctx.url);
    t = await newTenant(ctx.db);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  const sdk = (key: string, extra: Partial<ConstructorParameters<typeof ChatlensClient>[0]> = {}) =>
    new ChatlensClient({ baseUrl: proxy.url, apiKey: key, retryDelayMs: 20, ...extra });
  const fresh = () => {
    proxy.plan.length = 0;
    proxy.seen.length = 0;
  };

  it('a read that fails twice (503, then a dropped connection) succeeds on the third attempt', async () => {
    fresh();
    proxy.plan.push({ status: 503 }, 'drop');
    const trends = await sdk(t.analyst).trends(7);
    expect(trends.dailyData).toHaveLength(7);
    expect(proxy.seen.map((r) => r.path)).toEqual(['/api/trends?days=7', '/api/trends?days=7', '/api/trends?days=7']);
  });

  it('ingest whose answers were lost after the server stored the events is retried without storing anything twice', async () => {
    fresh();
    // Both first attempts reach the server, which stores the events; the answers never come back.
    proxy.plan.push('lose-answer', 'lose-answer');
    const events = [messageEvent('retry-1', { role: 'user', content: 'first' }), messageEvent('retry-1', { role: 'assistant', content: 'second' })];
    const results = await sdk(t.ingest).ingest(events);
    expect(proxy.seen).toHaveLength(3);
    expect(results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    const transcript = await new ChatlensClient({ baseUrl: ctx.url, apiKey: t.analyst }).session('retry-1');
    expect(transcript.messages.map((m) => m.content)).toEqual(['first', 'second']);
  });

  it('a live turn whose answer was lost is retried and stored once, with the id the SDK generated', async () => {
    fresh();
    proxy.plan.push('lose-answer');
    const turn = await sdk(t.ingest).recordTurn('retry-2', { role: 'user', content: 'hello' });
    expect(proxy.seen).toHaveLength(2);
    const ids = proxy.seen.map((r) => JSON.parse(r.body).messageId);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(turn.message.id).toBe(ids[0]);
    expect(turn.session.messageCount).toBe(1);
  });

  it('honours Retry-After on 429', async () => {
    fresh();
    proxy.plan.push({ status: 429, retryAfter: '1' });
    await sdk(t.analyst).trends(1);
    expect(proxy.seen).toHaveLength(2);
    expect(proxy.seen[1].at - proxy.seen[0].at).toBeGreaterThanOrEqual(950);
  });

  it('gives up after maxRetries with the typed error of the last answer and its request id', async () => {
    fresh();
    proxy.plan.push({ status: 503 }, { status: 503 }, { status: 503 });
    const err = await sdk(t.analyst).trends(1).catch((e) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect(err.requestId).toBe('proxy-3');
    expect(proxy.seen).toHaveLength(3);

    fresh();
    proxy.plan.push({ status: 429, retryAfter: '3600' });
    const later = await sdk(t.analyst).trends(1).catch((e) => e);
    // A wait longer than a minute is the caller's decision, not a silent hour-long call.
    expect(later).toBeInstanceOf(TooManyRequestsError);
    expect(proxy.seen).toHaveLength(1);
  });

  it('never retries an upload, whose repetition is not harmless', async () => {
    fresh();
    proxy.plan.push({ status: 503 });
    const err = await sdk(t.ingest)
      .uploadTranscript(new Blob(['{"sessionId":"u","role":"user","content":"hi","timestamp":"2026-01-01T00:00:00Z"}\n']), 'a.jsonl')
      .catch((e) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect(proxy.seen).toHaveLength(1);
  });

  it('a server that does not answer is a TimeoutError (a ConnectionError, not an API error), after each retry timed out', async () => {
    fresh();
    proxy.plan.push('stall', 'stall');
    const started = Date.now();
    const err = await sdk(t.analyst, { timeoutMs: 150, maxRetries: 1 }).trends(1).catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).not.toBeInstanceOf(ChatlensError);
    expect(err.attempts).toBe(2);
    expect(err.message).toMatch(/no answer from .* within 150 ms \(GET \/api\/trends\)/);
    expect(proxy.seen).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5_000);

    // The per-call time-out overrides the client's.
    fresh();
    proxy.plan.push('stall');
    const call = await sdk(t.analyst, { timeoutMs: 60_000, maxRetries: 0 }).trends(1, { timeoutMs: 100 }).catch((e) => e);
    expect(call).toBeInstanceOf(TimeoutError);
  });

  it('aborting with an AbortSignal ends the call at once with the signal reason, and stops the retries', async () => {
    fresh();
    proxy.plan.push('stall');
    const controller = new AbortController();
    const pending = sdk(t.analyst).trends(1, { signal: controller.signal }).catch((e) => e);
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    const err = await pending;
    expect(err.name).toBe('AbortError');
    expect(err).not.toBeInstanceOf(ConnectionError);
    expect(proxy.seen).toHaveLength(1);

    // Aborted while waiting to retry: no further attempt.
    fresh();
    proxy.plan.push({ status: 503 });
    const c2 = new AbortController();
    const waiting = sdk(t.analyst, { retryDelayMs: 5_000 }).trends(1, { signal: c2.signal }).catch((e) => e);
    await new Promise((r) => setTimeout(r, 200));
    c2.abort(new Error('user went away'));
    expect((await waiting).message).toBe('user went away');
    await new Promise((r) => setTimeout(r, 100));
    expect(proxy.seen).toHaveLength(1);

    // Already aborted: nothing is sent.
    fresh();
    expect((await sdk(t.analyst).trends(1, { signal: AbortSignal.abort() }).catch((e) => e)).name).toBe('AbortError');
    expect(proxy.seen).toHaveLength(0);
  });

  it('a refused connection is a ConnectionError naming the cause, after the retries', async () => {
    const url = await closedPort();
    const err = await new ChatlensClient({ baseUrl: url, apiKey: t.analyst, retryDelayMs: 10 }).trends(1).catch((e) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).not.toBeInstanceOf(TimeoutError);
    expect(err).not.toBeInstanceOf(ChatlensError);
    expect(err.attempts).toBe(3);
    expect(err.message).toMatch(new RegExp(`could not reach Chatlens at ${url} \\(GET /api/trends\\): ECONNREFUSED`));
    expect(err.cause).toBeDefined();
  });

  it('the ingest buffer sends a full batch at once, and a partial one when its interval has passed', async () => {
    fresh();
    const bySize = sdk(t.ingest).createIngestBuffer({ maxBatch: 40, flushIntervalMs: 60_000 });
    for (let i = 0; i < 40; i++) bySize.recordTurn('size-1', { role: 'user', content: `s${i}` });
    await until(() => proxy.seen.length === 1);
    expect(JSON.parse(proxy.seen[0].body).events).toHaveLength(40);
    await until(() => bySize.stats.delivered === 40);

    fresh();
    const byTime = sdk(t.ingest).createIngestBuffer({ maxBatch: 40, flushIntervalMs: 300 });
    const added = Date.now();
    for (let i = 0; i < 5; i++) byTime.recordTurn('time-1', { role: 'user', content: `t${i}` });
    await new Promise((r) => setTimeout(r, 100));
    expect(proxy.seen).toHaveLength(0);
    await until(() => proxy.seen.length === 1);
    expect(proxy.seen[0].at - added).toBeGreaterThanOrEqual(290);
    expect(JSON.parse(proxy.seen[0].body).events).toHaveLength(5);
    expect(await bySize.shutdown()).toEqual({ queued: 0, delivered: 40, rejected: 0 });
    expect(await byTime.shutdown()).toEqual({ queued: 0, delivered: 5, rejected: 0 });
    expect(proxy.seen).toHaveLength(1);
  });

  it('the ingest buffer keeps failed batches and shutdown delivers everything: every event stored exactly once, in order', async () => {
    fresh();
    const rejected: string[] = [];
    const errors: unknown[] = [];
    const buffer = sdk(t.ingest, { maxRetries: 0 }).createIngestBuffer({
      maxBatch: 40,
      flushIntervalMs: 50,
      onRejected: (e, reason) => rejected.push(`${e.id}: ${reason}`),
      onError: (e) => errors.push(e),
    });
    // Batches fail in every way while the events arrive: refused, dropped, answered-then-lost.
    proxy.plan.push({ status: 503 }, 'drop', 'lose-answer');
    const sessions = Array.from({ length: 10 }, (_, i) => buffer.startSession({ userId: `bu${i}`, sessionId: `buf-${i}` }));
    const ids: string[] = [];
    for (let k = 0; k < 10; k++) {
      for (const s of sessions) ids.push(buffer.recordTurn(s, { role: k % 2 ? 'assistant' : 'user', content: `turn ${k} of ${s}` }));
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const s of sessions.slice(0, 3)) buffer.endSession(s);
    const stats = await buffer.shutdown({ timeoutMs: 10_000 });
    expect(stats).toEqual({ queued: 0, delivered: 113, rejected: 0 });
    expect(rejected).toEqual([]);
    // The background sends report their failures (a failure during shutdown is retried there).
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.length).toBeLessThanOrEqual(3);
    expect(errors[0]).toBeInstanceOf(UnavailableError);
    expect(errors[1]).toBeInstanceOf(ConnectionError);
    expect(new Set(ids).size).toBe(100);
    expect(Math.max(...proxy.seen.map((r) => JSON.parse(r.body).events.length as number))).toBeLessThanOrEqual(40);

    const reader = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.analyst });
    for (const s of sessions) {
      const tr = await reader.session(s);
      expect(tr.messages.map((m) => m.content)).toEqual(Array.from({ length: 10 }, (_, k) => `turn ${k} of ${s}`));
    }
    expect((await reader.session('buf-0')).endedReason).toBe('user');
    expect(() => buffer.recordTurn('buf-1', { role: 'user', content: 'late' })).toThrow(/shut down/);
  });

  it('shutdown rejects loudly with the undelivered events, in order, when Chatlens stays unreachable', async () => {
    const url = await closedPort();
    const buffer = new ChatlensClient({ baseUrl: url, apiKey: t.ingest, maxRetries: 0 }).createIngestBuffer({ maxBatch: 5, flushIntervalMs: 10_000 });
    const added: IngestEvent[] = [];
    for (let i = 0; i < 7; i++) {
      const e = messageEvent('lost-1', { role: 'user', content: `m${i}` });
      buffer.add(e);
      added.push(e);
    }
    const err = await buffer.shutdown({ timeoutMs: 600 }).catch((e) => e);
    expect(err).toBeInstanceOf(UndeliveredEventsError);
    expect(err.message).toMatch(/^7 event\(s\) could not be delivered to Chatlens/);
    expect(err.events).toEqual(added);
    expect(err.cause).toBeInstanceOf(ConnectionError);
  });

  it('a buffer that is full refuses new events instead of dropping old ones', async () => {
    const url = await closedPort();
    const buffer = new ChatlensClient({ baseUrl: url, apiKey: t.ingest, maxRetries: 0 }).createIngestBuffer({ maxBatch: 10, maxQueue: 3, flushIntervalMs: 10_000 });
    buffer.connection('u1');
    buffer.connection('u2');
    buffer.connection('u3');
    expect(() => buffer.connection('u4')).toThrow(/already holds 3 undelivered events/);
    expect(buffer.stats.queued).toBe(3);
    await expect(buffer.shutdown({ timeoutMs: 100 })).rejects.toBeInstanceOf(UndeliveredEventsError);
  });
});
