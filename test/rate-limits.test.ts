/**
 * Request rates (issue 9 item 11): per API key, per client address, and for refused credentials,
 * with 429 + Retry-After in the error envelope, and a company's own figure set by a platform admin.
 * Rates are set so low (one token per 1,000 s) that no token comes back during a test: the counts
 * below are exact whatever the machine's speed.
 */
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../src/modules/auth/auth.service.js';
import { type Response, client, newTenant, startTestServer, useTestDatabase } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

const SLOW = '0.001';

function expectLimited(res: Response) {
  expect(res.status).toBe(429);
  expect(res.body.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/rate limit exceeded/), requestId: expect.any(String) });
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
}

const statuses = (rs: Response[]) => rs.map((r) => r.status);
const count = (rs: Response[], status: number) => rs.filter((r) => r.status === status).length;

describe.each(DIALECTS)('rate limits ($name)', (dialect) => {
  const ctx = useTestDatabase(dialect);

  it('refuses a burst past the per-key limit with 429 and Retry-After; another key of the company is unaffected', async () => {
    const server = await startTestServer(ctx.database, undefined, { CHATLENS_RATE_LIMIT_PER_SECOND: SLOW, CHATLENS_RATE_LIMIT_BURST: '20' });
    try {
      const t = await newTenant(ctx.db);
      const burst = await Promise.all(Array.from({ length: 50 }, () => client(server.url, t.analyst).get('/api/trends?days=7')));
      expect(count(burst, 200)).toBe(20);
      expect(count(burst, 429)).toBe(30);
      for (const r of burst.filter((r) => r.status === 429)) expectLimited(r);
      // Each key has its own bucket.
      expect((await client(server.url, t.admin).get('/api/trends?days=7')).status).toBe(200);
      // Writes are limited the same way, and a refused turn is not stored.
      const turns = await Promise.all(
        Array.from({ length: 25 }, (_, i) => client(server.url, t.ingest).post('/api/sessions/rl/messages', { messageId: `m${i}`, role: 'user', content: 'hello' })),
      );
      expect(count(turns, 201)).toBe(20);
      expect(count(turns, 429)).toBe(5);
      expect((await client(server.url, t.admin).get('/api/sessions/rl')).body.messageCount).toBe(20);
    } finally {
      await server.close();
    }
  });

  it('refuses an address that keeps sending forged keys before looking any key up', async () => {
    const server = await startTestServer(ctx.database, undefined, { CHATLENS_AUTH_FAILURE_LIMIT_PER_SECOND: SLOW, CHATLENS_AUTH_FAILURE_LIMIT_BURST: '10' });
    try {
      const t = await newTenant(ctx.db);
      const forged = [];
      // One after another, so each refusal is counted before the next request arrives.
      for (let i = 0; i < 30; i++) forged.push(await client(server.url, `clk_${'x'.repeat(8)}${i}_forged`).get('/api/trends?days=7'));
      expect(statuses(forged.slice(0, 10))).toEqual(Array(10).fill(401));
      for (const r of forged.slice(10)) expectLimited(r);
      // The address is refused as a whole until tokens come back, whatever it sends now.
      expectLimited(await client(server.url, t.analyst).get('/api/trends?days=7'));
      // Routes that need no credentials are not counted.
      expect((await client(server.url).get('/health')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('limits one client address across all its keys', async () => {
    const server = await startTestServer(ctx.database, undefined, { CHATLENS_ADDRESS_RATE_LIMIT_PER_SECOND: SLOW, CHATLENS_ADDRESS_RATE_LIMIT_BURST: '12' });
    try {
      const a = await newTenant(ctx.db);
      const b = await newTenant(ctx.db);
      const mixed = await Promise.all(Array.from({ length: 20 }, (_, i) => client(server.url, i % 2 ? a.analyst : b.analyst).get('/api/trends?days=7')));
      expect(count(mixed, 200)).toBe(12);
      expect(count(mixed, 429)).toBe(8);
    } finally {
      await server.close();
    }
  });

  it('applies a company’s own rate, set by a platform admin, and only to that company', async () => {
    const server = await startTestServer(ctx.database, undefined, { CHATLENS_RATE_LIMIT_PER_SECOND: '1000', CHATLENS_RATE_LIMIT_BURST: '1000' });
    try {
      const platform = (await createApiKey(ctx.db, { companyId: null, role: 'admin' })).key;
      const small = await newTenant(ctx.db);
      const other = await newTenant(ctx.db);
      const admin = client(server.url, platform);
      expect((await admin.get(`/api/companies/${small.companyId}/rate-limit`)).body).toEqual({
        companyId: small.companyId,
        own: { perSecond: null, burst: null },
        effective: { perSecond: 1000, burst: 1000 },
      });
      const set = await admin.put(`/api/companies/${small.companyId}/rate-limit`, { perSecond: 0.001, burst: 5 });
      expect(set.status).toBe(200);
      expect(set.body.effective).toEqual({ perSecond: 0.001, burst: 5 });
      const limited = await Promise.all(Array.from({ length: 8 }, () => client(server.url, small.analyst).get('/api/trends?days=7')));
      expect(count(limited, 200)).toBe(5);
      expect(count(limited, 429)).toBe(3);
      expect(limited.find((r) => r.status === 429)!.body.error.message).toMatch(/0\.001 requests per second \(bursts of 5\)/);
      const free = await Promise.all(Array.from({ length: 8 }, () => client(server.url, other.analyst).get('/api/trends?days=7')));
      expect(statuses(free)).toEqual(Array(8).fill(200));
      // 0 lifts the limit for that company; {} returns it to the server default.
      expect((await admin.put(`/api/companies/${small.companyId}/rate-limit`, { perSecond: 0 })).body.effective).toBeNull();
      expect((await client(server.url, small.analyst).get('/api/trends?days=7')).status).toBe(200);
      expect((await admin.put(`/api/companies/${small.companyId}/rate-limit`, {})).body.effective).toEqual({ perSecond: 1000, burst: 1000 });
    } finally {
      await server.close();
    }
  });

  it('lets only platform admins see or set a company’s rate, and rejects bad settings by name', async () => {
    const server = await startTestServer(ctx.database);
    try {
      const platform = (await createApiKey(ctx.db, { companyId: null, role: 'admin' })).key;
      const t = await newTenant(ctx.db);
      expect((await client(server.url, t.admin).put(`/api/companies/${t.companyId}/rate-limit`, { perSecond: 1e6, burst: 1e6 })).status).toBe(403);
      expect((await client(server.url, t.admin).get(`/api/companies/${t.companyId}/rate-limit`)).status).toBe(403);
      const admin = client(server.url, platform);
      const negative = await admin.put(`/api/companies/${t.companyId}/rate-limit`, { perSecond: -1, burst: 5 });
      expect(negative.status).toBe(400);
      expect(negative.body.error.message).toMatch(/perSecond/);
      const orphanBurst = await admin.put(`/api/companies/${t.companyId}/rate-limit`, { burst: 5 });
      expect(orphanBurst.status).toBe(400);
      expect(orphanBurst.body.error.message).toMatch(/burst needs perSecond/);
      expect((await admin.get('/api/companies/999999/rate-limit')).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
