/**
 * Bias: GENDER_BIAS, RACIAL_BIAS, AGE_BIAS, STEREOTYPING.
 *
 * A bias finding needs a group: an identity term from lexicons.ts in the turn. The sentence
 * around it is scored by how it talks about the group (a generalisation, a negative trait
 * pinned on it) and by a hashed n-gram model (models/bias.json, trained on CrowS-Pairs, ToxiGen
 * and RedditBias plus our own examples; licences in its provenance). Statements that push
 * back against a stereotype ("women are just as capable as men") are damped, and so are sentences
 * that talk about a stereotype instead of voicing it: a question, someone else's claim reported,
 * prejudice named ("that's racist"), a denial ("lesbians are not a threat"), a turn about one
 * person only ("my aunt is a nurse").
 *
 * The subtype follows the group: gender, race/ethnicity and age get their own subtypes;
 * religion, sexuality, disability, nationality, class and looks are STEREOTYPING.
 */
import { COUNTER_STEREOTYPE, DENIED_QUALITIES, SAME_AS_ANYONE, GENERALISERS, NEGATIVE_TRAITS, RULE_TRAITS, STEREOTYPE_TOPICS, SWEEPING, WARM_WORDS, WEAK_IDENTITY, type IdentityGroup } from '../lexicons.js';
import { CALLER_BLAMED, JUDGED_QUOTE, NO_HATE } from '../lexicons-harm.js';
import { type LinearModel, featurize, probability } from '../models/linear.js';
import { type IdentityMention, STOPWORDS, type TextAnalysis, identitiesBySentence, perAnalysis } from '../text.js';
import type { Subtype } from '../types.js';
import { type Detector, type DetectorInput, finding, sentenceSpan, turnSpan } from '../detector.js';
import { bundledModel } from '../models/bundle.js';
import { anyMatcher, wordStartsOf } from '../word-starts.js';
import { qaBias } from './qa-bias.js';
import { defends, denies, runsRisk, talksAbout } from './bias-stance.js';
import { agreementIn, asksForService, onlySaysItNeededSaying } from './bias-agreement.js';
import { EQUALITY_DENIED, agePinned, genderPinned, mayHoldTrope, traitOtherwise, tropeSaidOf } from './bias-forms.js';
import { framesClaim, takesClaimOn } from './claim-frames.js';

/**
 * Whether any counter-stereotype pattern matches: 9.3 µs per 300-character turn as one
 * alternation, 3.9 µs tried at word starts only (word-starts.ts).
 */
// "I don't hate Muslims at all", or judging the words quoted, pushes back as a rebuttal does.
const pushesBackAnywhere = anyMatcher([...COUNTER_STEREOTYPE, NO_HATE, JUDGED_QUOTE, CALLER_BLAMED], 'i');

/** "more than once", "less than expected": a "than" that ranks no group. */
const NOT_A_RANKING = new Set(['once', 'twice', 'ever', 'before', 'usual', 'expected', 'planned', 'that', 'this', 'it', 'i', 'we', 'you']);

const PRONOUNS = new Set(['he', 'she', 'his', 'her', 'him', 'hers', 'himself', 'herself']);

export function subtypeOfGroup(group: IdentityGroup): Subtype {
  if (group === 'gender') return 'GENDER_BIAS';
  if (group === 'race') return 'RACIAL_BIAS';
  if (group === 'age') return 'AGE_BIAS';
  return 'STEREOTYPING';
}

/** First words of the two-word traits and topics: a pair string is only built after one of them. */
const PAIR_FIRST_WORDS = new Set(
  [...NEGATIVE_TRAITS, ...STEREOTYPE_TOPICS].filter((w) => w.includes(' ')).map((w) => w.slice(0, w.indexOf(' '))),
);

