/**
 * Finding sessions (issue 14, section 1): the monitor's new fields and filters, the sessions
 * search with full-text search, idle sessions, dates for `since`, tenant isolation. Both databases.
 */
import { describe, expect, it } from 'vitest';
import { ago, batchMessage, client, newTenant, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { postUpload, startUploadServer, waitForUpload } from './helpers/uploads.js';
import { markerEngine } from './helpers/test-engine.js';

const ids = (body: { sessions: { id: string }[] }) => body.sessions.map((s) => s.id);

describe.each(DIALECTS)('finding sessions on $name', (dialect) => {
  const ctx = useTestServer(dialect, { start: (database) => startUploadServer(database, markerEngine) });

  const msg = batchMessage;

  /**
   * A company with: an active session of alice with a medium bias finding; an ended session of bob
   * with a high hostile finding (a violation under the standard policy); a clean session of alice
   * ended by the user; an idle clean session of carol (silent for 2 hours); an uploaded session.
   */
  async function company() {
    const t = await newTenant(ctx.db);
    const ingest = client(ctx.url, t.ingest);
    const res = await ingest.post('/api/ingest', {
      events: [
        { id: 's1', type: 'session.started', timestamp: ago(10), sessionId: 'alice-1', userId: 'alice' },
        msg('alice-1', 'a1', 9, 'Tell me about the refund policy for premium plans'),
        msg('alice-1', 'a2', 5, 'Women are bad at maths [[GENDER_BIAS:medium]]', { role: 'assistant' }),
        { id: 's2', type: 'session.started', timestamp: ago(20), sessionId: 'bob-1', userId: 'bob' },
        msg('bob-1', 'b1', 19, 'You are useless [[HOSTILE_LANGUAGE:high]] and I want a refund'),
        { id: 's3', type: 'session.started', timestamp: ago(30), sessionId: 'alice-2', userId: 'alice' },
        msg('alice-2', 'c1', 29, 'Où est le café le plus proche ?'),
        { id: 'end3', type: 'session.ended', timestamp: ago(28), sessionId: 'alice-2', reason: 'user' },
        { id: 's4', type: 'session.started', timestamp: ago(125), sessionId: 'carol-1', userId: 'carol' },
        msg('carol-1', 'd1', 120, 'Refunds take how long? Asking about refunding'),
      ],
    });
    expect(res.status).toBe(200);
    const up = await postUpload(ctx.url, t.admin, `${JSON.stringify({ sessionId: 'up-1', role: 'user', content: 'uploaded question about invoices', timestamp: ago(15), userId: 'dave' })}\n`);
    expect(up.status).toBe(202);
    expect((await waitForUpload(ctx.server, t.admin, up.body.upload.id, 5_000)).status).toBe("done");
    return { t, api: client(ctx.url, t.analyst) };
  }

  it('adds userId, findingCount, severity, categories, status and source to every session', async () => {
    const { api } = await company();
    const res = await api.get(`/api/monitor/sessions?since=${encodeURIComponent(ago(180))}`);
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.sessions.map((s: { id: string }) => [s.id, s]));
    expect(byId['alice-1']).toMatchObject({ userId: 'alice', findingCount: 1, severity: 'medium', categories: ['bias'], status: 'active', endedAt: null, endedReason: null, source: 'live' });
    expect(byId['bob-1']).toMatchObject({ userId: 'bob', findingCount: 1, severity: 'high', categories: ['toxicity'], status: 'violation', endedReason: 'violation' });
    expect(byId['alice-2']).toMatchObject({ findingCount: 0, severity: null, categories: [], status: 'user', endedReason: 'user' });
    // Silent for two hours (> the default 30 minutes): ended by the user at its last activity.
    expect(byId['carol-1']).toMatchObject({ status: 'idle', endedReason: 'user', endedAt: byId['carol-1'].lastActivityAt });
    expect(byId['up-1']).toMatchObject({ source: 'upload', userId: 'dave' });
  });

  it('filters the monitor by status, end user, findings, category, subtype, minimum severity and source', async () => {
    const { api } = await company();
    const q = (params: string) => api.get(`/api/monitor/sessions?since=${encodeURIComponent(ago(180))}&${params}`).then((r) => (expect(r.status, params).toBe(200), ids(r.body).sort()));
    expect(await q('status=active')).toEqual(['alice-1']);
    expect(await q('status=violation')).toEqual(['bob-1']);
    expect(await q('status=user')).toEqual(['alice-2', 'up-1']);
    expect(await q('status=idle')).toEqual(['carol-1']);
    expect(await q('userId=alice')).toEqual(['alice-1', 'alice-2']);
    expect(await q('hasFindings=true')).toEqual(['alice-1', 'bob-1']);
    expect(await q('hasFindings=false')).toEqual(['alice-2', 'carol-1', 'up-1']);
    expect(await q('category=toxicity')).toEqual(['bob-1']);
    expect(await q('subtype=GENDER_BIAS')).toEqual(['alice-1']);
    expect(await q('subtype=PROFANITY')).toEqual([]);
    expect(await q('minSeverity=high')).toEqual(['bob-1']);
    expect(await q('minSeverity=medium')).toEqual(['alice-1', 'bob-1']);
    expect(await q('source=upload')).toEqual(['up-1']);
    expect(await q('source=live&userId=alice&hasFindings=true')).toEqual(['alice-1']);
    // The default window (30 minutes) still applies to a filtered monitor.
    const recent = await api.get('/api/monitor/sessions?userId=alice');
    expect(ids(recent.body).sort()).toEqual(['alice-1', 'alice-2']);
    const noCarol = await api.get('/api/monitor/sessions?userId=carol');
    expect(ids(noCarol.body)).toEqual([]);
  });

  it('searches message content with full-text search, words, phrases and prefixes', async () => {
    const { api } = await company();
    const q = (params: string) => api.get(`/api/search/sessions?${params}`).then((r) => (expect(r.status, params).toBe(200), ids(r.body).sort()));
    expect(await q('q=refund')).toEqual(['alice-1', 'bob-1']);
    expect(await q('q=REFUND%20policy')).toEqual(['alice-1']);
    expect(await q('q=refund*')).toEqual(['alice-1', 'bob-1', 'carol-1']);
    expect(await q(`q=${encodeURIComponent('"refund policy"')}`)).toEqual(['alice-1']);
    expect(await q(`q=${encodeURIComponent('"policy refund"')}`)).toEqual([]);
    expect(await q(`q=${encodeURIComponent('café')}`)).toEqual(['alice-2']);
    expect(await q('q=invoices')).toEqual(['up-1']);
    // Punctuation and operators are only separators: nothing reaches the database's own syntax.
    expect(await q(`q=${encodeURIComponent('refund OR - ( NEAR "')}`)).toEqual([]);
    expect(await q(`q=${encodeURIComponent('refund) -(policy:')}`)).toEqual(['alice-1']);
    // "and" is a word like any other here, not an operator.
    expect(await q(`q=${encodeURIComponent('refund AND policy')}`)).toEqual([]);
    // Combined with filters; search has no default window.
    expect(await q('q=refund&hasFindings=true&category=toxicity')).toEqual(['bob-1']);
    expect(await q('q=refund*&status=idle')).toEqual(['carol-1']);
    expect(await q('userId=alice')).toEqual(['alice-1', 'alice-2']);
  });

  it('applies since (a date or a date-time) and until (a date is its whole day)', async () => {
    const { api } = await company();
    // The company's turns span the last 125 minutes, which may begin the day before (just after
    // midnight UTC): the days are those of its first and last turn.
    const first = ago(125).slice(0, 10);
    const last = ago(0).slice(0, 10);
    const day = (date: string, offset: number) => new Date(Date.parse(date) + offset * 86_400_000).toISOString().slice(0, 10);
    const all = await api.get(`/api/monitor/sessions?since=${first}&limit=100`);
    expect(all.status).toBe(200);
    expect(ids(all.body)).toHaveLength(5);
    expect(ids((await api.get(`/api/monitor/sessions?since=${day(last, 1)}`)).body)).toEqual([]);
    expect(ids((await api.get(`/api/search/sessions?until=${day(first, -1)}`)).body)).toEqual([]);
    expect(ids((await api.get(`/api/search/sessions?until=${last}`)).body)).toHaveLength(5);
    expect(ids((await api.get(`/api/search/sessions?until=${encodeURIComponent(ago(60))}`)).body)).toEqual(['carol-1']);
    expect(ids((await api.get(`/api/search/sessions?since=${encodeURIComponent(ago(60))}&until=${encodeURIComponent(ago(18))}`)).body).sort()).toEqual(['alice-2', 'bob-1']);
  });

  it('pages the search with a positional cursor: nothing repeated or skipped while new traffic arrives', async () => {
    const t = await newTenant(ctx.db);
    const ingest = client(ctx.url, t.ingest);
    const at = Date.now();
    const names = Array.from({ length: 23 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    await ingest.post('/api/ingest', {
      events: names.map((id, i) => ({ ...msg(id, `${id}-m`, 0, `needle number ${i}`), timestamp: new Date(at - 60_000 * (1 + Math.floor(i / 2))).toISOString() })),
    });
    const api = client(ctx.url, t.analyst);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { sessions: { id: string }[]; nextCursor: string | null } } = await api.get(`/api/search/sessions?q=needle&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...ids(res.body));
      cursor = res.body.nextCursor;
      pages++;
      // New matching sessions arrive between pages; they belong above the pages already read.
      await ingest.post('/api/ingest', { events: [msg(`new${pages}`, `new${pages}-m`, 0, 'needle again')] });
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toEqual(names);
    const bad = await api.get('/api/search/sessions?cursor=bm9wZQ');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^cursor must be a nextCursor this endpoint returned/);
  });

  it('idle time is per company, and a live turn on an idle session reopens it', async () => {
    const { t, api } = await company();
    const before = await api.get(`/api/monitor/sessions?since=${encodeURIComponent(ago(180))}&status=idle`);
    expect(ids(before.body)).toEqual(['carol-1']);
    const set = await client(ctx.url, t.admin).put('/api/monitor/settings', { idleMinutes: 15 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ idleMinutes: 15 });
    expect((await api.get('/api/monitor/settings')).body).toEqual({ idleMinutes: 15 });
    const after = await api.get(`/api/monitor/sessions?since=${encodeURIComponent(ago(180))}&status=idle`);
    expect(ids(after.body).sort()).toEqual(['carol-1']);
    const three = await client(ctx.url, t.admin).put('/api/monitor/settings', { idleMinutes: 3 });
    expect(three.status).toBe(200);
    const seven = await api.get(`/api/monitor/sessions?since=${encodeURIComponent(ago(180))}&status=idle`);
    expect(ids(seven.body).sort()).toEqual(['alice-1', 'carol-1']);
    // The transcript reads the same way.
    const transcript = await api.get('/api/sessions/alice-1');
    expect(transcript.body).toMatchObject({ status: 'idle', endedReason: 'user', endedAt: transcript.body.lastActivityAt });
    // New activity: active again, accepted by the live-turn endpoint.
    const turn = await client(ctx.url, t.ingest).post('/api/sessions/alice-1/messages', { messageId: 'a3', role: 'user', content: 'still there?' });
    expect(turn.status).toBe(201);
    const again = await api.get('/api/monitor/sessions?status=active');
    expect(ids(again.body)).toEqual(['alice-1']);
    // Only admins set it, within bounds.
    expect((await api.put('/api/monitor/settings', { idleMinutes: 10 })).status).toBe(403);
    const bad = await client(ctx.url, t.admin).put('/api/monitor/settings', { idleMinutes: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/idleMinutes/);
  });

  it('rejects filters that cannot hold, naming the parameter', async () => {
    const { api } = await company();
    for (const [q, re] of [
      ['status=closed', /^status must be one of/],
      ['minSeverity=extreme', /^minSeverity must be one of/],
      ['source=fax', /^source must be one of/],
      ['category=bias&subtype=PROFANITY', /^subtype PROFANITY is not in category bias/],
      ['hasFindings=false&category=bias', /^hasFindings=false cannot be combined/],
      ['hasFindings=maybe', /^hasFindings must be/],
      ['since=2026-13-01', /^since must be an ISO 8601 date-time or date/],
      ['until=tomorrow', /^until must be an ISO 8601 date-time or date/],
      [`q=${'word '.repeat(50)}`, /^q must be a string of 0 to 200 characters/],
      [`q=${encodeURIComponent('a b c d e f g h i')}`, /^q must have at most 8 words/],
      [`q=${encodeURIComponent('?!')}`, /^q must contain at least one word/],
    ] as const) {
      for (const path of ['/api/monitor/sessions', '/api/search/sessions']) {
        const res = await api.get(`${path}?${q}`);
        expect(res.status, `${path}?${q}`).toBe(400);
        expect(res.body.error.code).toBe('BAD_REQUEST');
        expect(res.body.error.message, q).toMatch(re);
      }
    }
  });

  it('never shows another company’s sessions, whatever the filter or search', async () => {
    const a = await company();
    const b = await company();
    const api = client(ctx.url, b.t.analyst);
    const mine = await api.get('/api/search/sessions?q=refund*');
    expect(ids(mine.body).sort()).toEqual(['alice-1', 'bob-1', 'carol-1']);
    // Same session ids in both companies: each sees only its own rows (its own findings too).
    const other = client(ctx.url, a.t.analyst);
    await client(ctx.url, a.t.ingest).post('/api/ingest', { events: [msg('zz', 'zz1', 1, 'secretword [[PROFANITY:low]]')] });
    expect(ids((await api.get('/api/search/sessions?q=secretword')).body)).toEqual([]);
    expect(ids((await other.get('/api/search/sessions?q=secretword')).body)).toEqual(['zz']);
    expect(ids((await api.get(`/api/monitor/sessions?since=${encodeURIComponent(ago(180))}&subtype=PROFANITY`)).body)).toEqual([]);
    expect((await client(ctx.url, b.t.admin).get('/api/monitor/settings')).status).toBe(200);
    for (const path of ['/api/search/sessions', '/api/monitor/settings']) {
      expect((await client(ctx.url).get(path)).status).toBe(401);
      expect((await client(ctx.url, b.t.ingest).get(path)).status).toBe(403);
    }
  });
});
