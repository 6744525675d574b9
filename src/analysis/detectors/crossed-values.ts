/**
 * An answer that pairs a value from its documents with the wrong thing: "the basic plan costs 29
 * euros" where the document says the premium plan costs 29 euros and the basic plan 12; "the
 * Paris office opened in 2016" where 2016 is the Berlin office's year; "she studied business at
 * the University of Geneva" where she studied law there and business elsewhere. Every word and
 * value is in the documents, so nothing looks unsupported; the mistake is the pairing, the
 * commonest way a retrieval-augmented answer goes wrong.
 *
 * Read clause by clause (a sentence split at ";", ":" and at "and", "but", "while", "whereas", "than"):
 * a value of the answer clause (a number, a year or a name) is found in some document clauses;
 * the answer clause also names a thing the document pairs with another value of the same kind,
 * in a clause without this one, and it names nothing that only the value's own clauses hold.
 * Written for Chatlens; no training data.
 */
import { STOPWORDS, type TextAnalysis, perAnalysis } from '../text.js';
import { VERBS } from '../verbs.js';
import type { Span } from '../types.js';
import { sentenceSpan } from '../detector.js';
import { type Support, tokenStems } from './grounding.js';
import { firstIndex } from '../../lib/search.js';

/** 'year', 'name', or 'number' and the word after it ("29 euros" and "2 days" are not the same kind). */
type Kind = string;

/** Numbers with any unit are one class, years another, names a third. */
const sameClass = (x: Kind, y: Kind): boolean => x.split(' ')[0] === y.split(' ')[0];

/** The word after a number, singular ("euros" → "euro"), or '' (a number alone). */
function unitAfter(text: string, end: number): string {
  const m = /^\s*([a-z%€$£]+)/i.exec(text.slice(end, end + 24));
  return m ? m[1].toLowerCase().replace(/s$/, '') : '';
}

interface Clause {
  /** Distinctive words (stems): no function words, verbs or numbers; a name's words count. */
  words: Set<string>;
  values: Map<string, Kind>;
  /** The words of each name value (not counted against its own pairing). */
  nameWords: Map<string, string[]>;
  /** Token index of each word and value (answer clauses: a pairing is read near its value). */
  wordAt: Map<string, number[]>;
  valueAt: Map<string, number>;
  /** The sentence of its text, for words shared by the whole sentence (an elided subject). */
  sentence: number;
  doc: number;
}

const PLACED = /\b(?:in|at)\s+(?:the\s+)?$/i;
const SPLIT_WORDS = new Set(['and', 'but', 'while', 'whereas', 'than']);

interface Value {
  start: number;
  end: number;
  value: string;
  kind: Kind;
}

/** The numbers, years and names of each sentence, read once per text. */
const valuesBySentence = perAnalysis((a: TextAnalysis): Value[][] => {
  const out: Value[][] = [];
  for (const [list, kind] of [[a.numbers, 'number'], [a.years, 'year'], [a.names, 'name']] as const) {
    for (const m of list) (out[m.sentence] ??= []).push({ start: m.start, end: m.end, value: m.value, kind: kind === 'number' ? `number ${unitAfter(a.text, m.end)}` : kind });
  }
  return out;
});