interface SentenceSignal {
  sentence: number;
  mentions: IdentityMention[];
  traits: number[];
  /** Stereotype topics and roles (weaker than traits). */
  topics: number;
  generalisers: number;
  /** Words that sweep over the whole group ("all", "usually", "naturally"). */
  sweeping: number;
  /**
   * The sentence's form pins a trait on the group even without a listed trait word: an
   * incapacity put down to age, a sweeping statement about women or men, a gendered comparison.
   */
  pinned: boolean;
  pinnedGroup?: IdentityGroup;
  /** A stock claim about a group with no trait word in it ("… belong in the kitchen", bias-forms.ts). */
  trope: boolean;
  /** Less of a good quality said of the group ("less intelligent"). */
  deficit: boolean;
}


/**
 * Per sentence with a group: traits, topics, generalisers and the forms that pin a trait. `rules`
 * adds what only the bias detector and its model read (RULE_TRAITS, trans people denied their
 * gender, an outcome put down to age, more generic verbs after "women" / "men", a negated
 * comparison): the toxicity model reads `biasCues` as features too and was trained without them.
 */
export function sentenceSignals(a: TextAnalysis, rules = false): SentenceSignal[] {
  return rules ? ruleSignals(a) : modelSignals(a);
}

/**
 * Both kinds, and the counter-stereotype test, are memoised per analysis: a turn with a group
 * read them up to three times (the toxicity cues, the bias model's cues, the bias rules).
 * Readers must not mutate the signals.
 */
const modelSignals = perAnalysis((a) => computeSignals(a, false));
const ruleSignals = perAnalysis((a) => computeSignals(a, true));
const pushesBack = perAnalysis((a) => pushesBackAnywhere(a.text, wordStartsOf(a)));
const sameAsAnyone = anyMatcher(SAME_AS_ANYONE, 'i');

/** The words before a trait that make it the speaker's own state: "I'm so angry at him", "it made me feel stupid". */
const SPEAKER_FEELS = /(?:^| )(?:i'm|im|i am|i was|i feel|i felt|i get|i got|i've been|ive been|made me|makes me|made me feel|makes me feel)(?: (?:so|really|very|just|too|quite|pretty|kinda|a bit|kind of|getting|becoming))?$/;

/** Whether trait word `i` is said of the speaker (the few words before it): a feeling, no trait pinned on a group. */
function speakersOwn(a: TextAnalysis, i: number, tokenStart: number): boolean {
  const before: string[] = [];
  for (let j = Math.max(tokenStart, i - 4); j < i; j++) before.push(a.tokens[j].norm);
  return before.length > 0 && SPEAKER_FEELS.test(before.join(' '));
}

