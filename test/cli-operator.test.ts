/**
 * An operator's day with the command line, as real processes on a real SQLite file, checked
 * through the HTTP API of a server reading the same file: listing companies, accounts and keys,
 * deactivating an account, revoking a key, the demo key that `npm start` reuses, and the
 * commands that read CHATLENS_URL / CHATLENS_API_KEY.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connect.js';
import { sqliteDialect } from '../src/db/dialect/sqlite.js';
import type { Database } from '../src/db/connect.js';
import { type TestServer, client, startTestServer } from './helpers/app.js';

const run = promisify(execFile);
const ROOT = path.resolve('.');
const BIN = path.join(ROOT, 'bin/chatlens.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-ops-'));
const db = path.join(dir, 'ops.db');
/** The child's environment: no CHATLENS_* / DATABASE_URL from the caller, the data directory here. */
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(CHATLENS_|DATABASE_URL$)/.test(k)));
const env = { ...baseEnv, LOG_LEVEL: 'silent', CHATLENS_DATA_DIR: dir };

async function chatlens(args: string[], extraEnv: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const onDb = (...args: string[]) => chatlens([...args, '--db', db]);

/** `serve --demo` on a free port; resolves with what it printed on stdout once it listens. */
async function serveDemo(): Promise<{ proc: ChildProcess; url: string; banner: string }> {
  const proc = spawn(process.execPath, [BIN, 'serve', '--demo', '--port', '0', '--db', db], { env, cwd: dir });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    proc.stderr!.on('data', (d) => {
      err += d;
      const m = /running on (http:\/\/\S+)/.exec(err);
      // The banner follows the "running on" line on stdout.
      if (m) setTimeout(() => resolve({ proc, url: m[1], banner: out }), 200);
    });
    proc.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

describe('chatlens for operators', () => {
  let database: Database;
  let server: TestServer;
  let companyId: number;
  beforeAll(async () => {
    expect((await onDb('migrate')).code).toBe(0);
    companyId = Number((await onDb('companies', 'create', '--name', 'Acme Ops')).stdout.trim());
    await onDb('companies', 'create', '--name', 'Beta, Inc.');
    database = await openDatabase(sqliteDialect(db));
    server = await startTestServer(database);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints its version and help', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect((await chatlens(['--version'])).stdout).toBe(`${version}\n`);
    const help = await chatlens(['--help']);
    for (const cmd of ['serve', 'companies', 'accounts', 'keys', 'upload', 'analyze', 'worker']) expect(help.stdout).toContain(cmd);
    const keysHelp = await chatlens(['keys', '--help']);
    for (const sub of ['create', 'list', 'revoke']) expect(keysHelp.stdout).toContain(sub);
  });

  it('lists companies as a table and as JSON', async () => {
    const table = await onDb('companies', 'list');
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+name\s+policy\s+created$/);
    expect(lines[1]).toMatch(new RegExp(`^${companyId}\\s+Acme Ops\\s+standard\\s+\\d{4}-`));
    const json = JSON.parse((await onDb('companies', 'list', '--json')).stdout);
    expect(json.map((c: { name: string }) => c.name)).toEqual(['Acme Ops', 'Beta, Inc.']);
  });

  it('deactivates an account: it can no longer sign in, and lists as inactive; activate undoes it', async () => {
    const id = (await onDb('accounts', 'create', '--company', String(companyId), '--email', 'ana@ops.test', '--role', 'analyst', '--password', 'long-enough')).stdout.trim();
    const login = () => client(server.url).post('/api/auth/login', { email: 'ana@ops.test', password: 'long-enough' });
    expect((await login()).status).toBe(200);

    const off = await onDb('accounts', 'deactivate', id, '--company', String(companyId));
    expect(off.code).toBe(0);
    expect(off.stderr).toMatch(/ana@ops\.test\) is deactivated/);
    expect((await login()).status).toBe(401);
    const listed = JSON.parse((await onDb('accounts', 'list', '--json')).stdout);
    expect(listed).toContainEqual(expect.objectContaining({ id: Number(id), email: 'ana@ops.test', active: false }));
    expect((await onDb('accounts', 'list', '--company', String(companyId))).stdout).toMatch(/ana@ops\.test\s+analyst\s+false/);

    expect((await onDb('accounts', 'activate', id, '--company', String(companyId))).code).toBe(0);
    expect((await login()).status).toBe(200);

    const wrongCompany = await onDb('accounts', 'deactivate', id, '--company', String(companyId + 1));
    expect(wrongCompany.code).not.toBe(0);
    expect(wrongCompany.stderr).toMatch(/account \d+ does not exist/);
  });

  it('lists keys without their secrets and revokes one: the API refuses it from then on', async () => {
    const key = (await onDb('keys', 'create', '--company', String(companyId), '--role', 'analyst', '--name', 'grafana')).stdout.trim();
    const platform = (await onDb('keys', 'create', '--platform-admin', '--name', 'ops')).stdout.trim();
    expect((await client(server.url, key).get('/api/trends?days=1')).status).toBe(200);

    const all = JSON.parse((await onDb('keys', 'list', '--json')).stdout) as { id: number; companyId: number | null; name: string; prefix: string }[];
    const listed = all.find((k) => k.name === 'grafana')!;
    expect(listed).toMatchObject({ companyId, prefix: key.slice(0, 12) });
    expect(all.find((k) => k.name === 'ops')).toMatchObject({ companyId: null });
    const table = (await onDb('keys', 'list', '--company', String(companyId))).stdout;
    expect(table).toContain('grafana');
    expect(table).not.toMatch(/\sops\s/);
    // The secret part of a key is never printed.
    expect(table).not.toContain(key.slice(17));

    const revoked = await onDb('keys', 'revoke', String(listed.id), '--company', String(companyId));
    expect(revoked.code).toBe(0);
    expect((await client(server.url, key).get('/api/trends?days=1')).status).toBe(401);
    expect((await onDb('keys', 'revoke', String(listed.id), '--company', String(companyId))).stderr).toMatch(/does not exist or is already revoked/);
    expect((await onDb('keys', 'revoke', String(listed.id))).stderr).toMatch(/give --company <id>, or --platform-admin/);

    const platformId = all.find((k) => k.name === 'ops')!.id;
    expect((await client(server.url, platform).get('/api/companies')).status).toBe(200);
    expect((await onDb('keys', 'revoke', String(platformId), '--platform-admin')).code).toBe(0);
    expect((await client(server.url, platform).get('/api/companies')).status).toBe(401);
  });

  it('npm start (serve --demo) shows the same admin key at every start, and revokes it when it issues another', async () => {
    const first = await serveDemo();
    await stop(first.proc);
    const key1 = /Admin API key:\s+(clk_\S+)/.exec(first.banner)?.[1];
    expect(key1, first.banner).toBeDefined();
    expect(first.banner).toMatch(/new: no key saved in demo-admin-key/);

    const second = await serveDemo();
    try {
      expect(/Admin API key:\s+(clk_\S+)/.exec(second.banner)?.[1]).toBe(key1);
      expect(second.banner).toMatch(/the same key as at earlier starts, kept in demo-admin-key/);
      expect((await client(second.url, key1).get('/api/trends?days=1')).status).toBe(200);
    } finally {
      await stop(second.proc);
    }

    // The saved key is gone: a new one is issued and the one it replaces stops working.
    fs.rmSync(path.join(dir, 'demo-admin-key'));
    const third = await serveDemo();
    try {
      const key3 = /Admin API key:\s+(clk_\S+)/.exec(third.banner)?.[1];
      expect(key3).toBeDefined();
      expect(key3).not.toBe(key1);
      expect(third.banner).toMatch(/1 earlier "npm start" key revoked/);
      expect((await client(third.url, key1).get('/api/trends?days=1')).status).toBe(401);
      expect((await client(third.url, key3).get('/api/trends?days=1')).status).toBe(200);
      expect(fs.readFileSync(path.join(dir, 'demo-admin-key'), 'utf8').trim()).toBe(key3);
      expect(fs.statSync(path.join(dir, 'demo-admin-key')).mode & 0o777).toBe(0o600);
    } finally {
      await stop(third.proc);
    }
  }, 60_000);

  it('upload takes the server and key from CHATLENS_URL / CHATLENS_API_KEY, and says so when neither is given', async () => {
    const key = (await onDb('keys', 'create', '--company', String(companyId), '--role', 'ingest')).stdout.trim();
    const file = path.join(dir, 'chats.jsonl');
    fs.writeFileSync(file, '{"sessionId":"up-1","role":"user","content":"Hello there","timestamp":"2026-01-02T10:00:00Z"}\n');
    const sent = await chatlens(['upload', file, '--no-progress', '--json'], { CHATLENS_URL: server.url, CHATLENS_API_KEY: key });
    expect(sent.code, sent.stderr).toBe(0);
    expect(JSON.parse(sent.stdout).upload).toMatchObject({ status: 'done', turnsProcessed: 1 });

    const noUrl = await chatlens(['upload', file]);
    expect(noUrl.code).not.toBe(0);
    expect(noUrl.stderr).toMatch(/give the server with --url or CHATLENS_URL/);
    const noKey = await chatlens(['upload', file], { CHATLENS_URL: server.url });
    expect(noKey.stderr).toMatch(/give an API key with --key or CHATLENS_API_KEY/);
    const badUrl = await chatlens(['upload', file], { CHATLENS_URL: 'localhost:8080', CHATLENS_API_KEY: key });
    expect(badUrl.stderr).toMatch(/CHATLENS_URL must be an http:\/\/ or https:\/\/ URL/);
  }, 60_000);

  it('analyze reads the format it is given instead of guessing', async () => {
    const file = path.join(dir, 'export.txt');
    fs.writeFileSync(file, 'conversation_id,speaker,text\nc1,customer,"You are a fucking idiot, shut up"\nc1,bot,I am sorry to hear that.\n');
    const asCsv = await chatlens(['analyze', file, '--format', 'csv', '--json']);
    expect(asCsv.code).toBe(0);
    expect(asCsv.stdout.trim().split('\n').map((l) => JSON.parse(l).sessionId)).toContain('c1');
    const asOpenAi = await chatlens(['analyze', file, '--format', 'openai-jsonl']);
    expect(asOpenAi.code).not.toBe(0);
    expect(asOpenAi.stderr).toMatch(/format openai-jsonl expects JSON/);
    const unknown = await chatlens(['analyze', file, '--format', 'xml']);
    expect(unknown.stderr).toMatch(/--format must be one of chatlens-jsonl, json, csv, openai-jsonl, sharegpt, auto/);
  });
});
