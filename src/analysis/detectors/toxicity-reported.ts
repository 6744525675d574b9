/**
 * Words someone else said, quoted by the speaker: "he texted me "I know where you live" last
 * night, what should I do?", "the customer said "you people are all thieves" and hung up". Support,
 * HR and moderation traffic reports abuse this way all day; the quoted words are the other
 * person's, so a threat, insult, swear word or put-down inside them is mentioned, not used (a
 * threat would otherwise end the session of the person reporting it). The speaker's own quoting
 * ("I told him "…"") is not reported speech; words named as a kind of speech ('threats like "…"',
 * 'messages such as "…"') are mentioned whoever said them. Written for Chatlens from general knowledge of English.
 */
import type { TextAnalysis } from '../text.js';
import type { Span } from '../types.js';

/** A reporting verb right before the opening quote, with its subject ("my manager wrote", "a caller told me"). */
const REPORTED_BY = /\b([\w']+)(?: [\w']+)? (?:said|says|wrote|writes|texted|messaged|emailed|posted|commented|replied|answered|yelled|shouted|screamed|whispered|told|tells|called|calls|calling|asked|sent|added|put|left|typed|saying|writing)(?: (?:me|us|him|her|them|(?:my|our|the|a) [\w-]+))?(?: (?:that|this|a message|an email|a text|a note|a comment))?\s*[:,]?\s*$/i;
/** The reporting verb after the closing quote ("… ," he said). */
const REPORTED_AFTER = /^\s*[,.!?]?\s*(?:he|she|they|someone|somebody|(?:my|our|the|a|this|that) [\w-]+) (?:said|says|wrote|texted|messaged|posted|replied|yelled|shouted|screamed|told (?:me|us|him|her|them)|added|typed)\b/i;
const OWN = /^(?:i|we|i've|i'd|we've)$/i;
/** Words named as a kind of speech right before the quote: 'threats like "…"', 'messages such as "…"'. */
const NAMED_AS = /\b(?:threats?|messages?|words?|comments?|insults?|slurs?|phrases?|things|texts?|posts?|remarks?|names|jokes?|lines?|expressions?|terms?|tweets?|emails?|notes?|slogans?)(?: (?:like|such as|as)| saying)\s*[:,]?\s*$/i;
const QUOTES = /["“”]/g;

/** [start, end) of every double-quoted passage opened right after someone else's reporting verb. */
export function reportedQuotes(text: string): [number, number][] {
  if (text.indexOf('"') < 0 && text.indexOf('“') < 0) return [];
  const marks = [...text.matchAll(QUOTES)].map((m) => m.index);
  const out: [number, number][] = [];
  for (let k = 0; k + 1 < marks.length; k += 2) {
    const open = marks[k];
    const close = marks[k + 1];
    const before = text.slice(Math.max(0, open - 60), open);
    const m = REPORTED_BY.exec(before);
    if ((m && !OWN.test(m[1])) || NAMED_AS.test(before) || REPORTED_AFTER.test(text.slice(close + 1, close + 40))) out.push([open, close + 1]);
  }
  return out;
}

/**
 * What someone else told someone to do, reported without quotes: "if someone tells you to kill
 * yourself, report the account", "he told me to go back to my country", "my ex keeps texting me
 * that I'm a worthless whore", "toxic players who tell me to kys". From after "to" (or
 * "that") to the end of the clause. Not the speaker's own telling ("I told him to …").
 */
const TOLD_TO = /\b(?:someone|somebody|anyone|he|she|they|people|others|[\w-]+ (?:who|that)|(?:a|the|my|our|his|her|their|this|that) [\w-]+(?: (?:in|on|at|from) (?:the|my|our|a) [\w-]+)?) (?:always |keeps? |kept |even )?(?:tells?|told|telling|says?|said|texts?|texted|texting|messages?|messaged|messaging|writes|wrote|writing|emails?|emailed|emailing) (?:you|u|me|us|him|her|them|my [\w-]+)(?: (?:to|that)\b| (?:i|you|he|she|they|we) should\b)/gi;

/**
 * What someone else urged others to do, or wanted, planned or threatened to do, told as history
 * or news: "radio broadcasts urged listeners to kill them", "he ordered his soldiers to shoot",
 * "those who want to kill them", "the Nazis wanted to exterminate the Jews". Not the speaker's or
 * the reader's own ("I urge you to …", "we have called on everyone to …", "I want to …"). Read
 * from the tokens: a regex opening on these verbs would be tried at every offset of every turn.
 */
const URGE = new Set(['urged', 'urging', 'urges', 'encouraged', 'encouraging', 'encourages', 'incited', 'inciting', 'incites', 'ordered', 'ordering', 'orders', 'instructed', 'exhorted', 'exhorting', 'pushed', 'pushing']);
/** "called on", "calls on", "calling on": urging too. */
const CALL = new Set(['called', 'calls', 'calling']);
const INTEND = new Set(['wanted', 'wants', 'want', 'planned', 'plans', 'plan', 'tried', 'tries', 'try', 'sought', 'seeks', 'intended', 'intends', 'vowed', 'vows', 'threatened', 'threatens', 'promised', 'promises', 'aimed', 'aims', 'attempted', 'attempts']);
const SELF = new Set(['i', 'we', 'you', 'u', "i'd", "we'd", "i'll", "we'll", "i'm", "we're", "i've", "we've", 'ya', "y'all"]);
/**
 * A name someone else called someone, reported without quotes: "my ex keeps calling me a slut on
 * Instagram", "a girl at school keeps calling my daughter a whore". Not the speaker's own ("I
 * called him …").
 */
const CALLED_NAME = /\b(?:someone|somebody|he|she|they|people|(?:a|the|my|our|his|her|their|this|that) [\w-]+(?: (?:in|on|at|from) (?:(?:the|my|our|a) )?[\w-]+)?) (?:always |keeps? |kept |even |still )?(?:calls?|called|calling) (?:me|us|him|her|them|my [\w-]+)(?= )/gi;
const MAY_TELL = /\b(?:tel|tol|sa[iy]|cal|tex|mes|wr[io]|ema)/i;

/** [start, end) of every clause someone else told someone, or every name someone else called someone (see above). */
export function reportedClauses(text: string): [number, number][] {
  if (!MAY_TELL.test(text)) return [];
  return [...text.matchAll(TOLD_TO), ...text.matchAll(CALLED_NAME)].map((m) => clauseFrom(text, m.index + m[0].length));
}

/**
 * [start, end) of every clause someone else urged on others or meant to do (see above): only a
 * named someone ("he", "the Nazis", "radio broadcasts", "a man who"), never a turn that leaves its
 * subject out ("wanted to let y'all know …", "want to catch my attention …"), which is the
 * speaker's. Threats and hostile phrases inside are reported; words (a slur, a swear) stay the
 * speaker's ("a pimp wants to unfollow every bitch").
 */
export function reportedIntents(a: TextAnalysis): [number, number][] {
  const toks = a.tokens;
  const out: [number, number][] = [];
  for (let i = 0; i < toks.length; i++) {
    const w = toks[i].norm;
    let to = -1;
    if (INTEND.has(w)) to = toks[i + 1]?.norm === 'to' ? i + 1 : -1;
    else if (URGE.has(w) || (CALL.has(w) && toks[i + 1]?.norm === 'on')) {
      // The ones urged, then "to": "urged listeners to", "ordered his soldiers to".
      for (let k = i + 2; k <= i + 4 && k < toks.length; k++) {
        if (toks[k].norm === 'to') {
          to = k;
          break;
        }
      }
    }
    if (to >= 0 && toks[to].sentence === toks[i].sentence && namedSubject(toks, i)) out.push(clauseFrom(a.text, toks[to].end));
  }
  return out;
}

function clauseFrom(text: string, start: number): [number, number] {
  const rest = /[,.;!?\n]/.exec(text.slice(start));
  return [start, rest ? start + rest.index : text.length];
}

/** Adverbs between a subject and its verb ("he openly urged", "they just want"). */
const BETWEEN = new Set(['just', 'jus', 'really', 'also', 'still', 'only', 'always', 'never', 'even', 'actually', 'clearly', 'openly', 'publicly', 'allegedly', 'once', 'then', 'all', 'repeatedly', 'have', 'has', 'had', 'would', 'who', 'that']);
const THIRD = new Set(['he', 'she', 'they', 'who', 'people', 'someone', 'somebody', 'everyone', 'everybody', 'others', 'anyone', 'anybody', 'nobody']);
const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'this', 'that', 'these', 'those', 'some', 'many', 'several']);

