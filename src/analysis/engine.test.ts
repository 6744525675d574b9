import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinEngine, createEngine } from './index.js';
import type { AnalysisContext, Finding, Turn } from './types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEV = path.resolve(ROOT, '../shared/eval/dev');

const SAMPLES: [Turn, AnalysisContext][] = [
  [{ role: 'assistant', content: 'Ünïcode “quotes” — According to [4] it’s definitely founded in 1987 by Jöhn Smïth. It was founded in 1990 by Jöhn Smïth.' }, { documents: [{ id: 1, title: 'Doc', content: 'Founded in 1992.' }], history: [] }],
  [{ role: 'user', content: 'Yöu are a f*cking idiot 😀 and women are too emotional to lead.' }, { documents: [], history: [] }],
  [{ role: 'assistant', content: 'The bridge opened in 1951.' }, { documents: [], history: [{ role: 'assistant', content: 'Sure — the bridge opened in 1932 in the city.' }, { role: 'user', content: 'ok' }] }],
];

function devSample(n: number): [Turn, AnalysisContext][] {
  const out: [Turn, AnalysisContext][] = [];
  for (const f of ['toxicity-davidson-hate-offensive.jsonl', 'hallucination-halueval.jsonl', 'bias-toxigen.jsonl', 'hallucination-chatprotect.jsonl']) {
    const lines = readFileSync(path.join(DEV, f), 'utf8').split('\n').filter(Boolean).slice(0, n);
    for (const l of lines) {
      const r = JSON.parse(l) as { role: 'user' | 'assistant'; text: string; context: string | null; question: string | null };
      out.push([{ role: r.role, content: r.text }, { documents: r.context ? [{ id: 1, content: r.context }] : [], history: [], question: r.question }]);
    }
  }
  return out;
}

function checkSpans(f: Finding, turn: Turn, ctx: AnalysisContext): void {
  expect(f.spans.length).toBeGreaterThan(0);
  for (const s of f.spans) {
    const source = s.where === 'turn' ? turn.content : s.where === 'history' ? ctx.history[s.turnIndex!].content : ctx.documents.find((d) => d.id === s.documentId)!.content!;
    expect(source.slice(s.start, s.end)).toBe(s.text);
    expect(s.end).toBeGreaterThan(s.start);
  }
}

describe('builtin engine', () => {
  it('has a version', () => {
    expect(builtinEngine.version).toMatch(/^chatlens-builtin@\d+\.\d+\.\d+$/);
  });

  it('returns findings whose spans are verbatim slices of the original text', () => {
    let count = 0;
    for (const [turn, ctx] of [...SAMPLES, ...devSample(60)]) {
      for (const f of builtinEngine.analyze(turn, ctx)) {
        checkSpans(f, turn, ctx);
        expect(f.score).toBeGreaterThanOrEqual(0);
        expect(f.score).toBeLessThanOrEqual(1);
        expect(f.detector).toMatch(/^[a-z-]+@\d+\.\d+\.\d+$/);
        count++;
      }
    }
    expect(count).toBeGreaterThan(20);
  });

  it('is deterministic', () => {
    for (const [turn, ctx] of SAMPLES) {
      const a = JSON.stringify(builtinEngine.analyze(turn, ctx));
      const b = JSON.stringify(createEngine().analyze(turn, ctx));
      expect(b).toBe(a);
    }
  });

  it('returns nothing for empty turns', () => {
    expect(builtinEngine.analyze({ role: 'assistant', content: '   ' }, { documents: [], history: [] })).toEqual([]);
  });

  it('runs only the detectors it is given', () => {
    const engine = createEngine({ detectors: [] });
    expect(engine.analyze({ role: 'user', content: 'fuck this' }, { documents: [], history: [] })).toEqual([]);
    expect(engine.version).toContain('+custom');
  });
});
