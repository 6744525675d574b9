/**
 * A caller-held, bounded cache of text analyses for one session, so that analysing a turn does
 * not re-analyse the earlier turns it is compared with. Optional: without it the engine analyses
 * the few earlier assistant turns it reads (at most `HISTORY_ASSISTANT_TURNS`) itself, so a
 * turn's cost never grows with the session's length either way; with it each turn's text is
 * analysed once for the whole session.
 *
 *   const session = createSessionCache();           // one per live session, e.g. in an LRU by id
 *   engine.analyze(turn, context, { session });     // the same object for every turn of it
 *
 * The cache only memoises a pure function of the text (keyed by the text itself), so findings
 * are identical with or without it. It holds at most `maxEntries` analyses (least recently used
 * dropped first); a few KB each.
 */
import { analyzeText, type TextAnalysis } from './text.js';

/** Earlier assistant turns an assistant turn is compared with (the most recent ones). */
export const HISTORY_ASSISTANT_TURNS = 4;

export interface SessionCache {
  /** The analysis of `text`, computed on first use. */
  analysis(text: string): TextAnalysis;
  readonly size: number;
}

export function createSessionCache(maxEntries = 16): SessionCache {
  const map = new Map<string, TextAnalysis>();
  return {
    analysis(text) {
      let a = map.get(text);
      if (a) {
        map.delete(text);
        map.set(text, a);
        return a;
      }
      a = analyzeText(text);
      if (map.size >= maxEntries) map.delete(map.keys().next().value as string);
      map.set(text, a);
      return a;
    },
    get size() {
      return map.size;
    },
  };
}

/**
 * Session caches by key (a session of a company), the least recently used dropped beyond
 * `maxSessions`: what a process or a pool thread keeps so a session's turns are analysed once
 * across the requests and chunks it spans.
 */
export function keptSessionCaches(maxSessions: number): (key: string) => SessionCache {
  const caches = new Map<string, SessionCache>();
  return (key) => {
    let cache = caches.get(key);
    if (cache) caches.delete(key);
    else if (caches.size >= maxSessions) caches.delete(caches.keys().next().value as string);
    caches.set(key, (cache ??= createSessionCache()));
    return cache;
  };
}
