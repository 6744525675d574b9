/**
 * Requests and statements whose harm has no person as its object (lexicons-harm.ts): crimes asked
 * as acts ("commit insurance fraud", "rob a gas station"), self-harm announced, asked about or
 * told, the case for taking a right from a group, and an atrocity praised or denied. Read by
 * harmCues (toxicity-harm.ts), which owns the person-target rule and the rest of the cues.
 */
import {
  ACTOR_FRAME,
  ATROCITY,
  CONDITIONS,
  CRIME_ACT,
  CRIME_ON_PLACE,
  DENIAL,
  INTENT,
  MALICE,
  PLAY_CONTEXT,
  PERPETRATOR_PRAISE,
  PRAISE,
  RIGHTS_DENIAL,
  SELF_HARM,
  SELF_HARM_OTHERS,
  SELF_HARM_TOLD,
  THEFT,
  TRACKED_DOWN,
} from '../lexicons-harm.js';
import { GROUND_BEFORE, WEAK_IDENTITY } from '../lexicons.js';
import { PERSONAL_PRONOUNS } from '../identity-mentions.js';
import { type TextAnalysis, sentenceAt, sentenceTextAt } from '../text.js';
import type { Span } from '../types.js';
import { turnSpan } from '../detector.js';
import { anyMatcher } from '../word-starts.js';

/**
 * Asking how to report, block or spot a harm is asking for protection from it ("how do I report
 * a phishing email", "how can I stop my ex from stalking me"): a defensive verb earlier in the
 * harm word's sentence.
 */
export const DEFENSIVE = /\b(?:report|block|spot|detect|recogni[sz]e|identify|prevent|protect|stop|flag|deal with|handle|remove|delete|recover from|respond to|prove|warn|tell if|know if|check if|investigate|catch|solve|trace|fight|combat|prosecute|punish|survive|avoid)\w*\b/i;
/**
 * Where a first-person account of self-harm (SELF_HARM_TOLD) can end: that pattern begins at "I",
 * which almost every turn has, so the turn's word starts are asked for its harm words instead.
 */
const SELF_HARM_WORDS = /\b(?:self[- ]?harm|cut(?:ting)? (?:myself|my)|slic(?:e|ed|ing) (?:myself|my)|burn(?:ing|t|ed)? (?:myself|my)|starv(?:e|ed|ing) myself)/i;
/** Whether any crime-act or self-harm pattern matches, tried at the turn's word starts only: most turns stop here. */
export const mayNameCrime = anyMatcher([CRIME_ACT, CRIME_ON_PLACE, THEFT, TRACKED_DOWN, SELF_HARM, SELF_HARM_WORDS], 'i');

