/**
 * Start time of the `chatlens` command: `chatlens --help` and `chatlens --version` (the built
 * JavaScript, as installed) against `node -e 0` (Node starting and doing nothing) measured in the
 * same rounds, interleaved; and, for scale, the CLI run from TypeScript through tsx as it was
 * before the build existed.
 *
 *   npx tsx bench/cli.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, buildDist } from './lib.js';

const require = createRequire(import.meta.url);

function ms(cmd: string[]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, cmd, { cwd: ROOT, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)] };
};

export async function run(rounds = 15): Promise<void> {
  // The command runs dist/: build it if the source changed (incremental, ~0.1 s otherwise).
  buildDist();
  const bin = path.join(ROOT, 'bin/chatlens.js');
  const tsx = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
  const cases: Record<string, string[]> = {
    'node -e 0': ['-e', '0'],
    'chatlens --help': [bin, '--help'],
    'chatlens --version': [bin, '--version'],
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const c of Object.values(cases)) ms(c); // warm the file cache
  for (let i = 0; i < rounds; i++) for (const [name, cmd] of Object.entries(cases)) times[name].push(ms(cmd));
  // Through tsx (compiling TypeScript at start), fewer rounds: it is the slow path this replaced.
  const viaTsx = [0, 1, 2].map(() => ms([tsx, path.join(ROOT, 'src/cli/index.ts'), '--help']));

  const base = stats(times['node -e 0']);
  console.log(`CLI start, ${rounds} interleaved rounds (min / median):`);
  for (const [name, xs] of Object.entries(times)) {
    const s = stats(xs);
    const ratio = name === 'node -e 0' ? '(baseline)' : `${(s.median / base.median).toFixed(2)}x node -e 0, +${(s.median - base.median).toFixed(0)} ms`;
    console.log(`  ${name.padEnd(32)} ${s.min.toFixed(0).padStart(5)} ms / ${s.median.toFixed(0).padStart(5)} ms  ${ratio}`);
  }
  const t = stats(viaTsx);
  console.log(`  ${'tsx src/cli/index.ts --help'.padEnd(32)} ${t.min.toFixed(0).padStart(5)} ms / ${t.median.toFixed(0).padStart(5)} ms  (3 rounds; TypeScript compiled at start)`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
