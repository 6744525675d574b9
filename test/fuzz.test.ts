/**
 * Fuzzing every registered route (walked from `app.routeTable`) with generated malformed
 * requests: hostile path parameters, query strings, headers, credentials and bodies. Seeded, so a
 * failure names the request and the same run reproduces it. Fails on any 5xx, on any 4xx outside
 * the error envelope (OpenAI's error shape on the OpenAI-compatible `/v1/` routes), and on a
 * request left unanswered.
 */
import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../src/app.js';
import { isOpenAiPath } from '../src/http/openai-shape.js';
import { insertAccount } from '../src/modules/auth/auth.repository.js';
import { createAccount, createApiKey } from '../src/modules/auth/auth.service.js';
import { createCompany } from '../src/modules/companies/companies.service.js';
import { NO_RATE_LIMITS, type Tenant, newTenant, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { seededRandom } from '../src/lib/random.js';

const SEED = 0x9e3779b9;
const REQUESTS_PER_DIALECT = 2500;
const CONCURRENCY = 12;
const ANSWER_WITHIN_MS = 15_000;

/** Seeded choices: the same sequence on every machine. */
function prng(seed: number) {
  const next = seededRandom(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

const NASTY_STRINGS = [
  '', ' ', '0', '-1', '1', '2', '3', '42', '1.5', '-0', '1e309', '-1e309', 'Infinity', '-Infinity', 'NaN', '9007199254740993',
  '99999999999999999999999', '2147483648', '0x10', 'true', 'false', 'null', 'undefined', '[]', '{}', '[object Object]',
  '2026-06-30T23:59:60Z', '2026-02-30', '2026-13-01', '2026-04-08', '2026-04-08T12:00:00Z', '0000-00-00', '9999-12-31', '1970-01-01T00:00:00Z',
  "' or 1=1 --", '"; drop table messages; --', '%', '%zz', '%00', '\u0000', '../../etc/passwd', '<script>alert(1)</script>',
  '😀'.repeat(50), 'é', '\ud800', 'a'.repeat(201), 'b'.repeat(5000), ' x ', 'admin', 'analyst', 'ingest', 'hallucination', 'PROFANITY',
  'strict', 'auto', 'csv', 'jsonl', '__proto__', 'constructor', 'clk_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
];

/** encodeURIComponent, except a lone surrogate becomes the invalid UTF-8 bytes it would be. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
  }
}

function nastyString(r: Rng): string {
  return r.pick(NASTY_STRINGS);
}

/** Any JSON value, sometimes deep, sometimes wide, sometimes of the wrong kind. */
function jsonValue(r: Rng, depth = 0): unknown {
  const k = r.int(depth > 3 ? 6 : 9);
  switch (k) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 2 ** 31, 1e-320]);
    case 3:
    case 4:
    case 5:
      return nastyString(r);
    case 6:
      return Array.from({ length: r.int(4) }, () => jsonValue(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i--) o[r.pick(FIELD_NAMES)] = jsonValue(r, depth + 1);
      return o;
    }
  }
}

const FIELD_NAMES = [
  'id', 'type', 'timestamp', 'sessionId', 'messageId', 'role', 'content', 'userId', 'model', 'documents', 'tools', 'events', 'email', 'inputTokens', 'outputTokens', 'latencyMs',
  'password', 'name', 'preset', 'endSessionAt', 'overrides', 'allowList', 'denyList', 'active', 'kind', 'filename', 'title', 'minScore',
  'severity', 'disabled', '__proto__', 'constructor', 'prototype',
];

