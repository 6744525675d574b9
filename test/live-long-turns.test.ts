/**
 * Long live turns (and ingest requests holding long turns) are analysed in the worker pool
 * (ingest.service.ts, POOL_TURN_CHARS), not on the thread that serves every request, and get the findings the inline analysis would give them:
 * from the session's context as stored, and again inline when another turn of the session was
 * stored first. On both databases, with a real pool of one thread.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { builtinEngine } from '../src/analysis/index.js';
import { DEFAULT_POLICY, applyPolicy } from '../src/analysis/policy.js';
import type { Turn } from '../src/analysis/types.js';
import { HISTORY_TURNS, contextFor } from '../src/chat/context.js';
import { POOL_TURN_CHARS } from '../src/modules/ingest/ingest.service.js';
import { NO_RATE_LIMITS, client, newTenant, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { countingPool } from './helpers/pool.js';

const pool = countingPool();
afterAll(() => pool.close());

// Written for this test.
const fill = (unit: string, n = POOL_TURN_CHARS + 5_000) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const FEE_50 = fill('The delivery fee is 50 euros for every order. ');
const FEE_45 = fill('The delivery fee is 45 euros for every order. ');

interface Answered {
  findings: { subtype: string; score: number }[];
}
interface Transcript {
  messages: { id: string; role: Turn['role']; content: string; findings: { subtype: string; score: number }[] }[];
}

/** What the engine finds in each stored message and a new company's policy keeps, read inline in the transcript's own order. */
function inlineFindings(t: Transcript): string[][] {
  const history: Turn[] = [];
  return t.messages.map((m) => {
    const found = m.role === 'user' || m.role === 'assistant' ? builtinEngine.analyze({ role: m.role, content: m.content }, contextFor(m.role, history.slice(-HISTORY_TURNS), [])) : [];
    const { kept } = applyPolicy(found, DEFAULT_POLICY, m.content);
    history.push({ role: m.role, content: m.content });
    return kept.map((f) => `${f.subtype} ${f.score.toFixed(6)}`).sort();
  });
}

const stored = (t: Transcript) => t.messages.map((m) => m.findings.map((f) => `${f.subtype} ${f.score.toFixed(6)}`).sort());

describe.each(DIALECTS)('long live turns on $name', (dialect) => {
  const ctx = useTestServer(dialect, { engine: builtinEngine, env: NO_RATE_LIMITS, uploads: { analyzer: pool.analyzer } });

  it('are analysed in the pool, from the session as stored, with the findings of an inline reading', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const start = pool.turns();
    expect((await api.post('/api/sessions/L/messages', { messageId: 'q1', role: 'user', content: 'What is the delivery fee?' })).status).toBe(201);
    expect(pool.turns()).toBe(start); // a short turn stays inline
    expect((await api.post('/api/sessions/L/messages', { messageId: 'a1', role: 'assistant', content: FEE_50 })).status).toBe(201);
    expect((await api.post('/api/sessions/L/messages', { messageId: 'q2', role: 'user', content: 'Are you sure?' })).status).toBe(201);
    const before = pool.turns();
    const answer = await api.post('/api/sessions/L/messages', { messageId: 'a2', role: 'assistant', content: FEE_45 });
    expect(answer.status).toBe(201);
    expect(pool.turns()).toBe(before + 1);
    // The earlier answer is in its context: 45 euros contradicts the 50 said before.
    expect((answer.body as Answered).findings.map((f) => f.subtype)).toContain('SELF_CONTRADICTION');
    const transcript = (await client(ctx.url, t.analyst).get('/api/sessions/L')).body as Transcript;
    expect(stored(transcript)).toEqual(inlineFindings(transcript));
  });

  it('a small ingest request with long turns is read in the pool too', async () => {
    const t = await newTenant(ctx.db);
    const before = pool.turns();
    const at = new Date().toISOString();
    const events = [
      { id: 'e1', type: 'message', sessionId: 'N', messageId: 'n1', role: 'user', content: 'What is the delivery fee?', timestamp: at },
      { id: 'e2', type: 'message', sessionId: 'N', messageId: 'n2', role: 'assistant', content: FEE_50, timestamp: at },
      { id: 'e3', type: 'message', sessionId: 'N', messageId: 'n3', role: 'assistant', content: FEE_45, timestamp: at },
    ];
    const res = await client(ctx.url, t.ingest).post('/api/ingest', { events });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(pool.turns()).toBe(before + 3);
    const transcript = (await client(ctx.url, t.analyst).get('/api/sessions/N')).body as Transcript;
    expect(stored(transcript)).toEqual(inlineFindings(transcript));
    expect(stored(transcript)[2].some((f) => f.startsWith('SELF_CONTRADICTION'))).toBe(true);
  });

  it('turns of one session sent together get the context they were stored in', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const bodies = [
      { messageId: 'b1', role: 'assistant', content: FEE_50 },
      { messageId: 'b2', role: 'assistant', content: FEE_45 },
      { messageId: 'b3', role: 'assistant', content: fill('The delivery fee is 60 euros for every order. ') },
    ];
    const answers = await Promise.all(bodies.map((b) => api.post('/api/sessions/M/messages', b)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    // Whatever order they were stored in, each has what the engine finds after the ones stored before it.
    const transcript = (await client(ctx.url, t.analyst).get('/api/sessions/M')).body as Transcript;
    expect(transcript.messages.map((m) => m.id).sort()).toEqual(['b1', 'b2', 'b3']);
    expect(stored(transcript)).toEqual(inlineFindings(transcript));
    expect(stored(transcript).flat().some((f) => f.startsWith('SELF_CONTRADICTION'))).toBe(true);
  });
});
