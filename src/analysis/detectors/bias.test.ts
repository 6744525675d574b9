import { describe, expect, it } from 'vitest';
import { builtinEngine } from '../engine.js';
import { DEFAULT_POLICY, applyPolicy } from '../policy.js';
import type { Subtype } from '../types.js';

function kept(content: string): Subtype[] {
  const findings = builtinEngine.analyze({ role: 'user', content }, { documents: [], history: [] });
  return applyPolicy(findings, DEFAULT_POLICY, content).kept.filter((f) => f.category === 'bias').map((f) => f.subtype);
}

describe('bias detector', () => {
  it('flags generalisations with the subtype of the group', () => {
    expect(kept('Women are too emotional to be good engineers.')).toEqual(['GENDER_BIAS']);
    expect(kept('Mexicans are all lazy and dirty.')).toEqual(['RACIAL_BIAS']);
    expect(kept('Old people are useless with technology and should not be hired.')).toEqual(['AGE_BIAS']);
    expect(kept('Muslims are violent terrorists.')).toEqual(['STEREOTYPING']);
  });

  it('flags everyday stereotype stories without a generalising word', () => {
    expect(kept('The old guy at the store was too senile to count his own change.')).toEqual(['AGE_BIAS']);
    expect(kept('The homeless guy was obviously a drunk who wasted every cent he got.')).toEqual(['STEREOTYPING']);
  });

  it('does not flag talk about a stereotype or prejudice against a group', () => {
    expect(kept('Immigrants are often portrayed as criminals in the media, which the data do not support.')).toEqual([]);
    expect(kept('The old man at the bank helped me fill in the form.')).toEqual([]);
  });

  it('does not flag counter-stereotype statements', () => {
    expect(kept('Women are just as capable as men in engineering.')).toEqual([]);
    expect(kept('Not all immigrants are criminals; that stereotype is false.')).toEqual([]);
  });

  it('does not flag neutral mentions of groups', () => {
    expect(kept('Asian American communities have a long history in California.')).toEqual([]);
    expect(kept('The survey asked women and men about their commute times.')).toEqual([]);
    expect(kept('My grandmother taught me to bake bread.')).toEqual([]);
  });
});
