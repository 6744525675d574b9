/**
 * End-to-end harness: builds the dashboard, starts the real server in-process on a fresh SQLite
 * file with demo data, and launches the system Chromium through playwright-core.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, type Page, chromium } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type SeedResult, seedDemo } from '../../src/demo/seed.js';
import { type Runtime, openRuntime } from '../../src/runtime.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');

export function assertChromium(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the dashboard end-to-end tests need it. ` +
        'Install the system package (Debian/Ubuntu: `apt-get install -y chromium`); never download a browser through playwright.',
    );
  }
}

/** Vite takes about a second; building every run means the tests never check a stale bundle. */
export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'web', 'vite.config.ts'), logLevel: 'error' });
}

export interface Harness {
  url: string;
  app: FastifyInstance;
  runtime: Runtime;
  seed: SeedResult;
  browser: Browser;
  /** GET on the public API with the demo admin key. */
  api<T = unknown>(pathAndQuery: string, init?: { method?: string; body?: unknown; key?: string }): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  assertChromium();
  await buildWeb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-e2e-'));
  const config = loadConfig({ CHATLENS_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const runtime = await openRuntime({ sqlitePath: path.join(dir, 'chatlens.db') });
  const seed = await seedDemo(runtime.database.db, runtime.engine, { companies: 2, days: 30 });
  const app = await buildApp({ config, database: runtime.database, engine: runtime.engine });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url,
    app,
    runtime,
    seed,
    browser,
    async api(p, init = {}) {
      const res = await fetch(url + p, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${init.key ?? seed.adminKey}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as never };
    },
    async close() {
      await browser.close().catch(() => {});
      await app.close();
      await runtime.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url + '/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** How the dashboard prints numbers (en-US), so assertions compare with API values. */
export const fmtInt = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n);
export const fmtRate = (r: number) => `${(r * 100).toFixed(2)}%`;