/** The clauses of sentence `s` of `a`. */
function clausesOf(a: TextAnalysis, s: number, doc: number): Clause[] {
  const { tokenStart, tokenEnd } = a.sentences[s];
  if (tokenEnd <= tokenStart) return [];
  const stems = tokenStems(a);
  const inNumber = new Uint8Array(tokenEnd - tokenStart);
  const values = valuesBySentence(a)[s] ?? [];
  // A name is a value where "in" or "at" gives it, a place ("in Zurich", "at the University of Geneva");
  // elsewhere it is what the sentence is about ("Maria Keller studied …"), a word like the others.
  const placed = (v: Value): boolean => v.kind !== 'name' || PLACED.test(a.text.slice(Math.max(0, v.start - 12), v.start));
  const nameOf = new Map<number, string>();
  for (let i = tokenStart; i < tokenEnd; i++) {
    const t = a.tokens[i];
    for (const v of values) {
      if (t.start < v.start || t.end > v.end) continue;
      if (v.kind === 'name') nameOf.set(i, v.value);
      else inNumber[i - tokenStart] = 1;
    }
  }
  const out: Clause[] = [];
  let cur: Clause = { words: new Set(), values: new Map(), nameWords: new Map(), wordAt: new Map(), valueAt: new Map(), sentence: s, doc };
  let from = a.tokens[tokenStart].start;
  const close = (to: number): void => {
    for (const v of values) {
      if (v.start < from || v.start >= to || !placed(v) || (v.kind.startsWith('number') && values.some((y) => y.kind === 'year' && y.start === v.start))) continue;
      cur.values.set(v.value, v.kind);
      cur.valueAt.set(v.value, firstIndex(a.tokens.length, (k) => a.tokens[k].start >= v.start));
    }
    if (cur.words.size || cur.values.size) out.push(cur);
    cur = { words: new Set(), values: new Map(), nameWords: new Map(), wordAt: new Map(), valueAt: new Map(), sentence: s, doc };
    from = to;
  };
  for (let i = tokenStart; i < tokenEnd; i++) {
    const t = a.tokens[i];
    const gap = i > tokenStart ? a.text.slice(a.tokens[i - 1].end, t.start) : '';
    // "… and costs 9 euros" keeps its subject: a coordinated verb is no new clause.
    if (i > tokenStart && (/[;:]/.test(gap) || (SPLIT_WORDS.has(t.norm) && !VERBS.has(a.tokens[i + 1]?.norm ?? '')))) close(t.start);
    if (inNumber[i - tokenStart] || STOPWORDS.has(t.norm) || SPLIT_WORDS.has(t.norm) || VERBS.has(t.norm) || t.norm.length < 3 || /\d/.test(t.norm)) continue;
    cur.words.add(stems[i]);
    cur.wordAt.set(stems[i], [...(cur.wordAt.get(stems[i]) ?? []), i]);
    const name = nameOf.get(i);
    if (name !== undefined) cur.nameWords.set(name, [...(cur.nameWords.get(name) ?? []), stems[i]]);
  }
  close(a.tokens[tokenEnd - 1].end + 1);
  return out;
}

interface DocumentClauses {
  byValue: Map<string, Clause[]>;
  byWord: Map<string, Clause[]>;
  sentenceWords: Map<string, Set<string>>;
  /** Per sentence, its values by kind: a sentence with one value of a kind pairs all its words with it. */
  sentenceValues: Map<string, Map<Kind, Set<string>>>;
}

/** Clauses read per turn's documents at most (the first ones): the rule is for answers, not archives. */
const MAX_CLAUSES = 5000;
/** How many tokens from its value a word may stand and still be what the value is said of. */
const NEAR = 6;
/** A word in more clauses than this tells no record from another. */
const COMMON = 200;

const docClauses = new WeakMap<Support, DocumentClauses>();

function documentClauses(support: Support): DocumentClauses {
  let known = docClauses.get(support);
  if (!known) {
    known = { byValue: new Map(), byWord: new Map(), sentenceWords: new Map(), sentenceValues: new Map() };
    let count = 0;
    for (let d = 0; d < support.documents.length && count < MAX_CLAUSES; d++) {
      const { analysis } = support.documents[d];
      for (let s = 0; s < analysis.sentences.length && count < MAX_CLAUSES; s++) {
        const all = new Set<string>();
        const kinds = new Map<Kind, Set<string>>();
        for (const c of clausesOf(analysis, s, d)) {
          count++;
          for (const [v, k] of c.values) kinds.set(k, (kinds.get(k) ?? new Set()).add(v));
          for (const w of c.words) {
            all.add(w);
            const list = known.byWord.get(w);
            if (!list) known.byWord.set(w, [c]);
            else if (list.length <= COMMON) list.push(c);
          }
          for (const v of c.values.keys()) {
            const list = known.byValue.get(v);
            if (!list) known.byValue.set(v, [c]);
            else if (list.length <= COMMON) list.push(c);
          }
        }
        known.sentenceWords.set(`${d}:${s}`, all);
        known.sentenceValues.set(`${d}:${s}`, kinds);
      }
    }
    docClauses.set(support, known);
  }
  return known;
}

