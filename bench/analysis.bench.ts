/**
 * Throughput of the built-in engine on turns of about 300 characters, against a plain
 * profanity word-list measured in the same run.
 *
 *   npx tsx bench/analysis.bench.ts
 *
 * Target (docs/analysis.md): ≥ 5,000 turns/s on one core and p99 < 2 ms per turn.
 */
import { pathToFileURL } from 'node:url';
import { builtinEngine } from '../src/analysis/index.js';
import { baselineFlags } from '../src/analysis/eval.js';
import type { AnalysisContext, Turn } from '../src/analysis/types.js';

// Written for this benchmark: a mix of clean, toxic, biased and grounded assistant turns.
const TEXTS: [Turn['role'], string][] = [
  ['assistant', 'Our premium plan costs 29 dollars per month and includes unlimited data, priority support and a free router. You can cancel at any time from the account page, and refunds are processed within 14 days of the request, according to the billing policy [1].'],
  ['user', 'This is the third time your stupid bot gave me the wrong answer, what the hell is wrong with you people? I want to talk to a real person right now, not this useless piece of junk that keeps repeating itself.'],
  ['assistant', 'The Eiffel Tower was completed in 1889 for the World Fair and is about 330 metres tall. It was designed by the engineering company of Gustave Eiffel. The tower was completed in 1875, making it one of the oldest iron structures in Paris.'],
  ['user', 'Honestly women are just too emotional to be good managers, and older employees never learn new software anyway. Why would any company hire them for a fast-moving tech team when younger people pick things up instantly?'],
  ['assistant', 'There may be several reasons your router drops the connection. It is likely interference from nearby networks; changing the wireless channel often helps. If the problem continues, restarting the device or updating the firmware could resolve it.'],
  ['assistant', 'This supplement is guaranteed to cure anxiety and has been scientifically proven to work for everyone. As shown by Miller et al. (2018), patients improved within two days. See https://example.org/study for the complete results.'],
];
// Each turn gets a closing sentence so the mix averages ~300 characters, the size in the target.
for (const t of TEXTS) t[1] += ' Let me know if there is anything else I can help you with today.';

const CONTEXT: AnalysisContext = {
  documents: [{ id: 1, title: 'Billing policy', content: 'Refunds are processed within 14 days. The premium plan costs 29 dollars per month and includes unlimited data.' }],
  history: [{ role: 'user', content: 'How much is the premium plan?' }],
  question: 'How much is the premium plan?',
};

function measure(label: string, fn: (i: number) => void, n: number): { perSecond: number; p50: number; p99: number } {
  for (let i = 0; i < 2000; i++) fn(i); // warm-up
  const times = new Float64Array(n);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    times[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  times.sort();
  const r = { perSecond: n / seconds, p50: times[Math.floor(n * 0.5)], p99: times[Math.floor(n * 0.99)] };
  console.log(`${label.padEnd(34)} ${Math.round(r.perSecond).toString().padStart(9)} turns/s   p50 ${r.p50.toFixed(0).padStart(5)} µs   p99 ${r.p99.toFixed(0).padStart(5)} µs`);
  return r;
}

export async function run(): Promise<void> {
  const avg = TEXTS.reduce((s, [, t]) => s + t.length, 0) / TEXTS.length;
  console.log(`analysis engine (${builtinEngine.version}), ${TEXTS.length} turns of ~${Math.round(avg)} characters, one core`);
  const n = 30_000;
  const base = measure('plain profanity word-list', (i) => void baselineFlags(TEXTS[i % TEXTS.length][1]), n);
  const engine = measure('all built-in detectors', (i) => {
    const [role, content] = TEXTS[i % TEXTS.length];
    builtinEngine.analyze({ role, content }, CONTEXT);
  }, n);
  console.log(`engine / word-list: ${(engine.perSecond / base.perSecond).toFixed(3)}× the throughput, ${(engine.p99 / base.p99).toFixed(1)}× the p99`);
  console.log(`targets: ≥ 5000 turns/s ${engine.perSecond >= 5000 ? 'met' : 'MISSED'}, p99 < 2000 µs ${engine.p99 < 2000 ? 'met' : 'MISSED'}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
