/**
 * The engine on realistic chat traffic (the demo's conversations, written for Chatlens): ordinary
 * grounded answers must come out clean under the standard policy, and each planted problem must
 * be caught with the subtype a reviewer would give it. This is what analysts see on the dashboard.
 */
import { describe, expect, it } from 'vitest';
import { builtinEngine } from '../src/analysis/engine.js';
import { DEFAULT_POLICY, applyPolicy } from '../src/analysis/policy.js';
import { type AnalysisContext, severityRank } from '../src/analysis/types.js';
import { PROFILES } from '../src/demo/content.js';

function analyse(role: 'user' | 'assistant', content: string, context: AnalysisContext) {
  return applyPolicy(builtinEngine.analyze({ role, content }, context), DEFAULT_POLICY, content).kept;
}

describe('analysis of realistic support and RAG conversations', () => {
  for (const profile of PROFILES) {
    describe(profile.company, () => {
      for (const ex of profile.normal) {
        it(`leaves an ordinary exchange clean: "${ex.user}"`, () => {
          const documents = (ex.docs ?? []).map((i) => profile.documents[i]);
          expect(analyse('user', ex.user, { documents: [], history: [], question: null })).toEqual([]);
          const found = analyse('assistant', ex.assistant, { documents, history: [{ role: 'user', content: ex.user }], question: ex.user });
          expect(found.map((f) => `${f.subtype}: ${f.spans.map((s) => s.text).join(' | ')}`)).toEqual([]);
        });
      }
      for (const ex of profile.problems) {
        it(`catches ${ex.expect} in "${ex.assistant.slice(0, 50)}…"`, () => {
          const documents = (ex.docs ?? []).map((i) => profile.documents[i]);
          const found = analyse('assistant', ex.assistant, { documents, history: [{ role: 'user', content: ex.user }], question: ex.user });
          expect(found.map((f) => f.subtype)).toContain(ex.expect);
        });
      }
      for (const text of profile.abusive) {
        it(`flags an abusive user turn as toxic enough to hand over: "${text.slice(0, 40)}…"`, () => {
          const found = analyse('user', text, { documents: [], history: [], question: null });
          const toxic = found.filter((f) => f.category === 'toxicity');
          expect(toxic.length).toBeGreaterThan(0);
          expect(Math.max(...toxic.map((f) => severityRank(f.severity)))).toBeGreaterThanOrEqual(severityRank('high'));
        });
      }
    });
  }
});
