/**
 * Contradictions of once-only relations: a thing is built, founded or released once, a person
 * born once, so two sentences about one subject that give such a relation two years, places,
 * makers or months disagree, however much else they say, and even when the second says it in
 * other words ("was completed in 1889" / "It was finished in 1895").
 */
import { type TextAnalysis, isMonth, perSentence } from '../text.js';
import { type Facts, differentSubjects, facts, mentions } from './contradiction-rules.js';
import { FUNCTIONAL } from './contradiction-words.js';

/**
 * Verbs that say the same once-only relation in other words ("completed" / "finished"). Compared
 * across verbs only in the passive ("it was finished in 1895"), where the subject is the thing
 * made: "it opened a London office in 2005" says nothing about when it was itself opened.
 */
const SAME_RELATION = new Map<string, string[]>(Object.entries({
  built: ['built'], constructed: ['built'], completed: ['built'], finished: ['built'], erected: ['built'],
  created: ['made', 'founded'], designed: ['made'], developed: ['made'], invented: ['made'], written: ['made'],
  founded: ['founded'], established: ['founded'], opened: ['founded'], launched: ['founded', 'released'],
  released: ['released'], published: ['released'], premiered: ['released'],
}));
const PASSIVE = new Set(['was', 'were', 'is', 'are', 'been', 'be']);

interface Relation {
  verb: string;
  /** The verb's relation classes when it is passive (SAME_RELATION), else none. */
  classes: string[];
  years: Set<string>;
  /** Month names after the verb ("created in March"). */
  months: Set<string>;
  /** Capitalised words after "in", "at" or "near" following the verb. */
  places: Set<string>;
  /** Capitalised words after "by" following the verb: who made it. */
  agents: Set<string>;
}

/** The functional relation of sentence s, computed once per analysis however many pairs it is in. */
const relation = perSentence(computeRelation);

function computeRelation(a: TextAnalysis, s: number): Relation | null {
  const { tokenStart, tokenEnd, start, end } = a.sentences[s];
  let at = -1;
  for (let i = tokenStart; i < tokenEnd; i++) if (FUNCTIONAL.has(a.tokens[i].norm) || SAME_RELATION.has(a.tokens[i].norm)) {
    at = i;
    break;
  }
  if (at < 0) return null;
  const verb = a.tokens[at].norm;
  const passive = at > tokenStart && PASSIVE.has(a.tokens[at - 1].norm);
  const years = new Set<string>();
  for (const y of a.years) if (y.start >= start && y.end <= end && y.start > a.tokens[at].start) years.add(y.value);
  const places = new Set<string>();
  const agents = new Set<string>();
  const months = new Set<string>();
  for (let i = at + 1; i < tokenEnd; i++) if (a.tokens[i].cap && isMonth(a.tokens[i].norm)) months.add(a.tokens[i].norm);
  for (let i = at + 1; i < tokenEnd - 1; i++) {
    const w = a.tokens[i].norm;
    if (w !== 'in' && w !== 'at' && w !== 'near' && w !== 'by') continue;
    for (let k = i + 1; k < tokenEnd && a.tokens[k].cap && !/\d/.test(a.tokens[k].norm); k++) {
      if (w === 'by') agents.add(a.tokens[k].norm);
      else if (!isMonth(a.tokens[k].norm)) places.add(a.tokens[k].norm);
    }
  }
  return { verb, classes: passive ? (SAME_RELATION.get(verb) ?? []) : [], years, months, places, agents };
}

const PRONOUN_START = new Set(['it', 'he', 'she', 'they', 'this', 'these']);

/**
 * Sentence j says a once-only relation of the same thing as sentence i in other words: both
 * passive with verbs of one class ("The tower was completed in 1889." / "It was finished in
 * 1895."), about the same subject, or j the next sentence and opening with a pronoun. Such pairs
 * share few words, so the word-overlap test that pairs other sentences misses them.
 */
export function restatedRelation(a: TextAnalysis, i: number, j: number): boolean {
  const x = relation(a, i);
  const y = relation(a, j);
  if (!x || !y || !x.classes.some((c) => y.classes.includes(c))) return false;
  const fx = facts(a, i);
  const fy = facts(a, j);
  if (fy.subject.size === 0 && j === i + 1) return PRONOUN_START.has(a.tokens[a.sentences[j].tokenStart]?.norm ?? '');
  return [...fy.subject].some((w) => fx.subject.has(w));
}

const disjoint = (x: Set<string>, y: Set<string>): boolean => x.size > 0 && y.size > 0 && ![...x].some((v) => y.has(v));

/** Score of two sentences giving one functional relation of one subject different values (0 when not). */
export function relationContradiction(a: TextAnalysis, i: number, j: number, b: TextAnalysis = a): number {
  const x = relation(a, i);
  const y = relation(b, j);
  if (!x || !y || facts(a, i).enumerates || facts(b, j).enumerates) return 0;
  if (x.verb !== y.verb && !x.classes.some((c) => y.classes.includes(c))) return 0;
  // Different subjects ("Maria was born in 1980. Her brother was born in 1983."): no contradiction.
  if (differentSubjects(facts(a, i), facts(b, j))) return 0;
  if (disjoint(x.years, y.years) || disjoint(x.places, y.places)) return 0.7;
  // Who made it, and months where no year tells them apart ("created in March" / "opened in
  // June"), only for one subject exactly: "the second store was opened in October" is another store.
  const fx = facts(a, i);
  const fy = facts(b, j);
  const within = (f: Facts, g: Facts): boolean => [...f.subject].every((w) => mentions(g, w));
  if (fx.subject.size && fy.subject.size && (!within(fx, fy) || !within(fy, fx))) return 0;
  if (disjoint(x.agents, y.agents)) return 0.7;
  if (!x.years.size && !y.years.size && disjoint(x.months, y.months)) return 0.7;
  return 0;
}
