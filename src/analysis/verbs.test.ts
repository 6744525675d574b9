import { describe, expect, it } from 'vitest';
import { VERBS } from './verbs.js';

describe('VERBS', () => {
  it('holds the regular and irregular forms of its verbs', () => {
    for (const w of ['take', 'takes', 'took', 'taken', 'ship', 'ships', 'shipped', 'shipping', 'apply', 'applies', 'applied', 'close', 'closes', 'closed', 'closing', 'watch', 'watches', 'go', 'goes', 'went', 'gone', 'is', 'were']) {
      expect(VERBS.has(w), w).toBe(true);
    }
  });

  it('makes no misspelt forms', () => {
    for (const w of ['taked', 'goed', 'applys', 'applyed', 'closeed', 'closeing', 'watchs', 'visitted', 'openned']) expect(VERBS.has(w), w).toBe(false);
  });
});
