import { describe, expect, it } from 'vitest';
import { otherLanguage } from './language.js';

describe('otherLanguage', () => {
  it('names the language of a clearly non-English turn', () => {
    expect(otherLanguage('Mon train est en retard, est-ce que je peux changer ma réservation ?')).toBe('fr');
    expect(otherLanguage('Quiero el modelo en color negro, por favor.')).toBe('es');
    expect(otherLanguage('Ich möchte mein Abo zum Monatsende kündigen.')).toBe('de');
    expect(otherLanguage('Voglio parlare con un essere umano, per favore, non con il bot.')).toBe('it');
  });

  it('answers null for English, even with a foreign word or name in it', () => {
    expect(otherLanguage('You are a retard.')).toBeNull();
    expect(otherLanguage('My order from the Café de la Paix is late, can you check it?')).toBeNull();
    expect(otherLanguage('Hola')).toBeNull();
    expect(otherLanguage('')).toBeNull();
  });
});
