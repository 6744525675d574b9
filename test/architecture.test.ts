/**
 * The map in docs/architecture.md, checked: imports in src/ point down the layers, the SDK takes
 * only types from the server, no import cycle anywhere (src, scripts, bench, web), and no
 * hand-written logic file over 400 lines (word lists and example data aside).
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');

/**
 * The layers of src/, lowest first (docs/architecture.md). A file may import its own folder and
 * any folder of a lower layer; folders that share a layer do not import each other.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['lib', 'errors', 'config'],
  ['db'],
  ['chat'],
  ['analysis', 'transcripts', 'http'],
  ['modules'],
  ['demo', 'app', 'runtime'],
  ['server', 'cli'],
];
/** The SDK ships to other programs: it may import server files only with `import type`. */
const TYPE_ONLY = 'client';

/** Data, not logic: word lists and hand-written examples. */
const DATA_FILES = /(?:lexicons|train-examples[\w-]*|examples[\w-]*|cases[\w-]*)\.tsx?$/;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'node_modules' && name !== 'dist') out.push(...sources(p));
    } else if (/\.tsx?$/.test(p) && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

interface Import {
  target: string;
  typeOnly: boolean;
}

/** Relative imports and re-exports of a file, resolved to source paths. */
function importsOf(file: string, text = readFileSync(file, 'utf8')): Import[] {
  const out: Import[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    const resolved = path.resolve(path.dirname(file), m[3]);
    const target = [resolved.replace(/\.js$/, '.ts'), resolved.replace(/\.js$/, '.tsx'), `${resolved}.ts`, `${resolved}.tsx`, path.join(resolved, 'index.ts')].find((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    });
    out.push({ target: target ?? resolved, typeOnly: Boolean(m[2]) });
  }
  return out;
}

/** The top-level folder (or root file, without extension) of a file under src/. */
function areaOf(file: string): string {
  const [first, ...rest] = path.relative(SRC, file).split(path.sep);
  return rest.length > 0 ? first : first.replace(/\.tsx?$/, '');
}

function layerOf(area: string): number {
  return LAYERS.findIndex((names) => names.includes(area));
}

/** Imports in `files` that go against LAYERS, as "from → to" lines. */
export function layeringViolations(files: string[], read = (file: string) => readFileSync(file, 'utf8')): string[] {
  const out: string[] = [];
  for (const file of files) {
    if (/\.test\.tsx?$/.test(file)) continue; // tests may reach anything they check
    const from = areaOf(file);
    for (const { target, typeOnly } of importsOf(file, read(file))) {
      if (!target.startsWith(SRC + path.sep)) {
        out.push(`${path.relative(ROOT, file)} → ${path.relative(ROOT, target)} (outside src/)`);
        continue;
      }
      const to = areaOf(target);
      if (to === from) continue;
      if (from === TYPE_ONLY) {
        if (!typeOnly) out.push(`${path.relative(ROOT, file)} → ${path.relative(ROOT, target)} (the SDK may import server files only as types)`);
        continue;
      }
      const a = layerOf(from);
      const b = layerOf(to);
      if (a < 0 || b < 0) out.push(`${path.relative(ROOT, file)} → ${path.relative(ROOT, target)} (${a < 0 ? from : to} is not on the map)`);
      else if (b >= a) out.push(`${path.relative(ROOT, file)} → ${path.relative(ROOT, target)} (${from} may not import ${to})`);
    }
  }
  return out;
}

export function findCycle(files: string[]): string[] | null {
  const known = new Set(files);
  const graph = new Map(files.map((f) => [f, importsOf(f).map((i) => i.target).filter((t) => known.has(t))]));
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
    if (c) return c;
  }
  return null;
}

const SRC_FILES = sources(SRC);
const ALL_FILES = [...SRC_FILES, ...['scripts', 'bench', 'web/src'].flatMap((d) => sources(path.join(ROOT, d)))];

describe('architecture', () => {
  it('imports in src/ point down the documented layers', () => {
    expect(layeringViolations(SRC_FILES)).toEqual([]);
  });

  it('every folder of src/ is on the map, and the map is the one docs/architecture.md shows', () => {
    const areas = new Set(SRC_FILES.filter((f) => !/\.test\.tsx?$/.test(f)).map(areaOf));
    expect([...areas].filter((a) => a !== TYPE_ONLY && layerOf(a) < 0)).toEqual([]);
    const doc = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
    for (const names of LAYERS) for (const name of names) expect(doc).toContain(`\`${name}\``);
  });

  it('has no import cycle', () => {
    expect(findCycle(ALL_FILES)?.map((f) => path.relative(ROOT, f)) ?? null).toBeNull();
  });

  it('keeps every hand-written logic file under 400 lines', () => {
    const long = ALL_FILES.filter((f) => !/\.test\.tsx?$/.test(f) && !DATA_FILES.test(f) && readFileSync(f, 'utf8').split('\n').length > 400);
    expect(long.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it('catches a cycle and an upward import when there is one', () => {
    // The checkers themselves, on files written here.
    const dir = mkdtempSync(path.join(tmpdir(), 'cycle-'));
    writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b.js';\nexport const a = 1;\n");
    writeFileSync(path.join(dir, 'b.ts'), "import type { a } from './a.js';\nexport const b = 2;\n");
    writeFileSync(path.join(dir, 'c.ts'), "export { a } from './a.js';\n");
    const files = ['a.ts', 'b.ts', 'c.ts'].map((f) => path.join(dir, f));
    expect(findCycle(files)?.map((f) => path.basename(f))).toEqual(['a.ts', 'b.ts', 'a.ts']);
    expect(findCycle(files.slice(1))).toBeNull();
    // The engine, as if it imported the ingest module; and the SDK importing a value from it.
    const engine = path.join(SRC, 'analysis', 'engine.ts');
    const sdk = path.join(SRC, 'client', 'index.ts');
    const upward = (file: string) => (file === engine ? "import { ingest } from '../modules/ingest/ingest.service.js';\n" : readFileSync(file, 'utf8'));
    expect(layeringViolations([engine])).toEqual([]);
    expect(layeringViolations([engine], upward)).toEqual(['src/analysis/engine.ts → src/modules/ingest/ingest.service.ts (analysis may not import modules)']);
    const valueImport = (file: string) => (file === sdk ? "import { ALL_SUBTYPES } from '../analysis/types.js';\n" : readFileSync(file, 'utf8'));
    expect(layeringViolations([sdk])).toEqual([]);
    expect(layeringViolations([sdk], valueImport)).toEqual(['src/client/index.ts → src/analysis/types.ts (the SDK may import server files only as types)']);
  });
});
