/**
 * The SDK in a real browser: Chromium loads the built `dist/client/*.js` as ES modules from a page
 * whose origin also forwards `/api/*` to the real server (so no cross-origin setup is involved),
 * and uses it there — no bundler, no Node built-ins, no `process`.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Tenant, closedPort, newTenant, useTestServer } from '../helpers/app.js';
import { DIALECTS } from '../helpers/db.js';
import { CHROMIUM, ROOT, assertChromium } from './harness.js';

const SDK = path.join(ROOT, 'dist', 'client');

/** Serves a blank page and the SDK's files, and forwards everything else to Chatlens. */
async function startOrigin(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const url = req.url ?? '/';
    if (url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      // The page imports the SDK as any web app would; tests reach it as window.chatlensSdk.
      return res.end(`<!doctype html><title>SDK in a browser</title><script type="module">import * as sdk from '/sdk/index.js'; window.chatlensSdk = sdk;</script>`);
    }
    if (url.startsWith('/sdk/')) {
      const file = path.join(SDK, path.basename(url));
      if (!file.endsWith('.js') || !fs.existsSync(file)) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(fs.readFileSync(file));
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'content-length', 'origin', 'referer'].includes(k)) headers[k] = v;
    const upstream = await fetch(`${target}${url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

describe('the SDK in Chromium', () => {
  const ctx = useTestServer(DIALECTS[0]);
  let origin: { url: string; close(): Promise<void> };
  let browser: Browser;
  let t: Tenant;
  beforeAll(async () => {
    assertChromium();
    origin = await startOrigin(ctx.url);
    t = await newTenant(ctx.db);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close().catch(() => {});
    await origin?.close();
  });

  it('records turns, batches events, reads trends and maps errors, with the built SDK as plain ES modules', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    // Failed requests (the 403 and the refused connection below, a favicon) are logged as network errors; anything else is a problem.
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
    await page.goto(`${origin.url}/`);
    await page.waitForFunction(() => 'chatlensSdk' in window);
    const result = await page.evaluate(
      async ({ ingestKey, analystKey, closedUrl }) => {
        const sdk = (window as unknown as { chatlensSdk: typeof import('../../src/client/index.js') }).chatlensSdk;
        let noEnv = '';
        try {
          new sdk.ChatlensClient();
        } catch (err) {
          noEnv = (err as Error).message;
        }
        const chatlens = new sdk.ChatlensClient({ baseUrl: location.origin, apiKey: ingestKey });
        const sessionId = await chatlens.startSession({ userId: 'browser-user' });
        const turn = await chatlens.recordTurn(sessionId, { role: 'user', content: 'Hello from Chromium' });
        const buffer = chatlens.createIngestBuffer({ maxBatch: 5, flushIntervalMs: 50 });
        for (let i = 0; i < 12; i++) buffer.recordTurn(sessionId, { role: i % 2 ? 'assistant' : 'user', content: `b${i}` });
        const stats = await buffer.shutdown();
        const reader = new sdk.ChatlensClient({ baseUrl: location.origin, apiKey: analystKey });
        const transcript = await reader.session(sessionId);
        const trends = await reader.trends(3);
        const forbidden = (await chatlens.trends(3).catch((e: unknown) => e)) as { status: number; requestId: string | null };
        const refused = await new sdk.ChatlensClient({ baseUrl: closedUrl, apiKey: 'k', maxRetries: 0 }).trends(1).catch((e: unknown) => e);
        return {
          noEnv,
          messageId: turn.message.id,
          stats,
          messages: transcript.messages.length,
          days: trends.dailyData.length,
          forbidden: { isForbidden: forbidden instanceof sdk.ForbiddenError, status: forbidden.status, requestId: forbidden.requestId },
          refused: refused instanceof sdk.ConnectionError,
          hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
        };
      },
      { ingestKey: t.ingest, analystKey: t.analyst, closedUrl: await closedPort() },
    );
    expect(result.hasProcess).toBe(false);
    expect(result.noEnv).toBe('ChatlensClient needs the server URL: pass { baseUrl } or set CHATLENS_URL');
    expect(result.messageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.stats).toEqual({ queued: 0, delivered: 12, rejected: 0 });
    expect(result.messages).toBe(13);
    expect(result.days).toBe(3);
    expect(result.forbidden).toMatchObject({ isForbidden: true, status: 403 });
    expect(result.forbidden.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.refused).toBe(true);
    expect(problems).toEqual([]);
  }, 60_000);
});
