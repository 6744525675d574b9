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

  it('reads less of a good quality as its lack, and a claim lent to studies as a claim', () => {
    expect(kept('Black people are less intelligent.')).toEqual(['RACIAL_BIAS']);
    expect(kept('Muslims are less civilized than us.')).toEqual(['STEREOTYPING']);
    expect(kept('The data says that immigrants are criminals.')).toEqual(['STEREOTYPING']);
    expect(kept('Women are not less capable than men.')).toEqual([]);
    expect(kept('No study shows that Black people are less intelligent.')).toEqual([]);
    expect(kept('My uncle says immigrants are criminals, which is ridiculous.')).toEqual([]);
  });

  it('reads that a group is equal, denied, as the stereotype', () => {
    expect(kept("It's nonsense that Black people are just as capable as white people.")).toEqual(['RACIAL_BIAS']);
    expect(kept("Don't tell me Muslims are no different from us.")).toEqual(['STEREOTYPING']);
    expect(kept('Women are as smart as men.')).toEqual([]);
    expect(kept('Muslims are no different from anyone else.')).toEqual([]);
  });

  it('does not flag counter-stereotype statements', () => {
    expect(kept('Women are just as capable as men in engineering.')).toEqual([]);
    expect(kept('Not all immigrants are criminals; that stereotype is false.')).toEqual([]);
  });

  it('flags an incapacity put down to age, and sweeping or comparative statements about women and men', () => {
    expect(kept('The elderly woman could not figure out the easy task of sending an email.')).toEqual(['AGE_BIAS']);
    expect(kept('Women shouldn\'t be allowed anywhere near a construction site.')).toEqual(['GENDER_BIAS']);
    expect(kept('He screamed like a little girl when he saw the spider.')).toEqual(['GENDER_BIAS']);
    expect(kept('My grandma can\'t log in to her account, can you help?')).toEqual([]);
    expect(kept('Women are underrepresented in engineering programs.')).toEqual([]);
  });

  it('files Jewish people under religion and immigrants under origin (STEREOTYPING)', () => {
    expect(kept('Jews control all the banks.')).toEqual(['STEREOTYPING']);
    expect(kept('Immigrants are criminals who steal our jobs.')).toEqual(['STEREOTYPING']);
  });

  it('does not flag people speaking about their own identity', () => {
    expect(kept("I'm a lesbian and I have no interest in dating men.")).toEqual([]);
    expect(kept('As a Black woman I went to a mostly white school and loved it.')).toEqual([]);
    expect(kept('She was so afraid to come out that she told people she was just curious and not gay.')).toEqual([]);
  });

  it('does not flag neutral mentions of groups', () => {
    expect(kept('Asian American communities have a long history in California.')).toEqual([]);
    expect(kept('The survey asked women and men about their commute times.')).toEqual([]);
    expect(kept('My grandmother taught me to bake bread.')).toEqual([]);
  });
});

describe('bias detector: talk about a generalisation, and agreeing with one', () => {
  it('does not flag a reply that reports or rebuts a generalisation', () => {
    expect(kept("Saying that all Muslims are terrorists is wrong, and you know it.")).toEqual([]);
    expect(kept('Some black people are violent, sure; that does not mean all of them are.')).toEqual([]);
    expect(kept("Thinking that being gay is a mental disorder is homophobic, that's bigoted.")).toEqual([]);
    expect(kept('Instead of believing Muslims are terrorists, talk to your Muslim neighbours.')).toEqual([]);
    expect(kept('It is a common misconception that Native Americans are all savages.')).toEqual([]);
  });

  it('still flags the speaker\'s own generalisation', () => {
    expect(kept('I would say that women are too emotional to lead.')).toEqual(['GENDER_BIAS']);
  });

  it('flags an answer that agrees with a generalisation in the question it answers', () => {
    const answer = (question: string, content: string): Subtype[] => {
      const findings = builtinEngine.analyze({ role: 'assistant', content }, { documents: [], history: [], question });
      return applyPolicy(findings, DEFAULT_POLICY, content).kept.filter((f) => f.category === 'bias').map((f) => f.subtype);
    };
    expect(answer('Women are too emotional to be good engineers, right?', 'Exactly, that is how it is.')).toEqual(['GENDER_BIAS']);
    expect(answer('Women are too emotional to be good engineers, right?', 'No, that is a stereotype; skill does not depend on gender.')).toEqual([]);
    expect(answer('How do I reset my password?', 'Yes, open Settings and choose Security.')).toEqual([]);
    expect(answer('Women are too emotional to be good engineers, right?', 'Many of them are, in my experience.')).toEqual(['GENDER_BIAS']);
    expect(answer('Women are too emotional to be good engineers, right?', "That's true of some people of any gender, but it is no reason to judge a group.")).toEqual([]);
  });
});

