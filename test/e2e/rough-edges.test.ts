/**
 * The dashboard's rough edges (issue 14, section 5), each checked in Chromium at the width where it
 * was seen: an unknown session reads "not found" and error boxes carry the request id; a highlight
 * covers the whole word and its details open by keyboard and by touch; chart legends show the latest
 * day until hovered and count axes tick whole numbers; the uploads page words its refusals for the
 * page and analysts get no drop zone. Real server, demo data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { type Harness, fmtInt, shot, signIn, startHarness } from './harness.js';

interface Span { start: number; end: number; text: string; where: string }
interface Finding { id: number; category: string; subtype: string; explanation: string; spans: Span[] }
interface Transcript { id: string; messages: { id: string; content: string; findings: Finding[] }[] }

let h: Harness;
let wide: BrowserContext;
let narrow: BrowserContext;
let page: Page;
let phone: Page;

beforeAll(async () => {
  h = await startHarness();
  wide = await h.browser.newContext({ viewport: { width: 1440, height: 900 } });
  narrow = await h.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  page = await wide.newPage();
  phone = await narrow.newPage();
  page.setDefaultTimeout(10_000);
  phone.setDefaultTimeout(10_000);
  await signIn(page, h.url, h.seed.adminEmail, h.seed.adminPassword);
  await signIn(phone, h.url, h.seed.adminEmail, h.seed.adminPassword);
}, 120_000);

afterAll(async () => {
  await wide?.close().catch(() => {});
  await narrow?.close().catch(() => {});
  await h?.close();
});

describe('dashboard rough edges', () => {
  it('an unknown session says "not found" and shows the request id of the failed call', async () => {
    for (const p of [page, phone]) {
      const id = `no-such-session-${Date.now()}`;
      const answer = p.waitForResponse((r) => r.url().includes(`/api/sessions/${id}`));
      await p.goto(`${h.url}/sessions/${id}`);
      const res = await answer;
      expect(res.status()).toBe(404);
      const body = (await res.json()) as { error: { code: string; requestId: string } };
      expect(body.error.requestId).toBeTruthy();
      const box = p.getByTestId('not-found');
      await box.waitFor();
      expect(await box.locator('strong').textContent()).toBe('Session not found');
      expect(await p.getByText('Something went wrong').count()).toBe(0);
      expect(await p.getByRole('button', { name: 'Try again' }).count()).toBe(0);
      expect(await box.getByTestId('request-id').locator('code').textContent()).toBe(body.error.requestId);
      expect(await p.getByRole('link', { name: 'Back to the live monitor' }).isVisible()).toBe(true);
    }
    await shot(page, 'session-not-found');
    await shot(phone, 'session-not-found-390');
  });

  it('a highlight marks the whole word, and its details open by keyboard (1440) and by touch (390)', async () => {
    const id = `e2e-word-${Date.now()}`;
    const content = 'Honestly you are a fucking idiot, shut up';
    const sent = await h.api(`/api/sessions/${id}/messages`, { method: 'POST', body: { messageId: `${id}-m1`, role: 'user', content, userId: 'e2e-user' } });
    expect(sent.status).toBe(201);
    const t = (await h.api<Transcript>(`/api/sessions/${id}`)).body;
    const f = t.messages[0].findings.find((x) => x.spans.some((s) => s.where === 'turn' && content.slice(s.start, s.end).toLowerCase().startsWith('fuck')));
    expect(f, 'the profanity is a finding').toBeTruthy();
    const span = f!.spans.find((s) => s.where === 'turn')!;
    // The detector's span is inside the word; the page widens it to the word for display.
    expect('fucking'.startsWith(span.text.toLowerCase())).toBe(true);

    await page.goto(`${h.url}/sessions/${id}`);
    const mark = page.locator(`.message-body mark[data-finding-ids~="${f!.id}"]`);
    await mark.first().waitFor();
    expect((await mark.allTextContents()).join('')).toBe('fucking');
    expect(await page.locator('.message-body').first().evaluate((el) => (el as HTMLElement).innerText)).toBe(content);
    // No native tooltip; a described, focusable mark instead.
    expect(await mark.first().getAttribute('title')).toBeNull();
    const tip = page.locator(`#${await mark.first().getAttribute('aria-describedby')}`);
    expect(await tip.getAttribute('role')).toBe('tooltip');
    expect(await tip.isVisible()).toBe(false);
    let focused = false;
    for (let i = 0; i < 80 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await mark.first().evaluate((el) => el === document.activeElement);
    }
    expect(focused, 'the mark is reachable with Tab').toBe(true);
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toContain(f!.explanation);
    await shot(page, 'highlight-focused');

    await phone.goto(`${h.url}/sessions/${id}`);
    const pmark = phone.locator(`.message-body mark[data-finding-ids~="${f!.id}"]`).first();
    await pmark.waitFor();
    const ptip = phone.locator(`#${await pmark.getAttribute('aria-describedby')}`);
    expect(await ptip.isVisible()).toBe(false);
    await pmark.tap();
    expect(await ptip.isVisible()).toBe(true);
    expect(await ptip.textContent()).toContain(f!.explanation);
    const box = (await ptip.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await shot(phone, 'highlight-tapped-390');
  });

  it('chart legends show the latest day until hovered, and count axes tick whole numbers only (1440)', async () => {
    const trends = (await h.api<{ dailyData: { date: string; totalIssues: number }[] }>('/api/trends?days=30')).body;
    const lastDay = trends.dailyData[trends.dailyData.length - 1];
    await page.goto(`${h.url}/trends`);
    const fig = page.locator('figure.chart', { has: page.locator('figcaption', { hasText: 'Issues per day' }) });
    await fig.locator('.u-legend').waitFor();
    await page.mouse.move(2, 2);
    const legend = async (f: typeof fig) =>
      Object.fromEntries(await f.locator('.u-legend .u-series').evaluateAll((rows) => rows.map((r) => [r.querySelector('.u-label')?.textContent ?? '', r.querySelector('.u-value')?.textContent ?? ''])));
    const shown = await legend(fig);
    expect(shown.Day).toMatch(new RegExp(`^${lastDay.date}`));
    expect(shown.Issues).toBe(fmtInt(lastDay.totalIssues));
    expect(Object.values(shown)).not.toContain('—');

    // A new end user with one question: a near-empty count chart whose top value is 1.
    const id = `e2e-ticks-${Date.now()}`;
    const user = `e2e-ticks-user-${Date.now()}`;
    const sent = await h.api(`/api/sessions/${id}/messages`, { method: 'POST', body: { messageId: `${id}-m1`, role: 'user', content: 'How do I reset my password?', userId: user } });
    expect(sent.status).toBe(201);
    const u = (await h.api<{ activity: { date: string; queries: number; findings: number }[] }>(`/api/users/${user}`)).body;
    const latest = u.activity[u.activity.length - 1];
    expect(Math.max(...u.activity.map((d) => Math.max(d.queries, d.findings)))).toBe(1);
    await page.goto(`${h.url}/users/${user}`);
    const chart = page.locator('figure.chart').first();
    await chart.locator('.u-legend').waitFor();
    await page.mouse.move(2, 2);
    const values = await legend(chart);
    expect(values.Day).toBe(`${latest.date} (today, so far)`);
    expect(values.Queries).toBe(String(latest.queries));
    expect(values.Findings).toBe(String(latest.findings));
    const ticks = ((await chart.locator('.chart-box').getAttribute('data-y-ticks')) ?? '').split(' ');
    expect(ticks.length).toBeGreaterThan(1);
    for (const t of ticks) expect(t, `y tick ${t}`).toMatch(/^\d+$/);
    await shot(page, 'chart-legend-latest');
  });

  it('uploads: a refused format names the Format menu without escapes, "1 error" is singular (1440)', async () => {
    await page.goto(`${h.url}/uploads`);
    await page.getByRole('heading', { name: 'Uploads', exact: true }).waitFor();
    const stamp = Date.now();
    await page.getByTestId('upload-input').setInputFiles({ name: `words-${stamp}.txt`, mimeType: 'text/plain', buffer: Buffer.from('just some words\nand a second line\n') });
    const refused = page.locator(`[data-testid="transfers"] [data-filename="words-${stamp}.txt"] .form-error`);
    await refused.waitFor();
    const text = (await refused.textContent()) ?? '';
    expect(text).toContain('could not recognise the format');
    expect(text).toContain('Choose a format in the Format menu');
    expect(text).not.toContain('\\n');
    expect(text).not.toContain('format=');
    expect(text).toContain('"just some words"');

    const t0 = new Date(stamp - 60_000).toISOString();
    const body = [JSON.stringify({ sessionId: `e2e-err-${stamp}`, role: 'user', content: 'Where is my invoice?', timestamp: t0 }), '{"sessionId": "broken', ''].join('\n');
    await page.getByTestId('upload-input').setInputFiles({ name: `one-bad-${stamp}.jsonl`, mimeType: 'application/x-ndjson', buffer: Buffer.from(body) });
    const transfer = page.locator(`[data-testid="transfers"] [data-filename="one-bad-${stamp}.jsonl"]`);
    await transfer.locator('[data-upload-status="done"], [data-upload-status="failed"]').waitFor({ timeout: 20_000 });
    const list = await h.api<{ uploads: { id: number; filename: string; errorCount: number }[] }>('/api/uploads');
    const mine = list.body.uploads.find((u) => u.filename === `one-bad-${stamp}.jsonl`)!;
    expect(mine.errorCount).toBe(1);
    expect(await transfer.locator('.text-bad').textContent()).toBe(' · 1 error');
    expect(await transfer.textContent()).toContain('2 lines · 1 turn · 1 session · 1 error');
    const row = page.locator(`[data-testid="uploads-table"] tr[data-upload-id="${mine.id}"]`);
    await row.waitFor();
    expect(await row.locator('summary').textContent()).toBe('1 line error');
    await shot(page, 'uploads-refusals');
  });

  it('uploads: an analyst sees no drop zone, only that admins upload (1440)', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const p = await ctx.newPage();
      p.setDefaultTimeout(10_000);
      await signIn(p, h.url, h.seed.analystEmail, h.seed.analystPassword);
      await p.goto(`${h.url}/uploads`);
      await p.getByTestId('uploads-read-only').waitFor();
      expect(await p.getByRole('region', { name: 'Upload transcripts' }).count()).toBe(0);
      expect(await p.getByTestId('upload-input').count()).toBe(0);
      expect(await p.getByRole('button', { name: /Choose files/ }).count()).toBe(0);
      // They still follow the uploads (the admin's from the test above).
      await p.getByTestId('uploads-table').waitFor();
      await shot(p, 'uploads-analyst');
    } finally {
      await ctx.close();
    }
  });
});
