import { isOpenAiPath } from '../src/http/openai-shape.js';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../src/modules/auth/auth.service.js';
import { ago, client, newTenant, useTestServer } from './helpers/app.js';
import { DIALECTS, POSTGRES_EXPECTED } from './helpers/db.js';

it('runs the PostgreSQL suites whenever TEST_DATABASE_URL is set', () => {
  expect(DIALECTS.map((d) => d.name)).toEqual(POSTGRES_EXPECTED ? ['sqlite', 'postgres'] : ['sqlite']);
});

describe.each(DIALECTS)('authentication, roles and tenancy on $name', (dialect) => {
  const ctx = useTestServer(dialect);

  const READS = ['/api/monitor/sessions', '/api/trends', '/api/v2/reporting/chat-sessions/?start_date=2026-01-01', '/api/sessions/x', '/api/policy'];

  it('answers 401 with the envelope for a missing, malformed or unknown key', async () => {
    const t = await newTenant(ctx.db);
    const forged = `${t.analyst.slice(0, -4)}AAAA`;
    for (const path of READS) {
      const variants: Record<string, string>[] = [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer nope' }, { authorization: `Bearer ${forged}` }];
      for (const headers of variants) {
        const res = await client(ctx.url).get(path, headers);
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.body.error).toEqual({ code: 'UNAUTHORIZED', message: expect.any(String), requestId: expect.any(String) });
      }
    }
    expect((await client(ctx.url).post('/api/ingest', { events: [] })).status).toBe(401);
  });

  it('answers 403 for a key without the right', async () => {
    const t = await newTenant(ctx.db);
    for (const path of READS) {
      const res = await client(ctx.url, t.ingest).get(path);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const analystWrites = await client(ctx.url, t.analyst).post('/api/ingest', { events: [] });
    expect(analystWrites.status).toBe(403);
    expect((await client(ctx.url, t.analyst).post('/api/keys', { role: 'admin' })).status).toBe(403);
    expect((await client(ctx.url, t.analyst).put('/api/policy', {})).status).toBe(403);
    expect((await client(ctx.url, t.admin).post('/api/companies', { name: 'x' })).status).toBe(403);
  });

  it('a revoked key stops working', async () => {
    const t = await newTenant(ctx.db);
    const admin = client(ctx.url, t.admin);
    const created = await admin.post('/api/keys', { role: 'analyst', name: 'temp' });
    expect(created.status).toBe(201);
    expect((await client(ctx.url, created.body.key).get('/api/trends')).status).toBe(200);
    expect((await admin.delete(`/api/keys/${created.body.info.id}`)).status).toBe(204);
    expect((await client(ctx.url, created.body.key).get('/api/trends')).status).toBe(401);
  });

  it('refuses a key on the very next request after its revocation, though it was in use a moment before', async () => {
    const t = await newTenant(ctx.db);
    const admin = client(ctx.url, t.admin);
    const created = await admin.post('/api/keys', { role: 'ingest', name: 'busy' });
    const busy = client(ctx.url, created.body.key);
    const turns = await Promise.all(Array.from({ length: 8 }, (_, i) => busy.post(`/api/sessions/R/messages`, { messageId: `r${i}`, role: 'user', content: `turn ${i}` })));
    expect(turns.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect((await admin.delete(`/api/keys/${created.body.info.id}`)).status).toBe(204);
    const after = await busy.post('/api/sessions/R/messages', { messageId: 'r8', role: 'user', content: 'still there?' });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHORIZED');
  });

  it('never lets a forged key ride on a real key of the same lookup that was just verified', async () => {
    const t = await newTenant(ctx.db);
    expect((await client(ctx.url, t.analyst).get('/api/trends')).status).toBe(200);
    const forged = `${t.analyst.slice(0, -4)}${t.analyst.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect((await client(ctx.url, forged).get('/api/trends')).status).toBe(401);
    expect((await client(ctx.url, t.analyst).get('/api/trends')).status).toBe(200);
  });

  it('never lets one company see another company’s data', async () => {
    const a = await newTenant(ctx.db);
    const b = await newTenant(ctx.db);
    const turn = { id: 'e1', type: 'message', timestamp: ago(1), sessionId: 'shared-id', messageId: 'm-1', role: 'user', content: 'secret of A' };
    expect((await client(ctx.url, a.ingest).post('/api/ingest', { events: [turn] })).body.results[0].status).toBe('accepted');
    // The same ids in another company are independent, not duplicates.
    const bRes = await client(ctx.url, b.ingest).post('/api/ingest', { events: [{ ...turn, content: 'secret of B' }] });
    expect(bRes.body.results[0].status).toBe('accepted');

    const bRead = client(ctx.url, b.analyst);
    const transcript = await bRead.get('/api/sessions/shared-id');
    expect(transcript.body.messages.map((m: { content: string }) => m.content)).toEqual(['secret of B']);
    const monitor = await bRead.get('/api/monitor/sessions');
    expect(monitor.body.sessions.map((s: { lastMessage: string }) => s.lastMessage)).toEqual(['secret of B']);
    for (const path of [`/api/trends?company_id=${a.companyId}`, `/api/monitor/sessions?company_id=${a.companyId}`, `/api/sessions/shared-id?company_id=${a.companyId}`]) {
      expect((await bRead.get(path)).status, path).toBe(403);
    }
    expect((await client(ctx.url, b.ingest).post(`/api/ingest?company_id=${a.companyId}`, { events: [] })).status).toBe(403);

    const { key } = await createApiKey(ctx.db, { companyId: null, role: 'admin' });
    const platform = client(ctx.url, key);
    expect((await platform.get(`/api/sessions/shared-id?company_id=${a.companyId}`)).body.messages[0].content).toBe('secret of A');
    const noCompany = await platform.get('/api/trends');
    expect(noCompany.status).toBe(400);
    expect(noCompany.body.error.message).toMatch(/company_id is required/);
  });

  it('resolves the company the same way on every route that acts on one (config.tenant)', async () => {
    const a = await newTenant(ctx.db);
    const b = await newTenant(ctx.db);
    const { key } = await createApiKey(ctx.db, { companyId: null, role: 'admin' });
    const platform = client(ctx.url, key);
    // Every GET that documents company_id: the parameter comes from the route's tenancy declaration.
    const doc = (await platform.get('/openapi.json')).body as { paths: Record<string, { get?: { parameters?: { name: string; in: string }[] } }> };
    const routes = Object.entries(doc.paths)
      // Reports (the Paradigm family and the token usage report) give a platform admin every company
      // without company_id instead (reporting.test.ts, usage-cost.test.ts).
      .filter(([p, ops]) => !p.startsWith('/api/v2/reporting') && p !== '/api/usage/tokens' && ops.get?.parameters?.some((x) => x.name === 'company_id' && x.in === 'query'))
      .map(([p]) => p.replace('{id}', '1'));
    expect(routes).toEqual(expect.arrayContaining(['/api/monitor/sessions', '/api/trends', '/api/sessions/1', '/api/findings', '/api/uploads', '/api/uploads/1', '/api/keys', '/api/accounts', '/api/policy']));
    for (const path of routes) {
      const sep = path.includes('?') ? '&' : '?';
      const missing = await platform.get(path);
      expect([missing.status, missing.body.error?.message], path).toEqual([400, 'company_id is required with a platform admin key']);
      const unknown = await platform.get(`${path}${sep}company_id=999999999`);
      expect([unknown.status, unknown.body.error?.message], path).toEqual([404, 'company 999999999 does not exist']);
      const bad = await platform.get(`${path}${sep}company_id=abc`);
      // The OpenAI-compatible routes give the same refusal in OpenAI's error shape (its codes are lower case).
      expect([bad.status, bad.body.error?.code], path).toEqual([400, isOpenAiPath(path) ? 'bad_request' : 'BAD_REQUEST']);
      expect(bad.body.error.message, path).toMatch(/^company_id must be an integer/);
      const other = await client(ctx.url, b.admin).get(`${path}${sep}company_id=${a.companyId}`);
      expect([other.status, other.body.error?.message], path).toEqual([403, `this key may only act on company ${b.companyId}`]);
      // Naming one's own company is the same as not naming it.
      const own = await client(ctx.url, a.admin).get(`${path}${sep}company_id=${a.companyId}`);
      const implicit = await client(ctx.url, a.admin).get(path);
      expect(own.status, path).toBe(implicit.status);
    }
  });

  it('stores API keys only as hashes', async () => {
    const t = await newTenant(ctx.db);
    const rows = await ctx.db.selectFrom('api_keys').selectAll().where('company_id', '=', t.companyId).execute();
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      // The secret is everything after `clk_<12-char lookup>_` (it may itself contain '_').
      expect(JSON.stringify(r)).not.toContain(t.admin.slice('clk_'.length + 12 + 1));
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    const listed = await client(ctx.url, t.admin).get('/api/keys');
    expect(JSON.stringify(listed.body)).not.toContain(t.analyst);
  });

  it('gives unknown routes a JSON 404', async () => {
    const t = await newTenant(ctx.db);
    const res = await client(ctx.url, t.analyst).get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('server errors', () => {
  it('answer 500 with a generic message and a request id', async () => {
    const database = await DIALECTS[0].open();
    const { buildApp } = await import('../src/app.js');
    const { loadConfig } = await import('../src/config.js');
    const { markerEngine } = await import('./helpers/test-engine.js');
    const t = await newTenant(database.db);
    const app = await buildApp({
      config: loadConfig({}),
      database,
      engine: markerEngine,
      plugins: [
        async (a) => {
          a.get('/api/test-crash', { config: { auth: 'read' } }, async () => {
            throw new Error('SELECT secret FROM internals at /srv/app.ts:42');
          });
          // Reading the tenant on a route that did not declare it is a bug, never "company 0".
          a.get('/api/test-no-tenant', { config: { auth: 'read' } }, async (request) => ({ company: request.companyId }));
        },
      ],
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const res = await client(url, t.analyst).get('/api/test-crash');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error', requestId: expect.any(String) } });
      expect((await client(url, t.analyst).get('/api/test-no-tenant')).status).toBe(500);
      // The database going away mid-flight is a 500 too, not a crash.
      await database.close();
      const down = await client(url, t.analyst).get('/api/trends');
      expect(down.status).toBe(500);
      expect(JSON.stringify(down.body)).not.toMatch(/sqlite|database|SELECT/i);
    } finally {
      await app.close();
      await database.destroy().catch(() => {});
    }
  });
});
