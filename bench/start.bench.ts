/**
 * `npm start` on an empty data directory: `node bin/chatlens.js serve --demo` (the built
 * JavaScript, as `npm start` runs it after building), timed from spawn until `/ready` first
 * answers 200, against `node -e 0` spawned in the same rounds. Target (issue 11): ≤ 6 s.
 *
 *   npx tsx bench/start.bench.ts [--quick]
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, buildDist, elapsedMs, flag, median, mm, target } from './lib.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

/** The caller's environment without a database choice of its own: the default SQLite file in the data directory. */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'CHATLENS_DB', 'CHATLENS_UPLOAD_DIR', 'PORT', 'HOST'].includes(k)));

/** Milliseconds from spawn to the first 200 from /ready, on a fresh data directory. */
async function startOnce(): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-bench-start-'));
  const port = await freePort();
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/chatlens.js'), 'serve', '--demo', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    env: { ...ENV, CHATLENS_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => void (stderr += d.toString()));
  try {
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
      if (child.exitCode !== null) throw new Error(`serve --demo exited ${child.exitCode}: ${stderr.slice(-500)}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/ready`);
        await res.arrayBuffer();
        if (res.status === 200) return elapsedMs(t0);
      } catch {
        /* not listening yet */
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('serve --demo not ready after 120 s');
  } finally {
    await stop(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const rounds = flag('quick') ? 2 : 3;
  // npm start builds first; the bench builds dist/ the same way (incremental when up to date).
  buildDist();
  const start: number[] = [];
  const node: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    node.push(elapsedMs(t0));
    start.push(await startOnce());
  }
  console.log(`serve --demo on an empty data directory, spawn → first 200 from /ready, ${rounds} rounds (min / median):`);
  console.log(`  node -e 0 (baseline)              ${mm(node).padStart(13)} ms`);
  console.log(`  chatlens serve --demo → /ready    ${mm(start).padStart(13)} ms`);
  const m = median(start);
  target('npm start (serve --demo, empty) ready ≤ 6 s', `${(m / 1000).toFixed(2)} s`, `node -e 0 ${median(node).toFixed(0)} ms`, m <= 6000);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
