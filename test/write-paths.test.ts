/**
 * The write path stores chunks set-wise and analyses bulk traffic in the worker pool beforehand;
 * none of that may change what is stored. The same events ingested one request at a time, in
 * requests of 1,000 and through an upload give identical sessions, messages, findings, rollups
 * and API answers, on both databases, with the real engine (whose findings depend on the
 * session's earlier turns, so a wrong context would show).
 */
import { describe, expect, it } from 'vitest';
import { builtinEngine } from '../src/analysis/engine.js';
import { verifyRollups } from '../src/modules/rollups/verify.js';
import { postUpload } from './helpers/uploads.js';
import { NO_RATE_LIMITS, type Tenant, client, newTenant, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

type Event = Record<string, unknown>;

// Written for this test: answers that contradict earlier ones, overconfident claims, citations
// beyond the documents, plain small talk.
const QUESTIONS = ['When was the Eiffel Tower completed?', 'How long is the warranty?', 'Is the premium plan refundable?', 'Which study shows that?', 'Thanks, anything else?'];
const ANSWERS = [
  'The Eiffel Tower was completed in 1889 for the World Fair and is about 330 metres tall.',
  'The Eiffel Tower was completed in 1875, making it one of the oldest iron structures in Paris.',
  'The warranty lasts two years from the date of purchase, as stated in the policy [1].',
  'The warranty lasts five years from the date of purchase and covers accidental damage [3].',
  'This plan is guaranteed to be refunded in full, 100% certain, as proven by Miller et al. (2018).',
  'Refunds are processed within 14 days of the request, according to the billing policy [1].',
  'You are welcome. Let me know if there is anything else I can help you with today.',
];
const DOCS = [{ id: 1, filename: 'policy.pdf', title: 'Billing policy', content: 'Refunds are processed within 14 days. The warranty lasts two years.' }];
const DAY = 86_400_000;

/** Sessions whose turns interleave in time, as real traffic does; message ids in the upload format's `<session>/<id>` form. */
function traffic(sessions: number, extras: boolean): Event[] {
  const base = Date.now() - 3 * DAY;
  const events: (Event & { at: number })[] = [];
  const at = (t: number) => new Date(t).toISOString();
  for (let s = 0; s < sessions; s++) {
    const sessionId = `s${s}`;
    const user = `user${s % 7}`;
    const start = base + (s % 3) * DAY + s * 37_000;
    const turns = 4 + ((s * 5) % 13);
    if (extras) {
      events.push({ at: start - 2000, id: `c-${s}`, type: 'connection', timestamp: at(start - 2000), userId: user, email: `${user}@example.com` });
      events.push({ at: start - 1000, id: `st-${s}`, type: 'session.started', timestamp: at(start - 1000), sessionId, userId: user });
    }
    for (let k = 0; k < turns; k++) {
      const t = start + k * 61_000;
      const assistant = k % 2 === 1;
      const content = assistant ? ANSWERS[(s + k) % ANSWERS.length] : QUESTIONS[(s * 3 + k) % QUESTIONS.length];
      const messageId = `${sessionId}/m${k}`;
      const e: Event & { at: number } = { at: t, id: `e-${messageId}`, type: 'message', timestamp: at(t), sessionId, messageId, role: assistant ? 'assistant' : 'user', content, userId: user };
      if (assistant) Object.assign(e, { model: s % 2 ? 'gpt-x' : 'gpt-y', documents: k % 4 === 1 ? DOCS : [], tools: k % 3 === 0 ? [{ name: 'search' }] : [] });
      if (extras && s === 5 && k === 2) e.content = 'You are a worthless idiot, shut up.';
      events.push(e);
      if (extras && assistant && k % 5 === 1) events.push({ at: t + 1000, id: `f-${messageId}`, type: 'feedback', timestamp: at(t + 1000), messageId, kind: k % 2 ? 'like' : 'copy', userId: user });
    }
    if (extras && s % 4 === 0) events.push({ at: start + turns * 61_000, id: `end-${s}`, type: 'session.ended', timestamp: at(start + turns * 61_000), sessionId, reason: 'user' });
  }
  events.sort((a, b) => a.at - b.at || String(a.id).localeCompare(String(b.id)));
  const out: Event[] = events.map(({ at: _at, ...e }) => e);
  if (extras) {
    // A re-sent event, a feedback on an unknown message, and a turn after the session ended.
    out.splice(40, 0, { ...out[10] });
    out.push({ id: 'f-unknown', type: 'feedback', timestamp: at(base + 4000), messageId: 'nope', kind: 'like' });
    out.push({ id: 'late', type: 'message', timestamp: at(base + 2 * DAY), sessionId: 's0', messageId: 's0/late', role: 'user', content: 'One more question after the end.' });
  }
  return out;
}

describe.each(DIALECTS)('one write path on $name', (dialect) => {
  // The built-in engine and its worker pool, as in production.
  // One request per event at full speed is a bulk load, past the per-key rate on purpose.
  const ctx = useTestServer(dialect, { engine: builtinEngine, env: NO_RATE_LIMITS });

  const range = () => ({ start: new Date(Date.now() - 6 * DAY).toISOString().slice(0, 10), end: new Date().toISOString().slice(0, 10) });

  /** `asUpload`: leave out what an upload does differently on purpose (its marks, the end of its sessions, its count in trends). */
  async function snapshot(t: Tenant, sessionIds: string[], asUpload: boolean) {
    const api = client(ctx.url, t.admin);
    const strip = (x: unknown): unknown =>
      JSON.parse(JSON.stringify(x), (k, v) => (k === 'company' || k === 'requestId' ? undefined : k === 'findings' && Array.isArray(v) ? v.map(({ id: _id, ...f }) => f) : v));
    const sessions = [];
    for (const id of sessionIds) {
      const s = (await api.get(`/api/sessions/${encodeURIComponent(id)}`)).body;
      // An upload marks its sessions and ends them at their last message (so their status is "user"); live traffic does neither.
      if (asUpload) for (const k of ['source', 'uploadId', 'endedAt', 'endedReason', 'status']) delete s[k];
      sessions.push(strip(s));
    }
    const { start, end } = range();
    const q = `?start_date=${start}&end_date=${end}`;
    const reports = [];
    for (const r of ['chat-sessions', 'chats-feedback', 'tools', 'used-documents', 'user-activities', 'users']) reports.push(strip((await api.get(`/api/v2/reporting/${r}/${q}`)).body));
    const trends = (await api.get('/api/trends?days=7')).body;
    if (asUpload) for (const d of trends.dailyData) d.uploadCount = 0;
    if (asUpload) trends.totals.uploads = 0;
    return { sessions, reports, trends: strip(trends) };
  }

  async function ingest(t: Tenant, events: Event[], size: number) {
    const api = client(ctx.url, t.ingest);
    const results = [];
    for (let i = 0; i < events.length; i += size) {
      const res = await api.post('/api/ingest', { events: events.slice(i, i + size) });
      expect(res.status).toBe(200);
      results.push(...res.body.results);
    }
    return results;
  }

  it('one request per event and requests of 1,000 store the same', async () => {
    const events = traffic(80, true);
    expect(events.length).toBeGreaterThan(1000);
    const [one, batched] = [await newTenant(ctx.db), await newTenant(ctx.db)];
    const r1 = await ingest(one, events, 1);
    const r2 = await ingest(batched, events, 1000);
    expect(r2).toEqual(r1);
    expect(r1.filter((r) => r.status === 'duplicate')).toHaveLength(1);
    expect(r1.filter((r) => r.status === 'rejected').map((r) => r.id)).toEqual(['f-unknown']);
    const ids = Array.from({ length: 80 }, (_, s) => `s${s}`);
    const a = await snapshot(one, ids, false);
    const b = await snapshot(batched, ids, false);
    expect(b).toEqual(a);
    // The engine saw each session's earlier turns: some findings point into them.
    const spans = JSON.stringify(a.sessions);
    expect(spans).toContain('"where":"history"');
    expect(spans).toContain('"endedReason":"violation"');
    expect(await verifyRollups(ctx.db, [one.companyId, batched.companyId])).toEqual([]);
    // A thousand requests one after another: minutes on a busy machine (nothing here is timed).
  }, 300_000);

  it('a session that pauses for hundreds of turns of one request continues from its own earlier turns', async () => {
    // A request of 1,000 is analysed in parts, all before any is stored: the session's second
    // answer comes several parts after its first, with none of its turns in between.
    const base = Date.now() - DAY;
    const at = (k: number) => new Date(base + k * 1000).toISOString();
    const turn = (k: number, sessionId: string, n: number, role: string, content: string): Event => ({ id: `e-${sessionId}-${n}`, type: 'message', timestamp: at(k), sessionId, messageId: `${sessionId}/m${n}`, role, content, userId: 'u1' });
    const events: Event[] = [turn(0, 'long', 0, 'user', QUESTIONS[0]), turn(1, 'long', 1, 'assistant', ANSWERS[0])];
    for (let s = 0; s < 200; s++) events.push(turn(2 + 2 * s, `filler${s}`, 0, 'user', QUESTIONS[4]), turn(3 + 2 * s, `filler${s}`, 1, 'assistant', ANSWERS[6]));
    events.push(turn(500, 'long', 2, 'user', QUESTIONS[0]), turn(501, 'long', 3, 'assistant', ANSWERS[1]));
    const [inline, pooled] = [await newTenant(ctx.db), await newTenant(ctx.db)];
    // Requests of 10 are analysed inline, from the context read under lock.
    await ingest(inline, events, 10);
    await ingest(pooled, events, 1000);
    const a = await snapshot(inline, ['long'], false);
    expect(JSON.stringify(a.sessions)).toContain('"where":"history"');
    expect(await snapshot(pooled, ['long'], false)).toEqual(a);
  }, 120_000);

  it('an upload stores what one request per message stores', async () => {
    const events = traffic(80, false);
    expect(events.length).toBeGreaterThan(500); // more than one chunk of the upload
    const [live, uploaded] = [await newTenant(ctx.db), await newTenant(ctx.db)];
    await ingest(live, events, 1);
    const jsonl = events.map(({ id: _id, type: _type, messageId, sessionId, ...m }) => JSON.stringify({ ...m, sessionId, messageId: String(messageId).split('/')[1] })).join('\n');
    const posted = await postUpload(ctx.url, uploaded.ingest, jsonl, { filename: 'same.jsonl' });
    expect(posted.status).toBe(202);
    await ctx.server.app.uploadJobs.idle();
    const status = (await client(ctx.url, uploaded.ingest).get(`/api/uploads/${posted.body.upload.id}`)).body;
    expect(status).toMatchObject({ status: 'done', turnsProcessed: events.length, errorCount: 0 });
    const ids = Array.from({ length: 80 }, (_, s) => `s${s}`);
    expect(await snapshot(uploaded, ids, true)).toEqual(await snapshot(live, ids, true));
    expect(await verifyRollups(ctx.db, [live.companyId, uploaded.companyId])).toEqual([]);
  }, 300_000);
});
