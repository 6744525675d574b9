/**
 * Malformed input found by the audit: every case is a 4xx in the error envelope naming the
 * problem, never a 500, and the refusals Node and the router make on their own use the envelope
 * too. Headers every answer carries are checked here as well.
 */
import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/modules/auth/auth.service.js';
import { type Tenant, client, newTenant, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

function expectEnvelope(res: { status: number; body: any }, status: number, message: RegExp) {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ error: { code: expect.any(String), message: expect.stringMatching(message), requestId: expect.any(String) } });
}

/** Sends bytes as they are (fetch would refuse or repair them) and returns the raw answer. */
function rawHttp(url: string, request: string): Promise<{ status: number; headers: string; body: any }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(u.port), u.hostname, () => socket.write(request));
    let out = '';
    socket.on('data', (d) => (out += d));
    socket.on('close', () => {
      const [head, ...rest] = out.split('\r\n\r\n');
      const text = rest.join('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), headers: head.toLowerCase(), body: text ? JSON.parse(text) : null });
    });
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer')));
  });
}

describe.each(DIALECTS)('malformed input on $name', (dialect) => {
  const ctx = useTestServer(dialect);
  let t: Tenant;
  beforeAll(async () => {
    t = await newTenant(ctx.db);
  });

  it('refuses a leap-second date-time with 400 naming the parameter', async () => {
    const res = await client(ctx.url, t.analyst).get('/api/monitor/sessions?since=2026-06-30T23:59:60Z');
    expectEnvelope(res, 400, /^since must be an ISO 8601 date-time/);
    const turn = await client(ctx.url, t.ingest).post('/api/sessions/s1/messages', { messageId: 'm1', role: 'user', content: 'hi', timestamp: '2016-12-31T23:59:60Z' });
    expectEnvelope(turn, 400, /^timestamp must be an ISO 8601 date-time/);
  });

  it('refuses Infinity and numbers past the double range in integer parameters', async () => {
    const api = client(ctx.url, t.analyst);
    for (const [path, name] of [
      ['/api/monitor/sessions?limit=Infinity', 'limit'],
      ['/api/monitor/sessions?limit=1e309', 'limit'],
      ['/api/trends?days=Infinity', 'days'],
      ['/api/trends?days=1e309', 'days'],
      ['/api/findings?days=-Infinity', 'days'],
      ['/api/uploads?limit=1e309', 'limit'],
      ['/api/trends?company_id=1e309', 'company_id'],
    ]) {
      expectEnvelope(await api.get(path), 400, new RegExp(`^${name} must be an integer`));
    }
    // In a JSON body, as a string the schema would coerce.
    const policy = (await client(ctx.url, t.admin).get('/api/policy')).body;
    const res = await client(ctx.url, t.admin).put('/api/policy', { ...policy, overrides: { PROFANITY: { minScore: '1e309' } } });
    expectEnvelope(res, 400, /minScore must be a number from 0 to 1/);
  });

  it('refuses JSON nested 5,000 levels deep without overflowing the stack', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const api = client(ctx.url, t.ingest);
    expectEnvelope(await api.post('/api/ingest', `{"events":[${deep}]}`), 400, /nests arrays or objects more than 64 levels/);
    expectEnvelope(await api.post('/api/ingest', deep), 400, /nests arrays or objects more than 64 levels/);
    // Brackets inside strings are text, not nesting.
    const text = await api.post('/api/sessions/s-text/messages', { messageId: 'm1', role: 'user', content: '['.repeat(5000) });
    expect(text.status).toBe(201);
    // Sixty levels of a wrong shape are named without being serialised.
    const shallow = `${'['.repeat(60)}${']'.repeat(60)}`;
    expectEnvelope(await api.post('/api/ingest', `{"events":[${shallow}]}`), 400, /^events\.0 must be an object \(got an array of 1 item\)/);
  });

  it('refuses a PATCH of an account with nothing to change', async () => {
    const account = await createAccount(ctx.db, { companyId: t.companyId, email: `patch-${t.companyId}@acme.test`, role: 'analyst', password: 'long enough' });
    expectEnvelope(await client(ctx.url, t.admin).patch(`/api/accounts/${account.id}`, {}), 400, /send role, active or both/);
  });

  it('refuses multipart bodies without a usable boundary', async () => {
    const body = '--x\r\ncontent-disposition: form-data; name="file"; filename="a.jsonl"\r\n\r\n{}\r\n--x--\r\n';
    for (const type of ['multipart/form-data', 'multipart/form-data; boundary=', `multipart/form-data; boundary=${'b'.repeat(71)}`, `multipart/form-data; boundary=${'b'.repeat(5000)}`]) {
      const res = await fetch(`${ctx.url}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${t.ingest}`, 'content-type': type }, body });
      expectEnvelope({ status: res.status, body: await res.json() }, 400, /multipart body needs a boundary parameter of 1 to 70 characters/);
    }
  });

  it("answers Node's and the router's own refusals in the envelope", async () => {
    const big = await rawHttp(ctx.url, `GET /health HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectEnvelope(big, 431, /headers are larger than the server accepts/);
    expect(big.body.error.code).toBe('HEADERS_TOO_LARGE');
    expectEnvelope(await rawHttp(ctx.url, 'NOT HTTP AT ALL\r\n\r\n'), 400, /could not be parsed as HTTP/);
    // A header Node refuses (a NUL in it) on an OpenAI-compatible route: OpenAI's error shape there, the envelope elsewhere.
    const nul = 'HTTP/1.1\r\nhost: x\r\nauthorization: Bearer \u0000\r\n\r\n';
    const proxied = await rawHttp(ctx.url, `PATCH /v1/chat/completions ${nul}`);
    expect(proxied.status).toBe(400);
    expect(proxied.body).toEqual({ error: { message: expect.stringMatching(/could not be parsed as HTTP/), type: 'invalid_request_error', param: null, code: 'bad_request' } });
    expect(proxied.headers).toMatch(/\r\nx-request-id: [0-9a-f-]{36}/);
    expectEnvelope(await rawHttp(ctx.url, `PATCH /api/trends ${nul}`), 400, /could not be parsed as HTTP/);
    const badUrl = await rawHttp(ctx.url, 'GET /api/sessions/%zz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    expectEnvelope(badUrl, 400, /URL is not valid/);
    const longParam = await client(ctx.url, t.ingest).post(`/api/sessions/${'x'.repeat(300)}/messages`, { messageId: 'm', role: 'user', content: 'x' });
    expectEnvelope(longParam, 414, /path segment is longer than 256 characters/);
    // Up to the schema's own limit, the schema speaks.
    const schemaLimit = await client(ctx.url, t.ingest).post(`/api/sessions/${'x'.repeat(201)}/messages`, { messageId: 'm', role: 'user', content: 'x' });
    expectEnvelope(schemaLimit, 400, /^id must be a string of 1 to 200 characters/);
  });

  it('sends X-Content-Type-Options: nosniff on API answers and a CSP that forbids framing on /docs', async () => {
    for (const res of [await client(ctx.url, t.analyst).get('/api/trends'), await client(ctx.url).get('/api/trends'), await client(ctx.url).get('/nowhere')]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const docs = await fetch(`${ctx.url}/docs/`, { redirect: 'follow' });
    expect(docs.status).toBe(200);
    const csp = docs.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(docs.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
