/** The hallucination rules added for issue 8: claim strength, turned-around documents, relations, follow-ups. */
import { describe, expect, it } from 'vitest';
import { builtinEngine } from '../engine.js';
import { DEFAULT_POLICY, applyPolicy } from '../policy.js';
import type { AnalysisContext, Finding, Subtype, Turn } from '../types.js';
import { claimStrength } from './overconfidence.js';

const doc = (content: string): AnalysisContext['documents'][number] => ({ id: 1, title: null, content });

function run(content: string, context: Partial<AnalysisContext> = {}): Finding[] {
  const ctx: AnalysisContext = { documents: [], history: [], ...context };
  return applyPolicy(builtinEngine.analyze({ role: 'assistant', content }, ctx), DEFAULT_POLICY, content).kept.filter((f) => f.category === 'hallucination');
}
const subtypes = (fs: Finding[]): Subtype[] => fs.map((f) => f.subtype);

describe('OVERCONFIDENCE by claim strength against the restated document sentence', () => {
  it('grades correlational, conditional and direct causal wording', () => {
    expect(claimStrength('Coffee drinking is associated with a lower risk of liver disease.')).toBe(1);
    expect(claimStrength('Coffee may reduce the risk of liver disease.')).toBe(2);
    expect(claimStrength('Coffee reduces the risk of liver disease.')).toBe(3);
    expect(claimStrength('The study was done in 40 mice.')).toBe(0);
  });

  it('flags a cause stated where the document reports a correlation, not the same strength', () => {
    const context = { documents: [doc('In a cohort of 20,000 adults, coffee drinking was associated with a lower risk of liver disease.')] };
    expect(subtypes(run('Coffee drinking lowers the risk of liver disease.', context))).toContain('OVERCONFIDENCE');
    expect(subtypes(run('Coffee drinking may cut the risk of liver disease.', context))).toContain('OVERCONFIDENCE');
    expect(subtypes(run('Coffee drinking is linked to a lower risk of liver disease.', context))).not.toContain('OVERCONFIDENCE');
  });

  it('does not compare with a document sentence the answer does not restate', () => {
    const context = { documents: [doc('The new office may open in spring. Parking is free for all staff. The cafeteria serves lunch from noon.')] };
    expect(subtypes(run('Parking is free, and the cafeteria will serve lunch from noon.', context))).not.toContain('OVERCONFIDENCE');
  });

  it('flags a finding in mice told as a general one', () => {
    const context = { documents: [doc('In mice, the compound reduced tumour growth by a third.')] };
    expect(subtypes(run('The compound shrinks tumours by a third.', context))).toContain('OVERCONFIDENCE');
    expect(subtypes(run('In mice, the compound reduced tumour growth by a third.', context))).not.toContain('OVERCONFIDENCE');
  });
});

describe('HARDCODED_FACT when the answer turns its source sentence around', () => {
  const context = { documents: [doc('The premium plan does not include phone support. Refunds are processed within 14 days of the request.')] };

  it('flags a dropped negation and an opposite word', () => {
    expect(subtypes(run('The premium plan includes phone support for every customer.', context))).toContain('HARDCODED_FACT');
    const flexible = { documents: [doc('The team offered a flexible pricing model with monthly billing for small companies.')] };
    expect(subtypes(run('The team offered an inflexible pricing model with monthly billing for small companies.', flexible))).toContain('HARDCODED_FACT');
  });

  it('reads numbers the document spells out', () => {
    const workshop = { documents: [doc('Professor C: at the last workshop we had twenty five machines, and the budget was twelve fifty per head.')] };
    expect(subtypes(run('At the last workshop there were 25 machines and a budget of 12.50 per head.', workshop))).not.toContain('HARDCODED_FACT');
    expect(subtypes(run('At the last workshop there were 40 machines and a budget of 12.50 per head.', workshop))).toContain('HARDCODED_FACT');
  });

  it('leaves a faithful restatement alone', () => {
    expect(subtypes(run('Phone support is not included in the premium plan.', context))).not.toContain('HARDCODED_FACT');
  });
});