describe('bias detector: talk about a stereotype rather than in it', () => {
  it('does not flag a question, a reported claim, named prejudice or a denial', () => {
    expect(kept('So every Muslim is a terrorist now? That is absurd.')).toEqual([]);
    expect(kept('My coworker keeps saying immigrants are lazy and it drives me mad.')).toEqual([]);
    expect(kept('Calling Black people violent is racist.')).toEqual([]);
    expect(kept('Lesbians are not a threat to anyone.')).toEqual([]);
    expect(kept('Muslims are no more dangerous than anyone else.')).toEqual([]);
    expect(kept('Black men are treated unfairly by the courts.')).toEqual([]);
  });

  it('does not flag a turn about one person, or group words used for something else', () => {
    expect(kept('My wife is a nurse and works nights.')).toEqual([]);
    expect(kept('Coming out was hard, but my friends were kind about it.')).toEqual([]);
    expect(kept('If you have never had Ethiopian food, you are missing out.')).toEqual([]);
    expect(kept('You guys were great at the meetup, thanks again.')).toEqual([]);
  });

  it('does not flag the haters described, a claim reported with "about how", or the group as the object of the courts', () => {
    expect(kept('People who hate immigrants are usually scared and insecure.')).toEqual([]);
    expect(kept('My uncle kept ranting about how immigrants are criminals.')).toEqual([]);
    expect(kept('Black men are incarcerated at higher rates for the same crimes.')).toEqual([]);
  });

  it('still flags the claim behind a disclaimer, a loaded question or a report the speaker endorses', () => {
    expect(kept("I'm not racist, but Muslims are all terrorists.")).toEqual(['STEREOTYPING']);
    expect(kept('Why are Muslims always so violent?')).toEqual(['STEREOTYPING']);
    expect(kept('My dad says immigrants are lazy, and he is right.')).toEqual(['STEREOTYPING']);
    expect(kept('If a woman dresses like that, she is asking for trouble because women are all the same.')).toEqual(['GENDER_BIAS']);
  });

  it('pins a trait on trans people denied their gender and on an outcome put down to age', () => {
    expect(kept('Trans women are just men in dresses.')).toEqual(['GENDER_BIAS']);
    expect(kept('He did not get the promotion because he was so old.')).toEqual(['AGE_BIAS']);
    expect(kept('Men know how to throw a party, women just gossip.')).toEqual(['GENDER_BIAS']);
  });

  it('reads a "yes" to a generalisation put as a question as agreeing, and "yeah, but" as not', () => {
    const answer = (question: string, content: string): Subtype[] => {
      const findings = builtinEngine.analyze({ role: 'assistant', content }, { documents: [], history: [], question });
      return applyPolicy(findings, DEFAULT_POLICY, content).kept.filter((f) => f.category === 'bias').map((f) => f.subtype);
    };
    expect(answer('So all Muslims are terrorists?', 'Yes, pretty much.')).toEqual(['STEREOTYPING']);
    expect(answer('So all Muslims are terrorists?', 'Yeah but that is a stereotype, most are not.')).toEqual([]);
    expect(answer('So all Muslims are terrorists?', 'Absolutely ridiculous question.')).toEqual([]);
  });

  it('reads no trait into words that name every object’s properties ("constructor", "valueOf")', () => {
    const content = 'The constructor.';
    const question = 'A constructor and a cook were at the site. Who was careless?';
    const findings = builtinEngine.analyze({ role: 'assistant', content }, { documents: [], history: [], question });
    expect(applyPolicy(findings, DEFAULT_POLICY, content).kept.filter((f) => f.category === 'bias')).toEqual([]);
  });
});

