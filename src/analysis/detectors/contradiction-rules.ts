/**
 * Plain contradictions between two sentences of one answer, by rule: the two sentences say the
 * same thing about the same subject (most content words shared, no differing modifier such as
 * "basic plan" / "premium plan") but disagree on a number, a name, or yes/no (one is negated, or
 * they use opposite words: open/closed, allowed/banned). Complements the `contradiction` head,
 * which was trained on one kind of sentence pair and rarely fires on others. Once-only relations
 * given two values are read by contradiction-relations.ts, durations by contradiction-durations.ts.
 */
import { STOPWORDS, type TextAnalysis, perSentence } from '../text.js';
import { tokenStems } from './grounding.js';
import { bound, clauseNegation } from './clause-negation.js';
import { DETERMINERS, IS, NAME_VERBS, OPPOSITE, OPPOSITE_STEMS, SUBJECT_END, classOf, hasDigit, instruction } from './contradiction-words.js';

export interface Facts {
  content: string[];
  /** `content` as a set: a pair tests a word in constant time. */
  contentSet: Set<string>;
  names: Set<string>;
  numbers: Set<string>;
  negated: boolean;
  yes: boolean;
  no: boolean;
  /** The content word before each content word ("premium" before "plan"). */
  before: Map<string, string>;
  /** Lists examples ("including", "such as", "several"): other names elsewhere add to it. */
  enumerates: boolean;
  /** Content words and names inside a negation's reach ("not [included in the plan]"). */
  negatedWords: string[];
  /** Content words and names before the first verb: what the sentence is about (empty for a pronoun). */
  subject: Set<string>;
  /**
   * Content words that are verbs (VERBS) other than their -ed and -ing forms, stemmed: they do not
   * modify the word after them ("includes [free] shipping", "led [first]"), where an "extended
   * warranty" is a kind of warranty.
   */
  verbs: Set<string>;
  /** The pronoun the sentence opens with, its subject ("It does not cover …", "You can buy …"), or ''. */
  pronoun: string;
  /** Condition and scope phrases: their opener and first content word ("on [weekends]", "with the [screen]"). */
  scope: Scope[];
  /** An instruction ("Use a condom.", "Never go from …"): it tells the reader what to do and states no fact. */
  instructs: boolean;
}

interface Scope {
  opener: string;
  word: string;
  /** Plainly a case wherever the other sentence stands: opening the sentence ("With the screen at full brightness, …") or a condition ("if", "unless"). */
  plain: boolean;
}

/** Tokens within which a subject must end to be read as one. */
const SUBJECT_MAX = 6;

/**
 * Words after which a number says which one of a sequence (step, page, option), not a value. A
 * room, gate or order number is a value: another one can contradict it.
 */
const INDEX_WORDS = new Set([
  'step', 'steps', 'part', 'chapter', 'page', 'pages', 'section', 'item', 'question', 'point', 'stage', 'phase', 'level',
  'round', 'option', 'line', 'row', 'rule', 'article', 'figure', 'fig', 'table', 'slide', 'episode', 'season', 'volume',
  'vol', 'task', 'exercise', 'lesson',
]);

const LIST_ITEM = /^\s*(?:\(?\d{1,2}[.)]|[-•*])\s/;

/** Facts of sentence s, computed once per analysis however many pairs it is in. */
export const facts = perSentence(computeFacts);

/**
 * Whether sentence s is an item of a numbered or bulleted list (its neighbours are other items,
 * not other answers): apart from its facts, since most pairs are settled without them
 * (selfContradiction reads them only for related pairs).
 */
const isListItem = perSentence((a: TextAnalysis, s: number): boolean => {
  const { start, end } = a.sentences[s];
  return LIST_ITEM.test(a.text.slice(start, Math.min(end, start + 12)));
});

