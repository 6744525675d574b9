/**
 * Chatlens as another project installs it: `npm pack`, then `npm ci` of the tarball into a new
 * project outside this checkout, offline. From there, with nothing of this checkout on the module
 * resolution path (no tsx, no TypeScript loader):
 * - the installed `chatlens` command runs the built JavaScript: version, help, migrate, serve;
 * - an ESM JavaScript file imports `chatlens/client` and uses it against that server (URL and key
 *   from CHATLENS_URL / CHATLENS_API_KEY);
 * - a TypeScript file using the SDK type-checks with `moduleResolution` `node16` and `bundler`,
 *   strict, with the libraries' declarations checked too and no Node types (as in a browser app);
 * - the SDK's JavaScript imports nothing outside itself (no Node built-ins, no server code).
 *
 * Offline install: the new project's lockfile lists this project's production dependencies
 * exactly as package-lock.json pins them, so `npm ci --offline` takes every package from npm's
 * cache (filled by this checkout's own `npm ci`). Install scripts are skipped: the only one that
 * matters, better-sqlite3's native build, takes a minute of compiling; its compiled addon is copied
 * from this checkout's node_modules instead (same version, same Node).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve('.');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-package-'));
const consumer = path.join(work, 'consumer');
const bin = path.join(consumer, 'node_modules', '.bin', 'chatlens');
/** The children's environment: nothing that would add a loader or point at this checkout. */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NODE_OPTIONS|NODE_PATH|CHATLENS_|DATABASE_URL$|npm_)/.test(k)));

