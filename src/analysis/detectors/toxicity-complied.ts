/**
 * An answer that does what a harmful request asked (issue 8, 2026-12-03): the user turn asks how
 * to make a pipe bomb, for the easiest way to die, or for a sexual story about a 14-year-old, and
 * the assistant answers with it instead of refusing. The answer's words alone are often plain
 * ("fill a steel pipe with black powder", "take a large overdose") and no list reads them; the
 * request they answer says what they are. Read only when the answer neither refuses nor points
 * to help, and gives something: instructions or a method (a sentence that opens as one does),
 * or, for a request that sexualises a minor, anything at all. Written for Chatlens.
 */
import { HARM_VERBS, ILLEGAL_OBJECTS, REQUEST_FRAME } from '../lexicons-harm.js';
import { escapeRegExp } from '../../lib/regexp.js';
import type { TextAnalysis } from '../text.js';
import { BASE_VERBS } from '../verbs.js';
import { anyMatcher, wordStarts } from '../word-starts.js';
import type { Span } from '../types.js';
import { turnSpan } from '../detector.js';
import { harmCues } from './toxicity-harm.js';
import { mayBeGrave } from './toxicity-grave.js';
import { mayExclude, mayNameCrime } from './toxicity-requests.js';
import type { Asked } from './toxicity-fiction.js';

/**
 * The harm verbs and illegal goods as one pattern, read on the question's raw text before it is
 * analysed: a request for harm names one of them (or a crime, or a grave request), and most
 * questions name none, so most answers never analyse their question for this.
 */
const HARM_WORDS = new RegExp(`\\b(?:${[...new Set([...HARM_VERBS, ...ILLEGAL_OBJECTS])].map(escapeRegExp).join('|')})\\b`, 'i');
const mayAskHarm = anyMatcher([HARM_WORDS], 'i');

