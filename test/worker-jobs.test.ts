/**
 * `chatlens worker` as a real process on a SQLite file runs every kind of background job, not only
 * uploads: a webhook delivery that failed under a server (since closed) is retried and delivered by
 * the worker, and a company's retention is applied by it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connect.js';
import { sqliteDialect } from '../src/db/dialect/sqlite.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { client, newTenant } from './helpers/app.js';
import { markerEngine } from './helpers/test-engine.js';

const BIN = path.resolve('bin/chatlens.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-worker-jobs-'));
const file = path.join(dir, 'jobs.db');
const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(CHATLENS_|DATABASE_URL$)/.test(k))), LOG_LEVEL: 'silent', CHATLENS_DATA_DIR: dir };

let worker: ChildProcess | null = null;
afterAll(async () => {
  if (worker && worker.exitCode === null) {
    await new Promise<void>((resolve) => {
      worker!.once('exit', () => resolve());
      worker!.kill('SIGTERM');
    });
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Waits for a condition the worker brings about (no time is asserted; the deadline only stops a hang). */
async function until(what: string, check: () => Promise<boolean>, deadlineMs = 60_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`the worker did not get there: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('chatlens worker', () => {
  it('retries a webhook delivery left by a closed server and applies retention', async () => {
    const statuses = [500];
    const received: string[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(body);
        res.writeHead(statuses.shift() ?? 200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const database = await openDatabase(sqliteDialect(file));
      await migrateToLatest(database.db, database.dialect);
      // The server's clock is a minute behind, so the retry it plans is already due for the worker.
      const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, engine: markerEngine, clock: () => new Date(Date.now() - 60_000), uploads: { workers: 0 } });
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      const t = await newTenant(database.db);
      const admin = client(url, t.admin);
      const hook = (await admin.post('/api/webhooks', { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`, events: { sessionViolation: true } })).body.webhook;
      await admin.post(`/api/webhooks/${hook.id}/test`);
      await app.uploadJobs.idle();
      expect(received).toHaveLength(1);
      const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
      await client(url, t.ingest).post('/api/ingest', { events: [{ id: 'e1', type: 'message', timestamp: old, sessionId: 'old', messageId: 'm1', role: 'user', content: 'long ago', userId: 'u1' }] });
      // Retention is set while no job loop runs: the worker is the one to apply it.
      await database.db.updateTable('companies').set({ retention_days: 30 }).where('id', '=', t.companyId).execute();
      await app.close();

      worker = spawn(process.execPath, [BIN, 'worker', '--db', file, '--poll-ms', '50', '--no-workers'], { env, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      await until('the delivery is retried', async () => received.length >= 2);
      await until('the delivery is recorded as delivered', async () => {
        const d = await database.db.selectFrom('webhook_deliveries').select('status').where('webhook_id', '=', hook.id).executeTakeFirst();
        return d?.status === 'delivered';
      });
      await until('the expired session is deleted', async () => (await database.db.selectFrom('chat_sessions').select('id').where('company_id', '=', t.companyId).execute()).length === 0);
      expect(JSON.parse(received[1]).id).toBe(JSON.parse(received[0]).id);
      const attempts = await database.db.selectFrom('webhook_attempts').select(['attempt', 'status_code']).where('company_id', '=', t.companyId).orderBy('attempt').execute();
      expect(attempts.map((a) => Number(a.status_code))).toEqual([500, 200]);
      await database.close();
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  }, 120_000);
});
