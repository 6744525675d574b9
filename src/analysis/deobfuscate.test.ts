import { describe, expect, it } from 'vitest';
import { deobfuscate } from './deobfuscate.js';
import { builtinEngine } from './engine.js';
import { analyzeText } from './text.js';

const plain = (t: string): string | null => deobfuscate(analyzeText(t))?.text ?? null;

describe('reading obfuscated spellings', () => {
  it('joins spaced letters, reads digits as letters where that makes a loaded word, splits run-together words', () => {
    expect(plain('I h a t e b l a c k people')).toBe('I hate black people');
    expect(plain('Mu5lims are d1sgusting, h8 them')).toBe('muslims are disgusting, hate them');
    expect(plain('Ihateblackpeople.')).toBe('i hate black people.');
    expect(plain('Muslmis are disgusting.')).toBe('muslims are disgusting.');
    expect(plain('Immigrants are vremin.')).toBe('Immigrants are vermin.');
  });

  it('leaves ordinary turns alone: order numbers, versions, real words near a group name, long words', () => {
    for (const t of [
      'Your order A12345 ships at 4pm.', 'Use mp3 or h264 for the export.', 'Check the 5G router settings.',
      'Misunderstandings happen, sorry about that.', 'The muslin curtains are disgusting after the flood.',
      'My grandmother believes blood is blue while in veins.', 'It is not right to rush a transition at that age.',
      'Type y e s to confirm the deletion of your account.',
    ]) {
      const out = plain(t);
      // "y e s" may be joined, but nothing that can be read as abuse appears.
      if (out !== null) expect(out.toLowerCase()).not.toMatch(/muslim|vermin|hate|black/);
    }
    expect(plain('Your order A12345 ships at 4pm.')).toBeNull();
    expect(plain('The muslin curtains are disgusting after the flood.')).toBeNull();
  });

  it('adds what the plain reading finds, with spans on the original characters', () => {
    const text = 'I h a t e b l a c k people';
    const found = builtinEngine.analyze({ role: 'user', content: text }, { documents: [], history: [] });
    const hostile = found.find((f) => f.subtype === 'HOSTILE_LANGUAGE');
    expect(hostile).toBeDefined();
    for (const s of hostile!.spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(hostile!.explanation).toMatch(/obfuscated/);
  });

  it('bounds its work on huge words and huge runs of spaced letters', () => {
    // Splitting is quadratic in a word's length: only words up to a sentence long are split.
    const word = 'ihate' + 'blackpeople'.repeat(20_000);
    const spaced = Array.from({ length: 50_000 }, (_, i) => 'hatemuslims'[i % 11]).join(' ');
    // A quadratic split of either would run for minutes, past the test's time-out.
    expect(plain(word)).toBeNull();
    expect(plain(spaced)?.length).toBe(50_000);
  });
});
