/** The command line as a new user runs it: real processes against a new database. */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { client } from './helpers/app.js';

const run = promisify(execFile);
const BIN = path.resolve('bin/chatlens.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-cli-'));
const db = path.join(dir, 'cli.db');

async function chatlens(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args, '--db', db], { env: { ...process.env, LOG_LEVEL: 'silent' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Starts `chatlens serve` on a free port and resolves with the process and its URL once it listens. */
async function serve(): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', db], { env: { ...process.env, LOG_LEVEL: 'silent' } });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    proc.stderr!.on('data', (d) => {
      err += d;
      const m = /running on (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return { proc, url };
}

/** Sends SIGTERM and waits for the process to exit; a process manager stops servers this way. */
function stop(proc: ChildProcess): Promise<number | null> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(proc.exitCode);
  return new Promise((resolve) => {
    proc.once('exit', (code) => resolve(code));
    proc.kill('SIGTERM');
  });
}

/** Every live process below `pid`, read from /proc (ppid is the 4th field of /proc/<pid>/stat). */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* exited while we looked */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parentOf) if (parent === p) {
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('chatlens CLI', () => {
  let server: ChildProcess | null = null;
  afterAll(async () => {
    if (server) await stop(server);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates a company, an account and keys, printing each alone on stdout', async () => {
    expect((await chatlens('migrate')).code).toBe(0);
    const company = await chatlens('companies', 'create', '--name', 'Acme');
    expect(company.stdout).toBe('1\n');
    const account = await chatlens('accounts', 'create', '--company', '1', '--email', 'ana@acme.test', '--role', 'analyst', '--password', 'long-enough');
    expect(account.stdout).toBe('1\n');
    const key = await chatlens('keys', 'create', '--company', '1', '--role', 'ingest');
    expect(key.stdout).toMatch(/^clk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}\n$/);
    const platform = await chatlens('keys', 'create', '--platform-admin');
    expect(platform.stdout).toMatch(/^clk_\S+\n$/);
  }, 60_000);

  it('analyses any uploadable export offline, CSV and gzip included', async () => {
    const csv = path.join(dir, 'chats.csv');
    fs.writeFileSync(csv, 'conversation_id,speaker,text\nc1,customer,"You are a fucking idiot, shut up"\nc1,bot,I am sorry to hear that.\n');
    const res = await run(process.execPath, [BIN, 'analyze', csv, '--json']);
    const findings = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(findings.some((f) => f.category === 'toxicity' && f.sessionId === 'c1' && f.role === 'user')).toBe(true);
    for (const f of findings) expect(f.spans.every((s: { text: string }) => 'You are a fucking idiot, shut up'.includes(s.text))).toBe(true);

    const gz = path.join(dir, 'chats.jsonl.gz');
    fs.writeFileSync(gz, zlib.gzipSync('{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"Hello!"}]}\nnot json\n'));
    const table = await run(process.execPath, [BIN, 'analyze', gz]);
    expect(table.stdout).toMatch(/2 turns analysed, 0 findings/);
    expect(table.stderr).toMatch(/chats\.jsonl\.gz:2: invalid JSON/);
  }, 60_000);

  it('explains bad arguments and exits non-zero', async () => {
    const badRole = await chatlens('keys', 'create', '--company', '1', '--role', 'root');
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toMatch(/--role must be one of admin, analyst, ingest/);
    const noCompany = await chatlens('keys', 'create', '--company', '99', '--role', 'admin');
    expect(noCompany.code).not.toBe(0);
    expect(noCompany.stderr).toMatch(/company 99 does not exist/);
  }, 60_000);

  it('loads demo data, verifies rollups and serves it over HTTP', async () => {
    const seeded = await chatlens('seed-demo', '--companies', '1', '--days', '3');
    expect(seeded.code).toBe(0);
    const key = seeded.stdout.trim();
    expect(key).toMatch(/^clk_/);
    expect((await chatlens('rollups', 'verify')).stdout).toMatch(/no differences/);

    const started = await serve();
    server = started.proc;
    const url = started.url;
    const trends = await client(url, key).get('/api/trends?days=3');
    expect(trends.status).toBe(200);
    expect(trends.body.dailyData).toHaveLength(3);
  }, 90_000);

  it('stops the server when its command is sent SIGTERM, leaving no process behind', async () => {
    const { proc, url } = await serve();
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const below = descendants(proc.pid!);
    expect(await stop(proc)).toBe(0);
    // The port is closed and nothing the command started lives on.
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    for (const pid of below) expect(alive(pid), `process ${pid} outlived chatlens serve`).toBe(false);
  }, 90_000);
});