/** A mention naming a group, not one person or a story ("my brother", "came out"): strong, or a plural. */
const groupWord = (m: IdentityMention): boolean => !WEAK_IDENTITY.has(m.value) || /(?:[^s]s|men|elderly)$/.test(m.value);
function computeSignals(a: TextAnalysis, rules: boolean): SentenceSignal[] {
  const out: SentenceSignal[] = [];
  for (const [s, mentions] of identitiesBySentence(a)) {
    const { tokenStart, tokenEnd } = a.sentences[s];
    const traits: number[] = [];
    let generalisers = 0;
    let sweeping = 0;
    let topics = 0;
    let deficit = false;
    const noneOf = rules && a.tokens[tokenStart]?.norm === 'no' && mentions.some((m) => m.token === tokenStart + 1);
    for (let i = tokenStart; i < tokenEnd; i++) {
      const t = a.tokens[i].norm;
      // A good quality denied a group ("Muslims are not trustworthy", "I don't think immigrants are decent
      // people", "No Muslim can be trusted") pins the opposite on it; not compared ("not less capable").
      if (rules && (a.tokens[i].negated || (noneOf && i > tokenStart + 1)) && DENIED_QUALITIES.has(t) && !/^(?:less|worse|more)$/.test(a.tokens[i - 1]?.norm ?? '') && mentions.some((m) => m.token < i && (groupWord(m) || (noneOf && m.token === tokenStart + 1)))) {
        traits.push(i);
        continue;
      }
      // Less of a good quality pins its lack ("Black people are less intelligent"); not "not less capable".
      if (rules && !a.tokens[i].negated && a.tokens[i - 1]?.norm === 'less' && DENIED_QUALITIES.has(t) && mentions.some((m) => m.token < i && groupWord(m))) deficit = true;
      if (a.tokens[i].negated || mentions.some((m) => m.token === i || (m.token === i - 1 && m.value.includes(' ')))) continue;
      const two = i + 1 < tokenEnd && PAIR_FIRST_WORDS.has(t) ? `${t} ${a.tokens[i + 1].norm}` : '';
      if (((NEGATIVE_TRAITS.has(t) && !traitOtherwise(a.tokens, i)) || (two && NEGATIVE_TRAITS.has(two)) || (rules && RULE_TRAITS.has(t))) && !(rules && speakersOwn(a, i, tokenStart))) traits.push(i);
      else if (STEREOTYPE_TOPICS.has(t) || (two && STEREOTYPE_TOPICS.has(two))) topics++;
      if (GENERALISERS.has(t)) generalisers++;
      if (SWEEPING.has(t)) sweeping++;
    }
    // "younger candidates are always more energetic than older workers": ranking one group
    // against another is a trait pinned on both, even with flattering words.
    if (!traits.length && generalisers && new Set(mentions.map((m) => m.group)).size < mentions.length) {
      for (let i = tokenStart; i < tokenEnd; i++) if (a.tokens[i].norm === 'than' && !(rules && (a.tokens[i].negated || NOT_A_RANKING.has(a.tokens[i + 1]?.norm ?? '')))) traits.push(i);
    }
    const text = a.text.slice(a.sentences[s].start, a.sentences[s].end);
    const age = mentions.find((m) => m.group === 'age');
    const gender = mentions.find((m) => m.group === 'gender');
    const trope = rules && mayHoldTrope(a) ? tropeSaidOf(text, a.sentences[s].start, mentions, groupWord) : null;
    // That a group is equal, denied, is a stock claim too (bias-forms.ts).
    const stock = !!trope || (rules && EQUALITY_DENIED.test(text) && mentions.some(groupWord));
    const target = age && agePinned(text, rules) ? age : gender && genderPinned(text, rules) ? gender : null;
    if (target && !traits.includes(target.token)) traits.push(target.token);
    out.push({ sentence: s, mentions, traits, topics, generalisers, sweeping, pinned: !!target, pinnedGroup: target?.group, trope: stock, deficit });
  }
  return out;
}

/** The detector's signals as named model features; `rules` as in `sentenceSignals` (the bias model's own features use it). */
export function biasCues(a: TextAnalysis, rules = false): string[] {
  const cues: string[] = [];
  for (const sig of sentenceSignals(a, rules)) {
    const strong = sig.mentions.some((m) => !WEAK_IDENTITY.has(m.value));
    for (const m of sig.mentions) cues.push(`group:${m.group}${WEAK_IDENTITY.has(m.value) ? ':weak' : ''}`);
    // Praise of a group ("Gay people are wonderful") is no generalisation to weigh against it.
    if (warm(a, sig)) {
      cues.push('warm+group');
      continue;
    }
    if (sig.traits.length) cues.push(strong ? 'trait+group' : 'trait+weakgroup');
    if (sig.generalisers) cues.push(strong ? 'general+group' : 'general+weakgroup');
    if (sig.topics) cues.push(strong ? 'topic+group' : 'topic+weakgroup');
  }
  if (pushesBack(a)) cues.push('counter');
  return cues;
}

/**
 * Rule weights, chosen by replaying `biasScore` on out-of-fold probabilities of the training
 * rows (ToxiGen train split and our own examples; `train-models.ts --oof=…`), never on
 * validation rows.
 */
export const BIAS_RULES = {
  traitStrong: 0.3,
  traitWeak: 0.33,
  generalStrong: 0.05,
  generalWeak: 0.05,
  traitAndGeneral: 0,
  topicStrong: 0.1,
  topicWeak: 0,
  /** Added for a stock claim (bias-forms.ts): with the trait it reaches the standard policy's 0.5 without the model. Set by hand. */
  trope: 0.2,
  /** score = max(p, modelGain · p + rule). */
  modelGain: 0.5,
  counter: 0.4,
  /** A reply agreeing with a user turn that scores at least `agreeQuestion` is scored `agree`. */
  agreeQuestion: 0.4,
  agree: 0.6,
};

