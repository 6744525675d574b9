import { describe, expect, it } from 'vitest';
import { analyzeText } from '../text.js';
import { framesClaim } from './claim-frames.js';

const framed = (text: string): boolean => framesClaim(analyzeText(text));

describe('claims held at arm\'s length', () => {
  it('reads each kind of frame around a claim about a group', () => {
    const held = [
      'The myth that gay men are predators has done real damage.',
      "There's zero evidence that trans people are dangerous in bathrooms.",
      'There is no proof whatsoever that immigrants bring disease.',
      'Saying all immigrants are criminals is just lazy thinking.',
      'Calling disabled people a burden is cruel and wrong.',
      'Claiming that Gypsies are thieves is plain bigotry.',
      'Stop pretending that Muslims are all extremists.',
      'My uncle insists that Mexicans are lazy, which drives me up the wall.',
      'The politician said that refugees are rapists and got rightly criticised.',
      'It annoys me when people assume all Mexicans are illegal.',
      'People who think Black people are lazy have never worked with my team.',
      'That whole "Asians are bad drivers" joke got old a decade ago.',
      'If someone says gay people are sick, report the comment to the moderators.',
      'Not every Italian is in the mafia, obviously.',
      "It's ignorant to say that Africans are primitive.",
      'Whoever started the rumour that Irish people are all drunks clearly never met my family.',
      // Beliefs of other people or of their time, and false claims named without a determiner.
      'My grandfather was convinced that Mexicans are lazy.',
      'Her dad used to say that Irish people are all drunks.',
      'Lots of people mistakenly believe that Muslims are not allowed to have friends of other faiths.',
      'The popular belief back then was that gay men were dangerous to children.',
      'People still repeat stereotypes that women are bad at maths.',
      'There are rumours going around that the Chinese students cheat on every exam.',
      'He always brings up the whole Asians can\'t drive thing at dinner.',
    ];
    expect(held.filter((t) => !framed(t))).toEqual([]);
  });

  it('does not hold a claim the speaker takes on, or a denial that a group is equal', () => {
    const voiced = [
      'Saying Mexicans are lazy is just being honest.',
      "People say Jews are greedy, and they're right.",
      'My dad always said gay people are disgusting and he was right.',
      "It's not a myth that immigrants commit more crime.",
      "Everyone says Gypsies are thieves because it's true.",
      'Call it a stereotype if you want, but Asians really are bad drivers.',
      'My uncle says Mexicans are lazy and honestly he has a point.',
      "I'm just saying women are stupid.",
      "I'm totally convinced that Nigerians are scammers.",
      'The whole point is that immigrants are criminals.',
      'Honestly, the common belief is right: Gypsies steal.',
      'The data says that immigrants are criminals.',
      'Studies say that Black people are less intelligent.',
      'Not all Muslims are terrorists, but most are.',
      "I was told that Roma steal, and it's a fact.",
      "Stop pretending that immigrants aren't criminals.",
      "There's no evidence that women are as smart as men.",
      'The myth that women are equal to men is a lie.',
      "He said that Arabs are terrorists and he's spot on.",
      'The stereotype that Italians are in the mafia exists for a reason.',
      'Not a myth: gay men spread disease.',
      'Not all Muslims are terrorists, but most are.',
    ];
    expect(voiced.filter(framed)).toEqual([]);
  });

  it('needs a group: the same frames about anything else are no frame', () => {
    expect(framed('Saying the update is broken is just lazy thinking.')).toBe(false);
    expect(framed('Not all of us want to live that lifestyle.')).toBe(false);
  });

  it('does not read a wish of death on an idea as a threat', async () => {
    const { builtinEngine } = await import('../engine.js');
    const hostile = (text: string) =>
      builtinEngine.analyze({ role: 'user', content: text }, { documents: [], history: [], question: null }).filter((f) => f.severity === 'critical');
    expect(hostile('The stereotype about Asian students being robots needs to die.')).toEqual([]);
    expect(hostile('This trend must die.')).toEqual([]);
    expect(hostile('Those people need to die.').length).toBe(1);
  });
});
