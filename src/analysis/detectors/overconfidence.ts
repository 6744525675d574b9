/**
 * OVERCONFIDENCE: absolute wording with no hedge, and claims stated more strongly than the
 * document sentence they restate. Rules only: there is no licence-clean training data.
 *
 * Claim strength follows the scale science-communication studies use for exaggeration
 * (Sumner et al. 2014; Yu et al. 2019): 0 no relation stated, 1 correlational ("associated
 * with", "linked to"), 2 conditional causal ("may reduce", "could lead to"), 3 direct causal or
 * certain ("reduces", "causes", "will prevent"). An answer sentence at 3 whose best-matching
 * document sentence is at 1 or 2 says more than its source; so does one that drops the source's
 * "in mice" (a finding in animals or cells told as a finding in people).
 */
import { OverlapIndex } from './overlap-index.js';
import { anyMatcher, wordStartsOf } from '../word-starts.js';
import { STOPWORDS, type TextAnalysis } from '../text.js';
import type { Span } from '../types.js';
import { type DetectorInput, sentenceSpan, turnSpan } from '../detector.js';
import { type Support, tokenStems } from './grounding.js';

const STRONG_BOOSTERS =
  /\b(?:definitely|certainly|undoubtedly|undeniably|unquestionably|indisputably|conclusively|definitively|guaranteed|guarantees?|(?:scientifically |clinically )?proven|proves|without (?:a|any) doubt|no doubt|beyond (?:any|a) doubt|there is no question|it is a (?:known )?fact|the fact is|everyone knows|always works|never fails|100 ?%|absolutely (?:true|certain|sure|safe|correct)|completely (?:safe|accurate|certain)|cures?|will (?:always|never|definitely|certainly))\b/i;
/**
 * "you can …", "employees can …": what a person is allowed or able to do, which a policy states
 * with "may" ("employees may work from another EU country"): no claim about causes. A causal verb
 * after it ("patients can reduce …") is still read by its own branch.
 */
const PERMITTED_SUBJECTS = '\\b(?:you|we|i|they|employees|staff|customers|clients|users|members|visitors|guests|students|parents|passengers|drivers|travell?ers|applicants|residents|tenants|owners|holders|everyone|anyone|someone) ';
/** Not after one of PERMITTED_SUBJECTS: "can" of a claim, not of a permission. */
const PERMITTED = `(?<!${PERMITTED_SUBJECTS})`;
/**
 * A causal or certain claim: present-tense and -ing causal verbs, "will", "can" + verb. Past
 * participles are left out: "a reduced risk" describes a correlation as often as a cause.
 */
const CAUSAL = new RegExp(
  `\\b(?:(?:${[
    'caus', 'cur', 'prevent', 'stop', 'reduc', 'lower', 'rais', 'increas', 'decreas', 'boost', 'trigger', 'protect', 'improv',
    'damag', 'harm', 'kill', 'revers', 'eliminat', 'halt', 'slow', 'delay', 'driv', 'fuel', 'worsen', 'cut', 'hasten',
    'encourag', 'promot', 'enhanc', 'inhibit', 'block', 'suppress', 'benefit', 'shap', 'determin', 'fight', 'treat', 'fix', 'shrink',
    'affect', 'influenc', 'impact',
  ].join('|')})(?:e|es|s|ing)?|leads? to|leading to|results? in|resulting in|makes?|making|helps?|helping|plays? an? (?:key|major|important|central|crucial) role|ha(?:s|ve|ving) an? (?:\\w+ )?(?:impact|effect|influence) on|puts?(?= \\w+ at)|is responsible for|are responsible for|is the cause of|caused|will(?! (?:know|help you|advise|tell you|be (?:able|happy|glad) to))|${PERMITTED}can (?!not\\b|be\\b)\\w+)\\b`,
  'i',
);
/**
 * A sentence that is only a reply word ("Yes, definitely.", "Certainly!", "Absolutely.") agrees
 * or accepts a request; it states no claim to be certain about.
 */
