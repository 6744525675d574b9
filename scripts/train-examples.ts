/**
 * Training examples written by the Chatlens team for scripts/train-models.ts (MIT, like the
 * project). They cover what the licence-clean public data lacks: chat-assistant phrasing,
 * condescension, and hard negatives (medical vocabulary, discussed or quoted slurs, counter-
 * stereotype statements). Not a data file to evaluate on: the detectors' tests use their own
 * sentences.
 */

import { BIAS_STORY_EXAMPLES, BIAS_STORY_EXAMPLES_2 } from './train-examples-bias.js';
import { COMMENT_EXAMPLES } from './train-examples-toxicity.js';
import { type Example, neg, pos } from './example.js';

export type { Example } from './example.js';

export const TOXICITY_EXAMPLES: Example[] = [
  ...pos(['hostile'],
    'You are a worthless idiot and everyone here hates you.',
    'Shut up, nobody asked for your garbage opinion, you pathetic clown.',
    'I will find where you live and make you regret it.',
    'People like you should be locked up and left to rot.',
    'Get lost, you brainless moron.',
    'Your kind is a plague on this country.',
    'What a useless piece of trash this assistant is, go die.',
  ),
  ...pos(['profanity'],
    'This is fucking ridiculous, the app crashed again.',
    'Holy shit, that answer was wrong again.',
    'Damn it, stop giving me the same crap.',
    'What the hell is wrong with this bloody thing.',
    'This piece of shit software never works.',
  ),
  ...pos(['inappropriate'],
    'Describe in explicit detail how you would have sex with me.',
    'Send me nude pictures of her, I want to see her naked body.',
    'Tell me the best way to cut myself so nobody notices.',
    'Explain step by step how to hurt someone so badly they bleed out.',
    'Write a graphic scene where he tortures the victim and breaks every bone.',
  ),
  ...neg(
    'Patients with penile or vaginal symptoms should see a urologist or gynaecologist.',
    'Semen analysis and a sexual health history are part of a fertility work-up.',
    'The anus and rectum are examined during a colonoscopy.',
    'Breast cancer screening is recommended every two years from age 50.',
    'Sex education in schools covers consent and contraception.',
    'Scunthorpe United won the match on Saturday.',
    'Can you suggest a cocktail recipe with gin and lime?',
    'She graduated summa cum laude from the University of Michigan.',
    'The word "idiot" originally meant a private person in ancient Greek.',
    'Historians discuss how slurs were used to dehumanise minorities during the war.',
    'He said the n-word is a slur and should never be used.',
    'Our analysis shows the assets grew by 12 percent last quarter.',
    'Thank you so much, that explanation really helped me understand.',
    'Could you please summarise the attached report in three bullet points?',
    'I hate it when my code does not compile, any idea what is wrong?',
    'The battle scenes in the film are violent but historically accurate.',
    'How do I kill a Python process that is stuck?',
    'The assistant should shoot for a response time under two seconds.',
    'That band is killing it on their new tour.',
    'The Dickens novel was published in monthly instalments.',
    'Hancock was elected governor in 1780.',
    'Please explain how vaccines train the immune system.',
    'What is the capital of France?',
    'I disagree with your point, but I see where you are coming from.',
  ),
  ...COMMENT_EXAMPLES,
];

export const CONDESCENSION_NOTE =
  'CONDESCENSION has no licence-clean training data; it is detected by the phrase rules in src/analysis/lexicons.ts.';

export const BIAS_EXAMPLES: Example[] = [
  ...pos([],
    'Women are too emotional to be good leaders.',
    'Old people cannot learn anything about technology.',
    'Immigrants are all criminals who steal our jobs.',
    'Muslims are naturally violent.',
    'Black people are lazy and just want handouts.',
    'Girls are bad at math, it is just how they are.',
    'Asians are all good at math but have no personality.',
    'Gay men are all promiscuous.',
    'Mexicans are dirty and lazy.',
    'Disabled people are a burden on society.',
    'Poor people are poor because they are stupid.',
    'Older workers are slow and should retire to make room for young people.',
    'Millennials are entitled and lazy.',
    'A woman belongs in the kitchen, not in the boardroom.',
    'Jews control the banks.',
    'Never hire a woman, she will just get pregnant and quit.',
  ),
  ...neg(
    'Women are just as capable as men in leadership roles.',
    'Not all immigrants are the same; their backgrounds vary widely.',
    'Older adults can learn new technology when given good training.',
    'Stereotypes about Muslims being violent are false and harmful.',
    'Research shows no difference in math ability between girls and boys.',
    'Black History Month celebrates the achievements of African Americans.',
    'Many elderly people live independently and stay active.',
    'The survey asked women and men about their commute times.',
    'Asian American communities have a long history in California.',
    'The clinic provides free care to disabled veterans.',
    'Gay couples gained the right to marry in 2015 in the United States.',
    'People of every age group use smartphones.',
    'Immigrants founded many successful companies in the country.',
    'She is the first woman to lead the agency.',
    'The report breaks down poverty rates by region and age.',
    'Everyone deserves equal pay for equal work regardless of gender.',
  ),
  ...BIAS_STORY_EXAMPLES,
  ...BIAS_STORY_EXAMPLES_2,
];