export type BiasRules = typeof BIAS_RULES;

export function ruleScore(sig: { traits: number[]; topics: number; generalisers: number; sweeping?: number; trope?: boolean; deficit?: boolean }, strong: boolean, R: BiasRules = BIAS_RULES): number {
  let rule = 0;
  // A stock claim or a deficit counts as a trait (a stock claim as more); neither is a model cue.
  if (sig.traits.length || sig.trope || sig.deficit) rule += strong ? R.traitStrong : R.traitWeak;
  else if (sig.topics) rule += strong ? R.topicStrong : R.topicWeak;
  if (sig.trope) rule += R.trope;
  if (sig.generalisers) rule += strong ? R.generalStrong : R.generalWeak;
  // A trait pinned on a whole group ("usually bad with money") counts even when the group word is weak.
  if (sig.traits.length && sig.sweeping) rule += R.traitAndGeneral;
  return rule;
}

export function biasScore(p: number, rule: number, counter: boolean, R: BiasRules = BIAS_RULES): number {
  let score = Math.max(p, R.modelGain * p + rule);
  if (counter) score *= R.counter;
  return score;
}

/** Per-sentence rule strength of a turn (for replaying the combination in scripts). */
export function bestRule(a: TextAnalysis): number {
  let best = -1;
  for (const sig of sentenceSignals(a, true)) best = Math.max(best, ruleScore(sig, sig.pinned || sig.mentions.some((m) => !WEAK_IDENTITY.has(m.value))));
  return best;
}

/**
 * A turn that names a group to protect or praise it: the group said to be as good as anyone
 * ("immigrants are less likely to commit crimes", "older workers are just as productive"), praise, a risk the
 * group runs ("older people are more vulnerable to scams") or a stereotype denied ("muslims are not terrorists"), and nothing pinned on it outside
 * such a sentence. The toxicity decision reads it: its head scores such turns for their group words.
 */
export const protectsGroup = perAnalysis((a: TextAnalysis): boolean => {
  const sigs = sentenceSignals(a, true);
  if (!sigs.some((sig) => sig.mentions.some(groupWord))) return false;
  if (sameAsAnyone(a.text, wordStartsOf(a)) && !takesClaimOn(a)) return true;
  const kind = (sig: SentenceSignal): boolean => warm(a, sig) || runsRisk(a, sig) || denies(a, sig) || defends(a, sig);
  return sigs.some(kind) && sigs.every((sig) => kind(sig) || (!sig.traits.length && !sig.pinned && !sig.trope && !sig.deficit));
});

/** The `biased` head's probability for a turn under model `m`. */
export function biasProbability(a: TextAnalysis, m: LinearModel = bundledModel('bias')): number {
  return probability(m.heads.biased, featurize(a, m.features, m.bits, biasCues(a, true)));
}

interface Scored {
  score: number;
  sig: SentenceSignal;
  mention: IdentityMention;
}

/**
 * The turn's strongest generalisation about a group and its score, or null with no group. `asked`
 * reads the turn as the claim a reply agrees with: its question form, a report or the word
 * "racist" in it do not take the claim back there (a "yes" to "so they are all terrorists?" agrees).
 */