describe('SELF_CONTRADICTION rules', () => {
  it('flags one subject given two dates or places for a once-only event', () => {
    expect(subtypes(run('The Bailey House was built in 1847 by William Ponder. The Bailey House was built by the architect William Nichols in 1839.'))).toContain('SELF_CONTRADICTION');
    expect(subtypes(run('Maria Keller was born in 1980. Her brother Thomas Keller was born in 1983.'))).not.toContain('SELF_CONTRADICTION');
  });

  it('does not read examples or list items as rival answers', () => {
    expect(subtypes(run('He has directed several films, such as "The Fly II" and "Desperation". He also directed films including "The Stand".'))).not.toContain('SELF_CONTRADICTION');
    expect(subtypes(run('1. Set the upper limit to 20 numbers.\n2. Create a list of all numbers up to the upper limit.'))).not.toContain('SELF_CONTRADICTION');
  });

  it('compares with earlier assistant turns', () => {
    const history: Turn[] = [{ role: 'user', content: 'How far is the pizza place?' }, { role: 'assistant', content: 'Pizza Chicago is 3 miles away without any traffic.' }];
    const f = run('Setting navigation now: Pizza Chicago is 5 miles away.', { history, question: 'ok take me there' });
    expect(subtypes(f)).toContain('SELF_CONTRADICTION');
    expect(f.find((x) => x.subtype === 'SELF_CONTRADICTION')!.spans.some((s) => s.where === 'history')).toBe(true);
  });

  it('does not read the steps of a walk-through as rival numbers', () => {
    const history: Turn[] = [{ role: 'user', content: 'What is step 1?' }, { role: 'assistant', content: 'Here is step 1 of the setup.' }];
    expect(subtypes(run('Here is step 3 of the setup.', { history, question: 'What is step 3?' }))).not.toContain('SELF_CONTRADICTION');
  });

  it('flags an answer that switches to another record on a follow-up, not one asked for another', () => {
    const kb = doc('poi: whole foods; address: 819 alma st; distance: 4 miles\npoi: comfort inn; address: 753 university ave; distance: 6 miles\npoi: safeway; address: 452 arcadia pl; distance: 4 miles');
    const history: Turn[] = [{ role: 'user', content: 'quickest route to a grocery store' }, { role: 'assistant', content: 'the quickest route to whole foods at 819 alma st has no traffic' }];
    expect(subtypes(run('navigating you to comfort inn now', { documents: [kb], history, question: 'sounds great set the navigation for there' }))).toContain('SELF_CONTRADICTION');
    expect(subtypes(run('navigating you to whole foods now', { documents: [kb], history, question: 'sounds great set the navigation for there' }))).not.toContain('SELF_CONTRADICTION');
    expect(subtypes(run('safeway at 452 arcadia pl is another option', { documents: [kb], history, question: 'is there any other grocery store' }))).not.toContain('SELF_CONTRADICTION');
  });
});

describe('FABRICATED_CITATION leaves alone what cites nothing', () => {
  it('does not read an array index in code as a citation marker', () => {
    expect(subtypes(run('Use this:\n```\nprimes = [2, 3, 5]\nprint(primes[0])\n```'))).not.toContain('FABRICATED_CITATION');
    expect(subtypes(run('As the study shows [3], it works.'))).toContain('FABRICATED_CITATION');
  });

  it('accepts a quoted work the documents name', () => {
    const context = { documents: [doc('The character was later adapted into the 1946 Walt Disney film "Song of the South".')], question: 'Which 1946 film adapted the character?' };
    expect(subtypes(run('"Song of the South".', context))).not.toContain('FABRICATED_CITATION');
    expect(subtypes(run('"Tales of the Briar Patch".', context))).toContain('FABRICATED_CITATION');
  });
});

describe('words that are also names of every object’s properties', () => {
  it('are plain words to the relation rules: "is constructor" analyses, and finds no contradiction', () => {
    expect(subtypes(run('He is constructor of the new bridge. It was completed in 1990.'))).not.toContain('SELF_CONTRADICTION');
    expect(subtypes(run('The bridge was built in 1990. He is constructor of it, and hasOwnProperty is a method.'))).not.toContain('SELF_CONTRADICTION');
  });
});
