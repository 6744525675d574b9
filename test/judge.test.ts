/** The optional LLM judge behind ingestion, against a local stub speaking the chat-completions protocol. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { verifyRollups } from '../src/modules/rollups/verify.js';
import type { ReviewQueue } from '../src/modules/ingest/judge-review.js';
import { client, newTenant, useTestDatabase } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { markerEngine } from './helpers/test-engine.js';
import { type Stub, stubJudge } from './helpers/judge-stub.js';

describe.each(DIALECTS)('LLM judge on $name', (dialect) => {
  const ctx = useTestDatabase(dialect);
  let stub: Stub;
  beforeAll(async () => {
    stub = await stubJudge(() => ({ findings: [] }));
  });
  afterAll(async () => {
    await stub?.close();
  });

  async function appWithJudge(timeoutMs = 2000) {
    const config = loadConfig({ CHATLENS_JUDGE_URL: stub.url, CHATLENS_JUDGE_MODEL: 'stub-model', CHATLENS_JUDGE_SAMPLE_RATE: '1', CHATLENS_JUDGE_TIMEOUT_MS: String(timeoutMs) });
    const app = await buildApp({ config, database: ctx.database, engine: markerEngine });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    return { app, url, queue: (app as unknown as { judgeQueue: ReviewQueue }).judgeQueue };
  }

  it('stores findings whose quotes are verbatim, with their rollups, and drops invented quotes', async () => {
    stub.reply = () => ({
      findings: [
        { subtype: 'FABRICATED_CITATION', score: 0.9, severity: 'medium', explanation: 'cites a report that is not provided', quotes: ['the 2023 Gartner report'] },
        { subtype: 'OVERCONFIDENCE', score: 0.9, severity: 'medium', explanation: 'invented', quotes: ['words that are not in the turn'] },
      ],
    });
    const { app, url, queue } = await appWithJudge();
    try {
      const t = await newTenant(ctx.db);
      const res = await client(url, t.ingest).post('/api/sessions/J1/messages', {
        messageId: 'j1',
        role: 'assistant',
        content: 'According to the 2023 Gartner report, churn fell by half.',
      });
      expect(res.status).toBe(201);
      expect(res.body.findings).toEqual([]); // the live answer never waits for the judge
      await queue.drain();
      const transcript = await client(url, t.analyst).get('/api/sessions/J1');
      const findings = transcript.body.messages[0].findings;
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ subtype: 'FABRICATED_CITATION', detector: expect.stringMatching(/^llm-judge@/) });
      expect(findings[0].spans[0]).toMatchObject({ start: 13, end: 36, text: 'the 2023 Gartner report', where: 'turn' });
      const trends = await client(url, t.analyst).get('/api/trends?days=1');
      expect(trends.body.dailyData[0]).toMatchObject({ totalIssues: 1, hallucinationFlagged: 1 });
      expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('never blocks ingestion on a judge that does not answer', async () => {
    stub.reply = () => 'hang';
    // The judge never answers; it gives up after 2 s. The turn is acknowledged while its review is
    // still outstanding, so ingestion did not wait for the judge (however slow this machine is).
    const { app, url, queue } = await appWithJudge(2000);
    try {
      const t = await newTenant(ctx.db);
      const res = await client(url, t.ingest).post('/api/sessions/J2/messages', { messageId: 'j2', role: 'assistant', content: 'Fine answer.' });
      expect(res.status).toBe(201);
      let reviewed = false;
      const drained = queue.drain().then(() => (reviewed = true));
      await new Promise((r) => setImmediate(r));
      expect(reviewed).toBe(false);
      await drained;
      expect((await client(url, t.analyst).get('/api/sessions/J2')).body.messages[0].findings).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
