/**
 * The dashboard against the real server and demo data, in the system Chromium: every page shows
 * the numbers the API returns. One server and one browser for the whole file (seeding takes ~6 s).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { type Harness, fmtInt, fmtRate, shot, signIn, startHarness } from './harness.js';

interface MonitorSession { id: string; messageCount: number; endedReason: string | null; lastActivityAt: string }
interface Span { start: number; end: number; text: string; where: string }
interface Finding { id: number; category: string; subtype: string; spans: Span[] }
interface Transcript { id: string; messages: { id: string; content: string; findings: Finding[] }[] }
interface Trends {
  dailyData: { date: string; totalIssues: number }[];
  subtypeBreakdown: Record<string, Record<string, number>>;
  totals: { uploads: number; issues: number; hallucinationRate: number; biasRate: number; toxicityRate: number; priorPeriod: { issues: number } };
}

let h: Harness;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  context = await h.browser.newContext({ viewport: { width: 1366, height: 860 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => {});
  await h?.close();
});

describe('dashboard (admin)', () => {
  it('refuses a wrong password, then signs in', async () => {
    await page.goto(h.url + '/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot(page, 'login');
    await page.getByLabel('Email').fill(h.seed.adminEmail);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/password|credentials|invalid/i);
    await signIn(page, h.url, h.seed.adminEmail, h.seed.adminPassword);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'chatlens_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
  });

  it('live monitor lists the sessions the API returns, and loads more through the cursor', async () => {
    await page.goto(h.url + '/monitor');
    await page.locator('[data-testid="monitor-table"] tbody tr').first().waitFor();
    const api = await h.api<{ sessions: MonitorSession[]; nextCursor: string | null }>('/api/monitor/sessions?limit=20');
    expect(api.status).toBe(200);
    expect(api.body.sessions.length).toBeGreaterThan(0);
    const rows = page.locator('[data-testid="monitor-table"] tbody tr');
    // The newest rows are stable; the window's far end may move by the seconds between the two reads.
    for (let i = 0; i < Math.min(5, api.body.sessions.length); i++) {
      const s = api.body.sessions[i];
      const row = rows.nth(i);
      expect(await row.getAttribute('data-session-id')).toBe(s.id);
      expect((await row.locator('[data-field="messageCount"]').textContent())?.trim()).toBe(fmtInt(s.messageCount));
      const status = s.endedReason === 'violation' ? 'violation' : s.endedReason === 'user' ? 'user' : 'active';
      expect(await row.locator('[data-status]').getAttribute('data-status')).toBe(status);
    }
    await shot(page, 'monitor');
    // A week of demo traffic is more than one page.
    const since = new Date(Date.now() - 7 * 86_400_000).toISOString();
    await page.getByRole('radio', { name: '7 days' }).click();
    await page.waitForURL('**/monitor?window=10080');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="monitor-table"] tbody tr').length >= 20);
    const day = await h.api<{ sessions: MonitorSession[]; nextCursor: string | null }>(`/api/monitor/sessions?limit=20&since=${since}`);
    expect(day.body.nextCursor).not.toBeNull();
    {
      const before = await rows.count();
      await page.getByRole('button', { name: 'Load more' }).click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="monitor-table"] tbody tr').length > n, before);
      const next = await h.api<{ sessions: MonitorSession[] }>(`/api/monitor/sessions?limit=20&since=${since}&cursor=${encodeURIComponent(day.body.nextCursor!)}`);
      expect(await rows.count()).toBe(20 + next.body.sessions.length);
      expect(await rows.nth(before).getAttribute('data-session-id')).toBe(next.body.sessions[0].id);
    }
  });

  it('a session opened from the monitor shows every finding highlighted on its span', async () => {
    await page.goto(h.url + '/monitor?window=1440');
    await page.locator('[data-testid="monitor-table"] tbody tr').first().waitFor();
    const list = await h.api<{ sessions: MonitorSession[] }>(`/api/monitor/sessions?limit=100&since=${new Date(Date.now() - 86_400_000).toISOString()}`);
    let chosen: Transcript | null = null;
    for (const s of list.body.sessions.slice(0, 20)) {
      const t = await h.api<Transcript>(`/api/sessions/${encodeURIComponent(s.id)}`);
      if (t.body.messages.some((m) => m.findings.some((f) => f.spans.some((x) => x.where === 'turn')))) {
        chosen = t.body;
        break;
      }
    }
    expect(chosen, 'a recent demo session with findings').not.toBeNull();
    const t = chosen!;
    await page.locator(`tr[data-session-id="${t.id}"] a[href^="/sessions/"]`).click();
    await page.waitForURL(`**/sessions/${encodeURIComponent(t.id)}`);
    await page.locator('.message').first().waitFor();
    const findings = t.messages.flatMap((m) => m.findings.map((f) => ({ m, f })));
    expect((await page.getByTestId('session-finding-count').textContent())?.trim()).toBe(String(findings.length));
    for (const { m, f } of findings) {
      for (const span of f.spans.filter((x) => x.where === 'turn')) {
        expect(m.content.slice(span.start, span.end)).toBe(span.text);
        const marks = page.locator(`[data-message-id="${m.id}"] .message-body mark[data-finding-ids~="${f.id}"]`);
        expect(await marks.count(), `finding ${f.id} (${f.subtype}) is highlighted`).toBeGreaterThan(0);
        const marked = (await marks.allTextContents()).join('');
        expect(marked).toContain(span.text.slice(0, 20));
        // A mark shared by findings of several categories takes the most severe one's colour and
        // the dashed hl-multi outline; a mark of this finding alone takes its own category's.
        const cls = (await marks.first().getAttribute('class')) ?? '';
        if (cls.includes('hl-multi')) expect(cls).toMatch(/\bhl-(?:hallucination|bias|toxicity)\b/);
        else expect(cls).toContain(`hl-${f.category}`);
      }
      await expect.poll(() => page.locator(`[data-finding-id="${f.id}"]`).textContent()).toContain(f.subtype);
    }
    await page.locator('mark.hl').first().scrollIntoViewIfNeeded();
    await shot(page, 'session');
  });

  it('a long session loads its transcript a page at a time', async () => {
    const id = `e2e-long-${Date.now()}`;
    const t0 = Date.now() - 3_600_000;
    const events = Array.from({ length: 130 }, (_, i) => ({
      id: `${id}-e${i}`,
      type: 'message',
      sessionId: id,
      messageId: `${id}-m${i}`,
      role: i % 2 ? 'assistant' : 'user',
      content: i % 2 ? `Here is step ${i} of the setup.` : `What is step ${i + 1}?`,
      timestamp: new Date(t0 + i * 1000).toISOString(),
    }));
    const sent = await h.api<{ results: { status: string }[] }>('/api/ingest', { method: 'POST', body: { events } });
    expect(sent.body.results.filter((r) => r.status === 'accepted')).toHaveLength(130);
    const api = await h.api<Transcript & { messageCount: number; nextCursor: string | null }>(`/api/sessions/${id}?limit=100`);
    expect(api.body.nextCursor).not.toBeNull();

    await page.goto(`${h.url}/sessions/${encodeURIComponent(id)}`);
    await page.locator('.message').first().waitFor();
    const messages = page.locator('article.message');
    expect(await messages.count()).toBe(100);
    expect(await messages.nth(99).getAttribute('data-message-id')).toBe(api.body.messages[99].id);
    expect((await page.getByTestId('session-loaded').textContent())?.trim()).toBe('100 of 130 messages loaded');
    await page.getByTestId('session-load-more').click();
    await page.waitForFunction(() => document.querySelectorAll('article.message').length === 130);
    expect(await messages.nth(100).getAttribute('data-message-id')).toBe(`${id}-m100`);
    expect(await messages.nth(129).getAttribute('data-message-id')).toBe(`${id}-m129`);
    expect(await page.getByTestId('session-load-more').count()).toBe(0);
  });

  it('trends show the API totals and breakdown, and switch periods', async () => {
    for (const days of [30, 7]) {
      await page.goto(`${h.url}/trends${days === 30 ? '' : `?days=${days}`}`);
      await page.getByTestId('total-issues').waitFor();
      const api = await h.api<Trends>(`/api/trends?days=${days}`);
      const t = api.body.totals;
      expect(await page.getByTestId('total-issues').locator('.stat-value').textContent()).toBe(fmtInt(t.issues));
      expect(await page.getByTestId('total-toxicity-rate').locator('.stat-value').textContent()).toBe(fmtRate(t.toxicityRate));
      expect(await page.getByTestId('total-hallucination-rate').locator('.stat-value').textContent()).toBe(fmtRate(t.hallucinationRate));
      expect(await page.getByTestId('total-bias-rate').locator('.stat-value').textContent()).toBe(fmtRate(t.biasRate));
      expect(await page.getByTestId('total-uploads').locator('.stat-value').textContent()).toBe(fmtInt(t.uploads));
      const direction = t.issues === t.priorPeriod.issues ? 'flat' : t.issues > t.priorPeriod.issues ? 'up' : 'down';
      expect(await page.getByTestId('total-issues').locator('.delta').getAttribute('data-direction')).toBe(direction);
      for (const [category, subtypes] of Object.entries(api.body.subtypeBreakdown)) {
        for (const [subtype, n] of Object.entries(subtypes)) {
          const cell = page.locator(`[data-category="${category}"] tr[data-subtype="${subtype}"] [data-field="count"]`);
          expect((await cell.textContent())?.trim(), `${subtype} over ${days} days`).toBe(fmtInt(n));
        }
      }
      expect(await page.locator('.uplot').count()).toBe(4);
      if (days === 30) await shot(page, 'trends');
    }
    // The period selector is keyboard-operable and changes the URL.
    await page.getByRole('radio', { name: '90 days' }).click();
    await page.waitForURL('**/trends?days=90');
  });

  it('flagged turns are reachable from the breakdown', async () => {
    await page.goto(h.url + '/trends');
    const api = await h.api<Trends>('/api/trends?days=30');
    const [category, subtype] = Object.entries(api.body.subtypeBreakdown)
      .flatMap(([c, s]) => Object.entries(s).map(([st, n]) => [c, st, n] as const))
      .sort((a, b) => b[2] - a[2])[0];
    await page.locator(`[data-category="${category}"] tr[data-subtype="${subtype}"] a`).click();
    await page.waitForURL(`**/trends/findings?subtype=${subtype}&days=30`);
    await page.locator('[data-testid="findings-table"] tbody tr').first().waitFor();
    const findings = await h.api<{ findings: { id: number; sessionId: string }[]; nextCursor: string | null }>(`/api/findings?subtype=${subtype}&days=30&limit=25`);
    const rows = page.locator('[data-testid="findings-table"] tbody tr');
    expect(await rows.count()).toBe(findings.body.findings.length);
    expect(await rows.first().getAttribute('data-finding-id')).toBe(String(findings.body.findings[0].id));
    await shot(page, 'findings');
    await rows.first().getByRole('link', { name: 'Open' }).click();
    await page.waitForURL(`**/sessions/${encodeURIComponent(findings.body.findings[0].sessionId)}*`);
    await page.locator(`[data-finding-id="${findings.body.findings[0].id}"]`).waitFor();
  });

  it('a violation sent through the ingest API appears on the live monitor within seconds', async () => {
    await page.goto(h.url + '/monitor');
    await page.locator('[data-testid="monitor-table"] tbody tr').first().waitFor();
    const id = `e2e-violation-${Date.now()}`;
    const sent = await h.api<{ session: { endedReason: string | null } }>(`/api/sessions/${id}/messages`, {
      method: 'POST',
      body: { messageId: `${id}-m1`, role: 'user', content: 'You are a fucking idiot, shut up', userId: 'e2e-user' },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.session.endedReason).toBe('violation');
    const started = Date.now();
    const row = page.locator(`tr[data-session-id="${id}"]`);
    await row.waitFor({ timeout: 8_000 });
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('violation');
    expect(Date.now() - started).toBeLessThan(8_000);
    await shot(page, 'monitor-violation');
  });

  it('usage shows the reporting API numbers in cards, the merged daily table and the CSV', async () => {
    const end = new Date().toISOString().slice(0, 10);
    const start = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${h.url}/usage`);
    await page.getByTestId('usage-table').waitFor();
    const q = `start_date=${start}&end_date=${end}`;
    type R<D> = { reporting: { company: { id: number }; dates: D[] }[] };
    const sessions = (await h.api<R<{ date: string; sessions: { sessions_count: number; average_session_length: number }; chats: { user_queries_count: number; model_responses_count: number; model_responses_with_docs_count: number } }>>(`/api/v2/reporting/chat-sessions/?${q}`)).body.reporting[0].dates;
    const feedback = (await h.api<R<{ date: string; feedbacks: { likes_count: number; dislikes_count: number; copies_count: number } }>>(`/api/v2/reporting/chats-feedback/?${q}`)).body.reporting[0].dates;
    const tools = (await h.api<R<{ date: string; tools: { tool_name: string; usage_count: number }[] }>>(`/api/v2/reporting/tools/?${q}`)).body.reporting[0].dates;
    const activity = (await h.api<R<{ date: string; active_users_count: number }>>(`/api/v2/reporting/user-activities/?${q}`)).body.reporting[0].dates;
    const members = (await h.api<{ reporting: { current_active_members: number }[] }>(`/api/v2/reporting/users/?${q}`)).body.reporting[0];
    const total = (f: (d: (typeof sessions)[number]) => number) => sessions.reduce((a, d) => a + f(d), 0);
    expect(await page.getByTestId('usage-sessions').locator('.stat-value').textContent()).toBe(fmtInt(total((d) => d.sessions.sessions_count)));
    expect(await page.getByTestId('usage-queries').locator('.stat-value').textContent()).toBe(fmtInt(total((d) => d.chats.user_queries_count)));
    expect(await page.getByTestId('usage-responses').locator('.stat-value').textContent()).toBe(fmtInt(total((d) => d.chats.model_responses_count)));
    expect(await page.getByTestId('usage-active-members').locator('.stat-value').textContent()).toBe(fmtInt(members.current_active_members));
    const rows = page.locator('[data-testid="usage-table"] tbody tr');
    expect(await rows.count()).toBe(sessions.length);
    // Yesterday is a full day of demo traffic: check every merged column against the reports.
    const day = sessions[sessions.length - 2].date;
    const row = page.locator(`[data-testid="usage-table"] tr[data-date="${day}"]`);
    const cell = async (field: string) => (await row.locator(`[data-field="${field}"]`).textContent())?.trim();
    const s = sessions.find((d) => d.date === day)!;
    expect(await cell('nb_sessions')).toBe(fmtInt(s.sessions.sessions_count));
    expect(await cell('user_queries')).toBe(fmtInt(s.chats.user_queries_count));
    expect(await cell('model_responses')).toBe(fmtInt(s.chats.model_responses_count));
    expect(await cell('model_responses_with_docs')).toBe(fmtInt(s.chats.model_responses_with_docs_count));
    expect(await cell('model_responses_without_docs')).toBe(fmtInt(s.chats.model_responses_count - s.chats.model_responses_with_docs_count));
    const f = feedback.find((d) => d.date === day)!;
    expect(await cell('likes')).toBe(fmtInt(f.feedbacks.likes_count));
    expect(await cell('dislikes')).toBe(fmtInt(f.feedbacks.dislikes_count));
    expect(await cell('copies')).toBe(fmtInt(f.feedbacks.copies_count));
    expect(await cell('tool_uses')).toBe(fmtInt(tools.find((d) => d.date === day)!.tools.reduce((a, t) => a + t.usage_count, 0)));
    expect(await cell('active_users')).toBe(fmtInt(activity.find((d) => d.date === day)!.active_users_count));
    // Tokens and cost: the panel's totals and the per-model table are the usage report's, and the
    // daily table's token columns are its days.
    type U = { input_tokens: number; output_tokens: number; cost_usd: number; responses_count: number; model: string | null };
    const usage = (await h.api<{ reporting: { totals: U & { models: U[] }; dates: (U & { date: string })[] }[] }>(`/api/usage/tokens?${q}`)).body.reporting[0];
    expect(usage.totals.input_tokens).toBeGreaterThan(0);
    expect(usage.totals.cost_usd).toBeGreaterThan(0);
    expect(await page.getByTestId('usage-input-tokens').locator('.stat-value').textContent()).toBe(fmtInt(usage.totals.input_tokens));
    expect(await page.getByTestId('usage-output-tokens').locator('.stat-value').textContent()).toBe(fmtInt(usage.totals.output_tokens));
    const costText = (await page.getByTestId('usage-cost').locator('.stat-value').textContent())!;
    expect(Number(costText.replace(/[$,]/g, ''))).toBeCloseTo(usage.totals.cost_usd, 2);
    const modelRows = page.locator('[data-testid="usage-models"] tbody tr');
    expect(await modelRows.count()).toBe(usage.totals.models.length);
    for (const m of usage.totals.models) {
      const tr = page.locator(`[data-testid="usage-models"] tr[data-model="${m.model ?? ''}"]`);
      expect((await tr.locator('[data-field="input_tokens"]').textContent())?.trim()).toBe(fmtInt(m.input_tokens));
      expect((await tr.locator('[data-field="output_tokens"]').textContent())?.trim()).toBe(fmtInt(m.output_tokens));
    }
    const u = usage.dates.find((d) => d.date === day)!;
    expect(await cell('input_tokens')).toBe(fmtInt(u.input_tokens));
    expect(await cell('output_tokens')).toBe(fmtInt(u.output_tokens));
    expect(await page.locator('.uplot').count()).toBe(6);
    await page.getByTestId('usage-tokens').scrollIntoViewIfNeeded();
    await shot(page, 'usage');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`chatlens-usage-${start}-to-${end}.csv`);
    const csv = await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        let text = '';
        stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
        stream.on('end', () => resolve(text));
        stream.on('error', reject);
      }, reject);
    });
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0].startsWith('date,nb_sessions,unique_models,average_session,user_queries,model_responses,model_responses_with_docs')).toBe(true);
    expect(lines.length).toBe(sessions.length + 1);
    const cols = lines[0].split(',');
    const yesterday = lines.find((l) => l.startsWith(day))!.split(',');
    expect(Number(yesterday[cols.indexOf('nb_sessions')])).toBe(s.sessions.sessions_count);
    expect(Number(yesterday[cols.indexOf('likes')])).toBe(f.feedbacks.likes_count);
    expect(cols.slice(cols.indexOf('active_users') + 1, cols.indexOf('active_users') + 4)).toEqual(['input_tokens', 'output_tokens', 'cost_usd']);
    expect(Number(yesterday[cols.indexOf('input_tokens')])).toBe(u.input_tokens);
    expect(Number(yesterday[cols.indexOf('output_tokens')])).toBe(u.output_tokens);
    expect(Number(yesterday[cols.indexOf('cost_usd')])).toBe(u.cost_usd);
  });

  it('an upload through the page is processed and appears in trends', async () => {
    const before = (await h.api<Trends>('/api/trends?days=7')).body.totals;
    await page.goto(`${h.url}/uploads`);
    await page.getByRole('heading', { name: 'Uploads', exact: true }).waitFor();
    const stamp = Date.now();
    const t0 = new Date(stamp - 5 * 60_000).toISOString();
    const records = [
      { sessionId: `e2e-upload-${stamp}`, role: 'user', content: 'Can I change my billing address?', timestamp: t0 },
      { sessionId: `e2e-upload-${stamp}`, role: 'assistant', content: 'Yes: open Settings, then Billing, and edit the address.', timestamp: t0 },
      { sessionId: `e2e-upload-${stamp}`, role: 'user', content: 'You are a fucking idiot, shut up', timestamp: t0 },
    ];
    await page.getByTestId('upload-input').setInputFiles({
      name: `e2e-${stamp}.jsonl`,
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(records.map((r) => JSON.stringify(r)).join('\n') + '\n'),
    });
    const transfer = page.locator(`[data-testid="transfers"] [data-filename="e2e-${stamp}.jsonl"]`);
    await transfer.locator('[data-upload-status="done"], [data-upload-status="failed"]').waitFor({ timeout: 20_000 });
    expect(await transfer.locator('[data-upload-status]').getAttribute('data-upload-status')).toBe('done');
    const list = await h.api<{ uploads: { id: number; filename: string; status: string; turnsProcessed: number }[] }>('/api/uploads');
    const mine = list.body.uploads.find((u) => u.filename === `e2e-${stamp}.jsonl`)!;
    expect(mine.status).toBe('done');
    const row = page.locator(`[data-testid="uploads-table"] tr[data-upload-id="${mine.id}"]`);
    await row.locator('[data-upload-status="done"]').waitFor();
    await shot(page, 'uploads');

    await transfer.getByRole('link', { name: 'See trends' }).click();
    await page.waitForURL('**/trends?days=7');
    await page.getByTestId('total-uploads').waitFor();
    const after = (await h.api<Trends>('/api/trends?days=7')).body.totals;
    expect(after.uploads).toBe(before.uploads + 1);
    expect(after.issues).toBeGreaterThan(before.issues);
    await expect.poll(() => page.getByTestId('total-uploads').locator('.stat-value').textContent()).toBe(fmtInt(after.uploads));
    expect(await page.getByTestId('total-issues').locator('.stat-value').textContent()).toBe(fmtInt(after.issues));
  });

  it('settings: members and keys match the API, a new key is shown once, the policy saves', async () => {
    await page.goto(`${h.url}/settings`);
    await page.getByTestId('members-table').waitFor();
    const accounts = (await h.api<{ accounts: { email: string; role: string }[] }>('/api/accounts')).body.accounts;
    expect(await page.locator('[data-testid="members-table"] tbody tr').count()).toBe(accounts.length);
    for (const a of accounts) {
      expect(await page.locator(`tr[data-account-email="${a.email}"] select`).inputValue()).toBe(a.role);
    }
    await shot(page, 'settings');

    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.getByTestId('keys-table').waitFor();
    await page.getByLabel('Name').fill('e2e ingest');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-key-value').textContent())!.trim();
    const me = await fetch(h.url + '/api/trends?days=1', { headers: { authorization: `Bearer ${key}` } });
    expect(me.status).toBe(403); // an ingest key cannot read trends
    const keys = (await h.api<{ keys: { id: number; name: string | null }[] }>('/api/keys')).body.keys;
    await page.locator(`[data-testid="keys-table"] tr[data-key-id="${keys.find((k) => k.name === 'e2e ingest')!.id}"]`).waitFor();
    expect(await page.locator('[data-testid="keys-table"] tbody tr').count()).toBe(keys.length);
    await shot(page, 'settings-keys');

    await page.getByRole('tab', { name: 'Policy' }).click();
    await page.getByTestId('policy-form').waitFor();
    await page.getByLabel('Deny list').fill('frobnicate');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Policy saved').waitFor();
    expect((await h.api<{ denyList: string[] }>('/api/policy')).body.denyList).toEqual(['frobnicate']);
    await shot(page, 'settings-policy');
  });

  it('reads on a narrow window', async () => {
    const narrow = await h.browser.newContext({ viewport: { width: 420, height: 860 }, storageState: await context.storageState() });
    const p = await narrow.newPage();
    await p.goto(`${h.url}/monitor`);
    await p.locator('[data-testid="monitor-table"] tbody tr').first().waitFor();
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(p, 'monitor-narrow');
    await p.goto(`${h.url}/trends`);
    await p.getByTestId('total-issues').waitFor();
    await shot(p, 'trends-narrow');
    await narrow.close();
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const res = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.status));
    expect(res).toBe(401);
  });
});

describe('dashboard (analyst)', () => {
  it('an analyst cannot reach Settings', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 1366, height: 860 } });
    const p = await ctx.newPage();
    await signIn(p, h.url, h.seed.analystEmail, h.seed.analystPassword);
    const nav = p.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Trends' }).count()).toBe(1);
    await p.goto(`${h.url}/settings`);
    await p.getByTestId('forbidden').waitFor();
    expect(await p.getByTestId('members-table').count()).toBe(0);
    // The server refuses too, whatever the page does.
    const status = await p.evaluate(() => fetch('/api/accounts').then((r) => r.status));
    expect(status).toBe(403);
    await shot(p, 'settings-analyst');
    await ctx.close();
  });
});