/** A value shaped by a JSON schema, then maybe spoiled. */
function fromSchema(r: Rng, schema: any, depth = 0): unknown {
  if (!schema || typeof schema !== 'object' || depth > 6 || r.chance(0.12)) return jsonValue(r, depth);
  if (schema.anyOf || schema.oneOf) return fromSchema(r, r.pick(schema.anyOf ?? schema.oneOf), depth + 1);
  if (schema.enum) return r.chance(0.8) ? r.pick(schema.enum) : nastyString(r);
  if (schema.const !== undefined) return schema.const;
  switch (schema.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(key) ? r.chance(0.92) : r.chance(0.5)) o[key] = fromSchema(r, sub, depth + 1);
      }
      if (r.chance(0.1)) o[r.pick(FIELD_NAMES)] = jsonValue(r, depth + 1);
      return o;
    }
    case 'array':
      return Array.from({ length: r.int(4) }, () => fromSchema(r, schema.items, depth + 1));
    case 'integer':
    case 'number':
      return r.chance(0.6) ? r.pick([schema.minimum ?? 0, schema.maximum ?? 100, 1, 7]) : jsonValue(r, depth);
    case 'boolean':
      return r.chance(0.5);
    case 'string':
      if (schema.format === 'date-time') return r.chance(0.6) ? new Date(Date.now() - r.int(1e9)).toISOString() : nastyString(r);
      return r.chance(0.5) ? `f${r.int(1e6)}` : nastyString(r);
    default:
      return jsonValue(r, depth);
  }
}

/** A body as the wire carries it: JSON from the schema, broken JSON, deep JSON, other media types. */
function body(r: Rng, schema: unknown): { contentType?: string; payload?: string } {
  const k = r.int(20);
  if (k < 10) return { contentType: 'application/json', payload: JSON.stringify(fromSchema(r, schema)) };
  if (k === 10) return { contentType: 'application/json', payload: '{"events":[' };
  if (k === 11) return { contentType: 'application/json', payload: '' };
  if (k === 12) {
    const n = r.pick([63, 64, 65, 200, 5000]);
    return { contentType: 'application/json', payload: `${'['.repeat(n)}${']'.repeat(n)}` };
  }
  if (k === 13) return { contentType: 'application/json', payload: `{"a":${'9'.repeat(400)}}` };
  if (k === 14) return { contentType: r.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'garbage', 'application/json; charset=utf-16']), payload: nastyString(r) };
  if (k === 15) {
    const boundary = r.pick(['', 'x', 'b'.repeat(71), '"quoted"', 'bad boundary']);
    return { contentType: `multipart/form-data; boundary=${boundary}`, payload: `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.jsonl"\r\n\r\n{"role":"user"}\r\n--${boundary}--\r\n` };
  }
  if (k === 16) return { contentType: 'multipart/form-data', payload: 'no boundary at all' };
  if (k === 17) return { contentType: 'multipart/form-data; boundary=zz', payload: '--zz\r\ncontent-disposition: form-data; name="file"; filename="x.csv"\r\n\r\nconversation_id,speaker,text\r\nc1,customer,hello\r\n--zz--\r\n' };
  if (k === 18) return { contentType: 'application/json', payload: JSON.stringify(jsonValue(r)) };
  return {};
}

function pathFor(r: Rng, url: string): string {
  let path = url.replace(/:(\w+)/g, () => enc(r.chance(0.3) ? `${r.int(50)}` : nastyString(r)).replace(/%25/g, r.chance(0.3) ? '%' : '%25'));
  path = path.replace(/\*$/, () => r.pick(['', 'x', 'static/../../package.json', 'assets/nope.js', '%zz', 'a'.repeat(300)]));
  if (r.chance(0.05)) path += r.pick(['/', '//', '/extra', '?', '#frag']);
  return path;
}

function queryFor(r: Rng, schema: any): string {
  const names = Object.keys(schema?.properties ?? {});
  const parts: string[] = [];
  for (const name of names) {
    if (r.chance(0.5)) continue;
    const generated = r.chance(0.3) ? fromSchema(r, schema.properties[name]) : nastyString(r);
    const value = typeof generated === 'string' ? generated : JSON.stringify(generated);
    parts.push(`${enc(name)}=${r.chance(0.1) ? value.replace(/[^\x21-\x7e]/g, '') : enc(value)}`);
    if (r.chance(0.1)) parts.push(`${enc(name)}=${enc(nastyString(r))}`);
  }
  if (r.chance(0.15)) parts.push(`${r.pick(FIELD_NAMES)}=${enc(nastyString(r))}`);
  if (r.chance(0.03)) parts.push('%zz=1');
  return parts.length ? `?${parts.join('&')}` : '';
}

