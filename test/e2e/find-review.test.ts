/**
 * Finding and reviewing in the dashboard (issue 14): filter the monitor on the server, open an end
 * user's page, review findings with the keyboard, and see the trends drop after a dismissal. Real
 * server, demo data, system Chromium, signed in as the demo analyst.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { type Harness, fmtInt, shot, signIn, startHarness } from './harness.js';

interface Row { id: string; userId: string | null; findingCount: number; categories: string[] }
interface Transcript { messages: { findings: { id: number; review?: { status: string; note: string | null } | null }[] }[] }

let h: Harness;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  context = await h.browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, h.url, h.seed.analystEmail, h.seed.analystPassword);
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => {});
  await h?.close();
});

const rowIds = (p: Page) => p.$$eval('[data-testid="monitor-table"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-session-id')));

describe('finding sessions and reviewing findings', () => {
  it('filters the monitor on the server: findings, category, full-text search', async () => {
    await page.goto(`${h.url}/monitor?window=all`);
    await page.locator('[data-testid="monitor-table"] tbody tr').first().waitFor();
    await page.getByLabel('Findings').selectOption('with');
    await page.getByLabel('Category').selectOption('toxicity');
    await page.waitForURL(/findings=with/);
    await page.waitForURL(/category=toxicity/);
    const api = await h.api<{ sessions: Row[] }>('/api/monitor/sessions?since=1970-01-01&limit=20&hasFindings=true&category=toxicity');
    expect(api.body.sessions.length).toBeGreaterThan(0);
    await page.waitForFunction((first) => document.querySelector('[data-testid="monitor-table"] tbody tr')?.getAttribute('data-session-id') === first, api.body.sessions[0].id);
    expect(await rowIds(page)).toEqual(api.body.sessions.map((s) => s.id));
    for (const s of api.body.sessions) expect(s.categories).toContain('toxicity');
    const counts = await page.$$eval('[data-testid="monitor-table"] [data-field="findings"]', (tds) => tds.map((td) => Number(td.getAttribute('data-finding-count'))));
    expect(counts).toEqual(api.body.sessions.map((s) => s.findingCount));
    await shot(page, 'monitor-filtered');

    // Full-text search: a word of the first session's messages, answered by the server.
    const transcript = await h.api<{ messages: { content: string }[] }>(`/api/sessions/${encodeURIComponent(api.body.sessions[0].id)}`);
    const word = transcript.body.messages.flatMap((m) => m.content.match(/\p{L}{6,}/gu) ?? [])[0];
    expect(word).toBeTruthy();
    await page.getByPlaceholder(/Search message text/).fill(word);
    await page.waitForURL(new RegExp(`q=${word}`));
    const searched = await h.api<{ sessions: Row[] }>(`/api/monitor/sessions?since=1970-01-01&limit=20&hasFindings=true&category=toxicity&q=${encodeURIComponent(word)}`);
    expect(searched.body.sessions.map((s) => s.id)).toContain(api.body.sessions[0].id);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="monitor-table"] tbody tr').length === n, searched.body.sessions.length);
    expect(await rowIds(page)).toEqual(searched.body.sessions.map((s) => s.id));
  });

  it('opens an end user’s page from the monitor', async () => {
    await page.goto(`${h.url}/monitor?window=all&findings=with`);
    const link = page.locator('[data-testid="monitor-table"] tbody tr a[href^="/users/"]').first();
    await link.waitFor();
    const userId = decodeURIComponent((await link.getAttribute('href'))!.slice('/users/'.length));
    await link.click();
    await page.waitForURL(`**/users/${encodeURIComponent(userId)}`);
    const user = await h.api<{ sessionCount: number; findingCount: number }>(`/api/users/${encodeURIComponent(userId)}`);
    expect(user.status).toBe(200);
    await page.getByTestId('user-sessions').waitFor();
    expect(await page.getByTestId('user-sessions').locator('.stat-value').textContent()).toBe(fmtInt(user.body.sessionCount));
    expect(await page.getByTestId('user-findings').locator('.stat-value').textContent()).toBe(fmtInt(user.body.findingCount));
    const sessions = await h.api<{ sessions: Row[] }>(`/api/search/sessions?userId=${encodeURIComponent(userId)}&limit=20`);
    await page.locator('[data-testid="user-sessions-table"] tbody tr').first().waitFor();
    expect(await page.$$eval('[data-testid="user-sessions-table"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-session-id')))).toEqual(sessions.body.sessions.map((s) => s.id));
    await shot(page, 'user-page');
  });

  it('reviews findings with the keyboard; a dismissal lowers the trends at once', async () => {
    const before = (await h.api<{ totals: { issues: number } }>('/api/trends?days=30')).body.totals.issues;
    await page.goto(`${h.url}/review`);
    const card = page.getByTestId('review-card');
    await card.waitFor();
    const reviewed: { id: string; session: string; key: string }[] = [];
    for (const key of ['d', 'c', 's', 'd']) {
      const id = (await card.getAttribute('data-finding-id'))!;
      const session = (await card.getAttribute('data-session-id'))!;
      if (key === 'c') await page.getByLabel('Note (optional)').fill('clearly condescending');
      if (key === 'c') await page.getByLabel('Note (optional)').blur();
      await page.keyboard.press(key);
      await page.waitForFunction((old) => document.querySelector('[data-testid="review-card"]')?.getAttribute('data-finding-id') !== old, id);
      reviewed.push({ id, session, key });
    }
    await shot(page, 'review-queue');
    const reviewOf = async (r: { id: string; session: string }) => {
      const t = await h.api<Transcript>(`/api/sessions/${encodeURIComponent(r.session)}?limit=500`);
      return t.body.messages.flatMap((m) => m.findings).find((f) => String(f.id) === r.id)?.review ?? null;
    };
    expect(await reviewOf(reviewed[0])).toMatchObject({ status: 'dismissed' });
    expect(await reviewOf(reviewed[1])).toMatchObject({ status: 'confirmed', note: 'clearly condescending' });
    expect(await reviewOf(reviewed[2])).toBeNull();
    expect(await reviewOf(reviewed[3])).toMatchObject({ status: 'dismissed' });

    const after = (await h.api<{ totals: { issues: number } }>('/api/trends?days=30')).body.totals.issues;
    expect(after).toBe(before - 2);
    await page.goto(`${h.url}/trends`);
    await page.getByTestId('total-issues').waitFor();
    expect(await page.getByTestId('total-issues').locator('.stat-value').textContent()).toBe(fmtInt(after));
    // The precision table counts the verdicts.
    await page.goto(`${h.url}/review`);
    await page.getByTestId('precision-table').waitFor();
    const precision = await h.api<{ subtypes: { subtype: string; confirmed: number; dismissed: number }[] }>('/api/reviews/precision?days=30');
    const totals = precision.body.subtypes.reduce((a, s) => ({ c: a.c + s.confirmed, d: a.d + s.dismissed }), { c: 0, d: 0 });
    expect(totals).toEqual({ c: 1, d: 2 });
  });
});

describe('reviewing from a transcript', () => {
  it('dismisses a finding and flags a missed span from the session page', async () => {
    const list = await h.api<{ findings: { id: number; sessionId: string; messageId: string }[] }>('/api/reviews/queue?limit=1');
    const target = list.body.findings[0];
    await page.goto(`${h.url}/sessions/${encodeURIComponent(target.sessionId)}`);
    const item = page.locator(`li[data-finding-id="${target.id}"]`);
    await item.waitFor();
    await item.getByRole('button', { name: 'Dismiss' }).click();
    await item.locator('[data-review-status="dismissed"]').waitFor();
    const t = await h.api<{ messages: { id: string; content: string; analyzed: boolean; findings: { id: number; review?: { status: string } | null }[] }[] }>(`/api/sessions/${encodeURIComponent(target.sessionId)}?limit=500`);
    expect(t.body.messages.flatMap((m) => m.findings).find((f) => f.id === target.id)?.review).toMatchObject({ status: 'dismissed' });

    // Select a word of a turn, then flag it as missed.
    const m = t.body.messages.find((x) => x.analyzed && /\p{L}{5,}/u.test(x.content))!;
    const word = m.content.match(/\p{L}{5,}/u)![0];
    const article = page.locator(`article[data-message-id="${m.id}"]`);
    await article.locator('.message-body').evaluate((el, w) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent!.indexOf(w);
        if (i >= 0) {
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + w.length);
          getSelection()!.removeAllRanges();
          getSelection()!.addRange(r);
          return;
        }
      }
    }, word);
    await article.getByRole('button', { name: 'Flag missed…' }).click();
    expect(await article.getByLabel('Text').inputValue()).toBe(word);
    await article.getByLabel('Subtype').selectOption('CONDESCENSION');
    await article.getByRole('button', { name: 'Flag', exact: true }).click();
    await article.getByRole('status').waitFor();
    const precision = await h.api<{ subtypes: { subtype: string; missed: number }[] }>('/api/reviews/precision?days=365');
    expect(precision.body.subtypes.find((s) => s.subtype === 'CONDESCENSION')!.missed).toBe(1);
  });

  it('dismisses from the flagged-turns list: the row leaves the list on reload', async () => {
    await page.goto(`${h.url}/trends/findings?days=30`);
    const first = page.locator('[data-testid="findings-table"] tbody tr').first();
    await first.waitFor();
    const id = await first.getAttribute('data-finding-id');
    await first.getByRole('button', { name: 'Dismiss' }).click();
    await first.locator('[data-review-status="dismissed"]').waitFor();
    await page.reload();
    await page.locator('[data-testid="findings-table"] tbody tr').first().waitFor();
    expect(await page.locator(`[data-testid="findings-table"] tr[data-finding-id="${id}"]`).count()).toBe(0);
    const api = await h.api<{ findings: { id: number }[] }>('/api/findings?days=30&limit=100');
    expect(api.body.findings.some((f) => String(f.id) === id)).toBe(false);
  });

  it('an admin sets the idle time in Settings; the monitor shows open sessions as idle', async () => {
    const admin = await h.browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const p = await admin.newPage();
      p.setDefaultTimeout(10_000);
      await signIn(p, h.url, h.seed.adminEmail, h.seed.adminPassword);
      await p.goto(`${h.url}/settings?tab=monitoring`);
      const field = p.getByTestId('idle-minutes');
      await field.waitFor();
      expect(await field.inputValue()).toBe('30');
      await field.fill('1');
      await p.getByRole('button', { name: 'Save' }).click();
      await p.getByRole('status').waitFor();
      expect((await h.api<{ idleMinutes: number }>('/api/monitor/settings')).body.idleMinutes).toBe(1);
      const since = new Date(Date.now() - 86_400_000).toISOString();
      // Demo sessions' last turns are minutes old: none is active any more, and the open ones are idle.
      expect((await h.api<{ sessions: Row[] }>(`/api/monitor/sessions?since=${since}&status=active`)).body.sessions).toEqual([]);
      const idle = (await h.api<{ sessions: Row[] }>(`/api/monitor/sessions?since=${since}&status=idle&limit=20`)).body.sessions;
      expect(idle.length).toBeGreaterThan(0);
      await p.goto(`${h.url}/monitor?window=1440&status=idle`);
      await p.locator('[data-testid="monitor-table"] tbody tr').first().waitFor();
      expect(await rowIds(p)).toEqual(idle.map((s) => s.id));
      expect(await p.locator('[data-testid="monitor-table"] [data-idle="true"]').count()).toBe(idle.length);
    } finally {
      await h.api('/api/monitor/settings', { method: 'PUT', body: { idleMinutes: 30 } });
      await admin.close();
    }
  });

  it('a link to a finding past the first page of a long session opens at that finding', async () => {
    const id = `e2e-long-${Date.now()}`;
    const start = Date.now() - 60 * 60_000;
    // 130 turns; the last one (on the transcript's second page of 100) carries a finding.
    const events = Array.from({ length: 130 }, (_, i) => ({
      id: `${id}-e${i}`,
      type: 'message',
      timestamp: new Date(start + i * 1000).toISOString(),
      sessionId: id,
      messageId: `${id}-m${i}`,
      role: i % 2 === 0 ? 'user' : 'assistant',
      content: i === 129 ? 'You are a fucking idiot and I am done with you.' : `Turn ${i}: could you check the status of order ${1000 + i}?`,
    }));
    const sent = await h.api<{ results: { status: string }[] }>('/api/ingest', { method: 'POST', body: { events } });
    expect(sent.body.results.filter((r) => r.status !== 'accepted')).toEqual([]);
    const second = await h.api<{ messages: { id: string; findings: { id: number }[] }[] }>(`/api/sessions/${id}?limit=100&cursor=${encodeURIComponent((await h.api<{ nextCursor: string }>(`/api/sessions/${id}?limit=100`)).body.nextCursor)}`);
    const finding = second.body.messages.find((m) => m.id === `${id}-m129`)?.findings[0];
    expect(finding).toBeTruthy();
    await page.goto(`${h.url}/sessions/${id}#finding-${finding!.id}`);
    const item = page.locator(`[data-finding-id="${finding!.id}"]`);
    await item.waitFor();
    expect(await item.isVisible()).toBe(true);
    // It is scrolled into view: the reader lands on it, not at the top of the transcript.
    const box = await item.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(900);
  });
});
