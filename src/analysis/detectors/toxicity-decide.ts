/**
 * The toxicity decision for models trained by scripts/train/toxicity.ts (`params.decision:
 * 'gate'`): one calibrated head (`toxic`, over words, character n-grams and every rule cue)
 * decides whether a turn is toxic, so the share of clean turns flagged is the head's calibration;
 * a few rules decide on their own (threats, requests to hurt a person, a slur used, a group
 * called vermin), counter-speech and "I don't hate …" lower everything but threats, and the
 * subtype comes from the rule that fired or the strongest subtype head. Findings under 0.5 are
 * still reported (down to the engine's floor) so the strict preset can use them.
 */
import type { LinearModel } from '../models/linear.js';
import { strongestToken } from '../models/linear.js';
import type { TextAnalysis } from '../text.js';
import type { Finding, Severity, Span, Subtype } from '../types.js';
import { type DetectorId, finding, sentenceSpan, turnSpan } from '../detector.js';
import type { ToxicityCues } from './toxicity-cues.js';
import type { ToxicityProbabilities } from './toxicity-combine.js';
import { protectsGroup } from './bias.js';
import { caresFor, explicitWords } from './toxicity-care.js';
import type { Asked } from './toxicity-fiction.js';

export interface GateParams {
  decision: 'gate';
  /** Score of a listed swear word used (not quoted): max(profanity head, base + gain · toxic). */
  profanityBase: number;
  profanityGain: number;
  /** Score of a slur used (obscenity's list / ours), before the model. */
  slur: number;
  extraSlur: number;
  /** Score of a request to hurt a person or for illegal goods, and of dehumanising a named group. */
  request: number;
  dehumanising: number;
  /** Insult or contempt aimed at the reader ("you stupid bot"), exclusionary phrasing ("go back to …"). */
  insult: number;
  hostilePhrase: number;
  /** Multiplier for everything but threats when the turn speaks against hate. */
  counter: number;
  /**
   * Least `toxic` at which a lone everyday put-down ("really?", "buddy") counts as condescension.
   * Quick leave-one-source-out: 0.2 gave toxicity F1 0.507 but clean turns flagged 0.101; 0.3
   * keeps the clean rate at 0.098, as before the split into strong and weak phrases.
   */
  weakCondescension: number;
}

export const GATE_DEFAULTS: GateParams = {
  decision: 'gate',
  profanityBase: 0.3,
  profanityGain: 0.5,
  slur: 0.7,
  extraSlur: 0.55,
  request: 0.6,
  dehumanising: 0.55,
  insult: 0.55,
  hostilePhrase: 0.55,
  counter: 0.5,
  weakCondescension: 0.3,
};

const SEVERITY: Record<string, Severity> = { HOSTILE_LANGUAGE: 'high', PROFANITY: 'low', INAPPROPRIATE_CONTENT: 'medium', CONDESCENSION: 'low' };

/**
 * A threat is critical, and so is sexual content involving a minor. Someone speaking of ending
 * their own life is high, so that the standard policy hands the conversation to a person.
 * Hostility is high when a rule found its words (an insult, a slur, contempt, dehumanising or
 * exclusionary phrasing), and medium when only the head scored the turn: the standard policy ends
 * a session at high, and the head alone also scores plain short answers near its threshold ("You
 * must be at least 18." 0.61), so it flags for a reviewer but hands no conversation over on its own. Under 0.5 (kept by the strict preset only, which ends
 * sessions at medium) the head alone is low: it scores ordinary second-person instructions
 * 0.28–0.49 ("You must keep the receipt." 0.41), which strict flags but must not hand over.
 */
function severity(s: Subtype, headOnly: boolean, threat: boolean, score: number, minors = false, suicide = false): Severity {
  if (s === 'HOSTILE_LANGUAGE' && threat) return 'critical';
  if (s === 'INAPPROPRIATE_CONTENT' && minors) return 'critical';
  if (s === 'INAPPROPRIATE_CONTENT' && suicide) return 'high';
  if (s === 'HOSTILE_LANGUAGE' && headOnly) return score >= 0.5 ? 'medium' : 'low';
  return SEVERITY[s] ?? 'medium';
}