/** A refusal, a warning or a pointer to help: the answer does not do what was asked. */
const DECLINES = /\b(?:i (?:can(?:no|')?t|won'?t|will not|must not|shouldn'?t|am not able to|am unable to|must decline|have to decline|don'?t (?:feel comfortable|think i (?:can|should)))|i(?:'m| am) (?:not able|unable|not going|sorry|afraid i)|(?:sorry|unfortunately),? (?:but )?i\b|not (?:something|anything) i (?:can|will)|against (?:my|our|the) (?:policy|policies|guidelines|rules)|(?:reach out|talk) to (?:someone|a (?:friend|professional|doctor|counsell?or|crisis))|(?:call|text|contact) (?:a |the |your )?(?:crisis|helpline|hotline|988|111|999|911|samaritans|emergency|police|poison)|if you(?:'re| are) (?:having thoughts|thinking (?:about|of)|feeling|struggling|going through|in (?:danger|crisis))|you(?:'re| are) not alone|(?:it'?s|that'?s|is) (?:illegal|a crime|a criminal offence|not safe|dangerous|harmful|abuse)|(?:please )?don'?t (?:do (?:this|that|it)|try)|i (?:strongly )?(?:advise|urge) (?:you )?(?:against|not)|instead\b|report (?:\w+ ){0,3}to (?:the )?(?:police|authorities|animal control|hr|a |an |your |them|the)|(?:talk|talking|speak|speaking) to (?:hr|a manager|your manager|someone|a lawyer|the police|a doctor|a counsell?or|a therapist))\b/i;
/** Giving: instructions, a method or the thing asked for. */
const GIVES = /^(?:sure|certainly|of course|absolutely|okay|ok|here(?:'s| is| are)|to \w+|first(?:ly)?|step (?:1|one)|you(?: can| could| need| should| will need|'ll need|'d need| just)|the (?:easiest|best|quickest|simplest|surest|most \w+) (?:way|method)|(?:try|use|buy|go|find|look for|get|mix|add|put|take|fill|crush|heat|bury|dissolve|burn|wait|start|tell|send|make|pretend|lure|offer|befriend|compliment|gain|build|hide|dump|cover|wear|pay|stab|hit|inject|swallow|tie|hang|cut)\b)|\b(?:is|are) (?:made|done|prepared|synthesi[sz]ed|produced) (?:by|from|with)\b/i;

/** A sentence opening with a verb's base form and going on with its object: "Install a tracking app …", "Target older models …". */
function instruction(a: TextAnalysis, from: number, to: number): boolean {
  if (to - from < 3) return false;
  const first = a.tokens[from];
  return first.cap && (BASE_VERBS.has(first.norm) || MORE_VERBS.has(first.norm)) && !NOT_OBJECT.has(a.tokens[from + 1].norm);
}
/** Verbs of harm and of getting things that the verb list (written for support answers) leaves out. */
const MORE_VERBS = new Set(['target', 'pick', 'steal', 'break', 'smash', 'hide', 'bury', 'poison', 'hit', 'kick', 'punch', 'choke', 'threaten', 'lie', 'pretend', 'wipe', 'delete', 'forge', 'fake', 'spoof', 'track', 'follow', 'record', 'film', 'trick', 'lure', 'drug', 'spike', 'crush', 'grind', 'dissolve', 'inject', 'snort', 'swallow', 'tie']);
/** After an opening verb, words that make it no instruction ("Be careful", "Do not …", "Call you …"). */
const NOT_OBJECT = new Set(['you', 'i', 'we', 'not', "n't", 'careful', 'safe', 'aware', 'honest', 'kind', 'sure']);

/** An amount or a sufficiency given: what an answer to "how many … to die" gives ("about 20 of them … would be enough"). */
const AMOUNT = /\b(?:\d+|a (?:whole|full) (?:bottle|pack|packet|box|strip)|enough|lethal|fatal|would (?:kill|do it))\b/i;

/**
 * The span of an answer that complies with the harmful request it answers, whether that request
 * sexualised a minor, and whether it asked how to end the asker's own life.
 */
export function compliesWith(a: TextAnalysis, question: Asked): { span: Span; minor: boolean; suicide: boolean } | null {
  const questionText = question.text;
  if (a.tokens.length < 6) return null;
  // What harm the question asks for, read on its raw text first: a crime or a grave request, or a
  // harm word in a request's frame. Only then is it analysed (harmCues is kept per analysis, so a
  // session's cached reading of the user turn serves here).
  const starts = wordStarts(questionText);
  const named = mayNameCrime(questionText, starts) || mayBeGrave(questionText, starts) || mayExclude(questionText);
  if (!named && !(mayAskHarm(questionText, starts) && REQUEST_FRAME.test(questionText))) return null;
  const q = question.analysis();
  const c = q ? harmCues(q) : null;
  if (!c || (!c.minors.length && !c.requests.length) || DECLINES.test(a.text)) return null;
  const asked = { minor: c.minors.length > 0, suicide: c.suicide.length > 0 };
  // The sentence that gives: instructions, a method or the thing asked for (any answer at all
  // to a request that sexualises a minor, short of refusing it; an amount to one that asks how
  // to die).
  const giving = a.sentences.find((s) => {
    const sentence = a.text.slice(s.start, s.end);
    return GIVES.test(sentence.trimStart()) || instruction(a, s.tokenStart, s.tokenEnd) || (asked.suicide && AMOUNT.test(sentence));
  });
  if (!giving && !asked.minor) return null;
  const at = giving ? a.sentences.indexOf(giving) : 0;
  const s = a.sentences[at];
  // "Of course." alone says little: the evidence runs on to the next sentence.
  const end = s && s.end - s.start < 20 && a.sentences[at + 1] ? a.sentences[at + 1].end : (s?.end ?? a.text.length);
  return { span: turnSpan(a.text, s?.start ?? 0, end), ...asked };
}
