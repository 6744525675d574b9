/**
 * Findings the optional LLM judge adds after a turn was stored reach the company's webhooks as
 * the engine's do: "a finding at or above a severity" is delivered, signed, for the judge's
 * finding, also when the engine already alerted on the same message, and not below the threshold.
 * Real app over HTTP, a local judge stub and a local receiver, on each dialect.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { ReviewQueue } from '../src/modules/ingest/judge-review.js';
import { client, newTenant, useTestDatabase } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { type Stub, stubJudge } from './helpers/judge-stub.js';
import { markerEngine } from './helpers/test-engine.js';
import { Receiver } from './helpers/webhook-receiver.js';

const CONTENT = 'According to the 2023 Gartner report, churn fell by half.';
const citation = (severity: string) => ({
  findings: [{ subtype: 'FABRICATED_CITATION', score: 0.9, severity, explanation: 'cites a report that is not provided', quotes: ['the 2023 Gartner report'] }],
});

describe.each(DIALECTS)('LLM judge findings and webhooks on $name', (dialect) => {
  const ctx = useTestDatabase(dialect);
  let stub: Stub;
  let receiver: Receiver;
  beforeAll(async () => {
    stub = await stubJudge(() => ({ findings: [] }));
    receiver = new Receiver();
    await receiver.start();
  });
  afterAll(async () => {
    await stub?.close();
    await receiver?.close();
  });

  /** An app with the judge, a new company and its webhook for findings at or above `minSeverity`. */
  async function setup(minSeverity: string) {
    const config = loadConfig({ LOG_LEVEL: 'silent', CHATLENS_JUDGE_URL: stub.url, CHATLENS_JUDGE_MODEL: 'stub-model', CHATLENS_JUDGE_SAMPLE_RATE: '1' });
    const app = await buildApp({ config, database: ctx.database, engine: markerEngine, uploads: { workers: 0 } });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const tenant = await newTenant(ctx.db);
    const created = await client(url, tenant.admin).post('/api/webhooks', { url: receiver.url, events: { minSeverity } });
    expect(created.status).toBe(201);
    receiver.secret = created.body.secret;
    receiver.received = [];
    const queue = (app as unknown as { judgeQueue: ReviewQueue }).judgeQueue;
    /** The judge's reviews stored, then the webhook deliveries sent. */
    const settle = async () => {
      await queue.drain();
      app.uploadJobs.kickQueue('webhooks');
      await app.uploadJobs.idle();
    };
    return { app: app as FastifyInstance, url, tenant, settle, hook: created.body.webhook as { id: number } };
  }

  it("delivers the judge's finding at or above the webhook's severity, signed, like an engine finding", async () => {
    stub.reply = () => citation('high');
    const { app, url, tenant, settle, hook } = await setup('medium');
    try {
      const res = await client(url, tenant.ingest).post('/api/sessions/JA1/messages', { messageId: 'ja1', role: 'assistant', content: CONTENT, userId: 'u-judge' });
      expect(res.status).toBe(201);
      expect(res.body.findings).toEqual([]); // the engine saw nothing: only the judge flags it
      await settle();
      expect(receiver.received).toHaveLength(1);
      const [got] = receiver.received;
      expect(got.verified).toBe(true);
      expect(got.json).toMatchObject({
        type: 'finding.created',
        data: { sessionId: 'JA1', messageId: 'ja1', userId: 'u-judge', minSeverity: 'medium', findings: [{ category: 'hallucination', subtype: 'FABRICATED_CITATION', severity: 'high' }] },
      });
      const deliveries = await client(url, tenant.admin).get(`/api/webhooks/${hook.id}/deliveries`);
      expect(deliveries.body.deliveries.map((d: { eventType: string; status: string }) => [d.eventType, d.status])).toEqual([['finding.created', 'delivered']]);
    } finally {
      await app.close();
    }
  });

  it("delivers the judge's finding on a message the engine already alerted on, with only the judge's finding", async () => {
    stub.reply = () => citation('critical');
    const { app, url, tenant, settle } = await setup('high');
    try {
      const res = await client(url, tenant.ingest).post('/api/sessions/JA2/messages', { messageId: 'ja2', role: 'assistant', content: `${CONTENT} [[OVERCONFIDENCE:high]]` });
      expect(res.body.findings.map((f: { subtype: string }) => f.subtype)).toEqual(['OVERCONFIDENCE']);
      await settle();
      const events = receiver.received.map((r) => r.json.data.findings.map((f: { subtype: string }) => f.subtype));
      expect(events.sort()).toEqual([['FABRICATED_CITATION'], ['OVERCONFIDENCE']]);
      expect(receiver.received.every((r) => r.verified && r.json.type === 'finding.created' && r.json.data.messageId === 'ja2')).toBe(true);
    } finally {
      await app.close();
    }
  });

  it("stays quiet when the judge's finding is below the webhook's severity", async () => {
    stub.reply = () => citation('low');
    const { app, url, tenant, settle } = await setup('high');
    try {
      await client(url, tenant.ingest).post('/api/sessions/JA3/messages', { messageId: 'ja3', role: 'assistant', content: CONTENT });
      await settle();
      const transcript = await client(url, tenant.analyst).get('/api/sessions/JA3');
      expect(transcript.body.messages[0].findings.map((f: { subtype: string; severity: string }) => [f.subtype, f.severity])).toEqual([['FABRICATED_CITATION', 'low']]);
      expect(receiver.received).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
