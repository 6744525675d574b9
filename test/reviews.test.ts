/**
 * Reviewing findings (issue 14, section 2): confirm / dismiss with a note, missed turns, the review
 * queue, precision from reviews, labelled rows for `chatlens eval`; dismissed findings leave the
 * trends, lists and monitor counts with rollups exact. Both databases; tenant isolation.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseEvalJsonl } from '../src/analysis/eval.js';
import { verifyRollups } from '../src/modules/rollups/verify.js';
import { labelledRows } from '../src/modules/reviews/reviews.service.js';
import { addReviewedFindings } from '../src/modules/ingest/judge-review.js';
import { batchMessage, client, newTenant, sentAgo, sentDay, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

const run = promisify(execFile);

describe.each(DIALECTS)('reviews on $name', (dialect) => {
  const ctx = useTestServer(dialect);

  const msg = (sessionId: string, messageId: string, minutesAgo: number, content: string, role = 'assistant') => batchMessage(sessionId, messageId, sentAgo(minutesAgo), content, { role });

  /** Turns: m1 with two toxicity findings and one bias finding; m2 with a critical hostile one; m3 clean; m4 a low profanity. */
  async function company() {
    const t = await newTenant(ctx.db);
    const res = await client(ctx.url, t.ingest).post('/api/ingest', {
      events: [
        msg('s1', 'm1', 9, 'Rude [[PROFANITY:low]] and [[CONDESCENSION:medium]] and [[STEREOTYPING:medium]] answer'),
        msg('s2', 'm2', 8, 'Threat [[HOSTILE_LANGUAGE:critical]]'),
        msg('s3', 'm3', 7, 'What does the premium plan include?', 'user'),
        msg('s3', 'm4', 6, 'It includes a damn lot [[PROFANITY:low]]'),
      ],
    });
    expect(res.status).toBe(200);
    const api = client(ctx.url, t.analyst);
    const findings = (await api.get('/api/findings?limit=100')).body.findings as { id: number; messageId: string; subtype: string }[];
    const id = (messageId: string, subtype: string) => findings.find((f) => f.messageId === messageId && f.subtype === subtype)!.id;
    return { t, api, id };
  }

  const todayOf = async (api: ReturnType<typeof client>) => {
    const trends = (await api.get('/api/trends?days=2')).body;
    const d = trends.dailyData.find((x: { date: string }) => x.date === sentDay());
    return { issues: d.totalIssues, toxicity: d.toxicityFlagged, bias: d.biasFlagged, profanity: trends.subtypeBreakdown.toxicity.PROFANITY, condescension: trends.subtypeBreakdown.toxicity.CONDESCENSION };
  };

  it('a live turn answers with the ids its findings are stored under, so the client can review one at once', async () => {
    // Findings stored before, so that stored ids are not the positions 0, 1, … in the answer.
    const { t, api } = await company();
    const live = await client(ctx.url, t.ingest).post('/api/sessions/live-1/messages', {
      messageId: 'live-1-a',
      role: 'assistant',
      content: 'Rude [[PROFANITY:low]] and [[CONDESCENSION:medium]] answer',
    });
    expect(live.status).toBe(201);
    const listed = (await api.get('/api/findings?limit=100')).body.findings as { id: number; messageId: string; subtype: string }[];
    const stored = listed.filter((f) => f.messageId === 'live-1-a').map((f) => [f.subtype, f.id]).sort();
    const answered = (live.body.findings as { id: number; subtype: string }[]).map((f) => [f.subtype, f.id]).sort();
    expect(answered).toEqual(stored);
    const condescension = (live.body.findings as { id: number; subtype: string }[]).find((f) => f.subtype === 'CONDESCENSION')!;
    const reviewed = await api.put(`/api/findings/${condescension.id}/review`, { status: 'dismissed' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ messageId: 'live-1-a', subtype: 'CONDESCENSION', review: { status: 'dismissed' } });
    // Sent again, the same turn answers with the same ids.
    const again = await client(ctx.url, t.ingest).post('/api/sessions/live-1/messages', { messageId: 'live-1-a', role: 'assistant', content: 'Rude [[PROFANITY:low]] and [[CONDESCENSION:medium]] answer' });
    expect(again.status).toBe(200);
    expect((again.body.findings as { id: number; subtype: string }[]).map((f) => [f.subtype, f.id]).sort()).toEqual(stored);
  });

  it('dismissing a finding takes it out of trends, lists and the monitor at once; rollups stay exact; undo puts it back', async () => {
    const { t, api, id } = await company();
    expect(await todayOf(api)).toEqual({ issues: 5, toxicity: 3, bias: 1, profanity: 2, condescension: 1 });

    // m1 keeps another toxicity finding: issues and the subtype go down, the flagged turn stays.
    const dismissed = await api.put(`/api/findings/${id('m1', 'PROFANITY')}/review`, { status: 'dismissed', note: 'quoting the user' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ messageId: 'm1', subtype: 'PROFANITY', review: { status: 'dismissed', note: 'quoting the user' } });
    expect(dismissed.body.review.reviewedBy).toMatch(/^key:\d+$/);
    expect(await todayOf(api)).toEqual({ issues: 4, toxicity: 3, bias: 1, profanity: 1, condescension: 1 });
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);

    // The turn's last toxicity finding: now the turn no longer counts as flagged for toxicity.
    await api.put(`/api/findings/${id('m1', 'CONDESCENSION')}/review`, { status: 'dismissed' });
    expect(await todayOf(api)).toEqual({ issues: 3, toxicity: 2, bias: 1, profanity: 1, condescension: 0 });
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);

    // Dismissing again changes nothing; confirming counts it again.
    await api.put(`/api/findings/${id('m1', 'CONDESCENSION')}/review`, { status: 'dismissed', note: 'twice' });
    expect(await todayOf(api)).toEqual({ issues: 3, toxicity: 2, bias: 1, profanity: 1, condescension: 0 });
    const list = (await api.get('/api/findings?limit=100')).body.findings.map((f: { messageId: string; subtype: string }) => `${f.messageId}:${f.subtype}`).sort();
    expect(list).toEqual(['m1:STEREOTYPING', 'm2:HOSTILE_LANGUAGE', 'm4:PROFANITY']);
    // Since the hour before the turns: the monitor's default is the last 30 minutes of the clock.
    const since = `since=${encodeURIComponent(sentAgo(60))}`;
    const monitor = (await api.get(`/api/monitor/sessions?${since}`)).body.sessions.find((s: { id: string }) => s.id === 's1');
    expect(monitor).toMatchObject({ findingCount: 1, categories: ['bias'], severity: 'medium' });
    expect((await api.get(`/api/monitor/sessions?${since}&category=toxicity`)).body.sessions.map((s: { id: string }) => s.id).sort()).toEqual(['s2', 's3']);
    // The transcript still shows every finding, with its review.
    const transcript = (await api.get('/api/sessions/s1')).body;
    expect(transcript.messages[0].findings.map((f: { subtype: string; review: { status: string } | null }) => [f.subtype, f.review?.status ?? null])).toEqual([
      ['PROFANITY', 'dismissed'],
      ['CONDESCENSION', 'dismissed'],
      ['STEREOTYPING', null],
    ]);

    const confirmed = await api.put(`/api/findings/${id('m1', 'CONDESCENSION')}/review`, { status: 'confirmed' });
    expect(confirmed.body.review).toMatchObject({ status: 'confirmed', note: null });
    expect(await todayOf(api)).toEqual({ issues: 4, toxicity: 3, bias: 1, profanity: 1, condescension: 1 });
    const cleared = await api.delete(`/api/findings/${id('m1', 'PROFANITY')}/review`);
    expect(cleared.status).toBe(200);
    expect(cleared.body.review).toBeNull();
    expect(await todayOf(api)).toEqual({ issues: 5, toxicity: 3, bias: 1, profanity: 2, condescension: 1 });
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
  });

  it('concurrent dismissals of one turn’s findings keep the rollups exact', async () => {
    const { t, api, id } = await company();
    const all = ['PROFANITY', 'CONDESCENSION', 'STEREOTYPING'].map((s) => id('m1', s));
    const results = await Promise.all(all.map((f) => api.put(`/api/findings/${f}/review`, { status: 'dismissed' })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await todayOf(api)).toEqual({ issues: 2, toxicity: 2, bias: 0, profanity: 1, condescension: 0 });
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
  });

  it('queues findings awaiting review, most severe first then newest, paged; reviewed ones leave it', async () => {
    const { api, id } = await company();
    const first = await api.get('/api/reviews/queue?limit=3');
    expect(first.status).toBe(200);
    expect(first.body.pending).toBe(5);
    const order = (b: { findings: { messageId: string; subtype: string }[] }) => b.findings.map((f) => `${f.messageId}:${f.subtype}`);
    // critical, then the two medium (same turn: newest id first), then the low ones, newest turn first.
    expect(order(first.body)).toEqual(['m2:HOSTILE_LANGUAGE', 'm1:STEREOTYPING', 'm1:CONDESCENSION']);
    const second = await api.get(`/api/reviews/queue?limit=3&cursor=${first.body.nextCursor}`);
    expect(order(second.body)).toEqual(['m4:PROFANITY', 'm1:PROFANITY']);
    expect(second.body.nextCursor).toBeNull();
    await api.put(`/api/findings/${id('m2', 'HOSTILE_LANGUAGE')}/review`, { status: 'confirmed' });
    await api.put(`/api/findings/${id('m4', 'PROFANITY')}/review`, { status: 'dismissed' });
    const after = await api.get('/api/reviews/queue');
    expect(after.body.pending).toBe(3);
    expect(order(after.body)).toEqual(['m1:STEREOTYPING', 'm1:CONDESCENSION', 'm1:PROFANITY']);
  });

  it('flags missed turns, measures precision per subtype, and exports labelled rows eval reads back', async () => {
    const { t, api, id } = await company();
    const missed = await api.post('/api/messages/m3/missed', { subtype: 'OVERCONFIDENCE', start: 0, end: 9, note: 'should hedge' });
    expect(missed.status).toBe(201);
    expect(missed.body).toMatchObject({ sessionId: 's3', messageId: 'm3', category: 'hallucination', subtype: 'OVERCONFIDENCE', note: 'should hedge', spans: [{ start: 0, end: 9, text: 'What does', where: 'turn' }] });
    await api.put(`/api/findings/${id('m1', 'PROFANITY')}/review`, { status: 'dismissed' });
    await api.put(`/api/findings/${id('m4', 'PROFANITY')}/review`, { status: 'confirmed', note: 'mild swearing' });
    await api.put(`/api/findings/${id('m1', 'CONDESCENSION')}/review`, { status: 'confirmed' });
    await api.put(`/api/findings/${id('m2', 'HOSTILE_LANGUAGE')}/review`, { status: 'dismissed' });

    const report = await api.get('/api/reviews/precision?days=7');
    expect(report.status).toBe(200);
    expect(report.body.subtypes).toHaveLength(12);
    const by = Object.fromEntries(report.body.subtypes.map((s: { subtype: string }) => [s.subtype, s]));
    expect(by.PROFANITY).toEqual({ category: 'toxicity', subtype: 'PROFANITY', confirmed: 1, dismissed: 1, missed: 0, precision: 0.5 });
    expect(by.CONDESCENSION).toMatchObject({ confirmed: 1, dismissed: 0, precision: 1 });
    expect(by.HOSTILE_LANGUAGE).toMatchObject({ confirmed: 0, dismissed: 1, precision: 0 });
    expect(by.STEREOTYPING).toMatchObject({ confirmed: 0, dismissed: 0, precision: null });
    expect(by.OVERCONFIDENCE).toMatchObject({ missed: 1, precision: null });

    const rows = [];
    for await (const r of labelledRows(ctx.db, t.companyId, { from: sentDay(-1), to: sentDay() })) rows.push(r);
    const text = rows.map((r) => JSON.stringify(r)).join('\n');
    // The format `chatlens eval` reads.
    const parsed = parseEvalJsonl(text, 'reviews.jsonl');
    const summary = parsed.map((r) => `${r.meta?.messageId}:${r.category}:${r.flagged}:${r.subtype}`).sort();
    expect(summary).toEqual([
      'm1:toxicity:true:CONDESCENSION',
      'm2:toxicity:false:null',
      'm3:hallucination:true:OVERCONFIDENCE',
      'm4:toxicity:true:PROFANITY',
    ]);
    const m1 = parsed.find((r) => r.meta?.messageId === 'm1')!;
    expect(m1).toMatchObject({ role: 'assistant', text: 'Rude [[PROFANITY:low]] and [[CONDESCENSION:medium]] and [[STEREOTYPING:medium]] answer', meta: { all_subtypes: ['CONDESCENSION'], dismissed_subtypes: ['PROFANITY'] } });
    expect(parsed.find((r) => r.meta?.messageId === 'm2')!.meta).toMatchObject({ eval_subtype: 'HOSTILE_LANGUAGE' });
    expect(parsed.find((r) => r.meta?.messageId === 'm4')).toMatchObject({ question: 'What does the premium plan include?', meta: { notes: ['mild swearing'] } });
    expect(parsed.find((r) => r.meta?.messageId === 'm3')).toMatchObject({ role: 'user', question: null });

    if (dialect.name === 'sqlite') {
      // The command line: `chatlens eval --export-reviewed` writes the file, `chatlens eval` scores it.
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-reviews-')), 'reviewed.jsonl');
      const bin = path.resolve('bin/chatlens.js');
      await run(process.execPath, [bin, 'eval', '--export-reviewed', out, '--company', String(t.companyId), '--days', '7', '--db', ctx.database.location], { env: { ...process.env, LOG_LEVEL: 'silent' } });
      expect(fs.readFileSync(out, 'utf8')).toBe(`${text}\n`);
      const scored = await run(process.execPath, [bin, 'eval', '--json', out], { env: { ...process.env, LOG_LEVEL: 'silent' } });
      expect(JSON.parse(scored.stdout)).toHaveProperty('rows', 4);
    }
  });

  it('refuses what cannot be a review or a missed turn, naming the problem', async () => {
    const { api, id } = await company();
    const f = id('m1', 'PROFANITY');
    for (const [body, re] of [
      [{ status: 'maybe' }, /^body\/status must be one of|^status must be one of/],
      [{}, /status/],
      [{ status: 'dismissed', note: 'x'.repeat(2001) }, /note/],
    ] as const) {
      const res = await api.put(`/api/findings/${f}/review`, body);
      expect(res.status, JSON.stringify(body).slice(0, 50)).toBe(400);
      expect(res.body.error.message).toMatch(re);
    }
    expect((await api.put('/api/findings/999999/review', { status: 'confirmed' })).status).toBe(404);
    for (const [body, status, re] of [
      [{ subtype: 'PROFANITY', start: 3, end: 2 }, 400, /^start and end must mark a span of the message: 0 ≤ start < end ≤ 35/],
      [{ subtype: 'PROFANITY', start: 0, end: 36 }, 400, /end ≤ 35/],
      [{ subtype: 'PROFANITY', category: 'bias', start: 0, end: 2 }, 400, /^subtype PROFANITY is not in category bias/],
      [{ subtype: 'NOT_A_SUBTYPE', start: 0, end: 2 }, 400, /subtype must be one of/],
    ] as const) {
      const res = await api.post('/api/messages/m3/missed', body);
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(re);
    }
    expect((await api.post('/api/messages/nope/missed', { subtype: 'PROFANITY', start: 0, end: 1 })).status).toBe(404);
    expect((await api.get('/api/reviews/precision?days=0')).status).toBe(400);
    expect((await api.get('/api/reviews/queue?limit=101')).status).toBe(400);
  });

  it('another company’s key can neither see nor review nor flag', async () => {
    const a = await company();
    const b = await company();
    const other = client(ctx.url, b.t.analyst);
    const f = a.id('m1', 'PROFANITY');
    expect((await other.put(`/api/findings/${f}/review`, { status: 'dismissed' })).status).toBe(404);
    expect((await other.delete(`/api/findings/${f}/review`)).status).toBe(404);
    // b has its own m3, so flag a message only a has.
    await client(ctx.url, a.t.ingest).post('/api/ingest', { events: [msg('only-a', 'only-a-1', 1, 'private text')] });
    expect((await other.post('/api/messages/only-a-1/missed', { subtype: 'PROFANITY', start: 0, end: 3 })).status).toBe(404);
    expect(await todayOf(a.api)).toEqual({ issues: 5, toxicity: 3, bias: 1, profanity: 2, condescension: 1 });
    const queue = (await other.get('/api/reviews/queue?limit=100')).body;
    expect(queue.findings.every((x: { id: number }) => x.id !== f)).toBe(true);
    expect(queue.pending).toBe(5);
    expect((await other.get('/api/reviews/precision')).body.subtypes.every((s: { confirmed: number; dismissed: number }) => s.confirmed + s.dismissed === 0)).toBe(true);
    // Ingest keys do not review; no key, no answer.
    expect((await client(ctx.url, a.t.ingest).put(`/api/findings/${f}/review`, { status: 'dismissed' })).status).toBe(403);
    for (const p of ['/api/reviews/queue', '/api/reviews/precision']) expect((await client(ctx.url).get(p)).status).toBe(401);
  });
});