function computeFacts(a: TextAnalysis, s: number): Facts {
  const { tokenStart, tokenEnd, start, end } = a.sentences[s];
  const f: Facts = { content: [], contentSet: new Set(), names: new Set(), numbers: new Set(), negated: false, yes: false, no: false, before: new Map(), enumerates: false, negatedWords: [], subject: new Set(), verbs: new Set(), pronoun: '', scope: [], instructs: instruction(a, tokenStart, tokenEnd) };
  let inSubject = true;
  const negation = clauseNegation(a, tokenStart, tokenEnd);
  const opening = tokenStart + 1;
  const openedBy = tokenStart < tokenEnd ? classOf(a.tokens[tokenStart].norm) : 0;
  let prev = '';
  const stems = tokenStems(a);
  for (let i = tokenStart; i < tokenEnd; i++) {
    const t = a.tokens[i];
    const w = t.norm;
    const is = classOf(w);
    if (is & IS.enumeration) f.enumerates = true;
    if (i === tokenStart && w === 'yes') f.yes = true;
    if (i === tokenStart && is & IS.subjectPronoun) f.pronoun = w;
    if (i === tokenStart && w === 'no') f.no = true;
    if ((is & IS.negator || w.endsWith("n't")) && !(i === tokenStart && w === 'no') && !bound(a, i)) f.negated = true;
    const plural = pluralNoun(a, i, tokenEnd);
    if (is & (IS.subjectEnd | IS.functional) || (f.subject.size > 0 && (is & IS.predicateStart || (is & IS.verb && !plural && !(classOf(a.tokens[i - 1].norm) & IS.determiner))))) inSubject = false;
    else if (inSubject && i - tokenStart >= SUBJECT_MAX) {
      // No verb of the list near the start: the subject is not known, so it is not compared.
      f.subject.clear();
      inSubject = false;
    }
    // "Yes, with the student discount …": a phrase after an answer's opening word is fronted too.
    const front = i === tokenStart || (i === opening && (openedBy & IS.openingWord) !== 0);
    if (is & IS.scopeOpener || (front && is & IS.frontOpener)) {
      const word = scopeWord(a, i + 1, tokenEnd, front);
      if (word) f.scope.push({ opener: w, word, plain: front || (is & IS.condition) !== 0 });
    }
    if (hasDigit(w)) {
      prev = '';
      continue;
    }
    // A name: a capital mid-sentence, or opening a sentence right before "is/was/has" ("Sydney is").
    const isName = t.cap && !(is & (IS.stopword | IS.filler)) && (i > tokenStart || NAME_VERBS.has(a.tokens[i + 1]?.norm ?? ''));
    if (isName) {
      f.names.add(w);
      if (inSubject) f.subject.add(w);
      if (negation[i - tokenStart]) f.negatedWords.push(w);
      prev = '';
      continue;
    }
    // The second part of a compound ("follow-up") leaves its first part the modifier.
    const compound = a.text[t.start - 1] === '-' && i > tokenStart;
    if (is & (IS.stopword | IS.filler | IS.negator) || w.length < 3) {
      if (!compound) prev = '';
      continue;
    }
    const st = stems[i];
    f.content.push(st);
    // "follow" in "follow-up meeting" modifies the meeting; it is no verb there.
    if (is & IS.verb && !/...(?:ed|ing)$/.test(w) && !plural && a.text[t.end] !== '-') f.verbs.add(st);
    if (inSubject && !(i === tokenStart && is & IS.subordinate)) f.subject.add(st);
    if (negation[i - tokenStart]) f.negatedWords.push(st);
    if (prev) f.before.set(st, prev);
    prev = st;
  }
  for (const n of a.numbers) {
    if (n.start < start || n.end > end || (isListItem(a, s) && n.start === a.tokens[tokenStart]?.start)) continue;
    // "step 3", "page 12", "option 2" name which one, they measure nothing: another is no contradiction.
    const before = /([\p{L}#]+)\.?\s*$/u.exec(a.text.slice(Math.max(start, n.start - 16), n.start))?.[1]?.toLowerCase();
    if (before && INDEX_WORDS.has(before)) continue;
    f.numbers.add(n.value);
  }
  for (const w of f.content) f.contentSet.add(w);
  return f;
}

const PARTICIPLE = /^[a-z]{3,}ed$/;

/**
 * A verb's -s form that is a plural noun: followed by a participle or an auxiliary ("Standard
 * orders placed after …", "Card refunds are …"), where a finite verb would not be.
 */
function pluralNoun(a: TextAnalysis, i: number, tokenEnd: number): boolean {
  const w = a.tokens[i].norm;
  if (!w.endsWith('s') || i + 1 >= tokenEnd) return false;
  const next = a.tokens[i + 1].norm;
  return PARTICIPLE.test(next) || SUBJECT_END.has(next) || next === 'must' || next === 'should' || next === 'will';
}

/** Words that say how long or how many, not in which case ("for [many] years", "for over a [century]"). */
const QUANTITY = new Set(['many', 'several', 'few', 'some', 'most', 'more', 'less', 'long', 'time', 'while', 'years', 'year', 'months', 'month', 'weeks', 'week', 'days', 'day', 'hours', 'decades', 'century', 'centuries', 'total']);

/**
 * The first word after the determiners of the phrase a scope opener starts at token `from`,
 * stemmed. A phrase that gives a number ("on 12 May", "for 5 years"), a name ("on Netflix", unless
 * the phrase is fronted: "With CarePlus, the warranty …" names the case) or a
 * quantity ("for many years") is the fact itself, not a case of it, and one that goes on with a
 * function word ("went on to earn") is no phrase: none.
 */
function scopeWord(a: TextAnalysis, from: number, to: number, front = false): string | undefined {
  for (let k = from; k < Math.min(to, from + 3); k++) {
    const t = a.tokens[k];
    if (DETERMINERS.has(t.norm)) continue;
    if (/\d/.test(t.norm) || (t.cap && !front) || QUANTITY.has(t.norm) || STOPWORDS.has(t.norm) || t.norm.length < 3) return undefined;
    return tokenStems(a)[k];
  }
  return undefined;
}

/** `f` has the opposite of `w` ("included" / "excluded"; no content word is empty); `across` two turns, stems too. */
const opposes = (w: string, f: Facts, across = false): boolean => f.contentSet.has(OPPOSITE.get(w) ?? '') || (across && f.contentSet.has(OPPOSITE_STEMS.get(w) ?? ''));

/**
 * One sentence negates what the other states: the negation reaches a word the other sentence
 * has ("free shipping is [not included]" / "the plan includes free shipping"). A negation about
 * something else ("… has no traffic") is no disagreement.
 */
function negationFlip(x: Facts, y: Facts): boolean {
  if (x.negated === y.negated) return false;
  const [neg, pos] = x.negated ? [x, y] : [y, x];
  // The same word, however crudely stemmed ("included" / "includes"): the same first five letters.
  // Read here rather than kept per sentence: few pairs differ in negation.
  return neg.negatedWords.some((w) => pos.contentSet.has(w) || pos.names.has(w) || (w.length >= 5 && pos.content.some((c) => c.startsWith(w.slice(0, 5)))));
}

/**
 * Each sentence's subject has a word the other sentence lacks altogether: two subjects ("Maria
 * …" / "Her brother Thomas …"). Checked against the whole other sentence, because "X is Y" also
 * reads "Y is X" ("The capital is Canberra." / "Sydney is the capital."). Or two different
 * pronouns ("It does not cover …" / "You can buy …").
 */
export function differentSubjects(x: Facts, y: Facts): boolean {
  if (x.pronoun && y.pronoun && x.pronoun !== y.pronoun) return true;
  return x.subject.size > 0 && y.subject.size > 0 && [...x.subject].some((w) => !mentions(y, w)) && [...y.subject].some((w) => !mentions(x, w));
}

/** The sentence has `w` as a name or a content word. */
export function mentions(f: Facts, w: string): boolean {
  return f.names.has(w) || f.contentSet.has(w);
}

/** Sentence i of `a` and sentence j of `b` are about two different subjects. */
export function aboutOthers(a: TextAnalysis, i: number, b: TextAnalysis, j: number): boolean {
  return differentSubjects(facts(a, i), facts(b, j));
}

/**
 * The two sentences hold in different cases, so different values are no disagreement: a
 * condition or scope on one side that the other does not mention at all ("The store opens at 9
 * am on weekdays." / "On weekends it opens at 10 am."; "With the screen at full brightness, the
 * battery lasts 6 hours."), or a thing narrowed by a modifier on one side only ("Shipping takes
 * 5 days." / "International shipping takes 3 weeks."), or by two different ones ("The basic plan
 * costs $10." / "The premium plan costs $25.").
 */
export function otherCases(a: TextAnalysis, i: number, b: TextAnalysis, j: number): boolean {
  const x = facts(a, i);
  const y = facts(b, j);
  return caseOnly(x, y) || caseOnly(y, x) || openingModifiersDiffer(x, y) || narrowed(x, y) || narrowed(y, x);
}

/**
 * `x` holds in a case `y` does not mention: a plain one ("If you pay by card, …"), or one beside
 * a parallel case of `y` ("on weekdays" / "on weekends"). An unmatched phrase on one side alone
 * is as often a detail added to a restatement ("… lived there with his family").
 */
function caseOnly(x: Facts, y: Facts): boolean {
  for (const c of x.scope) {
    if (mentions(y, c.word)) continue;
    if (c.plain || y.scope.some((d) => d.opener === c.opener && !mentions(x, d.word))) return true;
  }
  return false;
}

/** Both sentences open with one thing under two modifiers ("The basic plan costs …" / "The premium plan costs …"). */
function openingModifiersDiffer(x: Facts, y: Facts): boolean {
  const head = x.content[1];
  const [m, n] = [x.content[0], y.content[0]];
  return head !== undefined && head === y.content[1] && m !== n && x.before.get(head) === m && y.before.get(head) === n && !x.content.includes(n) && !y.content.includes(m);
}

/** One thing with two modifiers: "basic plan" / "premium plan", "main span" / "bridge". */
function modifiersDiffer(x: Facts, y: Facts): boolean {
  for (const [w, b] of x.before) {
    const c = y.before.get(w);
    if (c && c !== b && !y.content.includes(b) && !x.content.includes(c)) return true;
  }
  return false;
}

/**
 * The thing `x`'s subject opens with (its first content word, unmodified) is narrowed in `y` by a
 * modifier `x` lacks, anywhere in `y` ("Shipping takes …" / "International shipping takes …",
 * "The warranty does not cover …" / "… an extended warranty that covers …"); a finite verb before
 * it is no modifier ("includes free shipping").
 */
function narrowed(x: Facts, y: Facts): boolean {
  const head = x.content[0];
  if (head === undefined || x.before.has(head) || !x.subject.has(head)) return false;
  const modifier = y.before.get(head);
  return modifier !== undefined && !y.verbs.has(modifier) && !mentions(x, modifier);
}

/** Both sentences are items of a list: parallel items, not rival answers. */
export function listItems(a: TextAnalysis, i: number, b: TextAnalysis, j: number): boolean {
  return isListItem(a, i) && isListItem(b, j);
}

/** Numbers of a sentence with the words around each ("3 miles": "3" → ["away", "miles"]), once per sentence. */
const measures = perSentence((a: TextAnalysis, s: number): Map<string, [string, string]> => {
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
    if (!INDEX_WORDS.has(before)) out.set(n.value, [before, after]);
  }
  return out;
});

/**
 * Whether two sentences (possibly of different turns) disagree on something comparable: the
 * same unit with another number ("3 miles" / "5 miles"), a negation flipped, or opposite words.
 * An answer and an earlier one differ in many ways that are no contradiction ("899 Ames Ct" /
 * "1 miles away"); only these count there.
 */
export function comparableDisagreement(a: TextAnalysis, i: number, b: TextAnalysis, j: number): boolean {
  const x = measures(a, i);
  const y = measures(b, j);
  if (x.size && y.size) {
    // A number of each that the other lacks, the same word before or after both.
    const befores = new Set<string>();
    const afters = new Set<string>();
    for (const [w, [yb, ya]] of y) {
      if (x.has(w)) continue;
      befores.add(yb);
      afters.add(ya);
    }
    for (const [v, [xb, xa]] of x) if (!y.has(v) && ((xa && afters.has(xa)) || (xb && befores.has(xb)))) return true;
  }
  const fx = facts(a, i);
  const fy = facts(b, j);
  const shared = sharedContent(fx, fy);
  if (shared >= 2 && fx.negated !== fy.negated) return true;
  // Opposite words about one thing: "We are open on Sundays." / "We are closed on Sundays."
  if (shared + sharedNames(fx, fy) >= 1 && fx.content.some((w) => opposes(w, fy, true))) return true;
  return nameSwapped(fx, fy, shared);
}

/**
 * One name swapped for another in the same words ("Your order will arrive on Thursday." / "… on
 * Saturday."; "with Dr. Patel" / "with Dr. Lee"): a disagreement that shares too few plain words
 * to be paired otherwise.
 */
export function swapsName(a: TextAnalysis, i: number, b: TextAnalysis, j: number): boolean {
  const fx = facts(a, i);
  const fy = facts(b, j);
  return nameSwapped(fx, fy, sharedContent(fx, fy));
}

function nameSwapped(x: Facts, y: Facts, shared: number): boolean {
  return shared + sharedNames(x, y) >= 2 && [...x.names].some((n) => !mentions(y, n)) && [...y.names].some((n) => !mentions(x, n));
}

/** Content words of `x` that `y` has too (with repeats, as the pairing tests count them). */
function sharedContent(x: Facts, y: Facts): number {
  return x.content.filter((w) => y.contentSet.has(w)).length;
}

/** Names of one sentence the other has, as a name or as a word ("Premium is …" / "the premium plan"). */
function sharedNames(x: Facts, y: Facts): number {
  let n = 0;
  for (const w of x.names) if (mentions(y, w)) n++;
  for (const w of y.names) if (!x.names.has(w) && x.contentSet.has(w)) n++;
  return n;
}

/** Score of a plain contradiction between sentence i of `a` and sentence j of `b` (by default `a`; 0 when none). */
export function ruleContradiction(a: TextAnalysis, i: number, j: number, b: TextAnalysis = a): number {
  const x = facts(a, i);
  const y = facts(b, j);
  // An instruction and a statement do not disagree on a fact ("The risk is higher than with
  // vaginal sex." / "Never go from anal to vaginal sex."); two instructions can ("Always …" / "Never …").
  if (listItems(a, i, b, j) || differentSubjects(x, y) || x.instructs !== y.instructs) return 0;
  const [short, long] = x.content.length <= y.content.length ? [x, y] : [y, x];
  // Across turns a name may come back as a plain word ("the premium plan" / "Premium is …");
  // within one turn that reading paired unrelated sentences of encyclopedic answers.
  const across = b !== a;
  // Across turns the numbers count too: "The meeting is at 3 pm." / "The meeting is at 4 pm." is
  // one word and a time (comparableDisagreement has matched the numbers' unit).
  const named = across ? sharedNames(x, y) + (x.numbers.size > 0 && y.numbers.size > 0 ? 1 : 0) : [...x.names].filter((n) => y.names.has(n)).length;
  if (short.content.length === 0 || short.content.length + named < 2) return 0;
  const covered = short.content.filter((w) => long.contentSet.has(w) || (across && long.names.has(w)) || opposes(w, long, across)).length / short.content.length;
  if (covered < 0.5) return 0;
  if (modifiersDiffer(x, y)) return 0;
  const opposite = x.content.some((w) => opposes(w, y, across));
  if (negationFlip(x, y) || opposite || (x.yes && (y.no || y.negated)) || (y.yes && (x.no || x.negated))) return 0.8;
  const numsDiffer = x.numbers.size > 0 && y.numbers.size > 0 && [...x.numbers].some((n) => !y.numbers.has(n)) && [...y.numbers].some((n) => !x.numbers.has(n));
  if (numsDiffer) return 0.75;
  const onlyX = [...x.names].filter((n) => !y.names.has(n));
  const onlyY = [...y.names].filter((n) => !x.names.has(n));
  // "several films, including X" and "films such as Y": examples, not the one answer.
  if (onlyX.length && onlyY.length && !x.enumerates && !y.enumerates) return 0.75;
  return 0;
}

