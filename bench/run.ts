/**
 * `npm run bench`: every benchmark in turn, then the targets of issue 11 with their same-run
 * baselines, met or missed. Figures are printed, never asserted.
 *
 *   npm run bench                      # everything; read endpoints at 100 k turns
 *   npm run bench -- --quick           # fewer rounds and turns (a few minutes)
 *   npm run bench -- --full            # read endpoints at 100 k and 1 M turns (seeded once, cached)
 *   npm run bench -- live reads        # only these benches (by name)
 *   npm run bench -- live --pg postgres://…   # live turns on PostgreSQL too (or TEST_DATABASE_URL)
 */
import { ARGS, printTargets } from './lib.js';

const BENCHES = ['cli', 'analysis', 'long-turns', 'ingest', 'find', 'export', 'webhooks', 'proxy', 'otlp', 'rate-limit', 'write', 'live', 'start', 'reads'];

const named = ARGS.filter((a, i) => !a.startsWith('--') && !ARGS[i - 1]?.match(/^--(pg)$/));
const unknown = named.filter((n) => !BENCHES.includes(n));
if (unknown.length) {
  console.error(`unknown bench ${unknown.join(', ')}; known: ${BENCHES.join(', ')}`);
  process.exit(2);
}

const started = Date.now();
for (const name of named.length ? named : BENCHES) {
  console.log(`\n== bench/${name}.bench.ts`);
  const mod = (await import(`./${name}.bench.ts`)) as { run(): Promise<void> };
  await mod.run();
}
printTargets();
console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);
