/**
 * Every environment variable Chatlens reads is documented: src/config.ts is the only reader of
 * the environment, and each name it reads must appear in the README's configuration table.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const config = fs.readFileSync('src/config.ts', 'utf8');
const readme = fs.readFileSync('README.md', 'utf8');

/** The README's "## Configuration" section, up to the next heading of the same level. */
function configurationSection(): string {
  const start = readme.indexOf('\n## Configuration');
  expect(start, 'README.md has a "## Configuration" section').toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe('README configuration table', () => {
  it('lists every variable config.ts reads', () => {
    // Every read goes through a helper taking (env, 'NAME', …).
    const names = [...new Set([...config.matchAll(/\(env, '([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1]))];
    expect(names.length).toBeGreaterThan(10);
    // Nothing in config.ts reads a variable some other way (env.X or env['X']).
    expect(config).not.toMatch(/env\.[A-Z]|env\['/);
    const table = configurationSection()
      .split('\n')
      .filter((l) => l.startsWith('|'))
      .map((l) => l.split('|')[1]);
    const documented = new Set(table.flatMap((cell) => [...cell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1])));
    const missing = names.filter((n) => !documented.has(n));
    expect(missing, `not in the README's configuration table: ${missing.join(', ')}`).toEqual([]);
  });
});
