import { describe, expect, it } from 'vitest';
import { analyzeText } from '../text.js';
import { foreignCues } from './toxicity-foreign.js';

const cues = (text: string) => foreignCues(analyzeText(text));
const words = (text: string) => cues(text)?.hits.map((h) => [h.word, h.kind, h.mentioned]);

describe('foreignCues', () => {
  it('finds swear words and slurs in the language of the turn, accents and spellings folded', () => {
    expect(cues("t'es qu'un connard")).toMatchObject({ lang: 'fr', insults: [{ text: "t'es qu'un connard" }] });
    expect(words('Espèce d’enculé')).toEqual([['encule', 'profanity', false]]);
    expect(words('Dieser Scheißladen!')).toEqual([['scheissladen', 'profanity', false]]);
    expect(words('Eres un maricón')).toEqual([['maricon', 'slur', false]]);
    expect(words('Esta m1erda no funciona, joder')).toEqual([['joder', 'profanity', false], ['mierda', 'profanity', false]]);
    expect(words('Ce service est p*tain de lent')).toEqual([['putain', 'profanity', false]]);
    expect(words('Hijo de puta')).toEqual([['hijo de puta', 'profanity', false]]);
  });

  it('reads a turn too short for its function words by the abuse in it', () => {
    expect(cues('vaffanculo')?.lang).toBe('it');
    expect(cues('te voy a matar')).toMatchObject({ lang: 'es', threats: [{ text: 'te voy a matar' }] });
    expect(cues('Os voy a matar a todos')?.lang).toBe('es');
    expect(cues('ik maak je af')).toMatchObject({ lang: 'nl', threats: [{ text: 'ik maak je af' }] });
  });

  it('leaves English turns and ordinary words alone', () => {
    expect(cues('You are such an idiot, pros and cons aside.')).toBeNull();
    expect(cues('The dogs bite, cu later.')).toBeNull();
    expect(cues('Ik maak je afspraak voor dinsdag.')).toBeNull();
    expect(cues('Ich bringe dich um 8 Uhr zum Bahnhof.')).toBeNull();
    expect(cues('Das Projekt war zum Scheitern verdammt.')).toBeNull();
    expect(cues('Quiero hablar con un humano, por favor.')).toBeNull();
    expect(cues('Tu pedido está retrasado por la huelga.')).toBeNull();
  });

  it('marks reported and quoted words as mentioned, and skips negated insults', () => {
    expect(words("Il m'a traité de connard devant tout le monde.")).toEqual([['connard', 'profanity', true]]);
    expect(words('La parola "stronzo" è un insulto?')).toEqual([['stronzo', 'profanity', true]]);
    expect(words('Er hat mich ein Arschloch genannt.')).toEqual([['arschloch', 'profanity', true]]);
    expect(cues('Du bist kein Idiot, die Anleitung ist schlecht.')).toBeNull();
    expect(cues("Tu n'es pas idiote, la question est compliquée.")).toBeNull();
  });
});
