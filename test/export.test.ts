/** `GET /api/export/sessions` through the real app on each dialect: content, filters, paging, CSV quoting, isolation. */
import { beforeAll, describe, expect, it } from 'vitest';
import { PAGE_SESSIONS } from '../src/modules/export/export.service.js';
import { DIALECTS } from './helpers/db.js';
import { type Tenant, client, newTenant, useTestServer } from './helpers/app.js';

const DAY = 86_400_000;
const at = (daysAgo: number, minute = 0) => {
  const d = new Date(Date.now() - daysAgo * DAY);
  d.setUTCHours(8, minute, 0, 0);
  return d.toISOString();
};
const dayAgo = (n: number) => at(n).slice(0, 10);

/** Parses RFC 4180 CSV (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

describe.each(DIALECTS)('session export on $name', (dialect) => {
  const ctx = useTestServer(dialect, { uploads: { workers: 0 } });
  let t: Tenant;
  beforeAll(async () => {
    t = await newTenant(ctx.db);
    const events: object[] = [];
    // Across more than two pages: 2 × PAGE_SESSIONS + 50 sessions 5 days ago, every third flagged.
    for (let i = 0; i < 2 * PAGE_SESSIONS + 50; i++) {
      const s = `p${String(i).padStart(4, '0')}`;
      events.push({ id: `${s}-1`, type: 'message', timestamp: at(5, i % 60), sessionId: s, messageId: `${s}-m1`, role: 'user', content: `question ${i}`, userId: `u${i % 5}` });
      events.push({ id: `${s}-2`, type: 'message', timestamp: at(5, (i % 60) + 1), sessionId: s, messageId: `${s}-m2`, role: 'assistant', content: i % 3 === 0 ? 'answer [[PROFANITY:low]]' : 'answer' });
    }
    for (let i = 0; i < events.length; i += 1000) expect((await client(ctx.url, t.ingest).post('/api/ingest', { events: events.slice(i, i + 1000) })).status).toBe(200);
    const live = client(ctx.url, t.ingest);
    await live.post('/api/sessions/v1/messages', { messageId: 'v1-m1', role: 'user', content: '=HYPERLINK("http://x"), "quoted", multi\nline', userId: 'carol', timestamp: at(1) });
    await live.post('/api/sessions/v1/messages', { messageId: 'v1-m2', role: 'assistant', content: 'idiot [[HOSTILE_LANGUAGE:critical]]', model: 'gpt-4o', timestamp: at(1, 1), inputTokens: 12, outputTokens: 3, latencyMs: 450 });
    await live.post('/api/sessions/old/messages', { messageId: 'old-m1', role: 'user', content: 'long ago', userId: 'carol', timestamp: at(40) });
  }, 120_000);

  const window = `start_date=${dayAgo(10)}&end_date=${dayAgo(0)}`;
  const jsonl = async (query: string, key = t.analyst) => {
    const res = await fetch(`${ctx.url}/api/export/sessions?format=jsonl&${query}`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    return (await res.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  };

  it('JSONL: every session of the window once, in creation order, with its messages and findings', async () => {
    const lines = await jsonl(window);
    expect(lines).toHaveLength(2 * PAGE_SESSIONS + 51);
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
    expect(lines.map((l) => l.id)).not.toContain('old');
    const created = lines.map((l) => `${l.createdAt}|${l.id}`);
    expect([...created].sort()).toEqual(created);
    const v1 = lines.find((l) => l.id === 'v1');
    expect(v1).toMatchObject({ userId: 'carol', endedReason: 'violation', source: 'live' });
    expect(v1.messages.map((m: any) => m.role)).toEqual(['user', 'assistant', 'system']);
    expect(v1.messages[1]).toMatchObject({ model: 'gpt-4o', inputTokens: 12, outputTokens: 3, latencyMs: 450 });
    expect(v1.messages[0]).toMatchObject({ inputTokens: null, outputTokens: null, latencyMs: null });
    expect(v1.messages[0].content).toBe('=HYPERLINK("http://x"), "quoted", multi\nline');
    expect(v1.messages[1].findings).toEqual([expect.objectContaining({ category: 'toxicity', subtype: 'HOSTILE_LANGUAGE', severity: 'critical', spans: [expect.objectContaining({ text: '[[HOSTILE_LANGUAGE:critical]]' })] })]);
    const p3 = lines.find((l) => l.id === 'p0003');
    expect(p3.messages[1].findings.map((f: any) => f.subtype)).toEqual(['PROFANITY']);
    expect(lines.find((l) => l.id === 'p0001').messages[1].findings).toEqual([]);
  });

  it('filters: end user, status, findings, category, severity, source and the date range', async () => {
    expect((await jsonl(`${window}&userId=carol`)).map((l) => l.id)).toEqual(['v1']);
    expect((await jsonl(`start_date=${dayAgo(60)}&end_date=${dayAgo(0)}&userId=carol`)).map((l) => l.id)).toEqual(['old', 'v1']);
    expect((await jsonl(`${window}&status=violation`)).map((l) => l.id)).toEqual(['v1']);
    expect((await jsonl(`${window}&minSeverity=high`)).map((l) => l.id)).toEqual(['v1']);
    const flagged = await jsonl(`${window}&hasFindings=true`);
    expect(flagged).toHaveLength(Math.ceil((2 * PAGE_SESSIONS + 50) / 3) + 1);
    expect((await jsonl(`${window}&hasFindings=false`)).length + flagged.length).toBe(2 * PAGE_SESSIONS + 51);
    expect((await jsonl(`${window}&category=toxicity&userId=u0`)).every((l) => l.userId === 'u0' && l.messages.some((m: any) => m.findings.length))).toBe(true);
    expect(await jsonl(`${window}&category=bias`)).toEqual([]);
    expect(await jsonl(`${window}&source=upload`)).toEqual([]);
    expect(await jsonl(`start_date=${dayAgo(3)}&end_date=${dayAgo(2)}`)).toEqual([]);
  });

  it('uses the monitor’s filters: subtype, full-text search, idle status; a dismissed finding is marked and no longer selects', async () => {
    expect((await jsonl(`${window}&subtype=HOSTILE_LANGUAGE`)).map((l) => l.id)).toEqual(['v1']);
    expect((await jsonl(`${window}&q=HYPERLINK`)).map((l) => l.id)).toEqual(['v1']);
    expect((await jsonl(`${window}&q=question&userId=u1`)).length).toBe(Math.ceil((2 * PAGE_SESSIONS + 50 - 1) / 5));
    // Sessions last active days ago and never ended are idle, not active.
    expect(await jsonl(`${window}&status=active`)).toEqual([]);
    expect((await jsonl(`${window}&status=idle`)).length).toBe(2 * PAGE_SESSIONS + 50);
    const bad = await client(ctx.url, t.analyst).get(`/api/export/sessions?${window}&hasFindings=false&category=bias`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('hasFindings');

    const [line] = await jsonl(`${window}&userId=carol`);
    const findingId = (await client(ctx.url, t.analyst).get('/api/sessions/v1')).body.messages[1].findings[0].id;
    expect((await client(ctx.url, t.analyst).put(`/api/findings/${findingId}/review`, { status: 'dismissed' })).status).toBe(200);
    try {
      const [after] = await jsonl(`${window}&userId=carol`);
      expect(line.messages[1].findings[0].reviewStatus).toBe(null);
      expect(after.messages[1].findings[0]).toMatchObject({ subtype: 'HOSTILE_LANGUAGE', reviewStatus: 'dismissed' });
      expect(await jsonl(`${window}&subtype=HOSTILE_LANGUAGE`)).toEqual([]);
      const csv = parseCsv(await (await fetch(`${ctx.url}/api/export/sessions?format=csv&${window}&userId=carol`, { headers: { authorization: `Bearer ${t.analyst}` } })).text());
      const col = (r: string[], name: string) => r[csv[0].indexOf(name)];
      expect([col(csv[2], 'finding_count'), col(csv[2], 'findings')]).toEqual(['0', 'HOSTILE_LANGUAGE:critical:dismissed']);
    } finally {
      await client(ctx.url, t.analyst).delete(`/api/findings/${findingId}/review`);
    }
  });

  it('CSV: a header and one row per message, quoted so any CSV reader gets the text back; formulas neutralised', async () => {
    const res = await fetch(`${ctx.url}/api/export/sessions?format=csv&${window}&userId=carol`, { headers: { authorization: `Bearer ${t.admin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`chatlens-sessions-${dayAgo(10)}-to-${dayAgo(0)}.csv`);
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual(['session_id', 'session_user_id', 'session_created_at', 'session_last_activity_at', 'session_ended_at', 'session_ended_reason', 'session_source', 'message_id', 'seq', 'role', 'created_at', 'user_id', 'model', 'input_tokens', 'output_tokens', 'latency_ms', 'content', 'finding_count', 'findings']);
    expect(rows).toHaveLength(4);
    const col = (r: string[], name: string) => r[rows[0].indexOf(name)];
    expect(col(rows[1], 'content')).toBe(`'=HYPERLINK("http://x"), "quoted", multi\nline`);
    expect(col(rows[2], 'findings')).toBe('HOSTILE_LANGUAGE:critical');
    expect(col(rows[2], 'model')).toBe('gpt-4o');
    expect([col(rows[2], 'input_tokens'), col(rows[2], 'output_tokens'), col(rows[2], 'latency_ms')]).toEqual(['12', '3', '450']);
    expect(col(rows[3], 'role')).toBe('system');
  });

  it('bad windows and formats are 400 naming the parameter', async () => {
    const c = client(ctx.url, t.analyst);
    const backwards = await c.get(`/api/export/sessions?format=csv&start_date=${dayAgo(0)}&end_date=${dayAgo(5)}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toContain('end_date');
    const long = await c.get('/api/export/sessions?format=csv&start_date=2000-01-01&end_date=2020-01-01');
    expect(long.status).toBe(400);
    expect((await c.get(`/api/export/sessions?format=xml&${window}`)).body.error.message).toContain('format');
    // Without a window: the last 30 days, as JSONL.
    const recent = await fetch(`${ctx.url}/api/export/sessions?userId=carol`, { headers: { authorization: `Bearer ${t.analyst}` } });
    expect((await recent.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l).id)).toEqual(['v1']);
  });

  it('tenant isolation: another company exports none of these sessions; ingest keys are refused', async () => {
    const other = await newTenant(ctx.db);
    expect(await jsonl(window, other.analyst)).toEqual([]);
    expect((await client(ctx.url, other.admin).get(`/api/export/sessions?format=jsonl&${window}&company_id=${t.companyId}`)).status).toBe(403);
    expect((await client(ctx.url, t.ingest).get(`/api/export/sessions?format=jsonl&${window}`)).status).toBe(403);
  });
});