/** Whether the verb at `i` has a named subject that is neither the speaker nor the reader. */
function namedSubject(toks: TextAnalysis['tokens'], i: number): boolean {
  let k = i - 1;
  while (k >= 0 && toks[k].sentence === toks[i].sentence && BETWEEN.has(toks[k].norm)) {
    // "those who want to …": the relative pronoun stands for its noun.
    if (toks[k].norm === 'who' || toks[k].norm === 'that') return k > 0 && toks[k - 1].sentence === toks[i].sentence && !SELF.has(toks[k - 1].norm);
    k--;
  }
  // A second verb of the same subject ("broadcasts called Tutsis cockroaches and urged …"): no one of ours said earlier in the sentence.
  if (k > 0 && toks[k].norm === 'and') {
    for (let j = k - 1; j >= 0 && toks[j].sentence === toks[i].sentence; j--) if (SELF.has(toks[j].norm)) return false;
    k--;
  }
  if (k < 0 || toks[k].sentence !== toks[i].sentence || SELF.has(toks[k].norm)) return false;
  const sentenceFirst = k === 0 || toks[k - 1].sentence !== toks[k].sentence;
  const w = toks[k].norm;
  return THIRD.has(w) || (w.length > 3 && /[^s]s$/.test(w)) || (toks[k].cap && !sentenceFirst) || DETERMINERS.has(toks[k - 1]?.norm ?? '');
}

/** Whether [start, end) lies inside one of `ranges`. */
export function inside(ranges: readonly [number, number][], start: number, end: number): boolean {
  return ranges.some(([s, e]) => s <= start && end <= e);
}

/** `spans` without the ones inside `ranges`. */
export function outside(spans: Span[], ranges: readonly [number, number][]): Span[] {
  return ranges.length ? spans.filter((s) => !inside(ranges, s.start, s.end)) : spans;
}
