/**
 * Clock times an answer works out from the documents: "check-in closes 45 minutes before
 * departure" and a departure at 07:15 give "06:30"; "the tour lasts 2 hours" and a start at 14:00
 * give "ends at 16:00". A time of day in the answer that is a document's time plus or minus one of
 * the documents' durations is read from them, not made up. Only times written with a colon or
 * "h" ("06:30", "6.30 pm" is left alone: a decimal reads the same), and only durations in minutes
 * or hours. Written for Chatlens.
 */
const TIME = /(?<![\d:.])([01]?\d|2[0-3])(?::|h)([0-5]\d)(?![\d:])/g;
/** The same, for a yes-or-no test (a global regex's `test` moves its `lastIndex`, which `matchAll` copies). */
const ANY_TIME = new RegExp(TIME.source);
const DURATION = /(?<![\d.])(\d{1,3})\s*(?:-\s*)?(minutes?|mins?|hours?|hrs?)\b/g;

function minutesOf(text: string): number[] {
  return [...text.matchAll(TIME)].map((m) => Number(m[1]) * 60 + Number(m[2]));
}

/** [start, end) of each time in `text` that is a time of `documents` plus or minus one of their durations. */
export function derivedTimes(text: string, documents: string): [number, number][] {
  if (!ANY_TIME.test(text)) return [];
  const times = minutesOf(documents);
  if (times.length === 0) return [];
  const spans = [...documents.matchAll(DURATION)].map((m) => Number(m[1]) * (m[2].startsWith('h') ? 60 : 1));
  if (spans.length === 0) return [];
  const reachable = new Set<number>();
  for (const t of times) for (const d of spans) for (const v of [t + d, t - d]) reachable.add(((v % 1440) + 1440) % 1440);
  const out: [number, number][] = [];
  for (const m of text.matchAll(TIME)) {
    if (reachable.has(Number(m[1]) * 60 + Number(m[2]))) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}
