import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../analysis/policy.js';
import type { AnalysisEngine } from '../../analysis/types.js';
import { contextFor } from '../../chat/context.js';
import { MAX_HOLD_CHARS, SentenceGuard } from './proxy.guard.js';

/** Flags a sentence containing "idiot" as high-severity hostile language, which ends a session under the standard policy. */
const engine: AnalysisEngine = {
  version: 'guard-test@1',
  analyze: (turn) => {
    const at = turn.content.indexOf('idiot');
    if (at < 0) return [];
    return [{ category: 'toxicity', subtype: 'HOSTILE_LANGUAGE', score: 0.9, severity: 'high', spans: [{ start: at, end: at + 5, text: 'idiot', where: 'turn' }], explanation: 'insult', detector: 'guard-test@1' }];
  },
};

const guard = () => new SentenceGuard(engine, DEFAULT_POLICY, contextFor('assistant', [{ role: 'user', content: 'Hi' }]), () => undefined);

describe('sentence guard', () => {
  it('releases whole sentences only, and never splits a number at its decimal point', () => {
    const g = guard();
    expect(g.push('The rate is 3.')).toEqual({ release: '', blocked: false });
    expect(g.push('5 percent. Then')).toEqual({ release: 'The rate is 3.5 percent. ', blocked: false });
    expect(g.push(' more!\nNext line')).toEqual({ release: 'Then more!\n', blocked: false });
    expect(g.push('', true)).toEqual({ release: 'Next line', blocked: false });
  });

  it('withholds the violating sentence and everything after it', () => {
    const g = guard();
    expect(g.push('All good here. You are an idiot, frankly. And this')).toEqual({ release: 'All good here. ', blocked: true });
  });

  it('checks a violating sentence that ends only with the stream', () => {
    const g = guard();
    expect(g.push('Fine. What an idiot')).toEqual({ release: 'Fine. ', blocked: false });
    expect(g.push('', true)).toEqual({ release: '', blocked: true });
  });

  it(`holds back at most ${MAX_HOLD_CHARS} characters of text without a sentence end`, () => {
    const g = guard();
    const { release } = g.push('x'.repeat(MAX_HOLD_CHARS * 2 + 100));
    expect(release).toHaveLength(MAX_HOLD_CHARS * 2);
    expect(g.push('', true).release).toHaveLength(100);
  });
});
