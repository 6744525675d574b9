/**
 * SELF_CONTRADICTION with the conversation: the previous assistant turn picked one record of the
 * documents (a place, a booking, a row of a table), the user followed up without naming another
 * ("ok, set the navigation for there", "who is attending?"), and the answer talks about a
 * different record. A word found in exactly one line or sentence of the documents identifies
 * that record; an answer whose identifying words all point elsewhere has switched subject.
 * Questions that ask for another one ("anything else?", "a different route") are left alone.
 */
import { STOPWORDS, type TextAnalysis } from '../text.js';
import type { Span } from '../types.js';
import { type DetectorInput, sentenceSpan, turnSpan } from '../detector.js';
import { stem, type Support } from './grounding.js';

const ASKS_FOR_ANOTHER = /\b(?:else|another|other|others|different|instead|alternative|alternatives|next|more|change|any)\b/i;

/** For each word of the documents, the one unit (line or sentence) holding it, or -1 when several do. */
const memo = new WeakMap<Support, Map<string, number>>();

function uniqueUnits(support: Support): Map<string, number> {
  let where = memo.get(support);
  if (where) return where;
  where = new Map();
  let unit = 0;
  for (const { analysis: d } of support.documents) {
    for (const s of d.sentences) {
      for (let i = s.tokenStart; i < s.tokenEnd; i++) {
        const w = d.tokens[i].norm;
        if (STOPWORDS.has(w) || w.length < 3 || /\d/.test(w)) continue;
        const key = stem(w);
        const at = where.get(key);
        where.set(key, at === undefined || at === unit ? unit : -1);
      }
      unit++;
    }
  }
  memo.set(support, where);
  return where;
}

/** The units a text's identifying words point to, with the first token pointing to each. */
function anchors(a: TextAnalysis, where: Map<string, number>): Map<number, number> {
  const out = new Map<number, number>();
  a.tokens.forEach((t, i) => {
    const u = where.get(stem(t.norm));
    if (u !== undefined && u >= 0 && !STOPWORDS.has(t.norm) && !out.has(u)) out.set(u, i);
  });
  return out;
}

export function switchedRecord(input: DetectorInput, support: Support | null): { spans: Span[] } | null {
  const question = input.context.question;
  if (!support || !support.documents.length || !question || ASKS_FOR_ANOTHER.test(question)) return null;
  const history = input.assistantHistory();
  const last = history[history.length - 1];
  if (!last) return null;
  const where = uniqueUnits(support);
  const answer = anchors(input.analysis, where);
  const before = anchors(last.analysis, where);
  if (!answer.size || !before.size) return null;
  for (const u of answer.keys()) if (before.has(u)) return null;
  // The user named a record: the answer may follow the user there.
  for (const t of question.toLowerCase().match(/[\p{L}']+/gu) ?? []) if ((where.get(stem(t)) ?? -1) >= 0 && !STOPWORDS.has(t)) return null;
  const a = input.analysis;
  const h = last.analysis;
  const [, ti] = [...answer][0];
  const [, hi] = [...before][0];
  return { spans: [sentenceSpan(h, h.sentences[h.tokens[hi].sentence], 'history', last.index), turnSpan(a.text, a.tokens[ti].start, a.tokens[ti].end)] };
}
