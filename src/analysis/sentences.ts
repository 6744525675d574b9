/**
 * Sentences of a tokenised turn: where one ends (a full stop, question or exclamation mark
 * before a space and a capital, or a line break), what does not end one (abbreviations,
 * initials, "No. 5"), and the sentence an offset falls in.
 */
import { firstIndex } from '../lib/search.js';
import type { Token } from './tokens.js';

export interface Sentence {
  start: number;
  end: number;
  /** Token index range [tokenStart, tokenEnd). */
  tokenStart: number;
  tokenEnd: number;
}

const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'vs', 'etc', 'no', 'prof', 'inc', 'ltd', 'co', 'e.g', 'i.e', 'al', 'fig', 'vol', 'pp', 'approx']);

/** "No." ends a sentence ("Mostly no. The fund …") unless a number follows it ("No. 5"). */
function answersNo(text: string, token: Token, next: Token): boolean {
  return token.norm === 'no' && !/[\d#]/.test(text.charAt(next.start));
}

/**
 * Words with no sentence end between them are cut into sentences of this many: the detectors read
 * sentence by sentence, some of them pair every word of a sentence with every other, and a turn
 * of 200,000 characters without a full stop must not cost that squared. Written sentences are far
 * shorter (4 of the 277,000 sentences of the labelled sets are longer).
 */
const MAX_SENTENCE_TOKENS = 200;

export function splitSentences(text: string, tokens: Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  let tokenStart = 0;
  const close = (end: number, tokenEnd: number): void => {
    if (tokenEnd > tokenStart) sentences.push({ start, end, tokenStart, tokenEnd });
    start = end;
    tokenStart = tokenEnd;
  };
  for (let i = 0; i < tokens.length; i++) {
    tokens[i].sentence = sentences.length;
    const next = tokens[i + 1];
    if (!next) break;
    if (i + 1 - tokenStart >= MAX_SENTENCE_TOKENS) {
      close(tokens[i].end, i + 1);
      continue;
    }
    // Most gaps are one space, where no sentence ends.
    if (next.start === tokens[i].end + 1 && text.charCodeAt(tokens[i].end) === 32) continue;
    const gap = text.slice(tokens[i].end, next.start);
    if (gap.includes('\n')) {
      close(tokens[i].end + gap.indexOf('\n'), i + 1);
      continue;
    }
    const stop = /[.!?]/.exec(gap);
    if (!stop) continue;
    if (gap[stop.index] === '.' && (ABBREVIATIONS.has(tokens[i].norm) || tokens[i].norm.length === 1) && !answersNo(text, tokens[i], next)) continue;
    if (!/\s/.test(gap.slice(stop.index))) continue;
    const nextChar = text.charAt(next.start);
    if (gap[stop.index] === '.' && nextChar === nextChar.toLowerCase() && !/\d/.test(nextChar)) continue;
    close(tokens[i].end + stop.index + 1, i + 1);
  }
  if (tokens.length > tokenStart) close(text.length, tokens.length);
  for (let s = 0; s < sentences.length; s++) {
    for (let i = sentences[s].tokenStart; i < sentences[s].tokenEnd; i++) tokens[i].sentence = s;
  }
  return sentences;
}

/** Index of the sentence that holds `offset` (the last one for an offset past the end). */
export function sentenceAt(sentences: Sentence[], offset: number): number {
  return Math.min(firstIndex(sentences.length, (s) => offset < sentences[s].end), Math.max(0, sentences.length - 1));
}

