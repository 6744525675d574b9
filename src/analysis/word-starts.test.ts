import { describe, expect, it } from 'vitest';
import { COUNTER_STEREOTYPE, CONDESCENSION_PATTERNS, HOSTILE_PATTERNS, THREAT_PATTERNS } from './lexicons.js';
import { COUNTER_SPEECH, CRIME_ACT, CRIME_ON_PLACE, MOCKERY, NO_HATE, PRIVATE_DATA, SELF_HARM, THEFT, VEILED_THREATS } from './lexicons-harm.js';
import { PATRONISING_PATTERNS } from './detectors/toxicity-condescension.js';
import { anyMatcher, execAt, matchStarts, wordStartMatcher } from './word-starts.js';
import { ATROCITY } from './lexicons-harm.js';
import { BIAS } from '../../test/functional/cases-bias.js';
import { HALLUCINATION } from '../../test/functional/cases-hallucination.js';
import { TOXICITY } from '../../test/functional/cases-toxicity.js';

const LISTS: [string, RegExp[], string][] = [
  ['phrases', [...CONDESCENSION_PATTERNS, ...PATRONISING_PATTERNS, ...HOSTILE_PATTERNS], 'im'],
  ['threats', THREAT_PATTERNS, 'i'],
  ['counter-stereotype', COUNTER_STEREOTYPE, 'i'],
  ['counter-speech', [...COUNTER_SPEECH, NO_HATE], 'i'],
  ['veiled threats', VEILED_THREATS, 'i'],
  ['private data', [PRIVATE_DATA], 'i'],
  ['crimes as acts', [CRIME_ACT, CRIME_ON_PLACE, THEFT, SELF_HARM], 'i'],
  ['atrocities', [ATROCITY], 'i'],
  ['mockery', [MOCKERY], 'i'],
  // Openings the matcher reads through groups, one-letter words, digits and optional groups.
  ['openings', [/\b(?:i|we) (?:will|'ll) find\b/, /\bi(?:'ll| will) get\b/, /\b(?:9\/11|nazis?)\b/, /\b(?:the )?bomb\b/, /\b(?:ha)+\b/, /\bu+gh\b/, /\bx{2}y\b/, /\b(?:a|an)\s+idiot\b/], 'i'],
];

/** Every turn of the functional suite: written to hit (and to nearly miss) these very phrases. */
const SUITE = [...TOXICITY, ...BIAS, ...HALLUCINATION].flatMap((f) => f.cases.map((c) => (typeof c === 'string' ? c : c.text)));

const TEXTS = [
  '', 'Did you even read the article?', 'sigh. fine.', 'ok\nsigh whatever', "I'll kill you", 'xkill you',
  'go back to where you came from', 'You people never learn', '_you people', 'kys', 'RTFM', 'xrtfm',
  'Women are just as capable as men.', 'NOT ALL of them', 'knot all', 'Not all\nof them', 'a myth',
  "Saying that they are lazy is racist.", 'i think saying that they are lazy is fine', "That's so racist",
  "I don't hate them, I just disagree.", 'It would be a shame if something happened to your car.',
  'We will find you.', 'what is her smartphone number?', 'her phone number', 'Émile said: not all',
  'the stereotypes are wrong', 'nice house you have there', 'believing that all of them lie',
  'The premium plan costs 29 dollars per month.', '9not all', 'dog-whistling again',
  'How do I commit insurance fraud?', 'recommit fraud', 'set the old barn on fire', 'reset the house on fire',
  'steal a car', 'I want to end my life', 'pretend my life', 'break into my car', 'Robbing the bank', 'xrob a bank',
  "We'll find you", 'we  will find', "i'll get", 'I will get', 'what happened on 9/11', 'Nazi', 'the bomb', 'bomb',
  'haha', 'hahaha no', 'ugh', 'uuugh', 'xxy', 'xy', 'an  idiot', 'a\tidiot', 'I’ll get',
];

describe('word-start matching', () => {
  for (const [name, patterns, flags] of LISTS) {
    it(`answers as the plain alternation does: ${name}`, () => {
      const plain = new RegExp(patterns.map((re) => `(?:${re.source})`).join('|'), flags);
      const any = anyMatcher(patterns, flags);
      for (const t of TEXTS) expect([t, any(t)]).toEqual([t, plain.test(t)]);
    });

    it(`answers as the plain alternation does on the functional suite: ${name}`, () => {
      const plain = new RegExp(patterns.map((re) => `(?:${re.source})`).join('|'), flags);
      const any = anyMatcher(patterns, flags);
      const differ = SUITE.filter((t) => any(t) !== plain.test(t));
      expect(differ).toEqual([]);
      // The suite is meant to reach these lists: most of them match some of its turns.
      if (name !== 'openings') expect(SUITE.filter((t) => plain.test(t)).length).toBeGreaterThan(0);
    });
  }

  it('finds the first match of each pattern by trying it only where some branch matches', () => {
    for (const [, patterns, flags] of LISTS.filter(([name]) => name !== 'private data')) {
      const m = wordStartMatcher(patterns, flags);
      for (const t of [...TEXTS, TEXTS.join(' '), TEXTS.join('\n')]) {
        const starts = matchStarts(m, t);
        for (const re of patterns) {
          const plain = re.exec(t);
          const found = execAt(re, t, starts);
          expect([t, re.source, found?.index, found?.[0]]).toEqual([t, re.source, plain?.index, plain?.[0]]);
        }
      }
    }
  });

  it('scans the branches that can start inside a word the ordinary way', () => {
    // "(?:phone|cell|…) number" has no \b: it matches inside "smartphone number".
    const m = wordStartMatcher([PRIVATE_DATA], 'i');
    expect(m.residual?.source).toContain('phone');
    expect(anyMatcher([PRIVATE_DATA], 'i')('what is her smartphone number?')).toBe(true);
    expect(wordStartMatcher(COUNTER_STEREOTYPE, 'i').residual).toBeNull();
  });

  it('refuses flags that change what a letter matches', () => {
    expect(() => wordStartMatcher(COUNTER_STEREOTYPE, 'iu')).toThrow();
  });
});
