/**
 * Fast pre-tests for the toxicity phrase patterns (lexicons.ts): does any condescension,
 * hostile or threat pattern match? Tried at word starts only (word-starts.ts). A match here says
 * "some pattern matches"; the single patterns then run to get the spans.
 */
import { CONDESCENSION_PATTERNS, HOSTILE_PATTERNS, THREAT_PATTERNS } from '../lexicons.js';
import { anyMatcher } from '../word-starts.js';
import { PATRONISING_PATTERNS } from './toxicity-condescension.js';

export const phrasesAnyMatch = anyMatcher([...CONDESCENSION_PATTERNS, ...PATRONISING_PATTERNS, ...HOSTILE_PATTERNS], 'im');
export const threatsAnyMatch = anyMatcher(THREAT_PATTERNS, 'i');
export const patronisingAnyMatch = anyMatcher(PATRONISING_PATTERNS, 'im');
