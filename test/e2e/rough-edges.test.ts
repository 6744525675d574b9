/**
 * The dashboard's rough edges (issue 14, section 5), each checked in Chromium at the width where it
 * was seen: an unknown session reads "not found" and error boxes carry the request id. Real server,
 * demo data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { type Harness, shot, signIn, startHarness } from './harness.js';

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
});
