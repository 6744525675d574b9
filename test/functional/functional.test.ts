/**
 * The functional suite: for every subtype, turns that must be flagged and near misses that must
 * not, grouped by functionality (insults without swear words, counter-speech, question-answering
 * bias with and without evidence, contradictions in one answer, self-contradicting references,
 * …). Prints the pass rate of each functionality and fails when any is under 80 %. Written by the
 * team, never used for training (see cases.ts).
 */
import { describe, expect, it } from 'vitest';
import { builtinEngine } from '../../src/analysis/engine.js';
import { DEFAULT_POLICY, applyPolicy } from '../../src/analysis/policy.js';
import { ALL_SUBTYPES, categoryOf } from '../../src/analysis/types.js';
import { type Functionality, asCase } from './cases.js';
import { ANSWERS } from './cases-answers.js';
import { BIAS } from './cases-bias.js';
import { CHOICES } from './cases-choices.js';
import { DOMAINS } from './cases-domains.js';
import { EVERYDAY_DOMAINS } from './cases-everyday.js';
import { FRAMES } from './cases-frames.js';
import { HALLUCINATION } from './cases-hallucination.js';
import { FAITH } from './cases-faith.js';
import { GAMING } from './cases-gaming.js';
import { HEALTH } from './cases-health.js';
import { POLITICS } from './cases-politics.js';
import { DOUBTED } from './cases-talking-down.js';
import { RELATIONSHIPS } from './cases-relationships.js';
import { TOXICITY } from './cases-toxicity.js';

const ALL: Functionality[] = [...TOXICITY, ...BIAS, ...CHOICES, ...FRAMES, ...HALLUCINATION, ...DOMAINS, ...EVERYDAY_DOMAINS, ...HEALTH, ...RELATIONSHIPS, ...FAITH, ...ANSWERS, ...GAMING, ...POLITICS, ...DOUBTED];
const MIN_PASS = 0.8;

function passes(f: Functionality, raw: Functionality['cases'][number]): boolean {
  const category = categoryOf(f.subtype);
  const c = asCase(raw, category === 'hallucination' ? 'assistant' : 'user');
  const findings = builtinEngine.analyze(
    { role: c.role ?? 'user', content: c.text },
    { documents: (c.documents ?? []).map((content, i) => ({ id: i + 1, title: null, content })), history: c.history ?? [], question: c.question ?? null },
  );
  const kept = applyPolicy(findings, DEFAULT_POLICY, c.text).kept.filter((x) => x.category === category);
  return f.expect === 'flag' ? kept.some((x) => x.subtype === f.subtype) : kept.length === 0;
}

const results = ALL.map((f) => {
  const failed = f.cases.filter((c) => !passes(f, c));
  return { f, rate: 1 - failed.length / f.cases.length, failed };
});

describe('functional suite', () => {
  it('prints the pass rate of every functionality', () => {
    const lines = results.map(({ f, rate }) => `${(rate * 100).toFixed(0).padStart(4)} %  ${f.expect === 'flag' ? 'flag ' : 'clean'} ${f.subtype.padEnd(22)} ${f.name} (${f.cases.length})`);
    console.log(`functional suite (standard policy)\n${lines.join('\n')}`);
    expect(results.length).toBe(ALL.length);
  });

  it('has at least 20 must-flag turns and 20 near misses for every subtype', () => {
    for (const s of ALL_SUBTYPES) {
      const count = (e: 'flag' | 'clean') => ALL.filter((f) => f.subtype === s && f.expect === e).reduce((n, f) => n + f.cases.length, 0);
      expect([s, count('flag') >= 20, count('clean') >= 20]).toEqual([s, true, true]);
    }
  });

  for (const { f, rate, failed } of results) {
    it(`${f.subtype}: ${f.name} (${f.expect}) passes at least 80 %`, () => {
      const shown = failed.map((c) => (typeof c === 'string' ? c : c.text));
      expect({ rate: rate >= MIN_PASS, failed: shown }).toEqual({ rate: true, failed: rate >= MIN_PASS ? shown : [] });
    });
  }
});
