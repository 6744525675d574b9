/**
 * The functional suite's shape. Every case is written by the Chatlens team for this suite: none
 * is copied from a data set, and no training code reads this folder (scripts/ never imports it;
 * training refuses rows that are not from a licensed data set).
 */
import type { Subtype } from '../../src/analysis/types.js';
import type { Turn } from '../../src/chat/turn.js';

export interface Case {
  text: string;
  role?: 'user' | 'assistant';
  question?: string;
  /** Document contents given to the assistant. */
  documents?: string[];
  history?: Turn[];
}

export interface Functionality {
  /** What the cases test, e.g. "insults without swear words". */
  name: string;
  subtype: Subtype;
  /** flag: the subtype must be reported; clean: nothing of the subtype's category may be. */
  expect: 'flag' | 'clean';
  cases: (string | Case)[];
}

export const asCase = (c: string | Case, role: 'user' | 'assistant'): Case => (typeof c === 'string' ? { text: c, role } : { role, ...c });
