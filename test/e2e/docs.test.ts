/**
 * The API reference at /docs still works under its Content-Security-Policy: a real browser loads
 * it, renders the operations, and reports no CSP violation.
 */
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useTestServer } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';
import { CHROMIUM, assertChromium } from './harness.js';

const ctx = useTestServer(DIALECTS[0]);
let browser: Browser;
beforeAll(async () => {
  assertChromium();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
});
afterAll(async () => {
  await browser?.close();
});

it('renders the API reference with no Content-Security-Policy violation', async () => {
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto(`${ctx.url}/docs`);
  expect(res?.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  await page.getByText('Chatlens API').first().waitFor({ timeout: 15_000 });
  await page.locator('.opblock-summary-path', { hasText: '/api/trends' }).first().waitFor({ timeout: 15_000 });
  expect(violations).toEqual([]);
  await page.close();
}, 60_000);
