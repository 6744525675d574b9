/**
 * The analysis engine and its training scripts stay small and acyclic: every source file under
 * 400 lines (word lists and example data aside) and no import cycle, so a module can be read and
 * loaded on its own (a cycle also makes module-level constants undefined at import time).
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIRS = ['src/analysis', 'scripts', 'bench'];
/** Data, not logic: word lists and hand-written examples. */
const DATA_FILES = /(?:lexicons|train-examples[\w-]*|examples[\w-]*|cases[\w-]*)\.ts$/;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

const FILES = DIRS.flatMap((d) => sources(path.join(ROOT, d)));

/** Relative imports and re-exports of a file, resolved to .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    out.push(path.resolve(path.dirname(file), m[1].replace(/\.js$/, '.ts')));
  }
  return out;
}

function findCycle(files: string[]): string[] | null {
  const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => files.includes(t))]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): string[] | null => {
    if (state.get(f) === 'done') return null;
    if (state.get(f) === 'open') return [...stack.slice(stack.indexOf(f)), f];
    state.set(f, 'open');
    stack.push(f);
    for (const t of graph.get(f) ?? []) {
      const c = visit(t);
      if (c) return c;
    }
    stack.pop();
    state.set(f, 'done');
    return null;
  };
  for (const f of files) {
    const c = visit(f);
    if (c) return c.map((x) => path.relative(ROOT, x));
  }
  return null;
}

describe('analysis sources', () => {
  it('have no import cycle', () => {
    expect(findCycle(FILES)).toBeNull();
  });

  it('keep every logic file under 400 lines', () => {
    const long = FILES.filter((f) => !DATA_FILES.test(f) && readFileSync(f, 'utf8').split('\n').length > 400).map((f) => path.relative(ROOT, f));
    expect(long).toEqual([]);
  });

  it('detects a cycle when there is one', () => {
    // The checker itself, on files written here: a → b → a (as scripts/train-examples.ts once was).
    const dir = mkdtempSync(path.join(tmpdir(), 'cycle-'));
    writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b.js';\nexport const a = 1;\n");
    writeFileSync(path.join(dir, 'b.ts'), "import type { a } from './a.js';\nexport const b = 2;\n");
    writeFileSync(path.join(dir, 'c.ts'), "export { a } from './a.js';\n");
    const files = ['a.ts', 'b.ts', 'c.ts'].map((f) => path.join(dir, f));
    expect(findCycle(files)?.map((f) => path.basename(f))).toEqual(['a.ts', 'b.ts', 'a.ts']);
    expect(findCycle(files.slice(1))).toBeNull();
  });
});
