/**
 * Throughput of the built-in engine on turns of about 300 characters, against a plain
 * profanity word-list measured in the same run. Both are the compiled JavaScript in dist/ (built
 * first), the code `npm start` runs: through tsx the same engine measures 15-20 % slower, since
 * its transform adds a naming call to every function and class.
 *
 *   npx tsx bench/analysis.bench.ts
 *
 * Target (docs/analysis.md): ≥ 5,000 turns/s on one core and p99 < 2 ms per turn.
 */
import { pathToFileURL } from 'node:url';
import type { AnalysisContext, AnalysisEngine, Turn } from '../src/analysis/types.js';
import { ROOT, buildDist } from './lib.js';

/** The shipped engine and word list, from dist/ (built if the source changed; ~0.1 s otherwise). */
async function compiled(): Promise<{ builtinEngine: AnalysisEngine; baselineFlags: (text: string) => boolean }> {
  buildDist();
  const engine = await import(pathToFileURL(`${ROOT}dist/analysis/index.js`).href);
  const evaluation = await import(pathToFileURL(`${ROOT}dist/analysis/eval.js`).href);
  return { builtinEngine: engine.builtinEngine, baselineFlags: evaluation.baselineFlags };
}

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

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  /** The same from CPU time (user + system) per call: on a shared box wall time includes waits. */
  cpuPerSecond: number;
  cpuP99: number;
}

function measure(fn: (i: number) => void, n: number): Figures {
  const times = new Float64Array(n);
  const cpu = new Float64Array(n);
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn(i);
    times[i] = Number(process.hrtime.bigint() - t0) / 1000;
    const c = process.cpuUsage(c0);
    cpu[i] = c.user + c.system;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu0);
  times.sort();
  cpu.sort();
  return {
    perSecond: n / seconds,
    p50: times[Math.floor(n * 0.5)],
    p99: times[Math.floor(n * 0.99)],
    cpuPerSecond: n / ((used.user + used.system) / 1e6),
    cpuP99: cpu[Math.floor(n * 0.99)],
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const best = (xs: number[], low = false): number => (low ? Math.min(...xs) : Math.max(...xs));

function line(label: string, rounds: Figures[]): void {
  const f = (k: keyof Figures, low = false) => `${Math.round(median(rounds.map((r) => r[k])))} (best ${Math.round(best(rounds.map((r) => r[k]), low))})`;
  console.log(`${label.padEnd(28)} ${f('perSecond').padStart(20)} turns/s  p50 ${f('p50', true).padStart(14)} µs  p99 ${f('p99', true).padStart(16)} µs  | CPU: ${f('cpuPerSecond').padStart(20)} turns/s  p99 ${f('cpuP99', true).padStart(14)} µs`);
}

/** A session of `n` earlier turns: the assistant restates a fact, the user asks again. */
function history(n: number): Turn[] {
  const out: Turn[] = [];
  for (let i = 0; i < n; i++) {
    out.push(i % 2 ? { role: 'assistant', content: `The premium plan costs 29 dollars per month and includes ${i} extra seats, unlimited data and priority support.` } : { role: 'user', content: `And what about option ${i}?` });
  }
  return out;
}

export async function run(): Promise<void> {
  const { builtinEngine, baselineFlags } = await compiled();
  const avg = TEXTS.reduce((s, [, t]) => s + t.length, 0) / TEXTS.length;
  console.log(`analysis engine (${builtinEngine.version}), ${TEXTS.length} turns of ~${Math.round(avg)} characters, one core; 7 interleaved rounds of 6,000 turns, median (best)`);
  const n = 6_000;
  const baseFn = (i: number) => void baselineFlags(TEXTS[i % TEXTS.length][1]);
  const engineFn = (i: number) => {
    const [role, content] = TEXTS[i % TEXTS.length];
    builtinEngine.analyze({ role, content }, CONTEXT);
  };
  for (let i = 0; i < 3000; i++) engineFn(i); // warm-up
  const base: Figures[] = [];
  const engine: Figures[] = [];
  for (let r = 0; r < 7; r++) {
    base.push(measure(baseFn, n));
    engine.push(measure(engineFn, n));
  }
  line('plain profanity word-list', base);
  line('all built-in detectors', engine);
  const e = median(engine.map((x) => x.cpuPerSecond));
  const p99 = median(engine.map((x) => x.cpuP99));
  console.log(`engine / word-list: ${(median(engine.map((x) => x.perSecond)) / median(base.map((x) => x.perSecond))).toFixed(3)}× the throughput (wall), ${(e / median(base.map((x) => x.cpuPerSecond))).toFixed(3)}× (CPU)`);
  console.log(`targets (CPU, median round): ≥ 5000 turns/s ${e >= 5000 ? 'met' : 'MISSED'}, p99 < 2000 µs ${p99 < 2000 ? 'met' : 'MISSED'}; wall-clock p99 ${Math.round(median(engine.map((x) => x.p99)))} µs`);

  // Per-turn cost against session length: an assistant turn after 2 and after 200 earlier turns.
  const turn = { role: 'assistant' as const, content: 'The premium plan costs 35 dollars per month and includes unlimited data.' };
  for (const len of [2, 20, 200]) {
    const ctx: AnalysisContext = { documents: [], history: history(len) };
    // Warmed like the mix above: the first calls compile the history's code paths (and tier its regexes up
    // to native code, a few ms each on this machine), which a server has done long before.
    for (let i = 0; i < 2000; i++) builtinEngine.analyze(turn, ctx);
    const f = measure(() => void builtinEngine.analyze(turn, ctx), 3000);
    console.log(`assistant turn after ${String(len).padStart(3)} earlier turns: CPU ${Math.round(f.cpuPerSecond)} turns/s, CPU p99 ${Math.round(f.cpuP99)} µs`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