const REPLY_ONLY = /^\W*(?:(?:yes|yeah|yep|oh|sure|of course|absolutely|definitely|certainly|indeed|totally|100 ?%)\W*)+$/i;
/** "our 30-day money-back guarantee", "the guarantee covers …": a commercial guarantee, a noun. */
const GUARANTEE_NOUN = /\b(?:our|the|a|this|that|your|its|money-back|satisfaction|price|delivery|lifetime|extended|\d+[- ](?:day|month|year))\s+(?:[\w-]+\s+)?guarantees?\s*$/i;

/** Right before a booster, a negation that turns it into a hedge ("we cannot guarantee", "is not proven"). */
const NEGATED_BOOST = /(?:\b(?:not|cannot|never|no)|n't)\s+(?:(?:be|been|yet|always|fully)\s+)?$/i;

/** A promise of the speaker's own conduct ("We will never ask for your password"): a commitment, not a claim. */
const PROMISE = /\b(?:we|i|our (?:team|staff|company|bank|agents|employees|support team))\s+$/i;
/** The same promise in the passive, made to the reader: "you will never be charged twice". */
const PROMISED_TO_YOU = /\byou\s+$/i;
const PASSIVE_AFTER = /^\s+be\s+(?:\w+ed|charged|billed|asked|sent|told|given|shown|kept|sold|left)\b/i;
/** Emphasis on what the reader may do ("you can definitely change it until it ships"): a permission, not a claim. */
const PERMISSION = new RegExp(`(?<=${PERMITTED_SUBJECTS})(?:can|may|could)\\s+$`, 'i');

/** An emphatic instruction, not a claim: "Definitely restart the router first", "Absolutely, go ahead". */
const ADVICE = /^(?:definitely|certainly|absolutely)\W+(?:try|restart|reboot|check|update|contact|call|use|ask|go|keep|make sure|turn|clear|install|reinstall|back up|save|read|book|bring|wear|avoid|consider|do|visit|log|sign|reset)\b/i;

/** The first booster of `sentence` that is not a commercial guarantee named as a thing, nor negated, nor an emphatic instruction, nor a promise. */
function firstBoost(sentence: string): RegExpExecArray | null {
  const m = STRONG_BOOSTERS.exec(sentence);
  if (!m) return null;
  const skip =
    NEGATED_BOOST.test(sentence.slice(Math.max(0, m.index - 24), m.index)) ||
    (ADVICE.test(sentence.slice(m.index)) && !/\w/.test(sentence.slice(0, m.index))) ||
    (/^guarantees?$/i.test(m[0]) && GUARANTEE_NOUN.test(sentence.slice(0, m.index + m[0].length))) ||
    (/^will /i.test(m[0]) && PROMISE.test(sentence.slice(Math.max(0, m.index - 30), m.index))) ||
    (/^will (?:never|always)$/i.test(m[0]) && PROMISED_TO_YOU.test(sentence.slice(Math.max(0, m.index - 8), m.index)) && PASSIVE_AFTER.test(sentence.slice(m.index + m[0].length))) ||
    (/^(?:definitely|certainly)$/i.test(m[0]) && PERMISSION.test(sentence.slice(Math.max(0, m.index - 40), m.index)));
  if (!skip) return m;
  const rest = firstBoost(sentence.slice(m.index + m[0].length));
  if (rest) rest.index += m.index + m[0].length;
  return rest;
}

/** Wording that states a correlation, not a cause (strength 1). */
const CORRELATIONAL = /\b(?:associated|association|associations|linked|links?|correlat\w*|related to|relationship between|tied to|connected to|predicts?|predictors?|predictive|risk factor|tend(?:s|ed)? to|more likely|less likely)\b/i;
/** Wording that makes a causal claim conditional (strength 2 with a causal verb). */
const CONDITIONAL =
  /\b(?:may|might|could|possibly|perhaps|likely|suggests?|suggested|suggesting|appears?|seems?|potential(?:ly)?|preliminary|indicates?|hypothes\w*|further (?:research|studies)|more research|not (?:yet )?clear|uncertain|unclear|in (?:mice|rats|animals))\b/i;
/** A finding made in animals or cells. */
const ANIMAL = /\b(?:mice|mouse|rats?|rodents?|animal models?|in animals|zebrafish|fruit flies|monkeys|primates|pigs|in vitro|cell cultures?|cell lines?|in cells)\b/i;

/** Strength of the claim a sentence makes, 0–3 (see the file comment). */
export function claimStrength(sentence: string): number {
  return strengthOf(CAUSAL.test(sentence), CONDITIONAL.test(sentence), CORRELATIONAL.test(sentence));
}

/** `claimStrength` from the three tests, for a caller that has run them already. */
function strengthOf(causal: boolean, conditional: boolean, correlational: boolean): number {
  if (causal && !conditional && !correlational) return 3;
  if (causal && conditional) return 2;
  if (correlational) return 1;
  return conditional ? 2 : 0;
}

interface DocSentence {
  text: string;
  content: Set<string>;
  strength: number;
  animal: boolean;
}

/**
 * A claim made for every case: any time, anyone, always, any size, no fee (issue 8, 2026-12-03).
 * Said where the document sentence it restates holds only under a condition ("within 30 days",
 * "members", "under 10 kg", "up to 24 hours before"), the answer drops the condition.
 */
const UNIVERSAL = /\b(?:at any time|any ?time|whenever you (?:want|like)|always|every(?:one|body)|any(?:one|body)|all (?:customers|users|orders|members|guests|passengers|pets|items|products|plans)|(?:of )?any (?:size|amount|kind|type|age|length|weight|reason)|without (?:any |a )?(?:fee|fees|charge|charges|cost|limit|limits|restrictions?|conditions?|receipt|penalty)|no matter (?:what|when|how)|unlimited|no questions asked|free of charge|never (?:charged|a fee|any fee)|covers everything|everything is covered)\b/i;
const mayClaimAll = anyMatcher([UNIVERSAL], 'i');
/** The limits and conditions a document sentence gives. */
const CONDITION = /\b(?:within|up to|over|under|above|below|more than|less than|at least|at most|only|if|unless|provided|as long as|except|excluding|members?|with (?:a|the|your|proof of) (?:receipt|proof|code|membership|card|purchase)|before|after|not covered|subject to|minimum|maximum|(?:is|are) not|cost|costs|charged)\b/gi;

/** The condition of `source` the answer sentence leaves out, or null (it has none, or the answer keeps it). */
function droppedCondition(sentence: string, source: DocSentence): string | null {
  for (const m of source.text.matchAll(CONDITION)) {
    if (!new RegExp(`\\b${m[0]}\\b`, 'i').test(sentence)) return m[0];
  }
  return null;
}

/** The document sentences of a support, computed once per support object. */
const docMemo = new WeakMap<Support, OverlapIndex<DocSentence>>();

/**
 * Words compared by their first five letters (truncation stemming): a press release says
 * "improves" where its abstract says "improvements".
 */
const PREFIX = 5;

function contentOf(a: TextAnalysis, tokenStart: number, tokenEnd: number): Set<string> {
  const out = new Set<string>();
  const stems = tokenStems(a);
  for (let i = tokenStart; i < tokenEnd; i++) {
    const t = a.tokens[i].norm;
    if (!STOPWORDS.has(t) && t.length >= 3 && !/\d/.test(t)) out.add(stems[i].slice(0, PREFIX));
  }
  return out;
}

function docSentences(support: Support): OverlapIndex<DocSentence> {
  const known = docMemo.get(support);
  if (known) return known;
  const list: DocSentence[] = [];
  for (const { analysis: a } of support.documents) {
    for (const s of a.sentences) {
      const text = a.text.slice(s.start, s.end);
      list.push({ text, content: contentOf(a, s.tokenStart, s.tokenEnd), strength: claimStrength(text), animal: ANIMAL.test(text) });
    }
  }
  const index = new OverlapIndex(list);
  docMemo.set(support, index);
  return index;
}

/**
 * Content words a restatement must share with its source sentence (and this share of its own).
 * A document of one or two sentences states one finding: an answer sentence that shares any
 * content word with it restates it (a press release and its abstract share few words).
 */
const MIN_SHARED = 2;
const MIN_SHARED_SHARE = 0.3;
const SHORT_DOCUMENT = 2;

/** The document sentence an answer sentence restates, or null (shares too little with any). */
function bestSource(content: Set<string>, docs: OverlapIndex<DocSentence>): DocSentence | null {
  const short = docs.items.length <= SHORT_DOCUMENT;
  const found = docs.best(content);
  if (!found) return null;
  return (short && found.overlap > 0) || (found.overlap >= MIN_SHARED && found.overlap >= MIN_SHARED_SHARE * content.size) ? found.item : null;
}

export function overconfidence(input: DetectorInput, support: Support | null): { score: number; spans: Span[]; why: string } | null {
  const a = input.analysis;
  let best: { score: number; spans: Span[]; why: string } | null = null;
  const consider = (c: { score: number; spans: Span[]; why: string }): void => {
    if (!best || c.score > best.score) best = c;
  };
  const docs = support && support.documents.length ? docSentences(support) : null;
  // One scan of the turn's word starts before any sentence is read for a claim made for every case.
  const claimsAll = docs !== null && mayClaimAll(a.text, wordStartsOf(a));
  for (let s = 0; s < a.sentences.length; s++) {
    const span = sentenceSpan(a, a.sentences[s]);
    const sentence = span.text;
    const conditional = CONDITIONAL.test(sentence);
    const correlational = CORRELATIONAL.test(sentence);
    const hedged = conditional || correlational;
    const boost = REPLY_ONLY.test(sentence) ? null : firstBoost(sentence);
    if (boost && !hedged) {
      const at = span.start + boost.index;
      consider({ score: 0.62, spans: [turnSpan(a.text, at, at + boost[0].length)], why: 'States a claim as certain without hedging.' });
    }
    if (!docs) continue;
    const universal = !hedged && claimsAll ? UNIVERSAL.exec(sentence) : null;
    if (universal) {
      const source = bestSource(contentOf(a, a.sentences[s].tokenStart, a.sentences[s].tokenEnd), docs);
      const dropped = source ? droppedCondition(sentence, source) : null;
      if (dropped) {
        const at = span.start + universal.index;
        consider({ score: 0.58, spans: [turnSpan(a.text, at, at + universal[0].length)], why: `Says "${universal[0]}" where the document gives a condition ("${dropped}").` });
      }
    }
    const claim = CAUSAL.exec(sentence);
    const animalGap = !ANIMAL.test(sentence);
    if (!claim && !animalGap) continue;
    const source = bestSource(contentOf(a, a.sentences[s].tokenStart, a.sentences[s].tokenEnd), docs);
    if (!source) continue;
    const strength = strengthOf(!!claim, conditional, correlational);
    if (claim && strength >= 2 && source.strength >= 1 && strength > source.strength) {
      // Direct over correlational is the largest step; "may cause" over "associated with" the smallest.
      const at = span.start + claim.index;
      const score = (strength === 3 ? 0.55 : 0.5) + (boost && !hedged ? 0.1 : 0) + (source.strength === 1 && strength === 3 ? 0.05 : 0);
      consider({ score, spans: [turnSpan(a.text, at, at + claim[0].length)], why: 'States as a cause or certainty what the document only suggests or correlates.' });
    } else if (source.animal && animalGap && strength > 0 && !hedged) {
      consider({ score: 0.52, spans: [span], why: 'Tells a finding the document made in animals or cells as a general one.' });
    }
  }
  return best;
}
