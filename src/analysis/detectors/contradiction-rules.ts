/**
 * Plain contradictions between two sentences of one answer, by rule: the two sentences say the
 * same thing about the same subject (most content words shared, no differing modifier such as
 * "basic plan" / "premium plan") but disagree on a number, a name, or yes/no (one is negated, or
 * they use opposite words: open/closed, allowed/banned). Complements the `contradiction` head,
 * which was trained on one kind of sentence pair and rarely fires on others.
 */
import { STOPWORDS, type TextAnalysis } from '../text.js';
import { stem } from './grounding.js';

const OPPOSITES: [string, string][] = [
  ['open', 'closed'], ['allowed', 'banned'], ['allowed', 'forbidden'], ['allowed', 'prohibited'],
  ['included', 'excluded'], ['free', 'paid'], ['safe', 'dangerous'], ['safe', 'unsafe'], ['direct', 'indirect'],
  ['available', 'unavailable'], ['possible', 'impossible'], ['legal', 'illegal'], ['true', 'false'],
  ['alive', 'dead'], ['married', 'single'], ['won', 'lost'], ['increased', 'decreased'], ['rose', 'fell'],
  ['accepted', 'rejected'], ['approved', 'denied'], ['online', 'offline'], ['public', 'private'],
  ['supported', 'unsupported'], ['compatible', 'incompatible'], ['required', 'optional'], ['always', 'never'],
];
const OPPOSITE = new Map<string, string>();
for (const [x, y] of OPPOSITES) {
  OPPOSITE.set(x, y);
  OPPOSITE.set(y, x);
}
const NEGATORS = new Set(['not', 'no', 'never', 'cannot', 'nor', 'neither', 'none']);
/** Words that frame a restatement ("as mentioned", "later") rather than say anything. */
const FILLER = new Set(['yes', 'however', 'later', 'history', 'mentioned', 'said', 'noted', 'stated', 'indeed', 'actually', 'fact', 'again', 'also', 'its', 'well']);

interface Facts {
  content: string[];
  names: Set<string>;
  numbers: Set<string>;
  negated: boolean;
  yes: boolean;
  no: boolean;
  /** The content word before each content word ("premium" before "plan"). */
  before: Map<string, string>;
}

const memo = new WeakMap<TextAnalysis, Facts[]>();

/** Facts of sentence s, computed once per analysis however many pairs it is in. */
function facts(a: TextAnalysis, s: number): Facts {
  let list = memo.get(a);
  if (!list) memo.set(a, (list = []));
  return (list[s] ??= computeFacts(a, s));
}

function computeFacts(a: TextAnalysis, s: number): Facts {
  const { tokenStart, tokenEnd, start, end } = a.sentences[s];
  const f: Facts = { content: [], names: new Set(), numbers: new Set(), negated: false, yes: false, no: false, before: new Map() };
  let prev = '';
  for (let i = tokenStart; i < tokenEnd; i++) {
    const t = a.tokens[i];
    const w = t.norm;
    if (i === tokenStart && w === 'yes') f.yes = true;
    if (i === tokenStart && w === 'no') f.no = true;
    if ((NEGATORS.has(w) || w.endsWith("n't")) && !(i === tokenStart && w === 'no')) f.negated = true;
    if (/\d/.test(w)) {
      prev = '';
      continue;
    }
    // A name: a capital mid-sentence, or opening a sentence right before "is/was/has" ("Sydney is").
    const next = a.tokens[i + 1]?.norm ?? '';
    const isName = t.cap && !STOPWORDS.has(w) && !FILLER.has(w) && (i > tokenStart || /^(?:is|was|are|were|has|had)$/.test(next));
    if (isName) {
      f.names.add(w);
      prev = '';
      continue;
    }
    if (STOPWORDS.has(w) || w.length < 3 || FILLER.has(w) || NEGATORS.has(w)) {
      prev = '';
      continue;
    }
    const st = stem(w);
    f.content.push(st);
    if (prev) f.before.set(st, prev);
    prev = st;
  }
  for (const n of a.numbers) if (n.start >= start && n.end <= end) f.numbers.add(n.value);
  return f;
}

const same = (x: string, y: string): boolean => x === y || OPPOSITE.get(x) === y;

/** Numbers of a sentence with the words around each ("3 miles": "3" → ["away", "miles"]). */
function measures(a: TextAnalysis, s: number): Map<string, [string, string]> {
  const { start, end, tokenStart, tokenEnd } = a.sentences[s];
  const out = new Map<string, [string, string]>();
  for (const n of a.numbers) {
    if (n.start < start || n.end > end) continue;
    let before = '';
    let after = '';
    for (let k = tokenStart; k < tokenEnd; k++) {
      const t = a.tokens[k];
      if (t.end <= n.start) before = t.norm;
      else if (t.start >= n.end) {
        after = t.norm;
        break;
      }
    }
    out.set(n.value, [before, after]);
  }
  return out;
}

/**
 * Whether two sentences (possibly of different turns) disagree on something comparable: the
 * same unit with another number ("3 miles" / "5 miles"), a negation flipped, or opposite words.
 * An answer and an earlier one differ in many ways that are no contradiction ("899 Ames Ct" /
 * "1 miles away"); only these count there.
 */
export function comparableDisagreement(a: TextAnalysis, i: number, b: TextAnalysis, j: number): boolean {
  const x = measures(a, i);
  const y = measures(b, j);
  for (const [v, [xb, xa]] of x) {
    for (const [w, [yb, ya]] of y) if (v !== w && !x.has(w) && !y.has(v) && ((xa && xa === ya) || (xb && xb === yb))) return true;
  }
  const fx = facts(a, i);
  const fy = facts(b, j);
  const shared = fx.content.filter((w) => fy.content.includes(w)).length;
  return shared >= 2 && (fx.negated !== fy.negated || fx.content.some((w) => fy.content.some((v) => OPPOSITE.get(w) === v)));
}

/** Score of a plain contradiction between sentences i and j of `a` (0 when none). */
export function ruleContradiction(a: TextAnalysis, i: number, j: number): number {
  const x = facts(a, i);
  const y = facts(a, j);
  const [short, long] = x.content.length <= y.content.length ? [x, y] : [y, x];
  const sharedNames = [...x.names].filter((n) => y.names.has(n)).length;
  if (short.content.length === 0 || short.content.length + sharedNames < 2) return 0;
  const covered = short.content.filter((w) => long.content.some((v) => same(w, v))).length / short.content.length;
  if (covered < 0.75) return 0;
  // "basic plan" vs "premium plan", "main span" vs "bridge": two different things.
  for (const [w, b] of x.before) {
    const c = y.before.get(w);
    if (c && c !== b && !y.content.includes(b) && !x.content.includes(c)) return 0;
  }
  const opposite = x.content.some((w) => y.content.some((v) => OPPOSITE.get(w) === v));
  if (x.negated !== y.negated || opposite || (x.yes && (y.no || y.negated)) || (y.yes && (x.no || x.negated))) return 0.8;
  const numsDiffer = x.numbers.size > 0 && y.numbers.size > 0 && [...x.numbers].some((n) => !y.numbers.has(n)) && [...y.numbers].some((n) => !x.numbers.has(n));
  if (numsDiffer) return 0.75;
  const onlyX = [...x.names].filter((n) => !y.names.has(n));
  const onlyY = [...y.names].filter((n) => !x.names.has(n));
  if (onlyX.length && onlyY.length) return 0.75;
  return 0;
}