describe.each(DIALECTS)('reviews and erasure on $name', (dialect) => {
  const ctx = useTestServer(dialect);

  it('a judge finding added after a dismissal flags the turn again, and never brings back a dismissed subtype', async () => {
    const t = await newTenant(ctx.db);
    await client(ctx.url, t.ingest).post('/api/ingest', {
      events: [{ id: 'e1', type: 'message', timestamp: sentAgo(5), sessionId: 'j', messageId: 'j1', role: 'assistant', content: 'You fool, this is the answer [[PROFANITY:low]]' }],
    });
    const api = client(ctx.url, t.analyst);
    const f = (await api.get('/api/findings')).body.findings[0];
    await api.put(`/api/findings/${f.id}/review`, { status: 'dismissed' });
    const toxicity = async () => (await api.get('/api/trends?days=2')).body.dailyData.find((d: { date: string }) => d.date === sentDay()).toxicityFlagged;
    expect(await toxicity()).toBe(0);
    const judged = (subtype: 'PROFANITY' | 'HOSTILE_LANGUAGE') => ({
      category: 'toxicity' as const,
      subtype,
      score: 0.95,
      severity: 'medium' as const,
      spans: [{ start: 4, end: 8, text: 'fool', where: 'turn' as const }],
      explanation: 'judge',
      detector: 'judge@1',
    });
    expect(await addReviewedFindings(ctx.db, t.companyId, 'j1', [judged('PROFANITY')])).toBe(0);
    expect(await addReviewedFindings(ctx.db, t.companyId, 'j1', [judged('HOSTILE_LANGUAGE')])).toBe(1);
    expect(await toxicity()).toBe(1);
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
  });

  it('erasing a session with a dismissed finding and a missed flag keeps rollups exact and leaves no label behind', async () => {
    const t = await newTenant(ctx.db);
    await client(ctx.url, t.ingest).post('/api/ingest', {
      events: [
        { id: 'e1', type: 'message', timestamp: sentAgo(5), sessionId: 'gone', messageId: 'g1', role: 'assistant', content: 'A [[PROFANITY:low]] and [[CONDESCENSION:medium]] turn' },
        { id: 'e2', type: 'message', timestamp: sentAgo(4), sessionId: 'kept', messageId: 'k1', role: 'assistant', content: 'Another [[PROFANITY:low]] turn' },
      ],
    });
    const api = client(ctx.url, t.analyst);
    const findings = (await api.get('/api/findings')).body.findings as { id: number; messageId: string; subtype: string }[];
    const dismissed = findings.find((f) => f.messageId === 'g1' && f.subtype === 'PROFANITY')!;
    expect((await api.put(`/api/findings/${dismissed.id}/review`, { status: 'dismissed' })).status).toBe(200);
    expect((await api.post('/api/messages/g1/missed', { subtype: 'HOSTILE_LANGUAGE', start: 0, end: 1 })).status).toBe(201);
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);

    const erased = await client(ctx.url, t.admin).delete('/api/sessions/gone');
    expect(erased.status).toBe(200);
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
    const trends = (await api.get('/api/trends?days=2')).body;
    expect(trends.subtypeBreakdown.toxicity).toMatchObject({ PROFANITY: 1, CONDESCENSION: 0 });
    const left = await ctx.db.selectFrom('missed_findings').select('id').where('company_id', '=', t.companyId).execute();
    expect(left).toEqual([]);
    expect((await api.get('/api/reviews/precision')).body.subtypes.find((s: { subtype: string }) => s.subtype === 'HOSTILE_LANGUAGE').missed).toBe(0);
  });
});