interface Credentials {
  keys: string[];
  cookie: string;
  csrf: string;
}

function headersFor(r: Rng, creds: Credentials): Record<string, string> {
  const h: Record<string, string> = {};
  const k = r.int(12);
  if (k < 8) h.authorization = `Bearer ${r.pick(creds.keys.slice(0, k < 6 ? 4 : undefined))}`;
  else if (k === 8) h.authorization = r.pick(['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', `Bearer ${nastyString(r)}`, 'bearer  x y']);
  else if (k === 9) {
    h.cookie = r.chance(0.7) ? creds.cookie : `chatlens_session=${enc(nastyString(r))}`;
    if (r.chance(0.6)) h['x-csrf-token'] = r.chance(0.7) ? creds.csrf : nastyString(r).replace(/[^\x20-\x7e]/g, '');
  }
  if (r.chance(0.1)) h['x-forwarded-for'] = r.pick(['1.2.3.4', 'garbage', '::1, 10.0.0.1']);
  if (r.chance(0.05)) h['x-forwarded-proto'] = r.pick(['https', 'gopher']);
  if (r.chance(0.05)) h.accept = r.pick(['text/html', 'application/xml', '*/*']);
  return h;
}

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  payload?: string;
}

/** One raw HTTP/1.1 exchange: fetch would repair or refuse some of what is sent here. */
function exchange(base: URL, req: Sent): Promise<{ status: number; contentType: string; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(base.port), base.hostname);
    const payload = req.payload === undefined ? undefined : Buffer.from(req.payload);
    const lines = [`${req.method} ${req.path} HTTP/1.1`, `host: ${base.host}`, 'connection: close'];
    for (const [k, v] of Object.entries(req.headers)) lines.push(`${k}: ${v}`);
    if (payload) lines.push(`content-length: ${payload.length}`);
    socket.on('connect', () => {
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (payload) socket.write(payload);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.setTimeout(ANSWER_WITHIN_MS, () => socket.destroy(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)));
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const split = raw.indexOf('\r\n\r\n');
      const head = raw.slice(0, split);
      let text = raw.slice(split + 4);
      if (/\r\ntransfer-encoding: chunked/i.test(head)) text = dechunk(text);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), contentType: /\r\ncontent-type: ([^\r]*)/i.exec(head)?.[1] ?? '', text });
    });
  });
}

function dechunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, eol), 16);
    if (!size) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}

function describeRequest(req: Sent): string {
  return `${req.method} ${req.path.slice(0, 200)} headers=${JSON.stringify(req.headers).slice(0, 200)} body=${(req.payload ?? '').slice(0, 200)}`;
}