/** The first answer clause that pairs a document value with another thing's words, or null. */
export function crossedValues(a: TextAnalysis, support: Support): { spans: Span[]; why: string } | null {
  if (!a.numbers.length && !a.years.length && !a.names.length) return null;
  // Nothing to pair unless the documents hold one of the answer's values (the clauses are read only then).
  if (!a.numbers.some((m) => support.numbers.has(m.value)) && !a.years.some((m) => support.years.has(m.value)) && !a.names.some((m) => support.lower.includes(m.value))) return null;
  const { byValue, byWord, sentenceWords, sentenceValues } = documentClauses(support);
  // Whether word `w` is paired with `value` in clause `c`: in the clause, or anywhere in its sentence when the sentence gives no other value of the kind ("The Lyon office opened in 2008 and has 40 staff").
  const pairs = (c: Clause, w: string, kind: Kind): boolean =>
    c.words.has(w) || ((sentenceValues.get(`${c.doc}:${c.sentence}`)?.get(kind)?.size ?? 0) <= 1 && !!sentenceWords.get(`${c.doc}:${c.sentence}`)?.has(w));
  if (!byValue.size) return null;
  for (let s = 0; s < a.sentences.length; s++) {
    for (const clause of clausesOf(a, s, -1)) {
      for (const [value, kind] of clause.values) {
        const own = byValue.get(value);
        if (!own || own.length > 3) continue;
        // Clauses that pair a word of the answer clause with another value of this kind, and not with this one.
        const others: Clause[] = [];
        const itself = clause.nameWords.get(value) ?? [];
        const at = clause.valueAt.get(value) ?? -1;
        for (const w of clause.words) {
          // Only words shortly before the value say what it is of ("the basic plan costs 29 euros"); after it come its unit and complements ("6 weeks of parental leave").
          if (itself.includes(w) || !(clause.wordAt.get(w) ?? []).some((k) => k < at && at - k <= NEAR)) continue;
          const holders = byWord.get(w);
          if (!holders || holders.length > COMMON || own.some((c) => pairs(c, w, kind))) continue;
          // A word the document pairs with another value the answer clause gives belongs to that value ("4 miles … at 271 Springer Street").
          if (holders.some((c) => [...clause.values].some(([v, k]) => v !== value && sameClass(k, kind) && c.values.has(v)))) continue;
          const paired = holders.filter((c) => !c.values.has(value) && [...c.values].some(([v, k]) => k === kind && v !== value));
          // A word paired with several values of the kind names an attribute ("miles", "price"), not one thing.
          const kinds = new Set<string>();
          for (const c of paired) for (const [v, k] of c.values) if (k === kind) kinds.add(v);
          if (kinds.size === 1) others.push(...paired);
        }
        if (!others.length) continue;
        // A word only this value's own clauses hold (not the other value's sentence): the answer says what it is about.
        const supported = [...clause.words].some((w) => !itself.includes(w) && own.some((c) => c.words.has(w)) && !others.some((c) => sentenceWords.get(`${c.doc}:${c.sentence}`)?.has(w)));
        if (supported) continue;
        return { spans: [sentenceSpan(a, a.sentences[s])], why: 'Pairs a value from the documents with something the documents give another value for.' };
      }
    }
  }
  return null;
}
