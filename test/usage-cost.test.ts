/**
 * Prices and cost (issue 12, section 3): answers are costed with the shipped list prices or the
 * company's own, an admin sets them, and the daily usage report sums tokens and cost per day and
 * per model over a zero-filled window, read from a rollup that `rollups verify` recomputes exactly.
 */
import { describe, expect, it } from 'vitest';
import { ChatlensClient, ForbiddenError } from '../src/client/index.js';
import { createApiKey } from '../src/modules/auth/auth.service.js';
import { verifyRollups } from '../src/modules/rollups/verify.js';
import { client, newTenant, todayUtc, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

/** An ISO time on the day `daysAgo` days before today (UTC), at `hour`. */
const at = (daysAgo: number, hour = 12) => `${todayUtc(-daysAgo)}T${String(hour).padStart(2, '0')}:00:00.000Z`;

let seq = 0;
const answer = (sessionId: string, timestamp: string, usage: { model?: string; inputTokens?: number; outputTokens?: number; latencyMs?: number }) => {
  const id = `m${++seq}`;
  return { id: `e-${id}`, type: 'message', timestamp, sessionId, messageId: id, role: 'assistant', content: 'Here is the answer.', ...usage };
};

describe.each(DIALECTS)('token usage and cost on $name', (dialect) => {
  const ctx = useTestServer(dialect);

  const costs = async (key: string, sessionId: string) =>
    ((await client(ctx.url, key).get(`/api/sessions/${sessionId}`)).body.messages as { costUsd: number | null }[]).map((m) => m.costUsd);

  it('costs an answer with the shipped list price, a dated snapshot and a provider prefix included', async () => {
    const t = await newTenant(ctx.db);
    const res = await client(ctx.url, t.ingest).post('/api/ingest', {
      events: [
        // gpt-4o: $2.50 in, $10 out per million tokens.
        answer('P', at(0, 1), { model: 'gpt-4o-2024-08-06', inputTokens: 1000, outputTokens: 500 }),
        // claude-3-5-haiku: $0.80 in, $4 out.
        answer('P', at(0, 2), { model: 'anthropic/claude-3-5-haiku-20241022', inputTokens: 2_000_000, outputTokens: 1 }),
        // The first gpt-4o snapshot kept its own (higher) price: $5 in, $15 out.
        answer('P', at(0, 3), { model: 'gpt-4o-2024-05-13', inputTokens: 1_000_000, outputTokens: 0 }),
        answer('P', at(0, 4), { model: 'my-own-llm', inputTokens: 10, outputTokens: 10 }),
        answer('P', at(0, 5), { model: 'gpt-4o', latencyMs: 300 }),
      ],
    });
    expect(res.body.results.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
    expect(await costs(t.analyst, 'P')).toEqual([0.0075, 1.600004, 5, null, null]);
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
  });

  it('an admin sets a company price: later answers use it, stored ones keep theirs, other companies are unaffected', async () => {
    const a = await newTenant(ctx.db);
    const b = await newTenant(ctx.db);
    await client(ctx.url, a.ingest).post('/api/ingest', { events: [answer('O', at(0, 1), { model: 'gpt-4o', inputTokens: 1000, outputTokens: 500 })] });

    const set = await client(ctx.url, a.admin).put('/api/prices', { model: 'OpenAI/GPT-4o', inputPerMillion: 1, outputPerMillion: 2 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ model: 'gpt-4o', inputPerMillion: 1, outputPerMillion: 2, source: 'company' });
    const own = await client(ctx.url, a.admin).put('/api/prices', { model: 'my-own-llm', inputPerMillion: 0.000001, outputPerMillion: 0.3 });
    expect(own.status).toBe(200);

    await client(ctx.url, a.ingest).post('/api/ingest', {
      events: [
        answer('O', at(0, 2), { model: 'gpt-4o-2024-11-20', inputTokens: 1000, outputTokens: 500 }),
        answer('O', at(0, 3), { model: 'my-own-llm', inputTokens: 1_000_000, outputTokens: 10_000 }),
      ],
    });
    await client(ctx.url, b.ingest).post('/api/ingest', { events: [answer('O', at(0, 2), { model: 'gpt-4o', inputTokens: 1000, outputTokens: 500 })] });
    // 1000 × $1/M + 500 × $2/M = $0.002; 1M × $0.000001/M + 10k × $0.3/M = $0.003001.
    expect(await costs(a.analyst, 'O')).toEqual([0.0075, 0.002, 0.003001]);
    expect(await costs(b.analyst, 'O')).toEqual([0.0075]);

    const listA = await client(ctx.url, a.analyst).get('/api/prices');
    expect(listA.status).toBe(200);
    expect(listA.body.prices.slice(0, 2).map((p: { model: string; source: string }) => [p.model, p.source])).toEqual([
      ['gpt-4o', 'company'],
      ['my-own-llm', 'company'],
    ]);
    expect(listA.body.prices.filter((p: { model: string }) => p.model === 'gpt-4o')).toHaveLength(1);
    expect(listA.body.defaults).toMatchObject({ pricesAsOf: expect.stringMatching(/^\d{4}-\d{2}$/), sources: { openai: expect.stringContaining('openai.com') } });
    const listB = await client(ctx.url, b.analyst).get('/api/prices');
    expect(listB.body.prices.find((p: { model: string }) => p.model === 'gpt-4o')).toMatchObject({ source: 'default', inputPerMillion: 2.5, outputPerMillion: 10 });
    expect(listB.body.prices.some((p: { model: string }) => p.model === 'my-own-llm')).toBe(false);

    // Removing the company price brings the default back for the next answer.
    expect((await client(ctx.url, a.admin).delete('/api/prices?model=gpt-4o')).status).toBe(204);
    await client(ctx.url, a.ingest).post('/api/ingest', { events: [answer('O', at(0, 4), { model: 'gpt-4o', inputTokens: 1000, outputTokens: 500 })] });
    expect((await costs(a.analyst, 'O')).at(-1)).toBe(0.0075);
    expect(await verifyRollups(ctx.db, [a.companyId, b.companyId])).toEqual([]);
  });

  it('refuses bad prices and foreign companies in the error envelope', async () => {
    const t = await newTenant(ctx.db);
    const other = await newTenant(ctx.db);
    const admin = client(ctx.url, t.admin);
    for (const [body, names] of [
      [{ model: 'x', inputPerMillion: -1, outputPerMillion: 1 }, 'inputPerMillion'],
      [{ model: 'x', inputPerMillion: 1, outputPerMillion: 1001 }, 'outputPerMillion'],
      [{ model: 'x', inputPerMillion: 0.0000001, outputPerMillion: 1 }, 'inputPerMillion'],
      [{ inputPerMillion: 1, outputPerMillion: 1 }, 'model'],
      [{ model: 'x', inputPerMillion: '1', outputPerMillion: 'cheap' }, 'outputPerMillion'],
      [{ model: 'openai/', inputPerMillion: 1, outputPerMillion: 1 }, 'model'],
    ] as const) {
      const r = await admin.put('/api/prices', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'BAD_REQUEST', requestId: expect.any(String) });
      expect(r.body.error.message).toContain(names);
    }
    expect((await admin.delete('/api/prices?model=never-set')).status).toBe(404);
    expect((await client(ctx.url, t.analyst).put('/api/prices', { model: 'x', inputPerMillion: 1, outputPerMillion: 1 })).status).toBe(403);
    expect((await client(ctx.url, t.ingest).get('/api/prices')).status).toBe(403);
    expect((await admin.put(`/api/prices?company_id=${other.companyId}`, { model: 'x', inputPerMillion: 1, outputPerMillion: 1 })).status).toBe(403);
    expect((await client(ctx.url, other.admin).get('/api/prices')).body.prices.some((p: { model: string }) => p.model === 'x')).toBe(false);
  });

  it('reports tokens and cost per day and per model, zero-filled and ascending over the window', async () => {
    const t = await newTenant(ctx.db);
    await client(ctx.url, t.ingest).post('/api/ingest', {
      events: [
        answer('R1', at(5, 9), { model: 'gpt-4o-mini', inputTokens: 1_000_000, outputTokens: 1_000_000, latencyMs: 100 }),
        answer('R1', at(5, 10), { model: 'gpt-4o-mini', inputTokens: 0, outputTokens: 0, latencyMs: 300 }),
        answer('R1', at(5, 11), { model: 'gpt-4o', inputTokens: 2000, outputTokens: 1000 }),
        answer('R2', at(3, 23), { model: 'unpriced-model', inputTokens: 70, outputTokens: 30, latencyMs: 50 }),
        answer('R2', at(3, 23), { inputTokens: 5, outputTokens: 6 }),
        answer('R2', at(3, 23), { model: 'gpt-4o', latencyMs: 900 }),
        // Outside the window.
        answer('R3', at(8), { model: 'gpt-4o', inputTokens: 9, outputTokens: 9 }),
      ],
    });
    const start = todayUtc(-6);
    const end = todayUtc(-2);
    const r = await client(ctx.url, t.analyst).get(`/api/usage/tokens?start_date=${start}&end_date=${end}`);
    expect(r.status).toBe(200);
    expect(r.body.currency).toBe('USD');
    const [company] = r.body.reporting;
    expect(company.company.id).toBe(t.companyId);
    expect(company.dates.map((d: { date: string }) => d.date)).toEqual([6, 5, 4, 3, 2].map((n) => todayUtc(-n)));
    const empty = { responses_count: 0, input_tokens: 0, output_tokens: 0, cost_usd: 0, unpriced_responses_count: 0, average_latency_ms: null, models: [] };
    expect(company.dates[0]).toEqual({ date: todayUtc(-6), ...empty });
    expect(company.dates[2]).toEqual({ date: todayUtc(-4), ...empty });
    expect(company.dates[4]).toEqual({ date: todayUtc(-2), ...empty });
    // Day −5: gpt-4o-mini 1M × $0.15 + 1M × $0.60 = $0.75; gpt-4o 2000 × $2.5/M + 1000 × $10/M = $0.015.
    expect(company.dates[1]).toEqual({
      date: todayUtc(-5),
      responses_count: 3,
      input_tokens: 1_002_000,
      output_tokens: 1_001_000,
      cost_usd: 0.765,
      unpriced_responses_count: 0,
      average_latency_ms: 200,
      models: [
        { model: 'gpt-4o-mini', responses_count: 2, input_tokens: 1_000_000, output_tokens: 1_000_000, cost_usd: 0.75, unpriced_responses_count: 0, average_latency_ms: 200 },
        { model: 'gpt-4o', responses_count: 1, input_tokens: 2000, output_tokens: 1000, cost_usd: 0.015, unpriced_responses_count: 0, average_latency_ms: null },
      ],
    });
    // Day −3: nothing priced; the answer without a model is listed as null, last.
    expect(company.dates[3]).toMatchObject({ responses_count: 3, input_tokens: 75, output_tokens: 36, cost_usd: 0, unpriced_responses_count: 2, average_latency_ms: 475 });
    expect(company.dates[3].models.map((m: { model: string | null }) => m.model)).toEqual(['unpriced-model', 'gpt-4o', null]);
    expect(company.totals).toMatchObject({ responses_count: 6, input_tokens: 1_002_075, output_tokens: 1_001_036, cost_usd: 0.765, unpriced_responses_count: 2 });
    expect(company.totals.models.map((m: { model: string | null }) => m.model)).toEqual(['gpt-4o-mini', 'gpt-4o', 'unpriced-model', null]);
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
  });

  it('keeps companies apart and refuses bad windows', async () => {
    const a = await newTenant(ctx.db);
    const b = await newTenant(ctx.db);
    await client(ctx.url, a.ingest).post('/api/ingest', { events: [answer('T', at(1), { model: 'gpt-4o', inputTokens: 100, outputTokens: 100 })] });
    const window = `start_date=${todayUtc(-2)}&end_date=${todayUtc(0)}`;
    const mine = await client(ctx.url, b.analyst).get(`/api/usage/tokens?${window}`);
    expect(mine.status).toBe(200);
    expect(mine.body.reporting).toHaveLength(1);
    expect(mine.body.reporting[0].company.id).toBe(b.companyId);
    expect(mine.body.reporting[0].totals.responses_count).toBe(0);
    const foreign = await client(ctx.url, b.admin).get(`/api/usage/tokens?${window}&company_id=${a.companyId}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('FORBIDDEN');
    expect((await client(ctx.url, a.ingest).get(`/api/usage/tokens?${window}`)).status).toBe(403);
    expect((await client(ctx.url).get(`/api/usage/tokens?${window}`)).status).toBe(401);

    const platform = (await createApiKey(ctx.db, { companyId: null, role: 'admin' })).key;
    const one = await client(ctx.url, platform).get(`/api/usage/tokens?${window}&company_id=${a.companyId}`);
    expect(one.body.reporting.map((x: { company: { id: number } }) => x.company.id)).toEqual([a.companyId]);
    expect(one.body.reporting[0].totals).toMatchObject({ input_tokens: 100, output_tokens: 100, cost_usd: 0.00125 });
    // Without company_id a platform admin gets every company, as from the reporting API; an unknown one is 404.
    const all = await client(ctx.url, platform).get(`/api/usage/tokens?${window}`);
    expect(all.body.reporting.map((x: { company: { id: number } }) => x.company.id)).toEqual(expect.arrayContaining([a.companyId, b.companyId]));
    const unknown = await client(ctx.url, platform).get(`/api/usage/tokens?${window}&company_id=999999999`);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);

    for (const [query, names] of [
      ['end_date=2026-01-01', 'start_date'],
      ['start_date=2026-13-01', 'start_date'],
      ['start_date=2026-02-01&end_date=2026-01-01', 'end_date'],
      ['start_date=2000-01-01&end_date=2026-01-01', 'at most'],
      ['start_date=2026-01-01&company_id=abc', 'company_id'],
    ]) {
      const bad = await client(ctx.url, a.analyst).get(`/api/usage/tokens?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'BAD_REQUEST', requestId: expect.any(String) });
      expect(bad.body.error.message).toContain(names);
    }
  });

  it('the SDK sets prices and reads the usage report, typed', async () => {
    const t = await newTenant(ctx.db);
    const admin = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.admin, maxRetries: 0 });
    const price = await admin.usage.setPrice({ model: 'house-model', inputPerMillion: 2, outputPerMillion: 4 });
    expect(price).toMatchObject({ model: 'house-model', source: 'company' });
    await admin.recordTurn('SDK', { role: 'assistant', content: 'ok', model: 'house-model', inputTokens: 500_000, outputTokens: 250_000, latencyMs: 40 });
    const report = await admin.usage.tokens({ start_date: todayUtc(-1), end_date: todayUtc(0) });
    const [yesterday, today] = report.reporting[0].dates;
    expect(yesterday.responses_count).toBe(0);
    expect(today.models).toEqual([{ model: 'house-model', responses_count: 1, input_tokens: 500_000, output_tokens: 250_000, cost_usd: 2, unpriced_responses_count: 0, average_latency_ms: 40 }]);
    expect((await admin.usage.prices()).prices[0].model).toBe('house-model');
    await admin.usage.deletePrice('house-model');
    expect((await admin.usage.prices()).prices.some((p) => p.model === 'house-model')).toBe(false);
    const analyst = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.analyst, maxRetries: 0 });
    await expect(analyst.usage.setPrice({ model: 'x', inputPerMillion: 1, outputPerMillion: 1 })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('erasing a session takes its tokens and cost back from the usage rollup', async () => {
    const t = await newTenant(ctx.db);
    await client(ctx.url, t.ingest).post('/api/ingest', {
      events: [
        answer('E1', at(1, 8), { model: 'gpt-4o', inputTokens: 1000, outputTokens: 500, latencyMs: 10 }),
        answer('E2', at(1, 9), { model: 'gpt-4o', inputTokens: 3000, outputTokens: 0, latencyMs: 30 }),
        answer('E2', at(1, 9), { model: 'claude-3-haiku', inputTokens: 4_000_000, outputTokens: 0 }),
      ],
    });
    expect((await client(ctx.url, t.admin).delete('/api/sessions/E2')).status).toBeLessThan(300);
    const r = await client(ctx.url, t.analyst).get(`/api/usage/tokens?start_date=${todayUtc(-1)}&end_date=${todayUtc(-1)}`);
    expect(r.body.reporting[0].dates[0]).toMatchObject({ responses_count: 1, input_tokens: 1000, output_tokens: 500, cost_usd: 0.0075, average_latency_ms: 10 });
    expect(r.body.reporting[0].dates[0].models.map((m: { model: string }) => m.model)).toEqual(['gpt-4o']);
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
  });
});
