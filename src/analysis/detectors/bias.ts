/**
 * Bias: GENDER_BIAS, RACIAL_BIAS, AGE_BIAS, STEREOTYPING.
 *
 * A bias finding needs a group: an identity term from lexicons.ts in the turn. The sentence
 * around it is scored by how it talks about the group (a generalisation, a negative trait
 * pinned on it) and by a hashed n-gram model (models/bias.json, trained on ToxiGen's
 * human-written statements, CDLA-Permissive-2.0, plus our own examples). Statements that push
 * back against a stereotype ("women are just as capable as men") are damped.
 *
 * The subtype follows the group: gender, race/ethnicity and age get their own subtypes;
 * religion, sexuality, disability, nationality, class and looks are STEREOTYPING.
 */
import { COUNTER_STEREOTYPE, GENERALISERS, NEGATIVE_TRAITS, WEAK_IDENTITY, type IdentityGroup } from '../lexicons.js';
import { featurize, probability } from '../models/linear.js';
import type { IdentityMention, TextAnalysis } from '../text.js';
import type { Finding, Subtype } from '../types.js';
import { type Detector, bundledModel, finding, sentenceSpan, turnSpan } from '../detector.js';

const model = bundledModel('bias');
const PRONOUNS = new Set(['he', 'she', 'his', 'her', 'him', 'hers', 'himself', 'herself']);

export function subtypeOfGroup(group: IdentityGroup): Subtype {
  if (group === 'gender') return 'GENDER_BIAS';
  if (group === 'race') return 'RACIAL_BIAS';
  if (group === 'age') return 'AGE_BIAS';
  return 'STEREOTYPING';
}

interface SentenceSignal {
  sentence: number;
  mentions: IdentityMention[];
  traits: number[];
  generalisers: number;
}

function sentenceSignals(a: TextAnalysis): SentenceSignal[] {
  const out: SentenceSignal[] = [];
  for (let s = 0; s < a.sentences.length; s++) {
    const mentions = a.identities.filter((m) => m.sentence === s);
    if (mentions.length === 0) continue;
    const { tokenStart, tokenEnd } = a.sentences[s];
    const traits: number[] = [];
    let generalisers = 0;
    for (let i = tokenStart; i < tokenEnd; i++) {
      const t = a.tokens[i].norm;
      if (NEGATIVE_TRAITS.has(t) && !mentions.some((m) => m.token === i)) traits.push(i);
      if (GENERALISERS.has(t)) generalisers++;
    }
    out.push({ sentence: s, mentions, traits, generalisers });
  }
  return out;
}

export function biasCues(a: TextAnalysis): string[] {
  const cues: string[] = [];
  for (const sig of sentenceSignals(a)) {
    const strong = sig.mentions.some((m) => !WEAK_IDENTITY.has(m.value));
    for (const m of sig.mentions) cues.push(`group:${m.group}${WEAK_IDENTITY.has(m.value) ? ':weak' : ''}`);
    if (sig.traits.length) cues.push(strong ? 'trait+group' : 'trait+weakgroup');
    if (sig.generalisers) cues.push(strong ? 'general+group' : 'general+weakgroup');
  }
  if (COUNTER_STEREOTYPE.some((re) => re.test(a.text))) cues.push('counter');
  return cues;
}

export const biasDetector: Detector = {
  id: 'bias',
  version: '1.0.0',
  category: 'bias',
  roles: ['user', 'assistant', 'system', 'tool'],
  detect(input) {
    const a = input.analysis;
    if (a.identities.length === 0) return [];
    const signals = sentenceSignals(a);
    const cues = biasCues(a);
    const p = probability(model.heads.biased, featurize(a, model.features, model.bits, cues));
    const counter = cues.includes('counter');

    // Pick the sentence and mention that carry the bias: the one with most trait/generalising words.
    let best: { sig: SentenceSignal; rule: number; mention: IdentityMention } | null = null;
    for (const sig of signals) {
      const strongMentions = sig.mentions.filter((m) => !WEAK_IDENTITY.has(m.value));
      // Pronouns ("he", "her") rarely name the group a stereotype is about; prefer any other term.
      const mention = (strongMentions[0] ?? sig.mentions.find((m) => !PRONOUNS.has(m.value)) ?? sig.mentions[0])!;
      const strong = strongMentions.length > 0;
      let rule = 0;
      if (sig.traits.length) rule += strong ? 0.5 : 0.33;
      if (sig.generalisers) rule += strong ? 0.15 : 0.05;
      if (sig.traits.length && sig.generalisers) rule += 0.1;
      if (!best || rule > best.rule) best = { sig, rule, mention };
    }
    if (!best) return [];
    let score = Math.max(p, 0.5 * p + best.rule);
    if (counter) score *= 0.4;
    if (score < 0.2) return [];

    // Prefer the group the trait sits closest to.
    let mention = best.mention;
    if (best.sig.traits.length) {
      const trait = best.sig.traits[0];
      const candidates = best.sig.mentions.filter((m) => !WEAK_IDENTITY.has(m.value));
      const nonPronoun = best.sig.mentions.filter((m) => !PRONOUNS.has(m.value));
      const pool = candidates.length ? candidates : nonPronoun.length ? nonPronoun : best.sig.mentions;
      mention = pool.reduce((x, y) => (Math.abs(y.token - trait) < Math.abs(x.token - trait) ? y : x));
    }
    const subtype = subtypeOfGroup(mention.group);
    const spans = [turnSpan(a.text, mention.start, mention.end)];
    for (const t of best.sig.traits.slice(0, 2)) spans.push(turnSpan(a.text, a.tokens[t].start, a.tokens[t].end));
    if (spans.length === 1) spans.push(sentenceSpan(a, a.sentences[best.sig.sentence]));
    spans.sort((x, y) => x.start - y.start);
    const deduped = spans.filter((s, i) => i === 0 || s.start >= spans[i - 1].end);
    const out: Finding[] = [
      finding(this, subtype, score, 'medium', deduped, `Generalises about ${mention.group === 'race' ? 'a racial or ethnic' : `a ${mention.group}`} group ("${mention.value}").`),
    ];
    return out;
  },
};