describe.each(DIALECTS)('fuzzing every route on $name', (dialect) => {
  // Thousands of requests, a quarter with forged keys: the rate limits would soon refuse them
  // all, and the point here is to reach past them into validation.
  const ctx = useTestServer(dialect, { env: NO_RATE_LIMITS });
  let tenant: Tenant;
  let creds: Credentials;
  beforeAll(async () => {
    // A decoy company first, so the small ids the fuzzer tries (keys, accounts) belong to someone
    // else: revoking or deactivating them must be refused, and cannot disarm the fuzzer's own keys.
    const decoy = await createCompany(ctx.db, 'decoy');
    for (let i = 0; i < 60; i++) await createApiKey(ctx.db, { companyId: decoy.id, role: 'admin' });
    const now = new Date().toISOString();
    for (let i = 0; i < 60; i++) await insertAccount(ctx.db, { companyId: decoy.id, email: `decoy${i}@decoy.test`, role: 'analyst', passwordHash: 'none', now });
    tenant = await newTenant(ctx.db);
    const platform = (await createApiKey(ctx.db, { companyId: null, role: 'admin' })).key;
    const email = `fuzz-${tenant.companyId}@acme.test`;
    await createAccount(ctx.db, { companyId: tenant.companyId, email, role: 'admin', password: 'fuzz password' });
    const login = await fetch(`${ctx.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'fuzz password' }) });
    const me = (await login.json()) as { csrfToken: string };
    creds = {
      keys: [tenant.admin, tenant.analyst, tenant.ingest, platform, 'clk_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'not-a-key'],
      cookie: login.headers.get('set-cookie')!.split(';')[0],
      csrf: me.csrfToken,
    };
  });

  it(`answers ${REQUESTS_PER_DIALECT} generated malformed requests with no 5xx, always in the envelope, never hanging`, async () => {
    const routes: RouteEntry[] = ctx.server.app.routeTable.filter((r) => r.method !== 'HEAD');
    // The walk covers the whole API, not a hand-picked part of it.
    for (const path of ['/api/ingest', '/api/sessions/:id/messages', '/api/uploads', '/api/policy', '/api/accounts/:id', '/api/v2/reporting/users']) {
      expect(routes.some((r) => r.url === path || r.url === `${path}/`)).toBe(true);
    }
    const r = prng(SEED ^ (dialect.name === 'postgres' ? 0x5a5a : 0));
    const requests: Sent[] = Array.from({ length: REQUESTS_PER_DIALECT }, () => {
      const route = r.pick(routes);
      const schema = (route.schema ?? {}) as { querystring?: unknown; body?: unknown };
      const b = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method) || r.chance(0.05) ? body(r, schema.body) : {};
      const headers = headersFor(r, creds);
      if (b.contentType) headers['content-type'] = b.contentType;
      const method = r.chance(0.04) ? r.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) : route.method;
      return { method, path: pathFor(r, route.url) + queryFor(r, schema.querystring), headers, payload: b.payload };
    });

    const base = new URL(ctx.url);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const req = requests[next++];
          let res: Awaited<ReturnType<typeof exchange>>;
          try {
            res = await exchange(base, req);
          } catch (err) {
            failures.push(`unanswered (${(err as Error).message}): ${describeRequest(req)}`);
            continue;
          }
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 0 || res.status >= 500) failures.push(`${res.status}: ${describeRequest(req)} -> ${res.text.slice(0, 200)}`);
          else if (res.status >= 400) {
            let parsed: any = null;
            try {
              parsed = JSON.parse(res.text);
            } catch {
              /* not JSON */
            }
            const e = parsed?.error;
            // The OpenAI-compatible routes answer in OpenAI's error shape, so OpenAI clients raise their usual errors.
            const openAi = isOpenAiPath(req.path);
            const shaped = openAi
              ? e && typeof e.type === 'string' && e.type.length > 0 && 'code' in e && 'param' in e
              : e && typeof e.code === 'string' && typeof e.requestId === 'string';
            const ok = /^application\/json/.test(res.contentType) && shaped && typeof e.message === 'string' && e.message.length > 0;
            if (!ok) failures.push(`${res.status} outside the ${openAi ? 'OpenAI error shape' : 'envelope'}: ${describeRequest(req)} -> ${res.text.slice(0, 200)}`);
          }
        }
      }),
    );
    expect(failures.slice(0, 10)).toEqual([]);
    // The generator reaches past validation too: some requests succeed, most are refused.
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(REQUESTS_PER_DIALECT);
    // (A run of 2,500 gives about 600 × 200, 600 × 400, 550 × 401, 370 × 403, 210 × 404.)
    for (const status of [200, 400, 401, 403, 404]) expect(statuses.get(status) ?? 0).toBeGreaterThan(REQUESTS_PER_DIALECT / 25);
  }, 120_000);
});
