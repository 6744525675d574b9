/**
 * The engine on the longest turns a request may carry (200,000 characters, the ingest API's
 * limit), in shapes that used to cost it the square of their length: one sentence without a full
 * stop, letters spelled out one by one, a list of identity words, thousands of numbers, links or
 * references. A live turn is analysed on the server's main thread, so such a turn holds every
 * other request for as long as it takes. Each shape is printed at 50,000 and 200,000 characters
 * (four times the length: a linear cost grows four times), as a user turn and as an assistant
 * turn with a document, beside ordinary prose of the same length and the word list on the same
 * text (the baseline).
 *
 *   npx tsx bench/long-turns.bench.ts [--quick]
 */
import { pathToFileURL } from 'node:url';
import { builtinEngine } from '../src/analysis/index.js';
import { baselineFlags } from '../src/analysis/eval.js';
import type { AnalysisContext, Turn } from '../src/analysis/types.js';
import { flag, median, min } from './lib.js';

const PROSE =
  'Our support team answers questions about billing, delivery and returns every day. Most orders arrive within three days, and a refund is processed within two weeks of the request. ';

/** Repeats `unit` to exactly `n` characters. */
const repeat = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

// Written for this benchmark.
const SHAPES: [string, (n: number) => string][] = [
  ['ordinary prose (reference)', repeat(PROSE)],
  ['one sentence, no full stop', repeat('women and immigrants are lazy people who never work hard and lie about it ')],
  ['identity words in a list', repeat('women, men, gay, black, muslims, jews, ')],
  ['letters spelled out', repeat('f u c k ')],
  ['masked and leet spelling', repeat('f.u.c.k y0u b1tch ')],
  ['quoted insults', repeat('"you are an idiot" said he. ')],
  ['numbers', repeat('1234 5678 ')],
  ['links', repeat('https://doi.org/10.1000/xyz123 ')],
  ['references', repeat('[1] Smith, J. (2019). A study of things. Nature, 12(3), 45-67. doi:10.1038/nature12345\n')],
  ['names', repeat('Ask Dana Smith and John Brown about Paris. ')],
];

const DOCUMENT = repeat(PROSE)(20_000);

function time(fn: () => void, rounds: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    out.push((c.user + c.system) / 1000);
  }
  return out;
}

export async function run(): Promise<void> {
  const rounds = flag('quick') ? 2 : 3;
  const sizes = [50_000, 200_000];
  console.log(`long turns: CPU ms per turn, min / median of ${rounds}, at ${sizes.map((n) => n.toLocaleString('en')).join(' and ')} characters; user turn | assistant turn with a 20,000-character document; word list on the same text`);
  builtinEngine.analyze({ role: 'user', content: PROSE }, { history: [], documents: [] }); // load the models
  for (const [name, make] of SHAPES) {
    const cells: string[] = [];
    for (const n of sizes) {
      const content = make(n);
      const user = time(() => void builtinEngine.analyze({ role: 'user', content }, { history: [], documents: [] }), rounds);
      const ctx: AnalysisContext = { history: [{ role: 'user', content: 'What do you know about this?' }], documents: [{ id: 1, title: 'Notes', content: DOCUMENT }] };
      const turn: Turn = { role: 'assistant', content };
      const assistant = time(() => void builtinEngine.analyze(turn, ctx), rounds);
      const words = time(() => void baselineFlags(content), rounds);
      const f = (xs: number[]) => `${min(xs).toFixed(0)} / ${median(xs).toFixed(0)}`;
      cells.push(`${f(user).padStart(11)} | ${f(assistant).padStart(11)} | ${median(words).toFixed(1).padStart(5)}`);
    }
    console.log(`  ${name.padEnd(28)} ${cells.join('    ')}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