function scoreTurn(a: TextAnalysis, model: LinearModel, R: BiasRules = BIAS_RULES, asked = false, reported?: (sig: SentenceSignal) => boolean): Scored | null {
  if (a.identities.length === 0) return null;
  const p = biasProbability(a, model);
  // A push-back the speaker then takes back ("people say …, and they're right") is none.
  const counter = (pushesBack(a) && !takesClaimOn(a)) || framesClaim(a);
  // Pick the sentence and mention that carry the bias: the one with most trait/generalising words.
  let best: { sig: SentenceSignal; rule: number; mention: IdentityMention } | null = null;
  for (const sig of sentenceSignals(a, true)) {
    const strongMentions = sig.mentions.filter((m) => !WEAK_IDENTITY.has(m.value) || (sig.pinned && m.group === sig.pinnedGroup));
    // Pronouns ("he", "her") rarely name the group a stereotype is about; prefer any other term.
    const mention = (strongMentions[0] ?? sig.mentions.find((m) => !PRONOUNS.has(m.value)) ?? sig.mentions[0])!;
    const rule = ruleScore(sig, strongMentions.length > 0, R);
    if (!best || rule > best.rule) best = { sig, rule, mention };
  }
  if (!best) return null;
  let mention = best.mention;
  if (best.sig.traits.length) {
    // Prefer the group the trait sits closest to.
    const trait = best.sig.traits[0];
    const candidates = best.sig.pinned ? best.sig.mentions.filter((m) => m.group === best!.sig.pinnedGroup) : best.sig.mentions.filter((m) => !WEAK_IDENTITY.has(m.value));
    const nonPronoun = best.sig.mentions.filter((m) => !PRONOUNS.has(m.value));
    const pool = candidates.length ? candidates : nonPronoun.length ? nonPronoun : best.sig.mentions;
    mention = pool.reduce((x, y) => (Math.abs(y.token - trait) < Math.abs(x.token - trait) ? y : x));
  }
  // Pushed back against, warm, about the speaker, or talk about a stereotype rather than in one.
  const damped = counter || warm(a, best.sig) || selfDescribed(a, best.sig) || talksAbout(a, best.sig, asked) || (reported?.(best.sig) ?? false);
  return { score: biasScore(p, best.rule, damped, R), sig: best.sig, mention };
}

/** Share of a sentence's content words its documents must hold for it to report them. */
const REPORTED_SHARE = 0.6;

/**
 * An answer sentence that restates the documents it was given about the same group ("the
 * programme is for employees who identify as women or non-binary, so men can't join it", from the
 * programme's own rules): the answer reports its source, it does not generalise. The group's word
 * and most of its content words are in the documents (words compared by their first five letters).
 */
function reportsDocuments(a: TextAnalysis, sig: SentenceSignal, docs: string[]): boolean {
  const words = new Set<string>();
  for (const d of docs) for (const w of d.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) words.add(w.slice(0, 5));
  if (!sig.mentions.some((m) => words.has(m.value.slice(0, 5)))) return false;
  const { tokenStart, tokenEnd } = a.sentences[sig.sentence];
  let content = 0;
  let found = 0;
  for (let i = tokenStart; i < tokenEnd; i++) {
    const w = a.tokens[i].norm;
    if (STOPWORDS.has(w) || w.length < 3) continue;
    content++;
    if (words.has(w.slice(0, 5))) found++;
  }
  return content > 0 && found >= REPORTED_SHARE * content;
}

