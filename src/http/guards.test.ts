import { describe, expect, it } from 'vitest';
import { seededRandom } from '../lib/random.js';
import { jsonDepthExceeds } from './guards.js';

/** What jsonDepthExceeds answered before strings were skipped with indexOf: one character at a time. */
function charByChar(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

describe('jsonDepthExceeds', () => {
  it('counts brackets outside strings only, escaped quotes staying inside', () => {
    expect(jsonDepthExceeds('[[[1]]]', 3)).toBe(false);
    expect(jsonDepthExceeds('[[[[1]]]]', 3)).toBe(true);
    expect(jsonDepthExceeds('["[[[[", "\\"[[[[", "\\\\", [[[1]]]]', 3)).toBe(true);
    expect(jsonDepthExceeds('["\\\\\\"[[[[", [1]]', 3)).toBe(false);
    expect(jsonDepthExceeds('["unterminated [[[[[', 3)).toBe(false);
  });

  it('answers what reading one character at a time answers, on any text of brackets, quotes and backslashes', () => {
    const rand = seededRandom(5);
    const alphabet = '[]{}"\\\\a,';
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: Math.floor(rand() * 40) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      const limit = Math.floor(rand() * 4);
      expect(jsonDepthExceeds(text, limit), `${text} ${limit}`).toBe(charByChar(text, limit));
    }
  });
});
