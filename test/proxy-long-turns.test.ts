/**
 * The proxy's guard reads long turns (a RAG prompt, the long answer to it, streamed or not) in the worker pool,
 * as the live endpoint does (proxy.exchange.ts `analyse`): the official `openai` client against a
 * local stub upstream, the built-in engine and a real pool of one thread, on both databases. The
 * verdict is the one an inline reading gives: a long hostile prompt never reaches the upstream; a
 * long ordinary one is answered, and both turns are stored with an inline reading's findings.
 */
import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinEngine } from '../src/analysis/index.js';
import { DEFAULT_POLICY, applyPolicy } from '../src/analysis/policy.js';
import { contextFor } from '../src/chat/context.js';
import { HANDOFF_MESSAGE } from '../src/modules/ingest/ingest.pipeline.js';
import { POOL_TURN_CHARS } from '../src/modules/ingest/ingest.service.js';
import { NO_RATE_LIMITS, client, newTenant, startTestServer, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { countingPool } from './helpers/pool.js';
import { type Stub, startOpenAiStub } from './helpers/openai-stub.js';

const pool = countingPool();
afterAll(() => pool.close());

// Written for this test.
const fill = (unit: string) => unit.repeat(Math.ceil((POOL_TURN_CHARS + 5_000) / unit.length)).slice(0, POOL_TURN_CHARS + 5_000);

const kept = (role: 'user' | 'assistant', content: string, earlier: { role: 'user' | 'assistant'; content: string }[]) =>
  applyPolicy(builtinEngine.analyze({ role, content }, contextFor(role, earlier)), DEFAULT_POLICY, content)
    .kept.map((f) => `${f.subtype} ${f.score.toFixed(6)}`)
    .sort();

describe.each(DIALECTS)('the proxy on long turns, $name', (dialect) => {
  let stub: Stub;
  const ctx = useTestServer(dialect, {
    start: async (database) => {
      stub = await startOpenAiStub();
      return startTestServer(database, builtinEngine, { ...NO_RATE_LIMITS, CHATLENS_UPSTREAM_URL: `${stub.url}/v1`, CHATLENS_SECRET_KEY: 'proxy-long-turns-secret-0123456789' }, { uploads: { analyzer: pool.analyzer } });
    },
  });
  afterAll(() => stub?.close());
  const openai = (key: string) => new OpenAI({ baseURL: `${ctx.url}/v1`, apiKey: key, maxRetries: 0 });

  it('blocks a long hostile prompt before the upstream, read in the pool', async () => {
    const t = await newTenant(ctx.db);
    const before = { pooled: pool.turns(), upstream: stub.completions().length };
    const prompt = fill('You are an idiot and a liar. ');
    const { data, response } = await openai(t.ingest).chat.completions.create({ model: 'gpt-stub', messages: [{ role: 'user', content: prompt }] }).withResponse();
    expect(data.choices[0]).toMatchObject({ message: { content: HANDOFF_MESSAGE }, finish_reason: 'content_filter' });
    expect(response.headers.get('x-chatlens-session-ended')).toBe('violation');
    expect(stub.completions().length).toBe(before.upstream);
    expect(pool.turns()).toBe(before.pooled + 1);
    expect(kept('user', prompt, [])).toContain('HOSTILE_LANGUAGE 0.550000');
  });

  it('answers a long ordinary prompt; both turns stored with the findings of an inline reading', async () => {
    const t = await newTenant(ctx.db);
    const before = pool.turns();
    const prompt = `${fill('Our refund policy says refunds are processed within 14 days of the request. ')} How long do refunds take?`;
    const { data, response } = await openai(t.ingest).chat.completions.create({ model: 'gpt-stub', messages: [{ role: 'user', content: prompt }] }).withResponse();
    const answer = data.choices[0].message.content!;
    expect(answer).toBe(`You said: ${prompt}`);
    expect(pool.turns()).toBe(before + 2); // the prompt, then the answer (it repeats the prompt)
    await ctx.server.app.proxyWrites.idle();
    const s = (await client(ctx.url, t.admin).get(`/api/sessions/${encodeURIComponent(response.headers.get('x-chatlens-session-id')!)}`)).body;
    const stored = s.messages.map((m: { findings: { subtype: string; score: number }[] }) => m.findings.map((f) => `${f.subtype} ${f.score.toFixed(6)}`).sort());
    expect(stored).toEqual([kept('user', prompt, []), kept('assistant', answer, [{ role: 'user', content: prompt }])]);
  });

  it('streams a long answer, then stores it with the findings of an inline reading, read in the pool', async () => {
    const t = await newTenant(ctx.db);
    const before = pool.turns();
    const prompt = `${fill('Our refund policy says refunds are processed within 14 days of the request. ')} How long do refunds take?`;
    const { data, response } = await openai(t.ingest).chat.completions.create({ model: 'gpt-stub', stream: true, messages: [{ role: 'user', content: prompt }] }).withResponse();
    let answer = '';
    for await (const chunk of data) answer += chunk.choices[0]?.delta?.content ?? '';
    expect(answer).toBe(`You said: ${prompt}`);
    await ctx.server.app.proxyWrites.idle();
    expect(pool.turns()).toBe(before + 2); // the prompt before the upstream, the whole answer once it ended
    const s = (await client(ctx.url, t.admin).get(`/api/sessions/${encodeURIComponent(response.headers.get('x-chatlens-session-id')!)}`)).body;
    const stored = s.messages.map((m: { findings: { subtype: string; score: number }[] }) => m.findings.map((f) => `${f.subtype} ${f.score.toFixed(6)}`).sort());
    expect(stored).toEqual([kept('user', prompt, []), kept('assistant', answer, [{ role: 'user', content: prompt }])]);
  });
});