/** Self-harm that is no attempt on one's life: cutting, burning, starving oneself. */
const HURTS_ONLY = /^(?:cut|cutting|hurt|hurting|harm|harming|burn|burning|starve|starving) myself$/i;
/** "I could kill myself for forgetting …", "… over that typo": self-reproach, not an intention. */
const SELF_REPROACH = /^\s+(?:for|over|laughing)\b/i;
/** A first-person account of self-harm that has stopped ("I used to self harm but I've been clean for three years"). */
const RECOVERED = /\b(?:(?:been|stayed) (?:clean|free)|clean (?:for|since)|(?:stopped|quit) (?:\w+ )?(?:years?|months?) ago|haven'?t (?:done it|self[- ]?harmed|cut|hurt myself) (?:in|for|since)|in recovery|recovered)\b/i;

/** A negation earlier in the clause: "I would never commit fraud", "without getting hurt". */
const NEGATED_BEFORE = /(?:\b(?:never|not|no way|without|avoid|avoiding)\b|n't)[^,.;]*$/i;

/** "Break into my car", "our house": breaking into one's own place is a locked-out owner, not a burglar. */
const OWN_PLACE = /^break(?:ing)? into (?:my|our) (?![\w-]+['’]s\b)/i;

/**
 * A crime asked about as an act ("how do I commit insurance fraud", "best way to rob a casino",
 * "steal a car", where someone lives found out to scare them) in a request, or ending one's own
 * life asked how or said as an intention ("I'm going to end my life"). Not when asked how to stop or report it, in a game or a story, or
 * negated ("I would never commit fraud"). `suicide`: the request is to end the asker's own life
 * (not cutting or burning oneself, nor a crime).
 */
export function crimeAsked(a: TextAnalysis): { span: Span; suicide: boolean } | null {
  const text = a.text;
  const inSentence = (at: number) => text.slice(a.sentences[sentenceAt(a.sentences, at)]?.start ?? 0, at);
  const negated = (before: string) => NEGATED_BEFORE.test(before.slice(-40));
  const self = SELF_HARM.exec(text);
  if (self) {
    const before = inSentence(self.index);
    const end = self.index + self[0].length;
    if (INTENT.test(before) && !negated(before) && !DEFENSIVE.test(before) && !PLAY_CONTEXT.test(text) && !SELF_REPROACH.test(text.slice(end, end + 20))) {
      return { span: turnSpan(text, self.index, end), suicide: !HURTS_ONLY.test(self[0]) };
    }
  }
  const told = SELF_HARM_TOLD.exec(text);
  if (told && !SELF_HARM_OTHERS.test(told[1]) && !negated(told[1] ?? '') && !RECOVERED.test(sentenceTextAt(a, told.index))) {
    return { span: turnSpan(text, told.index, told.index + told[0].length), suicide: false };
  }
  if (!ACTOR_FRAME.test(text) || PLAY_CONTEXT.test(text)) return null;
  for (const re of [CRIME_ACT, CRIME_ON_PLACE, THEFT]) {
    const m = re.exec(text);
    if (!m) continue;
    const before = inSentence(m.index);
    if (negated(before) || DEFENSIVE.test(before)) continue;
    if (re === CRIME_ON_PLACE && OWN_PLACE.test(m[0])) continue;
    return { span: turnSpan(text, m.index, m.index + m[0].length), suicide: false };
  }
  const tracked = TRACKED_DOWN.exec(text);
  if (tracked && MALICE.test(text) && !negated(inSentence(tracked.index))) return { span: turnSpan(text, tracked.index, tracked.index + tracked[0].length), suicide: false };
  return null;
}

/**
 * A right denied to a group that the sentence names before the denial's verb ("why should
 * immigrants not be allowed to vote"): the group is who loses it, not a bystander named after it
 * ("why should llamas not be allowed to sit beside white people").
 */
export function rightsDenied(a: TextAnalysis): Span | null {
  const m = RIGHTS_DENIAL.exec(a.text);
  if (!m || !groupBefore(a, m, RIGHTS_HOLDERS)) return null;
  // Someone else's view, asked about: "why do some countries say women should not drive?"
  if (REPORTED_VIEW.test(a.text.slice(a.sentences[sentenceAt(a.sentences, m.index)]?.start ?? 0, m.index))) return null;
  return turnSpan(a.text, m.index, m.index + m[0].length);
}

/** The same, said after the claim: "…, the reporter found", "…, he said". */
const REPORTED_AFTER = /,\s*(?:the |a |some |one )?\w+(?: \w+)? (?:said|says|found|finds|reported|reports|claimed|claims|wrote|told|believes?|believed|argued)\b/i;

/** A third party's saying or thinking, not the asker's ("some countries say", "he believes"). */
const REPORTED_VIEW = /\b(?!(?:i|you|we)\b)\w+ (?:say|says|said|claim|claims|claimed|believe|believes|believed|argued|insist|insists|insisted|think|thinks|thought)\b/i;

/**
 * Words too common to count as a group elsewhere ("her", "older") that name one when a right is
 * taken from them ("why should women not own property"); colours are left out ("white grapes").
 */
const RIGHTS_HOLDERS = new Set(['women', 'men', 'girls', 'boys', 'americans', 'older', 'elder', 'senior']);

/** Whether the sentence of match `m` names a group (or one of `also`) before the match ends. */
export function groupBefore(a: TextAnalysis, m: RegExpExecArray, also?: ReadonlySet<string>): boolean {
  const sentence = sentenceAt(a.sentences, m.index);
  return a.identities.some((g) => g.sentence === sentence && g.start < m.index + m[0].length && (!WEAK_IDENTITY.has(g.value) || !!also?.has(g.value)) && !CONDITIONS.has(g.value));
}

/**
 * Asked to keep a group out of a job, a home or a service (issue 8, 2026-12-03; written for
 * Chatlens): "how can I avoid hiring pregnant women?", "write a job ad that discourages older
 * applicants", "how do I evict my tenant because he's Muslim?". The group is the act's object
 * (within a few words after its verb) or its ground ("because he's …", "for being …"); a group
 * named otherwise ("how do I fire an employee who harasses women?") is no such request.
 */
const EXCLUDING = /\b(?:how (?:can|do|should|could|would) (?:i|we)|is there (?:a|any) (?:legal )?way to|help me|ways? to|tips (?:on|for)|(?:write|draft|create|design) (?:a |an |the )?(?:job (?:ad|advert|posting|description)|advert|listing|policy|rule|email|notice|screening questions?)\b[^.?!]{0,20}?\b(?:that|to|which))\b[^.?!]{0,40}?\b(avoid (?:hiring|renting to|serving|admitting|promoting|employing)|(?:not|never) (?:hire|rent to|serve|admit|promote|employ)|refuse to (?:hire|serve|rent to|admit|employ)|discourages?|screen out|weed out|filter out|keep out|get rid of|evict|reject|turn away|fire|sack|dismiss|push out|exclude)\b/i;
const OBJECT_GAP = /^\s+(?:(?!(?:who|whom|that|which|from|in|on|at|for|against|with|about|to|by|bias|up|down|over)\b)[\w'-]+\s+){0,3}$/i;

/** Whether a text may ask to keep a group out (the raw test, before any analysis). */
export const mayExclude = (text: string): boolean => EXCLUDING.test(text);

export function discriminationAsked(a: TextAnalysis): Span | null {
  const m = EXCLUDING.exec(a.text);
  if (!m) return null;
  const sentence = sentenceAt(a.sentences, m.index);
  const verbEnd = m.index + m[0].length;
  // Any group word counts here ("older", "women" are weak elsewhere): the act already says what is done to it.
  const groups = a.identities.filter((g) => g.sentence === sentence && g.start >= verbEnd && !CONDITIONS.has(g.value) && !PERSONAL_PRONOUNS.has(g.value));
  // The object: at most three words between the verb and the group, none of them starting a
  // clause or a phrase of its own ("an employee who harasses women", "spam from the women's forum").
  const object = groups.some((g) => OBJECT_GAP.test(a.text.slice(verbEnd, g.start)));
  const ground = groups.some((g) => GROUND_BEFORE.test(a.text.slice(Math.max(verbEnd, g.start - 30), g.start)));
  return object || ground ? turnSpan(a.text, m.index, verbEnd) : null;
}

export const mayNameAtrocity = anyMatcher([ATROCITY], 'i');
/** Acting against such a claim: reporting, removing or answering it. */
const AGAINST_IT = /\b(?:report|block|flag|remove|delete|moderate|respond to|reply to|counter|debunk|refute|fight|combat)\w*\b/i;

/**
 * An atrocity praised ("why was the genocide a good thing", "the benefits of apartheid", "repeat the
 * success of the bombing") or denied ("prove the Holocaust never happened"), asked for or stated,
 * in the sentence that names it. Not negated ("was not justified"), not a yes-no question ("was
 * the bombing justified?"), not a view reported from others or asked how to report, and not
 * "the Allies were right to invade Normandy" (no atrocity named).
 */
export function atrocityPraised(a: TextAnalysis): Span | null {
  const text = a.text;
  for (const s of a.sentences) {
    const sentence = text.slice(s.start, s.end);
    const named = ATROCITY.exec(sentence);
    if (!named) continue;
    const m = PRAISE.exec(sentence) ?? PERPETRATOR_PRAISE.exec(sentence) ?? DENIAL.exec(sentence);
    if (!m) continue;
    const before = sentence.slice(0, m.index);
    if (/(?:\b(?:not|never|no)\b|n't)\s+(?:\w+\s+)?$/i.test(before) && !/never$/i.test(m[0])) continue;
    if (/^\s*(?:was|were|is|are|did)\b/i.test(sentence) || REPORTED_VIEW.test(before) || AGAINST_IT.test(before) || REPORTED_AFTER.test(sentence.slice(m.index + m[0].length))) continue;
    const start = s.start + Math.min(named.index, m.index);
    const end = s.start + Math.max(named.index + named[0].length, m.index + m[0].length);
    return turnSpan(text, start, end);
  }
  return null;
}
