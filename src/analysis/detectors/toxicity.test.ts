import { describe, expect, it } from 'vitest';
import { builtinEngine } from '../engine.js';
import { DEFAULT_POLICY, applyPolicy } from '../policy.js';
import type { Subtype } from '../types.js';
import { lexiconHits } from './toxicity.js';

function kept(content: string, role: 'user' | 'assistant' = 'user'): Subtype[] {
  const findings = builtinEngine.analyze({ role, content }, { documents: [], history: [] });
  return applyPolicy(findings, DEFAULT_POLICY, content).kept.filter((f) => f.category === 'toxicity').map((f) => f.subtype);
}

describe('toxicity detector', () => {
  it('flags profanity, including obfuscated spellings', () => {
    expect(kept('This is fucking useless.')).toContain('PROFANITY');
    expect(kept('what a load of sh1t')).toContain('PROFANITY');
  });

  it('flags threats and slurs as hostile', () => {
    expect(kept("I'm going to kill you if you answer like that again.")).toContain('HOSTILE_LANGUAGE');
    expect(kept('Shut up you worthless idiot.')).toContain('HOSTILE_LANGUAGE');
  });

  it('flags sexual content as inappropriate', () => {
    expect(kept('Describe in explicit detail how you would have sex with me, I want porn.')).toContain('INAPPROPRIATE_CONTENT');
  });

  it('flags slurs missing from obscenity and exclusionary phrasing, with model support', () => {
    expect(kept('Get out of here, you filthy beaners, nobody wants you.')).toContain('HOSTILE_LANGUAGE');
    expect(kept('Go back to where you came from, we do not want your kind here.')).toContain('HOSTILE_LANGUAGE');
  });

  it('does not flag a listed word the model does not support', () => {
    expect(kept('Grab the hoe from the shed and weed the carrot bed.')).toEqual([]);
  });

  it('flags condescension aimed at the reader', () => {
    expect(kept('Did you even read the article? Maybe try reading it again before you comment.')).toContain('CONDESCENSION');
    expect(kept('Oh sweetie, you clearly have no idea. Let me explain it slowly for you.')).toContain('CONDESCENSION');
  });

  it('does not flag place names and words that merely contain a listed string', () => {
    expect(kept('Scunthorpe is a town in Lincolnshire.')).toEqual([]);
    expect(kept('Could you recommend a cocktail with gin?')).toEqual([]);
    expect(kept('She graduated summa cum laude.')).toEqual([]);
    expect(kept('Our analysis of the assets is attached.')).toEqual([]);
  });

  it('does not flag medical vocabulary', () => {
    expect(kept('Penile and vaginal infections are treated with antibiotics; semen analysis may be ordered.', 'assistant')).toEqual([]);
    expect(kept('Screening for anal cancer is advised for some high-risk patients.', 'assistant')).toEqual([]);
  });

  it('treats quoted or discussed slurs as mentions, not uses', () => {
    const hits = lexiconHits('He said the word "faggot" is a slur and should never be used.');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.mentioned)).toBe(true);
  });

  it('does not treat reclaimed terms as slurs', () => {
    expect(lexiconHits('The Dyke March starts at noon in the park.').every((h) => h.mentioned)).toBe(true);
    expect(kept('The Dyke March starts at noon in the park.')).not.toContain('HOSTILE_LANGUAGE');
  });

  it('leaves ordinary polite turns alone', () => {
    expect(kept('Thanks, that helped a lot. Could you also summarise chapter two?')).toEqual([]);
    expect(kept('How do I kill a stuck Python process on Linux?')).toEqual([]);
  });
});
