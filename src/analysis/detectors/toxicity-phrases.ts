/**
 * Fast pre-tests for the toxicity phrase patterns (lexicons.ts): does any condescension,
 * hostile or threat pattern match, and where can they? Tried at word starts only
 * (word-starts.ts); the single patterns then run to get the spans, at those places only.
 */
import { CONDESCENSION_PATTERNS, HOSTILE_PATTERNS, THREAT_PATTERNS } from '../lexicons.js';
import { type WordStarts, anyMatch, anyMatcher, matchStarts, wordStartMatcher } from '../word-starts.js';
import { PATRONISING_PATTERNS } from './toxicity-condescension.js';

const PHRASES = wordStartMatcher([...CONDESCENSION_PATTERNS, ...PATRONISING_PATTERNS, ...HOSTILE_PATTERNS], 'im');

export const phrasesAnyMatch = (text: string, starts?: WordStarts): boolean => anyMatch(PHRASES, text, starts);
/** The word starts where some condescension, patronising or hostile pattern matches (see `execAt`). */
export const phraseStarts = (text: string, starts?: WordStarts): number[] => matchStarts(PHRASES, text, starts);
export const threatsAnyMatch = anyMatcher(THREAT_PATTERNS, 'i');
export const patronisingAnyMatch = anyMatcher(PATRONISING_PATTERNS, 'im');