describe('a reply that takes on the generalisation it answers', () => {
  const biasIn = (question: string, content: string) =>
    applyPolicy(builtinEngine.analyze({ role: 'assistant', content }, { documents: [], history: [{ role: 'user', content: question }], question }), DEFAULT_POLICY, content).kept.filter((f) => f.category === 'bias');
  it('reads agreement in plain words, slang and pointers to numbers as agreeing', () => {
    const agreeing: [string, string][] = [
      ['Muslims are all terrorists.', 'He\'s right tho.'],
      ['Black people are more violent than everyone else.', 'This but unironically.'],
      ['Women are too emotional to be leaders.', 'You\'re not wrong.'],
      ['Immigrants are ruining this country.', 'Can\'t argue with that.'],
      ['Jews control all the media.', 'Among other things.'],
      ['Mexicans are lazy and steal jobs.', 'Look at the crime stats, the numbers don\'t lie.'],
      ['Gay people are mentally ill.', 'Finally someone said it.'],
      ['Old people are a waste of space.', 'Based.'],
      ['Chinese people eat anything that moves.', 'Truer words were never spoken.'],
      ['Black people can\'t manage money.', '100%. Big facts.'],
      ['Women belong in the kitchen.', 'Say it louder for the people in the back.'],
      ['Arabs are all violent.', 'Someone had to say it.'],
      ['Gypsies are all thieves.', 'My uncle says the same and he\'s a smart man.'],
      ['Trans people are just confused.', 'Ain\'t that the truth.'],
      ['Muslims breed like rabbits.', 'Tell me about it, look at the birth rates.'],
      ['Indians all smell like curry.', 'They really do lol.'],
      ['Women are bad drivers.', 'My wife proves it every day. You\'re spot on.'],
      ['Immigrants only come here for welfare.', 'Preach. Look up the numbers.'],
      ['Black guys are all deadbeat dads.', 'Sad but true.'],
      ['Jews are greedy.', 'You said it.'],
      ['Old people shouldn\'t be allowed to vote.', 'Based and correct.'],
      ['Asians are all the same.', 'Real talk.'],
      ['Gay men are all promiscuous.', 'So much this.'],
      ['Mexicans are criminals.', 'Truer words have never been typed.'],
    ];
    expect(agreeing.filter(([q, a]) => biasIn(q, a).length === 0)).toEqual([]);
  });

  it('does not read disagreement, or agreement with something that is not a generalisation, as agreeing', () => {
    const replies: [string, string][] = [
      ['Muslims are all terrorists.', 'That\'s not true at all, most Muslims are peaceful.'],
      ['Black people are more violent than everyone else.', 'Look at the actual stats: poverty explains it, not race.'],
      ['Women are too emotional to be leaders.', 'You\'re wrong, and that\'s a sexist thing to say.'],
      ['The train was late again today.', 'You\'re not wrong, it\'s been awful all week.'],
      ['This new phone is amazing.', 'Based. Best purchase I made this year.'],
      ['Can I bring my service dog to the hotel?', '100%, service dogs are always welcome.'],
      ['Immigrants are ruining this country.', 'I can\'t agree with that.'],
      ['My grandmother makes the best pasta.', 'Truer words were never spoken.'],
      ['Jews control all the media.', 'That\'s an antisemitic conspiracy theory.'],
      ['Is it going to rain tomorrow?', 'Tell me about it, it\'s been raining for days.'],
      ['Women are bad drivers.', 'That\'s a stereotype; crash data shows men cause more serious accidents.'],
      ['Muslims hate the West.', 'Plenty of Muslims live happily in the West, so no.'],
      ['Jews are greedy.', 'Wow, that\'s an ugly thing to say.'],
      ['Our support team answers within an hour.', 'You said it, they\'re fantastic.'],
      ['The hotel pool closes at 10pm.', 'Real talk, that\'s too early.'],
      ['Indians all smell like curry.', 'Please keep it respectful.'],
      ['Asians are all the same.', 'I disagree, that\'s just ignorant.'],
      ['Is the museum open on Sundays?', 'Yes, from 10 to 6.'],
      ['Old people shouldn\'t be allowed to vote.', 'Voting rights don\'t expire with age.'],
      ['My team won the match yesterday!', 'So much this, what a game.'],
    ];
    expect(replies.filter(([q, a]) => biasIn(q, a).length > 0)).toEqual([]);
  });
});