/** The few words before a mention that make it the speaker's own identity. */
const SELF_FRAME = /(?:^| )(?:i'm|im|i am|i was|i've been|ive been|as an?|we're|we are|we were)(?: (?:a|an|also|still|just|proud|openly|\w+ly))?(?: \w+)?$/;

/**
 * The speaker naming their own identity ("im a lesbian because i have no desire to date men",
 * "as a Black woman, …"), with no negative trait in the sentence: a person speaking about
 * themselves, not generalising about a group.
 */
function selfDescribed(a: TextAnalysis, sig: SentenceSignal): boolean {
  if (sig.traits.length) return false;
  const start = a.sentences[sig.sentence].tokenStart;
  return sig.mentions.some((m) => {
    const before: string[] = [];
    for (let i = Math.max(start, m.token - 4); i < m.token; i++) before.push(a.tokens[i].norm);
    return before.length > 0 && SELF_FRAME.test(before.join(' '));
  });
}

/**
 * A warm or neutral sentence about a group ("I treasure the Mexican friends I made", "Chinese
 * people have diverse heritages"): praise, no negative trait and no sweeping word. Positive
 * stereotypes keep their generalising word ("all Asians are good at math") and are not warm.
 */
function warm(a: TextAnalysis, sig: SentenceSignal): boolean {
  if (sig.traits.length || sig.trope) return false;
  const { tokenStart, tokenEnd } = a.sentences[sig.sentence];
  let praise = false;
  for (let i = tokenStart; i < tokenEnd; i++) {
    const t = a.tokens[i];
    if (SWEEPING.has(t.norm)) return false;
    if (WARM_WORDS.has(t.norm) && !t.negated) praise = true;
  }
  return praise;
}

/** A trait, a stock claim, a deficit, a stereotype's topic or a sweeping word in the sentence. */
const pinsSomething = (sig: SentenceSignal): boolean => sig.traits.length > 0 || sig.pinned || sig.trope || sig.deficit || sig.topics > 0 || sig.sweeping > 0;

function agreesWithBias(reply: TextAnalysis, input: DetectorInput, model: LinearModel, R: BiasRules): { score: number; subtype: Subtype; span: [number, number]; group: string } | null {
  const m = agreementIn(reply.text);
  if (!m || (pushesBack(reply) && !onlySaysItNeededSaying(reply.text))) return null;
  const question = input.questionAnalysis();
  const q = !question || asksForService(question.text) ? null : scoreTurn(question, model, R, true);
  // A "yes" to a plain question about a group ("Do Muslims have to pray five times a day?") agrees
  // with no generalisation: a question must pin something on the group, not only score (a
  // statement the reply agrees with may: DiaSafety's contexts score by the model alone).
  if (!q || q.score < R.agreeQuestion || (!pinsSomething(q.sig) && question!.text.includes('?'))) return null;
  const start = m.index + m[0].length - m[0].trimStart().length;
  return { score: R.agree, subtype: subtypeOfGroup(q.mention.group), span: [start, m.index + m[0].length], group: q.mention.value };
}

/** The bias detector over `model` (the shipped models/bias.json by default). */
export function createBiasDetector(model: LinearModel = bundledModel('bias')): Detector {
  // A model trained with its own rule weights carries them; older files use ours.
  const R: BiasRules = { ...BIAS_RULES, ...((model.params?.rules as Partial<BiasRules> | undefined) ?? {}) };
  return {
    id: 'bias',
    version: '2.0.0',
    category: 'bias',
    roles: ['user', 'assistant', 'system', 'tool'],
    detect(input) {
      const a = input.analysis;
      const docs = input.turn.role === 'assistant' ? input.context.documents.map((d) => d.content ?? '').filter(Boolean) : [];
      if (input.turn.role === 'assistant' && input.context.question) {
        // An answer naming one of two people the context does not tell apart (qa-bias.ts).
        const qa = qaBias(a.text, input.context.question, docs);
        if (qa) return [finding(this, qa.subtype, qa.score, 'medium', qa.spans, qa.why)];
        const agree = agreesWithBias(a, input, model, R);
        if (agree) return [finding(this, agree.subtype, agree.score, 'medium', [turnSpan(a.text, agree.span[0], agree.span[1])], `Agrees with a generalisation about a group ("${agree.group}") in the message it answers.`)];
      }
      const best = scoreTurn(a, model, R, false, docs.length ? (sig) => reportsDocuments(a, sig, docs) : undefined);
      if (!best || best.score < 0.2) return [];
      const { mention, score } = best;
      const subtype = subtypeOfGroup(mention.group);
      const spans = [turnSpan(a.text, mention.start, mention.end)];
      for (const t of best.sig.traits.slice(0, 2)) {
        // A comparison's evidence is the groups it ranks, not the word "than".
        if (a.tokens[t].norm === 'than') for (const m of best.sig.mentions) spans.push(turnSpan(a.text, m.start, m.end));
        else spans.push(turnSpan(a.text, a.tokens[t].start, a.tokens[t].end));
      }
      if (spans.length === 1) spans.push(sentenceSpan(a, a.sentences[best.sig.sentence]));
      spans.sort((x, y) => x.start - y.start);
      const deduped = spans.filter((s, i) => i === 0 || s.start >= spans[i - 1].end);
      return [
        finding(this, subtype, score, 'medium', deduped, `Generalises about ${mention.group === 'race' ? 'a racial or ethnic' : mention.group === 'age' ? 'an age' : `a ${mention.group}`} group ("${mention.value}").`),
      ];
    },
  };
}
