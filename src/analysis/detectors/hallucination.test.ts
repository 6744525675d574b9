import { describe, expect, it } from 'vitest';
import { builtinEngine } from '../engine.js';
import { DEFAULT_POLICY, applyPolicy } from '../policy.js';
import type { AnalysisContext, Finding, Subtype } from '../types.js';

const doc = (content: string, title = 'Handbook'): AnalysisContext['documents'][number] => ({ id: 1, title, content });

function run(content: string, context: Partial<AnalysisContext> = {}): Finding[] {
  const ctx: AnalysisContext = { documents: [], history: [], ...context };
  return applyPolicy(builtinEngine.analyze({ role: 'assistant', content }, ctx), DEFAULT_POLICY, content).kept.filter(
    (f) => f.category === 'hallucination',
  );
}
const subtypes = (fs: Finding[]): Subtype[] => fs.map((f) => f.subtype);

describe('hallucination detector', () => {
  it('only runs on assistant turns', () => {
    const content = 'According to [7], the answer is definitely 42.';
    const findings = builtinEngine.analyze({ role: 'user', content }, { documents: [], history: [] });
    expect(findings.filter((f) => f.category === 'hallucination')).toEqual([]);
  });

  it('flags citation markers past the provided documents, and DOIs the documents lack', () => {
    const context = { documents: [doc('Refunds are processed within 14 days.')] };
    expect(subtypes(run('Refunds take 14 days [3].', context))).toContain('FABRICATED_CITATION');
    expect(subtypes(run('See doi:10.1234/abcd.5678 for details.', context))).toContain('FABRICATED_CITATION');
    expect(subtypes(run('Refunds take 14 days [1].', context))).not.toContain('FABRICATED_CITATION');
  });

  it('flags a cited author-year that no document mentions', () => {
    const context = { documents: [doc('Refunds are processed within 14 days.')] };
    expect(subtypes(run('As shown by Miller et al. (2018), refunds are instant.', context))).toContain('FABRICATED_CITATION');
  });

  it('flags specifics that are not in the documents, not the ones that are', () => {
    const context = { documents: [doc('The Eiffel Tower was completed in 1889 and is 330 metres tall.')], question: 'When was the Eiffel Tower completed?' };
    const bad = run('The Eiffel Tower was completed in 1875 by Gustave Laurent.', context);
    expect(subtypes(bad)).toContain('HARDCODED_FACT');
    const f = bad.find((x) => x.subtype === 'HARDCODED_FACT')!;
    expect(f.spans.map((s) => s.text)).toContain('1875');
    expect(subtypes(run('It was completed in 1889.', context))).not.toContain('HARDCODED_FACT');
    expect(subtypes(run('1889', context))).not.toContain('HARDCODED_FACT');
  });

  it('flags two sentences that disagree on the same fact', () => {
    const text = 'The company was founded in 1990 by a group of engineers. The company was founded in 1996 by a group of engineers.';
    expect(subtypes(run(text))).toContain('SELF_CONTRADICTION');
  });

  it('flags a contradiction with an earlier assistant turn and points into the history', () => {
    const history = [
      { role: 'user' as const, content: 'When was the bridge opened?' },
      { role: 'assistant' as const, content: 'The bridge was opened in 1932 by the mayor of the city.' },
    ];
    const found = run('The bridge was opened in 1951 by the mayor of the city.', { history });
    const f = found.find((x) => x.subtype === 'SELF_CONTRADICTION');
    expect(f).toBeDefined();
    const h = f!.spans.find((s) => s.where === 'history')!;
    expect(h.turnIndex).toBe(1);
    expect(history[1].content.slice(h.start, h.end)).toBe(h.text);
  });

  it('does not flag consistent, complementary sentences', () => {
    expect(subtypes(run('The museum opened in 1990. It houses a large collection of modern art.'))).not.toContain('SELF_CONTRADICTION');
  });

  it('flags unhedged absolute claims but not hedged ones', () => {
    expect(subtypes(run('This supplement is guaranteed to cure anxiety, without a doubt.'))).toContain('OVERCONFIDENCE');
    expect(subtypes(run('This supplement may help some people with anxiety, but the evidence is preliminary.'))).not.toContain('OVERCONFIDENCE');
  });

  it('flags claims stronger than a hedged source', () => {
    const context = { documents: [doc('Coffee consumption may be associated with a lower risk of liver disease in observational studies.')] };
    expect(subtypes(run('Drinking coffee prevents liver disease.', context))).toContain('OVERCONFIDENCE');
    expect(subtypes(run('Coffee might be linked to a lower risk of liver disease.', context))).not.toContain('OVERCONFIDENCE');
  });

  it('accepts a title that matches a provided document', () => {
    const context = { documents: [doc('...', 'Designing Data-Intensive Applications')], question: 'Which book should I read?' };
    expect(subtypes(run('Designing Data-Intensive Applications', context))).not.toContain('FABRICATED_CITATION');
    expect(subtypes(run('Advanced Quantum Blockchain Methods for Edge Governance', context))).toContain('FABRICATED_CITATION');
  });
});
