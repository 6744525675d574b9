/**
 * Clock times that contradict each other within one answer (issue 8, 2026-12-03): two sentences
 * giving one event of one thing two times of day ("The store opens at 8 am." / "Our opening time
 * is 10 am on all days."). Like the durations (contradiction-durations.ts), a rule of its own: it
 * names the event itself ("opens", "opening time", "departure"), so the two sentences need not
 * share the other words the pairing tests look for. Never for a case: a weekday, the weekend, a
 * season, a condition, a range of two times.
 */
import { STOPWORDS, type TextAnalysis, perSentence } from '../text.js';
import { listItems } from './contradiction-rules.js';
import { tokenStems } from './grounding.js';

/** A time of day: "8 am", "8:30", "10.15 pm", "20:00". */
const CLOCK = /\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)(?![a-z])|\b(\d{1,2}):(\d{2})\b/gi;
/** The event a time is given for, as its words are said, and the event it is. */
const EVENTS = new Map<string, string>(Object.entries({
  open: 'open', opens: 'open', opening: 'open', opened: 'open',
  close: 'close', closes: 'close', closing: 'close', closed: 'close', shut: 'close', shuts: 'close',
  start: 'start', starts: 'start', starting: 'start', begin: 'start', begins: 'start', beginning: 'start',
  end: 'close', ends: 'close', ending: 'close', finish: 'close', finishes: 'close',
  depart: 'depart', departs: 'depart', departure: 'depart', leave: 'depart', leaves: 'depart',
  arrive: 'arrive', arrives: 'arrive', arrival: 'arrive', lands: 'arrive', landing: 'arrive',
  board: 'board', boarding: 'board', 'check-in': 'check-in', checkout: 'checkout', 'check-out': 'checkout',
}));
/** A case: the time holds on some days, for some people, or under a condition. */
const CASE_WORDS = /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekdays?|weekends?|holidays?|summer|winter|spring|autumn|fall|christmas|easter|during|except|if|unless|when|whereas|while|otherwise|until|till|between|from|members?|seniors?|first|last|latest|earliest|usually|sometimes|today|tonight|tomorrow|yesterday|this|next|previous|later|earlier|instead|now|currently|new|old|used to|was|were|had)\b|\bfor (?:lunch|dinner|breakfast|brunch|takeaway|delivery|deliveries|collection|pickup|the (?!day\b)\w+|\w+ (?:members|customers|guests|orders))\b/i;
/** Words that leave the thing timed unnamed: "we", "our", "it". */
const PLAIN = new Set(['we', 'our', 'us', 'it', 'its', 'they', 'their', 'time', 'times', 'hours', 'hour']);

interface Timed {
  event: string;
  /** Minutes after midnight. */
  at: number;
  /** Content words before the event word: what opens or departs. */
  of: Set<string>;
}

/** The one timed event of sentence s; null when none, several times, or a case. */
const timed = perSentence((a: TextAnalysis, s: number): Timed | null => {
  const { start, end, tokenStart, tokenEnd } = a.sentences[s];
  const text = a.text.slice(start, end);
  if (!/\d/.test(text)) return null;
  const times = [...text.matchAll(CLOCK)];
  if (times.length !== 1 || CASE_WORDS.test(text)) return null;
  const m = times[0];
  let hour = Number(m[1] ?? m[4]);
  const minute = Number(m[2] ?? m[5] ?? 0);
  const half = (m[3] ?? '').toLowerCase().replace(/\./g, '');
  if (hour > 23 || minute > 59 || (half && (hour < 1 || hour > 12))) return null;
  if (half === 'pm' && hour < 12) hour += 12;
  if (half === 'am' && hour === 12) hour = 0;
  const stems = tokenStems(a);
  const events: string[] = [];
  const of = new Set<string>();
  for (let k = tokenStart; k < tokenEnd; k++) {
    // "Check-out" is read as two words.
    const w = a.tokens[k].norm === 'check' && (a.tokens[k + 1]?.norm === 'out' || a.tokens[k + 1]?.norm === 'in') && k + 1 < tokenEnd ? `check-${a.tokens[++k].norm}` : a.tokens[k].norm;
    const e = EVENTS.get(w);
    if (e) {
      if (events.at(-1) !== e) events.push(e);
      continue;
    }
    if (!events.length && !STOPWORDS.has(w) && !PLAIN.has(w) && !/\d/.test(w) && w.length > 2) of.add(stems[k]);
  }
  // "Boarding closes at 6:40": an event of an event (boarding's close); more than two, a list.
  if (!events.length || events.length > 2) return null;
  return { event: events.join('-'), at: hour * 60 + minute, of };
});

/**
 * Two sentences giving one event of one thing two different times of day: the same event word's
 * event, the same thing before it (or none named on one side: "we", "our", an opening time).
 * Sentence j may be of an earlier answer `b`.
 */
export function timeContradiction(a: TextAnalysis, i: number, j: number, b: TextAnalysis = a): number {
  const x = timed(a, i);
  const y = timed(b, j);
  if (!x || !y || x.event !== y.event || x.at === y.at || listItems(a, i, b, j)) return 0;
  const same = x.of.size === y.of.size && [...x.of].every((w) => y.of.has(w));
  return same || x.of.size === 0 || y.of.size === 0 ? 0.7 : 0;
}