async function sh(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string | undefined> }) {
  try {
    return await run(cmd, args, { cwd: opts.cwd, env: { ...env, ...opts.env }, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/**
 * Packs what package.json's `files` ships (dist/ is built by the test run's global setup). It packs
 * a copy rather than the checkout so that a dashboard build running meanwhile (the e2e tests
 * rebuild web/dist) cannot change files under npm's feet; the dashboard is not needed here.
 */
async function pack(): Promise<string> {
  const stage = path.join(work, 'stage');
  fs.mkdirSync(stage);
  for (const entry of pkg.files as string[]) {
    if (entry.startsWith('!') || entry === 'web/dist') continue;
    fs.cpSync(path.join(ROOT, entry), path.join(stage, entry), { recursive: true });
  }
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(stage, 'package.json'));
  const { stdout } = await sh('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: stage });
  return path.join(work, stdout.trim().split('\n').at(-1)!);
}

/** The new project: depends on the tarball; its lockfile pins this project's production dependencies. */
function writeConsumer(tarball: string): void {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  const spec = `file:../${path.basename(tarball)}`;
  const integrity = `sha512-${createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', dependencies: { chatlens: spec } },
    'node_modules/chatlens': { version: pkg.version, resolved: spec, integrity, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
  };
  for (const [k, v] of Object.entries(lock.packages as Record<string, { dev?: boolean; devOptional?: boolean }>)) {
    if (k.startsWith('node_modules/') && !v.dev && !v.devOptional) packages[k] = v;
  }
  fs.mkdirSync(consumer);
  fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { chatlens: spec } }, null, 2));
  fs.writeFileSync(path.join(consumer, 'package-lock.json'), JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }, null, 2));
}

const USE_MJS = `
import { ChatlensClient, ConnectionError } from 'chatlens/client';

const chatlens = new ChatlensClient(); // CHATLENS_URL, CHATLENS_API_KEY
const sessionId = await chatlens.startSession({ userId: 'pkg-user' });
const turn = await chatlens.recordTurn(sessionId, { role: 'user', content: 'Hello from an installed SDK' });
const buffer = chatlens.createIngestBuffer({ maxBatch: 10, flushIntervalMs: 60000 });
for (let i = 0; i < 25; i++) buffer.recordTurn(sessionId, { role: i % 2 ? 'assistant' : 'user', content: 'm' + i });
const stats = await buffer.shutdown();
const transcript = await chatlens.session(sessionId);
const trends = await chatlens.trends(7);
let refused = null;
try {
  await new ChatlensClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'k', maxRetries: 0 }).trends(1);
} catch (err) {
  refused = err instanceof ConnectionError ? err.name : String(err);
}
console.log(JSON.stringify({ sessionId, messageId: turn.message.id, stats, messages: transcript.messages.length, days: trends.dailyData.length, refused }));
`;

const USE_TS = `
import {
  ChatlensClient,
  ConflictError,
  ConnectionError,
  IngestBuffer,
  mergeUsage,
  messageEvent,
  type Category,
  type IngestEvent,
  type MonitorSession,
  type Subtype,
  type Trends,
} from 'chatlens/client';

export async function main(signal: AbortSignal): Promise<string[]> {
  const chatlens = new ChatlensClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: 'clk_x', timeoutMs: 5_000, maxRetries: 3 });
  const sessionId: string = await chatlens.startSession({ userId: 'u1' });
  const turn = await chatlens.recordTurn(sessionId, { role: 'user', content: 'hi' }, { signal, timeoutMs: 1_000 });
  const ended: 'user' | 'violation' | null = turn.session.endedReason;
  const trends: Trends = await chatlens.trends(7);
  const flagged: number = trends.dailyData[0].toxicityFlagged;
  const sessions: MonitorSession[] = [];
  for await (const s of chatlens.monitorSessions({ limit: 10 })) sessions.push(s);
  for await (const f of chatlens.iterateFlaggedTurns({ category: 'bias', days: 7 })) console.log(f.subtype);
  const report = await chatlens.reporting.chatSessions({ start_date: '2026-01-01' });
  const rows = mergeUsage({ chatSessions: report });
  const buffer: IngestBuffer = chatlens.createIngestBuffer({ maxBatch: 10 });
  const event: IngestEvent = messageEvent(sessionId, { role: 'assistant', content: 'x', model: 'gpt-4o' });
  buffer.add(event);
  await buffer.shutdown();
  const category: Category = 'toxicity';
  const subtype: Subtype = 'PROFANITY';
  // @ts-expect-error: categories are a closed union
  const notACategory: Category = 'rudeness';
  // @ts-expect-error: subtypes are a closed union
  const notASubtype: Subtype = 'SWEARING';
  // @ts-expect-error: start_date is required by the server
  await chatlens.reporting.tools({});
  // @ts-expect-error: roles are a closed union
  await chatlens.recordTurn(sessionId, { role: 'robot', content: 'x' });
  // @ts-expect-error: feedback kinds are a closed union
  await chatlens.feedback(turn.message.id, 'love');
  try {
    await chatlens.endSession(sessionId);
  } catch (err) {
    if (err instanceof ConflictError) return [err.code, String(err.requestId)];
    if (err instanceof ConnectionError) return [err.message, String(err.attempts)];
  }
  return [String(ended), String(flagged), String(rows.length), category, subtype, notACategory, notASubtype];
}
`;

function tsconfig(resolution: 'node16' | 'bundler') {
  return {
    compilerOptions: {
      target: 'ES2022',
      module: resolution === 'node16' ? 'Node16' : 'ESNext',
      moduleResolution: resolution === 'node16' ? 'Node16' : 'Bundler',
      strict: true,
      noEmit: true,
      // The libraries' declarations are checked too, and without Node's types, as a browser app would.
      skipLibCheck: false,
      lib: ['ES2022', 'DOM'],
      types: [],
    },
    files: ['use.ts'],
  };
}

describe('the package, installed in another project', () => {
  let server: ChildProcess | null = null;
  beforeAll(async () => {
    const tarball = await pack();
    writeConsumer(tarball);
    await sh('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: consumer });
    const addon = path.join('build', 'Release', 'better_sqlite3.node');
    fs.mkdirSync(path.join(consumer, 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true });
    fs.copyFileSync(path.join(path.dirname(require.resolve('better-sqlite3/package.json')), addon), path.join(consumer, 'node_modules', 'better-sqlite3', addon));
  }, 180_000);
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('ships built JavaScript with declarations and no TypeScript loader anywhere on its resolution path', () => {
    const installed = path.join(consumer, 'node_modules', 'chatlens');
    for (const f of ['dist/client/index.js', 'dist/client/index.d.ts', 'dist/cli/index.js', 'bin/chatlens.js']) expect(fs.existsSync(path.join(installed, f)), f).toBe(true);
    expect(fs.existsSync(path.join(installed, 'src'))).toBe(false);
    // tsx is a development dependency: not installed here, nor in any folder above the project.
    expect(fs.existsSync(path.join(consumer, 'node_modules', 'tsx'))).toBe(false);
    for (let dir = consumer; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (dir !== consumer) expect(fs.existsSync(path.join(dir, 'node_modules')), `${dir}/node_modules`).toBe(false);
    }
    expect(() => createRequire(path.join(consumer, 'package.json')).resolve('tsx')).toThrow();
  });

  it('the SDK imports nothing but its own modules (no Node built-ins, no server code)', () => {
    const dir = path.join(consumer, 'node_modules', 'chatlens', 'dist', 'client');
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = fs.readFileSync(file, 'utf8');
      for (const m of code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2];
        expect(spec.startsWith('./'), `${path.basename(file)} imports ${spec}`).toBe(true);
        visit(path.resolve(path.dirname(file), spec));
      }
      expect(code, path.basename(file)).not.toMatch(/\bprocess\.env\b|\bBuffer\b|require\(/);
    };
    visit(path.join(dir, 'index.js'));
    expect([...seen].map((f) => path.basename(f)).sort()).toEqual(['batch.js', 'env.js', 'errors.js', 'events.js', 'http.js', 'index.js', 'merge.js', 'options.js', 'pages.js', 'reporting.js', 'reviews.js', 'usage.js']);
  });

  it('the installed chatlens command runs: version, help, and a server the SDK talks to', async () => {
    expect((await sh(process.execPath, [bin, '--version'], { cwd: consumer })).stdout).toBe(`${pkg.version}\n`);
    expect((await sh(process.execPath, [bin, '--help'], { cwd: consumer })).stdout).toMatch(/Usage: chatlens/);

    const db = path.join(work, 'installed.db');
    await sh(process.execPath, [bin, 'migrate', '--db', db], { cwd: consumer });
    const company = (await sh(process.execPath, [bin, 'companies', 'create', '--name', 'Installed', '--db', db], { cwd: consumer })).stdout.trim();
    const key = (await sh(process.execPath, [bin, 'keys', 'create', '--company', company, '--role', 'admin', '--db', db], { cwd: consumer })).stdout.trim();

    server = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', db], { cwd: consumer, env: { ...env, LOG_LEVEL: 'silent' } });
    const url = await new Promise<string>((resolve, reject) => {
      let err = '';
      server!.stderr!.on('data', (d) => {
        err += d;
        const m = /running on (http:\/\/\S+)/.exec(err);
        if (m) resolve(m[1]);
      });
      server!.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });

    fs.writeFileSync(path.join(consumer, 'use.mjs'), USE_MJS);
    const { stdout } = await sh(process.execPath, ['use.mjs'], { cwd: consumer, env: { CHATLENS_URL: url, CHATLENS_API_KEY: key } });
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ stats: { queued: 0, delivered: 25, rejected: 0 }, messages: 26, days: 7, refused: 'ConnectionError' });
    expect(out.messageId).toMatch(/^[0-9a-f-]{36}$/);
  }, 120_000);

  it.each(['node16', 'bundler'] as const)('a TypeScript project type-checks against the SDK with moduleResolution %s', async (resolution) => {
    fs.writeFileSync(path.join(consumer, 'use.ts'), USE_TS);
    fs.writeFileSync(path.join(consumer, `tsconfig.${resolution}.json`), JSON.stringify(tsconfig(resolution), null, 2));
    const tsc = require.resolve('typescript/bin/tsc');
    // The @ts-expect-error lines give the check teeth: were the SDK's types loose (any), each would be an unused-directive error.
    await sh(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], { cwd: consumer });
  }, 120_000);
});
