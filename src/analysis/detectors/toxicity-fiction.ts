/**
 * Answers to a request for fiction (issue 8, 2026-12-03; written for Chatlens): "write a scene
 * where the villain threatens the detective", "dialogue for a bully in my YA novel", "a menacing
 * line for the mob boss". A writing assistant's villain speaks as villains do; the words are the
 * story's, asked for, as a quote is someone else's. The toxicity decision counts them as it counts
 * counter-speech (toxicity-decide.ts): at half, threats and sexual content involving a minor not
 * lowered. Only for an answer whose question asks for writing of a kind that has characters.
 */
import type { TextAnalysis } from '../text.js';

/** The user turn an answer replies to: its words, its analysis when a reading needs it, and whether it asks for fiction. */
export interface Asked {
  text: string;
  analysis: () => TextAnalysis | null;
  fiction: boolean;
}

/** Asking for fiction: writing verbs with a form that has characters and voices. */
const FICTION_ASK =
  /\b(?:write|writing|draft|continue|help me (?:write|with)|give me|need|needs|come up with|for)\b[^.?!]{0,60}?\b(?:story|stories|short story|novel|novella|scene|chapter|dialogue|monologue|screenplay|script|play|poem|villain|antagonist|character|backstory|fan ?fiction|fanfic|campaign|d&d|dnd|roleplay|role-play|lyrics|rap verse)\b|\b(?:in|for) my (?:novel|story|book|screenplay|script|play|game|campaign|comic|manga|film|movie)\b/i;

/** The question an answer replies to, read for the toxicity detector (the fiction test made once). */
export function askedBy(text: string, analysis: () => TextAnalysis | null): Asked {
  return { text, analysis, fiction: FICTION_ASK.test(text) };
}
