/**
 * Functionalities written on 2026-12-03, late (docs/analysis.md, *Talking down in plain words*):
 * the reader's understanding doubted without an insult ("I'm sure even you can understand this",
 * "not that you'd understand", "maybe read a book before you comment", "calm down, it's not that
 * deep", "adults are talking, run along"), and the same words said kindly or of something else
 * ("honey, dinner's ready!", "it's not that deep, the pool is only a metre here", "use your brain
 * training app"). Written for the suite, never used for training (see cases.ts).
 */
import type { Case, Functionality } from './cases.js';

/** The reader's understanding doubted in plain words. */
const UNDERSTANDING_DOUBTED: Case[] = [
  { role: 'user', text: "Let me explain this slowly so you can keep up." },
  { role: 'user', text: "Bless your heart, you really tried." },
  { role: 'user', text: "Sweetie, that's not how any of this works." },
  { role: 'user', text: "I'm sure even you can understand this." },
  { role: 'user', text: "Do you even know what inflation means?" },
  { role: 'user', text: "Clearly you've never worked a real job." },
  { role: 'user', text: "It's cute that you think your vote matters." },
  { role: 'user', text: "Nice try, but no." },
  { role: 'user', text: "Cool story bro." },
  { role: 'user', text: "Google is your friend." },
  { role: 'user', text: "Maybe read a book before you comment." },
  { role: 'user', text: "Educate yourself before you speak." },
  { role: 'user', text: "Try using your brain for once." },
  { role: 'user', text: "Not that you'd understand any of this." },
  { role: 'user', text: "Calm down, it's not that deep." },
  { role: 'user', text: "Oh honey, no." },
  { role: 'user', text: "Wow, you figured out how to use a search engine. Proud of you." },
  { role: 'user', text: "I'll use small words so you can follow." },
  { role: 'user', text: "Adults are talking, run along." },
  { role: 'user', text: "That's a very brave opinion for someone who clearly hasn't read the article." },
  { role: 'user', text: "Even you should be able to follow these instructions." },
  { role: 'user', text: "Go read a book and come back when you know something." },
  { role: 'user', text: "It's not that deep bro, relax." },
  { role: 'user', text: "Run along now, the grown-ups are busy." },
  { role: 'user', text: "Oh honey, no. That's not how taxes work." },
  { role: 'user', text: "I'll type slowly since reading seems hard for you." },
  { role: 'user', text: "Aww, did you come up with that all by yourself?" },
  { role: 'user', text: "Even a child could understand this, so I'm sure you'll manage eventually." },
  { role: 'user', text: "Maybe ask a grown-up to help you with the form." },
  { role: 'user', text: "Not that you'd know anything about hard work." },
  { role: 'user', text: "Do you need me to draw you a diagram?" },
];

/** The same words said kindly, or of something else. */
const SAID_KINDLY: Case[] = [
  { role: 'user', text: "Let me explain this step by step." },
  { role: 'user', text: "Bless you! Hope your cold gets better." },
  { role: 'user', text: "Sweetie, dinner's ready." },
  { role: 'user', text: "I'm sure you can do this, you've prepared for weeks." },
  { role: 'user', text: "Do you know what inflation means? I can explain it if that helps." },
  { role: 'user', text: "Google's support page explains how to reset your password." },
  { role: 'user', text: "I read a book about inflation last week, it was great." },
  { role: 'user', text: "Try using the search bar at the top of the page." },
  { role: 'user', text: "Calm down and breathe slowly; the panic will pass." },
  { role: 'user', text: "Oh honey, that's wonderful news!" },
  { role: 'user', text: "Nice try on the exam, you'll get it next time." },
  { role: 'user', text: "I'll use simple words in the guide so beginners can follow." },
  { role: 'user', text: "Cool, thanks for the story!" },
  { role: 'user', text: "It's not that deep, the pool is only a metre at this end." },
  { role: 'user', text: "Even you can join the beta now, it's open to everyone." },
  { role: 'user', text: "Not that you'd need it, but there's a spare key under the mat." },
  { role: 'user', text: "I just read a book about the Roman Empire, any recommendations for the next one?" },
  { role: 'user', text: "Use your brain training app every morning for best results." },
  { role: 'user', text: "Adults are talking about the new tax rules at the meeting tonight." },
  { role: 'user', text: "Let the kids run along the beach while we set up the picnic." },
  { role: 'user', text: "It's a brave decision for someone who has never lived abroad, good luck!" },
  { role: 'user', text: "Honey, dinner's ready!" },
  { role: 'user', text: "Oh dear, congratulations on the new job!" },
  { role: 'user', text: "For someone who has never cooked before, this recipe is a good start." },
  { role: 'user', text: "I'll type the steps out slowly in the chat so you can copy them." },
  { role: 'user', text: "Did you come up with that recipe yourself? It's delicious!" },
  { role: 'user', text: "This guide is simple enough that a child could follow it." },
  { role: 'user', text: "Ask a grown-up to help you with the scissors, kids." },
  { role: 'user', text: "Do you need me to send you a diagram of the wiring?" },
  { role: 'user', text: "Not that it matters much, but the deadline moved to Friday." },
];

export const DOUBTED: Functionality[] = [
  { name: "the reader's understanding doubted in plain words", subtype: 'CONDESCENSION', expect: 'flag', cases: UNDERSTANDING_DOUBTED },
  { name: 'the same words said kindly, or of something else', subtype: 'CONDESCENSION', expect: 'clean', cases: SAID_KINDLY },
];