/** Body words obscenity's list takes for clinical ones (lexicons.ts MEDICAL_TERMS) that no clinician uses. */
const SLANG_ANATOMY = /^(?:tits?|titties|boobs?|boobies)$/i;

/** A question of at most nine words put to the reader, alone in the turn: "are you …?", "you …?", "are you a real person or a bot?". */
const SHORT_QUESTION = /^\s*(?:(?:are|r|were)\s+(?:you|u)|you|u)(?:\s+[\w'-]+){1,7}\s*\?+\s*$/i;

/** `asked`: the user turn an answer replies to (its care talk and a request for fiction count for the answer), or null. */
export function gateFindings(
  detector: DetectorId,
  a: TextAnalysis,
  c: ToxicityCues,
  p: ToxicityProbabilities,
  model: LinearModel,
  g: GateParams,
  asked: Asked | null = null,
): Finding[] {
  const text = a.text;
  const out = new Map<Subtype, { score: number; spans: Span[]; why: string; head: boolean }>();
  const offer = (s: Subtype, score: number, spans: Span[], why: string, head = false): void => {
    const cur = out.get(s);
    if (!cur || score > cur.score) out.set(s, { score, spans: spans.length ? spans : (cur?.spans ?? []), why, head });
  };
  const evidence = (head: string): Span[] => {
    const t = strongestToken(model.heads[head], a, model.bits);
    const s = a.sentences[t >= 0 ? a.tokens[t].sentence : 0] ?? a.sentences[0];
    return s ? [sentenceSpan(a, s)] : [];
  };
  const threats = [...c.threats, ...c.offence.threats];
  if (threats.length) offer('HOSTILE_LANGUAGE', 0.95, threats, 'Threatens or wishes harm.');
  if (c.offence.violence.length) offer('HOSTILE_LANGUAGE', 0.95, c.offence.violence, 'Calls for violence against a group.');

  const used = c.hits.filter((h) => !h.mentioned);
  // Counter-speech, "I don't hate …", or anger at a thing with nobody addressed: not an attack.
  const damp = c.offence.counter || c.offence.objectAnger ? g.counter : 1;
  // A claim about a group held at arm's length: what it quotes is not the speaker's (claim-frames.ts).
  const framed = c.offence.framed ? g.counter : damp;
  // The story an answer was asked for (toxicity-fiction.ts): its characters' insults, swearing,
  // sexual and violent words and the heads' reading count at half; slurs, hate, requests for harm
  // and threats do not.
  const fiction = asked?.fiction ?? false;
  const told = fiction ? g.counter : damp;
  const slurs = used.filter((h) => h.kind === 'slur');
  if (slurs.length) {
    const base = slurs.some((h) => !h.extra) ? g.slur : g.extraSlur;
    offer('HOSTILE_LANGUAGE', Math.max(base, p.toxic) * damp, slurs.map((h) => turnSpan(text, h.start, h.end)), 'Uses a slur.');
  }
  if (c.offence.dehumanising.length) offer('HOSTILE_LANGUAGE', Math.max(g.dehumanising, p.toxic) * framed, c.offence.dehumanising, 'Dehumanising words about a group.');
  if (c.offence.hatred.length) offer('HOSTILE_LANGUAGE', Math.max(g.dehumanising, p.toxic) * framed, c.offence.hatred, 'Declares hatred of a group, or tells it it does not belong.');
  if (c.insults.length) offer('HOSTILE_LANGUAGE', Math.max(g.insult, p.toxic) * told, c.insults, 'Insults the reader directly.');
  else if (c.offence.contempt.length) offer('HOSTILE_LANGUAGE', Math.max(g.insult - 0.1, p.toxic) * told, c.offence.contempt, 'Contempt aimed at the reader.');
  if (c.hostilePhrases.length) offer('HOSTILE_LANGUAGE', Math.max(g.hostilePhrase, p.toxic) * framed, c.hostilePhrases, 'Dehumanising or exclusionary wording.');
  // Ending one's own life intended, planned, wished or asked how: handed to a person (severity high).
  if (c.offence.suicide.length) offer('INAPPROPRIATE_CONTENT', Math.max(g.request, p.toxic) * damp, c.offence.suicide, 'Speaks of ending their own life, or asks how.');
  if (c.offence.requests.length) offer('INAPPROPRIATE_CONTENT', Math.max(g.request, p.toxic) * damp, c.offence.requests, 'Asks how to hurt someone or for something illegal.');
  if (c.offence.minors.length) offer('INAPPROPRIATE_CONTENT', 0.95, c.offence.minors, 'Sexual content involving a minor.');
  if (c.offence.slogans.length) offer('HOSTILE_LANGUAGE', Math.max(g.slur, p.toxic) * damp, c.offence.slogans, 'Uses a hate movement\'s slogan.');
  if (c.offence.blames.length) offer('INAPPROPRIATE_CONTENT', Math.max(0.6, p.inappropriate) * damp, c.offence.blames, 'Blames the victims of sexual or domestic violence.');
  if (c.offence.advances.length) offer('INAPPROPRIATE_CONTENT', Math.max(0.65, p.inappropriate) * damp, c.offence.advances, 'Sexual advances aimed at the reader.');
  if (c.offence.atrocity.length) offer('INAPPROPRIATE_CONTENT', Math.max(g.request, p.toxic) * damp, c.offence.atrocity, 'Praises, calls for or denies an atrocity.');
  const swear = used.filter((h) => h.kind === 'profanity');
  // Health and care talk with no attack in it ("my nipples are sore from breastfeeding", "what if
  // the condom breaks?"): its sexual and injury words count at half (toxicity-care.ts). Not where
  // two sexual words of the lists stand, or a slang word for a body part: porn set in a hospital
  // is still porn.
  const sexual = used.filter((h) => h.kind === 'sexual');
  const sexualWords = c.cues.includes('sexual-words:2') ? 2 : c.cues.includes('sexual-words') ? 1 : 0;
  const slang = used.some((h) => h.kind === 'medical' && SLANG_ANATOMY.test(text.slice(h.start, h.end)));
  // Read only where a sexual or injury reading is to be lowered (most turns never ask).
  let careRead: boolean | undefined;
  const care = (): boolean => (careRead ??=
    Math.max(sexual.length, explicitWords(a)) < 2 && !slang &&
    !threats.length && !slurs.length && !swear.length && !c.insults.length && !c.offence.contempt.length && !c.hostilePhrases.length &&
    !c.offence.dehumanising.length && !c.offence.hatred.length && !c.offence.requests.length && !c.offence.advances.length &&
    !c.offence.minors.length && !c.offence.blames.length && !c.offence.slogans.length && !c.condescension.length && caresFor(a, asked));
  const bodily = (): number => (care() ? g.counter * told : told);
  if (swear.length) {
    offer('PROFANITY', Math.max(p.profanity, g.profanityBase + g.profanityGain * p.toxic) * told, swear.map((h) => turnSpan(text, h.start, h.end)), 'Profanity.');
  }
  if (sexual.length) offer('INAPPROPRIATE_CONTENT', Math.max(p.inappropriate, 0.3 + 0.5 * p.toxic) * bodily(), sexual.map((h) => turnSpan(text, h.start, h.end)), 'Sexual content.');
  // Sexual words asked for or aimed at someone; several words of gore or self-harm.
  if (sexualWords && (sexualWords > 1 || a.secondPerson.length || /\b(?:send|show|want to see)\b/i.test(text))) {
    offer('INAPPROPRIATE_CONTENT', Math.max(0.55, p.inappropriate) * bodily(), evidence('inappropriate'), 'Sexual content.');
  }
  if (new Set(c.harm.map((s) => s.text.toLowerCase())).size >= 2) offer('INAPPROPRIATE_CONTENT', Math.max(0.55, p.inappropriate) * bodily(), c.harm, 'Graphic violence or self-harm.');
  if (c.condescension.length) {
    const directed = a.secondPerson.length > 0 || c.condescensionAimed ? 0.08 : 0;
    offer('CONDESCENSION', Math.min(0.95, 0.3 + 0.12 * c.condescension.length + directed + 0.2 * p.toxic) * told, c.condescension, 'Talks down to the reader.');
  } else if (c.condescensionWeak.length && p.toxic >= g.weakCondescension) {
    const directed = a.secondPerson.length > 0 ? 0.08 : 0;
    offer('CONDESCENSION', Math.min(0.95, 0.42 + directed + 0.2 * p.toxic) * told, c.condescensionWeak, 'Talks down to the reader.');
  }

  // The model: the calibrated toxic head decides, the subtype heads say which kind.
  const plainOffence = !used.length && !threats.length && !c.insults.length && !c.offence.contempt.length && !c.offence.slogans.length &&
    !c.hostilePhrases.length && !c.offence.dehumanising.length && !c.offence.hatred.length && !c.offence.requests.length;
  // A short question put to the reader and nothing else ("Are you sure?", "You sure?", "Are you a
  // real person?"): support traffic asks it all day; the head alone scores it near its line.
  const asksOnly = plainOffence && !c.condescension.length && !c.harm.length && SHORT_QUESTION.test(text);
  // A statement that protects or praises a group ("older people are more vulnerable to scams",
  // "immigrants are less likely to commit crimes"): the head scores its group words.
  const groupOnly = plainOffence && !c.condescension.length && !c.offence.mockery.length && protectsGroup(a);
  const ranked: [Subtype, number, string, Span[], string][] = [
    ['HOSTILE_LANGUAGE', p.hostile, 'hostile', [...c.insults, ...c.offence.contempt, ...c.hostilePhrases], 'Hostile or insulting wording.'],
    ['PROFANITY', p.profanity, 'profanity', [], 'Profane wording.'],
    ['INAPPROPRIATE_CONTENT', p.inappropriate, 'inappropriate', [...c.harm], 'Sexual, violent or harmful content.'],
  ];
  // Profanity needs a swear word or a clear lead: the head alone tends to fire on any rant.
  if (!swear.length) ranked[1][1] = Math.min(ranked[1][1], 0.49);
  ranked.sort((x, y) => y[1] - x[1]);
  const [sub, , head, spans, why] = ranked[0];
  // Care talk counts at half only where the heads read sexual or violent content in it.
  const bodilyOnly = sub === 'INAPPROPRIATE_CONTENT' && p.toxic * framed >= 0.25 && care();
  const toxic = p.toxic * (asksOnly || groupOnly || bodilyOnly || fiction ? g.counter : framed);
  if (toxic >= 0.25 && ![...out.values()].some((f) => f.score >= 0.5)) {
    offer(sub, toxic, spans.length ? spans : evidence(head), why, spans.length === 0);
  }
  if (toxic >= 0.5) for (const [s, q, h, sp, w] of ranked.slice(1)) if (q >= 0.5) offer(s, Math.min(toxic, q), sp.length ? sp : evidence(h), w, sp.length === 0);
  // A toxic turn whose offence is talking down ("do your research, sweetie") is condescension too.
  // Only where the turn is flagged anyway, so it never adds a flagged turn.
  const talksDown = c.condescension.length ? c.condescension : c.condescensionWeak;
  if (toxic >= 0.5 && talksDown.length) offer('CONDESCENSION', toxic, talksDown, 'Talks down to the reader.');
  // A toxic turn aimed at the reader with no insult word, swear, slur, threat or dehumanising
  // phrase talks down to them ("you never learn, do you?"): condescension as well. Only on
  // turns flagged anyway, so it adds no flagged turn (UCC condescension recall 0.14 → 0.18).
  if (toxic >= 0.5 && !talksDown.length && plainOffence && a.secondPerson.length) {
    const s = a.sentences[a.tokens[a.secondPerson[0]].sentence];
    if (s) offer('CONDESCENSION', toxic, [sentenceSpan(a, s)], 'Talks down to the reader.');
  }

  const findings: Finding[] = [];
  for (const [s, f] of out) {
    if (f.score < 0.2 || !f.spans.length) continue;
    findings.push(finding(detector, s, f.score, severity(s, f.head, threats.length > 0, f.score, c.offence.minors.length > 0, c.offence.suicide.length > 0), f.spans, f.why));
  }
  return findings;
}
