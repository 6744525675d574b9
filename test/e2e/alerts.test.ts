/**
 * Alerts and data controls in the dashboard, in the system Chromium: an admin adds a webhook
 * pointing at a local receiver, sends a test event and sees the delivery with its answer; erases
 * a session and finds the erasure in the audit log.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, shot, signIn, startHarness } from './harness.js';

let h: Harness;
let page: Page;
let receiver: http.Server;
let receiverUrl = '';
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/chatlens`;
  h = await startHarness();
  const context = await h.browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, h.url, h.seed.adminEmail, h.seed.adminPassword);
}, 180_000);

afterAll(async () => {
  await h?.close();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

describe('alerts and data (admin)', () => {
  it('configures a webhook, sends a test event and sees the signed delivery answered', async () => {
    await page.goto(`${h.url}/settings?tab=webhooks`);
    await page.getByRole('tab', { name: 'Webhooks' }).waitFor();
    await page.getByLabel('URL').fill(receiverUrl);
    await page.getByLabel('Findings at or above').selectOption('high');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await page.getByTestId('new-webhook-secret-value').textContent())!;
    expect(secret).toMatch(/^whsec_/);

    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByTestId('delivery-status').filter({ hasText: 'delivered' }).waitFor();
    expect(await page.getByTestId('delivery-attempt').first().textContent()).toContain('HTTP 200');
    await shot(page, 'settings-webhooks');

    expect(received).toHaveLength(1);
    const { headers, body } = received[0];
    const expected = `v1=${createHmac('sha256', secret).update(`${headers['x-chatlens-timestamp']}.${body}`).digest('hex')}`;
    expect(headers['x-chatlens-signature']).toBe(expected);
    expect(JSON.parse(body).type).toBe('test');

    // The secret is not shown again after a reload.
    await page.reload();
    await page.getByText(receiverUrl).waitFor();
    expect(await page.content()).not.toContain(secret);
  });

  it('erases a session and shows the erasure in the audit log', async () => {
    const since = encodeURIComponent(new Date(Date.now() - 60 * 86_400_000).toISOString());
    const monitor = await h.api<{ sessions: { id: string }[] }>(`/api/monitor/sessions?since=${since}&limit=1`);
    const id = monitor.body.sessions[0].id;
    await page.goto(`${h.url}/settings?tab=data`);
    await page.getByRole('heading', { name: 'Erase' }).waitFor();
    await page.getByLabel('What').selectOption('session');
    await page.getByLabel('Session id').fill(id);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Erase', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Erased 1 sessions' }).waitFor();
    await page.getByTestId('audit-table').getByText(id).waitFor();
    expect(await page.getByTestId('audit-table').textContent()).toContain('erase.session');
    expect((await h.api(`/api/sessions/${encodeURIComponent(id)}`)).status).toBe(404);
    await shot(page, 'settings-data');
  });

  it('at 390 px the webhook and data settings fit the screen and the open tab is in sight', async () => {
    const narrow = await (await h.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signIn(narrow, h.url, h.seed.adminEmail, h.seed.adminPassword);
    for (const [tab, heading] of [['webhooks', 'Add a webhook'], ['data', 'Audit log']] as const) {
      await narrow.goto(`${h.url}/settings?tab=${tab}`);
      await narrow.getByRole('heading', { name: heading }).waitFor();
      if (tab === 'webhooks') {
        await narrow.getByRole('button', { name: 'Deliveries' }).first().click();
        await narrow.getByTestId('deliveries-table').waitFor();
      }
      expect(await narrow.evaluate(() => document.documentElement.scrollWidth), tab).toBeLessThanOrEqual(390);
      const box = await narrow.getByRole('tab', { selected: true }).boundingBox();
      expect(box!.x + box!.width, tab).toBeLessThanOrEqual(390);
      expect(box!.x, tab).toBeGreaterThanOrEqual(0);
    }
    await shot(narrow, 'settings-data-390');
  });
});
