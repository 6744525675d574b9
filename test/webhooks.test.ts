/**
 * Webhooks through the real app over HTTP, on each dialect: a local receiver verifies every
 * signature the way docs/webhooks.md tells receivers to; retries run on an injected clock (no
 * waiting, no timing assertions); a restart mid-retry is a new app on the same database.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { DIALECTS, type TestDatabase } from './helpers/db.js';
import { type Tenant, client, newTenant, useTestDatabase } from './helpers/app.js';
import { markerEngine } from './helpers/test-engine.js';
import { Receiver, verify } from './helpers/webhook-receiver.js';

/** A clock the test moves. */
function testClock(start = Date.now()) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

async function startApp(database: TestDatabase, clock: () => Date, env: Record<string, string> = {}) {
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', ...env }), database, engine: markerEngine, clock, uploads: { workers: 0 } });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

async function settle(app: FastifyInstance): Promise<void> {
  app.uploadJobs.kickQueue('webhooks');
  await app.uploadJobs.idle();
}

describe.each(DIALECTS)('webhooks on $name', (dialect) => {
  const ctx = useTestDatabase(dialect);
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = new Receiver();
    await receiver.start();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  async function setup(events: Record<string, unknown>, extra: Record<string, unknown> = {}, env: Record<string, string> = {}) {
    const clock = testClock();
    const { app, url } = await startApp(ctx.database, clock.now, env);
    const tenant = await newTenant(ctx.db);
    const admin = client(url, tenant.admin);
    const created = await admin.post('/api/webhooks', { url: receiver.url, events, ...extra });
    expect(created.status).toBe(201);
    receiver.secret = created.body.secret;
    receiver.received = [];
    receiver.failures = [];
    receiver.nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
    return { app, url, clock, tenant, admin, hook: created.body.webhook, secret: created.body.secret as string };
  }

  it('a violation ending a live session is delivered once, signed, with the session and its findings', async () => {
    const { app, url, tenant, admin, hook, secret } = await setup({ sessionViolation: true });
    try {
      expect(secret).toMatch(/^whsec_/);
      const listed = await admin.get('/api/webhooks');
      expect(listed.body.webhooks).toHaveLength(1);
      expect(JSON.stringify(listed.body)).not.toContain(secret);
      expect(JSON.stringify((await admin.get(`/api/webhooks/${hook.id}`)).body)).not.toContain(secret);

      const ingest = client(url, tenant.ingest);
      expect((await ingest.post('/api/sessions/s1/messages', { messageId: 'm1', role: 'user', content: 'hello', userId: 'u1' })).status).toBe(201);
      const turn = await ingest.post('/api/sessions/s1/messages', { messageId: 'm2', role: 'assistant', content: 'you idiot [[HOSTILE_LANGUAGE:critical]]' });
      expect(turn.body.session.endedReason).toBe('violation');
      await settle(app);

      expect(receiver.received).toHaveLength(1);
      const got = receiver.received[0];
      expect(got.verified).toBe(true);
      expect(got.headers['x-chatlens-event']).toBe('session.violation');
      expect(got.json).toMatchObject({ type: 'session.violation', companyId: tenant.companyId, data: { sessionId: 's1', userId: 'u1', messageId: 'm2' } });
      expect(got.json.data.findings[0]).toMatchObject({ subtype: 'HOSTILE_LANGUAGE', severity: 'critical' });
      // A signature made with another secret, or over another body, does not verify.
      expect(verify('whsec_other', got.headers, got.body, receiver.nowSeconds())).toBe(false);
      expect(verify(secret, got.headers, got.body.replace('s1', 's2'), receiver.nowSeconds())).toBe(false);

      // The same event is never delivered twice: a message after the end does not re-announce it.
      await ingest.post('/api/ingest', { events: [{ id: 'late', type: 'message', timestamp: new Date().toISOString(), sessionId: 's1', messageId: 'm3', role: 'assistant', content: 'still [[HOSTILE_LANGUAGE:critical]]' }] });
      await settle(app);
      expect(receiver.received).toHaveLength(1);

      const page = await admin.get(`/api/webhooks/${hook.id}/deliveries`);
      expect(page.status).toBe(200);
      expect(page.body.deliveries).toHaveLength(1);
      expect(page.body.deliveries[0]).toMatchObject({ eventType: 'session.violation', status: 'delivered', nextAttemptAt: null });
      expect(page.body.deliveries[0].attempts).toEqual([expect.objectContaining({ attempt: 1, statusCode: 200, response: 'ok', error: null })]);
      expect(JSON.stringify(page.body)).not.toContain(secret);
    } finally {
      await app.close();
    }
  });

  it('findings at or above the chosen severity are delivered, lower ones are not; uploads never alert', async () => {
    const { app, url, tenant } = await setup({ minSeverity: 'high' });
    try {
      const ingest = client(url, tenant.ingest);
      await ingest.post('/api/sessions/f1/messages', { messageId: 'f1a', role: 'assistant', content: 'maybe [[OVERCONFIDENCE:medium]]' });
      await ingest.post('/api/sessions/f1/messages', { messageId: 'f1b', role: 'assistant', content: 'surely [[OVERCONFIDENCE:high]] and [[PROFANITY:low]]' });
      await settle(app);
      expect(receiver.received.map((r) => r.json.type)).toEqual(['finding.created']);
      expect(receiver.received[0].json.data).toMatchObject({ messageId: 'f1b', minSeverity: 'high' });
      expect(receiver.received[0].json.data.findings.map((f: any) => f.subtype)).toEqual(['OVERCONFIDENCE']);
      expect(receiver.received[0].verified).toBe(true);

      const form = new FormData();
      form.append('file', new Blob([`${JSON.stringify({ sessionId: 'up1', role: 'assistant', content: 'x [[OVERCONFIDENCE:critical]]', timestamp: new Date().toISOString() })}\n`]), 'a.jsonl');
      const up = await fetch(`${url}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${tenant.admin}` }, body: form });
      expect(up.status).toBe(202);
      await app.uploadJobs.idle();
      await settle(app);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('a daily rate crossing its threshold is delivered once per day and category', async () => {
    const { app, url, tenant } = await setup({ dailyRate: { threshold: 0.5, minTurns: 4 } });
    try {
      const ingest = client(url, tenant.ingest);
      const send = (i: number, flagged: boolean) =>
        ingest.post(`/api/sessions/r${i}/messages`, { messageId: `r${i}`, role: 'assistant', content: flagged ? `bad [[PROFANITY:low]]` : 'fine' });
      await send(1, true); // 1 of 1: above, but fewer than 4 turns analysed
      await send(2, false);
      await send(3, false);
      await settle(app);
      expect(receiver.received).toHaveLength(0);
      await send(4, true); // 2 of 4 = 0.5: crosses
      await settle(app);
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0].json).toMatchObject({ type: 'rate.threshold_crossed', data: { category: 'toxicity', rate: 0.5, threshold: 0.5, flaggedTurns: 2, turnsAnalyzed: 4 } });
      await send(5, true); // still above: no second alert that day
      await settle(app);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('a receiver that fails is retried with backoff until it recovers; attempts and answers are listed', async () => {
    const { app, clock, admin, hook } = await setup({ sessionViolation: true });
    try {
      receiver.failures = [500, 503];
      const test = await admin.post(`/api/webhooks/${hook.id}/test`);
      expect(test.status).toBe(202);
      await settle(app);
      expect(receiver.received).toHaveLength(1);
      let d = (await admin.get(`/api/webhooks/${hook.id}/deliveries`)).body.deliveries[0];
      expect(d).toMatchObject({ status: 'pending', eventType: 'test' });
      expect(Date.parse(d.nextAttemptAt) - clock.now().getTime()).toBe(30_000);

      // Not due yet: nothing is sent.
      clock.advance(29_000);
      await settle(app);
      expect(receiver.received).toHaveLength(1);
      clock.advance(1_000);
      await settle(app);
      expect(receiver.received).toHaveLength(2);
      d = (await admin.get(`/api/webhooks/${hook.id}/deliveries`)).body.deliveries[0];
      expect(Date.parse(d.nextAttemptAt) - clock.now().getTime()).toBe(60_000);
      clock.advance(60_000);
      await settle(app);
      d = (await admin.get(`/api/webhooks/${hook.id}/deliveries`)).body.deliveries[0];
      expect(d.status).toBe('delivered');
      expect(d.attempts.map((a: any) => [a.attempt, a.statusCode])).toEqual([[1, 500], [2, 503], [3, 200]]);
      expect(d.attempts[0]).toMatchObject({ response: 'receiver error 500', error: 'the receiver answered 500' });
      // Every attempt carries the same event id, and each is signed with its own timestamp.
      expect(new Set(receiver.received.map((r) => r.json.id)).size).toBe(1);
      expect(receiver.received.every((r) => r.verified)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('a delivery waiting for its retry survives a restart: a new app on the same database completes it', async () => {
    const { app, clock, tenant, admin, hook } = await setup({ sessionViolation: true });
    receiver.failures = [500];
    await admin.post(`/api/webhooks/${hook.id}/test`);
    await settle(app);
    expect(receiver.received).toHaveLength(1);
    await app.close();

    clock.advance(30_000);
    const restarted = await startApp(ctx.database, clock.now);
    try {
      // The new app looks for due work when it starts (no upload, no kick from a request).
      await restarted.app.uploadJobs.idle();
      const d = (await client(restarted.url, tenant.admin).get(`/api/webhooks/${hook.id}/deliveries`)).body.deliveries[0];
      expect(d.status).toBe('delivered');
      expect(d.attempts.map((a: any) => a.statusCode)).toEqual([500, 200]);
      expect(receiver.received).toHaveLength(2);
    } finally {
      await restarted.app.close();
    }
  });

  it('a delivery whose process died mid-attempt is taken over once its lease runs out', async () => {
    const { app, clock, tenant, admin, hook } = await setup({ sessionViolation: true });
    receiver.failures = [];
    // Claimed by a process that then died: in flight, its lease running 40 s more.
    const test = (await admin.post(`/api/webhooks/${hook.id}/test`)).body;
    await app.uploadJobs.idle();
    await app.close();
    receiver.received = [];
    await ctx.db
      .updateTable('webhook_deliveries')
      .set({ status: 'delivering', attempts: 7, lease_until: new Date(clock.now().getTime() + 40_000).toISOString() })
      .where('id', '=', test.id)
      .execute();

    const early = await startApp(ctx.database, clock.now);
    await early.app.uploadJobs.idle();
    await early.app.close();
    expect(receiver.received).toHaveLength(0);

    clock.advance(41_000);
    const later = await startApp(ctx.database, clock.now);
    try {
      await later.app.uploadJobs.idle();
      const d = (await client(later.url, tenant.admin).get(`/api/webhooks/${hook.id}/deliveries`)).body.deliveries.find((x: any) => x.id === test.id);
      expect(d.status).toBe('delivered');
      expect(d.attempts.at(-1)).toMatchObject({ attempt: 8, statusCode: 200 });
      expect(receiver.received).toHaveLength(1);
    } finally {
      await later.app.close();
    }
  });

  it('finished deliveries are kept 30 days for the dashboard, then deleted with their attempts', async () => {
    const { app, clock, admin, hook } = await setup({ sessionViolation: true });
    try {
      const delivery = (await admin.post(`/api/webhooks/${hook.id}/test`)).body;
      await settle(app);
      expect((await admin.get(`/api/webhooks/${hook.id}/deliveries`)).body.deliveries.map((d: any) => d.status)).toEqual(['delivered']);
      clock.advance(29 * 86_400_000);
      await settle(app);
      expect((await admin.get(`/api/webhooks/${hook.id}/deliveries`)).body.deliveries).toHaveLength(1);
      clock.advance(2 * 86_400_000);
      await settle(app);
      expect((await admin.get(`/api/webhooks/${hook.id}/deliveries`)).body.deliveries).toEqual([]);
      expect(await ctx.db.selectFrom('webhook_attempts').select('attempt').where('delivery_id', '=', delivery.id).execute()).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('a receiver that never recovers is given up after 24 hours', async () => {
    const { app, clock, admin, hook } = await setup({ sessionViolation: true });
    try {
      receiver.failures = Array(100).fill(500);
      await admin.post(`/api/webhooks/${hook.id}/test`);
      const created = clock.now().getTime();
      await settle(app);
      for (let i = 0; i < 40; i++) {
        const d = (await admin.get(`/api/webhooks/${hook.id}/deliveries`)).body.deliveries[0];
        if (d.status !== 'pending') break;
        clock.advance(Date.parse(d.nextAttemptAt) - clock.now().getTime());
        await settle(app);
      }
      const d = (await admin.get(`/api/webhooks/${hook.id}/deliveries`)).body.deliveries[0];
      expect(d.status).toBe('failed');
      const last = d.attempts[d.attempts.length - 1];
      expect(Date.parse(last.startedAt) - created).toBeLessThanOrEqual(24 * 3_600_000);
      expect(Date.parse(last.startedAt) - created).toBeGreaterThan(18 * 3_600_000);
      expect(d.attempts.length).toBeGreaterThan(10);
    } finally {
      await app.close();
    }
  });

  it('Slack format: a Slack incoming-webhook message; large answers are cut; a silent receiver times out', async () => {
    const { app, admin, hook } = await setup({ sessionViolation: true }, { format: 'slack' }, { CHATLENS_WEBHOOK_TIMEOUT_MS: '300', CHATLENS_WEBHOOK_MAX_RESPONSE_BYTES: '2000' });
    try {
      receiver.answer = 'x'.repeat(50_000);
      await admin.post(`/api/webhooks/${hook.id}/test`);
      await settle(app);
      receiver.answer = 'ok';
      expect(Object.keys(receiver.received[0].json)).toEqual(['text']);
      expect(receiver.received[0].json.text).toContain('test event');
      let d = (await admin.get(`/api/webhooks/${hook.id}/deliveries`)).body.deliveries[0];
      expect(d.status).toBe('delivered');
      expect(d.attempts[0].response).toHaveLength(1000);

      // A receiver that accepts the connection and never answers.
      const silent = http.createServer(() => {});
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const port = (silent.address() as AddressInfo).port;
        expect((await admin.patch(`/api/webhooks/${hook.id}`, { url: `http://127.0.0.1:${port}/` })).status).toBe(200);
        await admin.post(`/api/webhooks/${hook.id}/test`);
        await settle(app);
        d = (await admin.get(`/api/webhooks/${hook.id}/deliveries`)).body.deliveries[0];
        expect(d).toMatchObject({ status: 'pending' });
        expect(d.attempts[0]).toMatchObject({ statusCode: null, error: 'no answer within 300 ms' });
      } finally {
        silent.closeAllConnections();
        silent.close();
      }
    } finally {
      await app.close();
    }
  });

  it('a receiver that never answers holds one lane: other deliveries go out meanwhile', async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { app, url, admin, hook } = await setup({ sessionViolation: true }, {}, { CHATLENS_WEBHOOK_TIMEOUT_MS: '120000' });
    try {
      const other = await newTenant(ctx.db);
      const them = client(url, other.admin);
      const stuck = (await them.post('/api/webhooks', { url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, events: { sessionViolation: true } })).body.webhook;
      await them.post(`/api/webhooks/${stuck.id}/test`);
      // The stuck delivery is in flight (claimed, waiting for an answer) …
      for (let i = 0; i < 1000; i++) {
        const d = (await them.get(`/api/webhooks/${stuck.id}/deliveries`)).body.deliveries[0];
        if (d.status === 'delivering') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect((await them.get(`/api/webhooks/${stuck.id}/deliveries`)).body.deliveries[0].status).toBe('delivering');
      // … while another company's test event is delivered.
      await admin.post(`/api/webhooks/${hook.id}/test`);
      for (let i = 0; i < 1000 && receiver.received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(receiver.received.map((r) => r.json.type)).toEqual(['test']);
      // The receiver has its request; the delivery is marked delivered once its answer is read.
      let delivered = '';
      for (let i = 0; i < 1000 && delivered !== 'delivered'; i++) {
        delivered = (await admin.get(`/api/webhooks/${hook.id}/deliveries`)).body.deliveries[0].status;
        if (delivered !== 'delivered') await new Promise((r) => setTimeout(r, 20));
      }
      expect(delivered).toBe('delivered');
      expect((await them.get(`/api/webhooks/${stuck.id}/deliveries`)).body.deliveries[0].status).toBe('delivering');
    } finally {
      silent.closeAllConnections();
      silent.close();
      await app.close();
    }
  });

  it('refuses bad settings with 400 naming the problem; the host allow-list applies', async () => {
    const clock = testClock();
    const { app, url } = await startApp(ctx.database, clock.now, { CHATLENS_WEBHOOK_ALLOWED_HOSTS: 'hooks.example.com,*.slack.com' });
    try {
      const tenant = await newTenant(ctx.db);
      const admin = client(url, tenant.admin);
      const bad = await admin.post('/api/webhooks', { url: 'ftp://x.example.com/a', events: { sessionViolation: true } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('http:// or https://');
      const none = await admin.post('/api/webhooks', { url: 'https://hooks.example.com/a', events: {} });
      expect(none.status).toBe(400);
      expect(none.body.error.message).toContain('at least one');
      const internal = await admin.post('/api/webhooks', { url: 'http://127.0.0.1:9/x', events: { sessionViolation: true } });
      expect(internal.status).toBe(400);
      expect(internal.body.error.message).toContain('CHATLENS_WEBHOOK_ALLOWED_HOSTS');
      expect((await admin.post('/api/webhooks', { url: 'https://hooks.slack.com/services/T/B/X', events: { sessionViolation: true } })).status).toBe(201);
      const hooks = (await admin.get('/api/webhooks')).body.webhooks;
      const page = await admin.get(`/api/webhooks/${hooks[0].id}/deliveries?cursor=abc`);
      expect(page.status).toBe(400);
      expect(page.body.error.message).toContain('cursor');
      expect((await admin.get(`/api/webhooks/${hooks[0].id}/deliveries?limit=101`)).status).toBe(400);
      expect((await admin.get('/api/webhooks/0')).status).toBe(400);
      const rate = await admin.post('/api/webhooks', { url: 'https://hooks.example.com/a', events: { dailyRate: { threshold: 2, minTurns: 1 } } });
      expect(rate.status).toBe(400);
      expect(rate.body.error.message).toContain('threshold');
    } finally {
      await app.close();
    }
  });

  it('tenant isolation: another company’s keys see and change nothing; analysts and ingest keys are refused', async () => {
    const { app, url, tenant, hook } = await setup({ sessionViolation: true });
    try {
      const other: Tenant = await newTenant(ctx.db);
      const them = client(url, other.admin);
      expect((await them.get('/api/webhooks')).body.webhooks).toEqual([]);
      for (const [method, path] of [
        ['get', `/api/webhooks/${hook.id}`],
        ['patch', `/api/webhooks/${hook.id}`],
        ['delete', `/api/webhooks/${hook.id}`],
        ['post', `/api/webhooks/${hook.id}/test`],
        ['post', `/api/webhooks/${hook.id}/rotate-secret`],
        ['get', `/api/webhooks/${hook.id}/deliveries`],
      ] as const) {
        const r = method === 'patch' ? await them.patch(path, { active: false }) : await (them as any)[method](path);
        expect(r.status, `${method} ${path}`).toBe(404);
      }
      expect((await them.get(`/api/webhooks?company_id=${tenant.companyId}`)).status).toBe(403);
      expect((await client(url, tenant.analyst).get('/api/webhooks')).status).toBe(403);
      expect((await client(url, tenant.ingest).post('/api/webhooks', { url: receiver.url, events: { sessionViolation: true } })).status).toBe(403);
      // Still there, still active, for its owner.
      expect((await client(url, tenant.admin).get(`/api/webhooks/${hook.id}`)).body.active).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('rotating the secret answers the new one once; later deliveries are signed with it; delete removes deliveries', async () => {
    const { app, admin, hook, secret } = await setup({ sessionViolation: true });
    try {
      const rotated = await admin.post(`/api/webhooks/${hook.id}/rotate-secret`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).not.toBe(secret);
      receiver.secret = rotated.body.secret;
      await admin.post(`/api/webhooks/${hook.id}/test`);
      await settle(app);
      expect(receiver.received[0].verified).toBe(true);
      expect((await admin.delete(`/api/webhooks/${hook.id}`)).status).toBe(204);
      expect((await admin.get(`/api/webhooks/${hook.id}/deliveries`)).status).toBe(404);
      const left = await ctx.db.selectFrom('webhook_deliveries').select('id').where('webhook_id', '=', hook.id).execute();
      expect(left).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
