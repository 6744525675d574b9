import { describe, expect, it } from 'vitest';
import { ALL_SUBTYPES } from '../src/analysis/types.js';
import { client, newTenant, todayUtc, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

describe.each(DIALECTS)('GET /api/trends on $name', (dialect) => {
  const ctx = useTestServer(dialect);

  const at = (daysAgo: number) => `${todayUtc(-daysAgo)}T12:00:00.000Z`;
  let n = 0;
  const message = (daysAgo: number, content: string, role = 'user') => {
    n++;
    return { id: `t${n}`, type: 'message', timestamp: at(daysAgo), sessionId: `sess-${daysAgo}`, messageId: `tm${n}`, role, content };
  };

  it('has every field of the seed example with its type, zero-filled and ascending', async () => {
    const t = await newTenant(ctx.db);
    const res = await client(ctx.url, t.analyst).get('/api/trends');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['dailyData', 'subtypeBreakdown', 'totals']);
    expect(res.body.dailyData).toHaveLength(30);
    expect(res.body.dailyData[0].date).toBe(todayUtc(-29));
    expect(res.body.dailyData[29].date).toBe(todayUtc());
    expect(res.body.dailyData[5]).toEqual({
      date: todayUtc(-24),
      uploadCount: 0,
      totalIssues: 0,
      hallucinationRate: 0,
      biasRate: 0,
      toxicityRate: 0,
      hallucinationFlagged: 0,
      biasFlagged: 0,
      toxicityFlagged: 0,
    });
    expect(res.body.subtypeBreakdown).toEqual({
      hallucination: { SELF_CONTRADICTION: 0, OVERCONFIDENCE: 0, FABRICATED_CITATION: 0, HARDCODED_FACT: 0 },
      bias: { GENDER_BIAS: 0, RACIAL_BIAS: 0, AGE_BIAS: 0, STEREOTYPING: 0 },
      toxicity: { HOSTILE_LANGUAGE: 0, CONDESCENSION: 0, INAPPROPRIATE_CONTENT: 0, PROFANITY: 0 },
    });
    expect(res.body.totals).toEqual({
      uploads: 0,
      issues: 0,
      hallucinationRate: 0,
      biasRate: 0,
      toxicityRate: 0,
      priorPeriod: { uploads: 0, issues: 0, hallucinationRate: 0, biasRate: 0, toxicityRate: 0 },
    });
  });

  it('computes daily rates, issues per finding, the breakdown and the prior period window', async () => {
    const t = await newTenant(ctx.db);
    const events = [
      // Today: 4 turns, one with two subtypes of two categories, one toxic.
      message(0, 'fine'),
      message(0, '[[HARDCODED_FACT:low]] and [[GENDER_BIAS:low]]', 'assistant'),
      message(0, '[[PROFANITY:low]]'),
      message(0, 'also fine', 'assistant'),
      // 6 days ago: inside a 7-day window.
      message(6, '[[FABRICATED_CITATION:low]]', 'assistant'),
      // 7 and 13 days ago: the prior period of a 7-day window; 14 days ago is outside both.
      message(7, '[[PROFANITY:low]]'),
      message(13, 'calm'),
      message(14, '[[PROFANITY:low]]'),
    ];
    expect((await client(ctx.url, t.ingest).post('/api/ingest', { events })).status).toBe(200);
    const res = await client(ctx.url, t.analyst).get('/api/trends?days=7');
    expect(res.body.dailyData).toHaveLength(7);
    const today = res.body.dailyData[6];
    expect(today).toEqual({
      date: todayUtc(),
      uploadCount: 0,
      totalIssues: 3,
      hallucinationRate: 0.25,
      biasRate: 0.25,
      toxicityRate: 0.25,
      hallucinationFlagged: 1,
      biasFlagged: 1,
      toxicityFlagged: 1,
    });
    expect(res.body.dailyData[0]).toMatchObject({ date: todayUtc(-6), hallucinationFlagged: 1, hallucinationRate: 1 });
    expect(res.body.subtypeBreakdown.hallucination).toEqual({ SELF_CONTRADICTION: 0, OVERCONFIDENCE: 0, FABRICATED_CITATION: 1, HARDCODED_FACT: 1 });
    expect(res.body.subtypeBreakdown.toxicity.PROFANITY).toBe(1);
    expect(Object.values(res.body.subtypeBreakdown).flatMap((c) => Object.keys(c as object)).sort()).toEqual([...ALL_SUBTYPES].sort());
    expect(res.body.totals).toEqual({
      uploads: 0,
      issues: 4,
      hallucinationRate: 0.4,
      biasRate: 0.2,
      toxicityRate: 0.2,
      priorPeriod: { uploads: 0, issues: 1, hallucinationRate: 0, biasRate: 0, toxicityRate: 0.5 },
    });
  });

  it('rejects days out of range with 400 naming the range', async () => {
    const t = await newTenant(ctx.db);
    for (const days of ['0', '366', 'abc', '1.5']) {
      const res = await client(ctx.url, t.analyst).get(`/api/trends?days=${days}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^days must be an integer from 1 to 365/);
    }
    expect((await client(ctx.url, t.analyst).get('/api/trends?days=365')).body.dailyData).toHaveLength(365);
  });
});
