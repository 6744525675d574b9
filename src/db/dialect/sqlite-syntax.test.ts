import { describe, expect, it } from 'vitest';
import { sqliteSyntax } from './sqlite-syntax.js';

const MAX_PARAMS = 32_766;

/** Statements that blocks of 1,024, 256, 64, 16, 4 and 1 rows took for `n` rows (before the rows left over went as one). */
function fixedBlocks(n: number): number {
  let statements = 0;
  for (const size of [1024, 256, 64, 16, 4, 1]) {
    statements += Math.floor(n / size);
    n %= size;
  }
  return statements;
}

describe('sqliteSyntax.blocks', () => {
  it('writes a live chunk of a few rows as one statement, and never more statements than fixed blocks of 1,024, 256, 64, 16, 4 and 1', () => {
    for (let n = 1; n <= 16; n++) expect(sqliteSyntax.blocks(n, 19)).toEqual([n]);
    expect(sqliteSyntax.blocks(17, 19)).toEqual([16, 1]);
    expect(sqliteSyntax.blocks(1000, 19)).toEqual([256, 256, 256, 64, 64, 64, 16, 16, 8]);
    expect(sqliteSyntax.blocks(0, 19)).toEqual([]);
    for (let n = 0; n <= 3000; n++) {
      const blocks = sqliteSyntax.blocks(n, 19);
      expect(blocks.reduce((a, b) => a + b, 0)).toBe(n);
      expect(blocks.length).toBeLessThanOrEqual(fixedBlocks(n));
      // Few texts per statement: the fixed sizes and the remainders under 16.
      for (const b of blocks) expect([1024, 256, 64, 16].includes(b) || b < 16).toBe(true);
    }
  });

  it('keeps every statement within SQLite’s parameter limit, however wide the rows', () => {
    for (const columns of [1, 19, 40, 2100, 5000]) {
      for (const n of [1, 15, 17, 999, 20_000]) {
        const blocks = sqliteSyntax.blocks(n, columns);
        expect(blocks.reduce((a, b) => a + b, 0)).toBe(n);
        for (const b of blocks) expect(b * columns).toBeLessThanOrEqual(MAX_PARAMS);
      }
    }
  });
});
