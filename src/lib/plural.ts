/**
 * Counts in words for messages people read ("1 turn", "2 turns"): upload summaries, CLI output,
 * webhook texts. The dashboard has its own, locale-formatted, in web/src/format.ts.
 */

/** `count(1, 'turn')` → "1 turn"; `count(3, 'new session')` → "3 new sessions"; `count(2, 'entry', 'entries')`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "was" or "were", to agree with a count. */
export function wasWere(n: number): string {
  return n === 1 ? 'was' : 'were';
}
