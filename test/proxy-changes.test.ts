/**
 * The proxy keeps each company's settings and policy in memory between requests
 * (proxy.companies.ts). An admin's change must still apply from the very next request, and a
 * change made by another server process sharing the database within the cache's lifetime.
 */
import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import { markerEngine } from './helpers/test-engine.js';
import { loadConfig } from '../src/config.js';
import { HANDOFF_MESSAGE } from '../src/modules/ingest/ingest.pipeline.js';
import { ProxyCompanies, TTL_MS } from '../src/modules/proxy/proxy.companies.js';
import { setProxySettings } from '../src/modules/proxy/proxy.settings.js';
import { client, newTenant, startTestServer, useTestDatabase, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { type Stub, startOpenAiStub } from './helpers/openai-stub.js';

const TOXIC = 'You are [[HOSTILE_LANGUAGE:high]]';

describe.each(DIALECTS)('proxy settings and policy changes on $name', (dialect) => {
  let stub: Stub;
  let other: Stub;
  const ctx = useTestServer(dialect, {
    start: async (database) => {
      [stub, other] = await Promise.all([startOpenAiStub(), startOpenAiStub()]);
      return startTestServer(database, undefined, { CHATLENS_UPSTREAM_URL: `${stub.url}/v1`, CHATLENS_SECRET_KEY: 'proxy-changes-secret-0123456789' });
    },
  });
  afterAll(async () => {
    await Promise.all([stub?.close(), other?.close()]);
  });
  const openai = (key: string, session: string) => new OpenAI({ baseURL: `${ctx.url}/v1`, apiKey: key, maxRetries: 0, defaultHeaders: { 'X-Chatlens-Session-Id': session } });
  const ask = (key: string, session: string, content: string, model = 'gpt-stub') =>
    openai(key, session)
      .chat.completions.create({ model, messages: [{ role: 'user', content }] })
      .withResponse();

  it("applies an admin's upstream, allow-list and reset from the next request", async () => {
    const t = await newTenant(ctx.db);
    const admin = client(ctx.url, t.admin);
    await ask(t.ingest, 's1', 'first');
    expect(stub.completions().at(-1)!.body).toMatchObject({ messages: [{ content: 'first' }] });

    expect((await admin.put('/api/proxy/settings', { baseUrl: `${other.url}/v1`, apiKey: 'sk-changed-key-4321' })).status).toBe(200);
    await ask(t.ingest, 's2', 'second');
    expect(other.completions().at(-1)).toMatchObject({ authorization: 'Bearer sk-changed-key-4321', body: { messages: [{ content: 'second' }] } });

    expect((await admin.put('/api/proxy/settings', { baseUrl: `${other.url}/v1`, models: ['gpt-only'] })).status).toBe(200);
    const refused = await ask(t.ingest, 's3', 'third').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.NotFoundError);

    expect((await admin.delete('/api/proxy/settings')).status).toBe(200);
    const before = other.completions().length;
    await ask(t.ingest, 's4', 'fourth');
    expect(stub.completions().at(-1)!.body).toMatchObject({ messages: [{ content: 'fourth' }] });
    expect(other.completions().length).toBe(before);
  });

  it("applies an admin's policy and guardrail mode from the next request", async () => {
    const t = await newTenant(ctx.db);
    const admin = client(ctx.url, t.admin);
    const blocked = await ask(t.ingest, 'p1', TOXIC);
    expect(blocked.data.choices[0].message.content).toBe(HANDOFF_MESSAGE);
    const calls = stub.completions().length;

    // Only critical findings end a session now: the same turn goes through.
    const policy = (await admin.get('/api/policy')).body;
    expect((await admin.put('/api/policy', { ...policy, endSessionAt: 'critical' })).status).toBe(200);
    const passed = await ask(t.ingest, 'p2', TOXIC);
    expect(passed.data.choices[0].message.content).toBe(`You said: ${TOXIC}`);
    expect(passed.response.headers.get('x-chatlens-session-ended')).toBeNull();
    expect(stub.completions().length).toBe(calls + 1);

    // A word on the deny list ends it again.
    expect((await admin.put('/api/policy', { ...policy, endSessionAt: 'high', denyList: ['frobnicate'] })).status).toBe(200);
    const denied = await ask(t.ingest, 'p3', 'please frobnicate the router');
    expect(denied.data.choices[0]).toMatchObject({ message: { content: HANDOFF_MESSAGE }, finish_reason: 'content_filter' });

    expect((await admin.put('/api/proxy/settings', { baseUrl: null, guardrails: 'flag-only' })).status).toBe(200);
    const flagged = await ask(t.ingest, 'p4', TOXIC);
    expect(flagged.data.choices[0].message.content).toBe(`You said: ${TOXIC}`);
  });
});

describe.each(DIALECTS)('proxy company cache on $name', (dialect) => {
  const ctx = useTestDatabase(dialect);
  const config = loadConfig({ LOG_LEVEL: 'silent', CHATLENS_UPSTREAM_URL: 'http://127.0.0.1:9/v1', CHATLENS_SECRET_KEY: 'proxy-changes-secret-0123456789' });

  it("sees another process's change within its lifetime, and a forgotten company at once", async () => {
    const t = await newTenant(ctx.db);
    let now = 1_000_000;
    const cache = new ProxyCompanies({ db: ctx.db, engine: markerEngine }, config, () => now);
    expect((await cache.get(t.companyId)).settings.source).toBe('server');
    // Another server process changes the settings: this one serves what it read until the lifetime ends.
    await setProxySettings(ctx.db, config, t.companyId, { baseUrl: 'http://127.0.0.1:10/v1', models: ['m1'] });
    now += TTL_MS - 1;
    expect((await cache.get(t.companyId)).settings.source).toBe('server');
    now += 1;
    expect((await cache.get(t.companyId)).settings).toMatchObject({ source: 'company', models: ['m1'], upstream: { baseUrl: 'http://127.0.0.1:10/v1' } });

    // A read under way when the change is made here is not kept past it.
    cache.forget(t.companyId);
    const reading = cache.get(t.companyId);
    cache.forget(t.companyId);
    await setProxySettings(ctx.db, config, t.companyId, { baseUrl: 'http://127.0.0.1:11/v1', models: [] });
    await reading;
    expect((await cache.get(t.companyId)).settings.upstream?.baseUrl).toBe('http://127.0.0.1:11/v1');
  });
});
