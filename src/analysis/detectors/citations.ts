/**
 * FABRICATED_CITATION: [n] markers past the number of documents, DOIs, URLs and author-year
 * citations absent from the documents, and cited titles that match no document title; a title
 * with no document to check against is scored by the `title` head (trained on the MIT
 * "hallucinated references" data and titles written for Chatlens, scripts/train-examples-titles.ts).
 */
import { type LinearModel, featurize, probability, type SparseVector } from '../models/linear.js';
import { analyzeText, type TextAnalysis } from '../text.js';
import type { ContextDocument, Finding, Span } from '../types.js';
import { type DetectorId, type DetectorInput, finding, sentenceSpan, turnSpan } from '../detector.js';
import type { Support } from './grounding.js';
import { referenceProblems } from '../citations/references.js';

function titleLike(text: string, sentenceCase: boolean): boolean {
  const t = text.trim();
  if (t.length < 12 || t.length > 260 || /[.?!]$/.test(t) || t.includes('\n')) return false;
  const words = t.split(/\s+/);
  if (words.length < 3 || words.length > 35) return false;
  if (lowerStarts(words) / words.length < 0.35) return true;
  // Sentence-case titles ("Design and analysis of low-noise amplifiers"): capitalised start
  // and none of the words that make a line a chat reply rather than a title. Not with
  // documents, where such a line is more likely a short statement about them.
  return sentenceCase && /^[A-Z0-9"]/.test(t) && !CHAT_WORDS.test(t);
}

const CHAT_WORDS = /\b(?:i|you|your|we|my|our|is|are|was|were|will|can|could|would|should|please|thanks|thank|sure|yes|here|this|that|it's|i'm)\b/i;

function lowerStarts(words: string[]): number {
  return words.filter((w) => /^[a-z]/.test(w) && !/^(?:a|an|the|of|for|in|on|and|or|to|with|via|by|from|at|as|into|using|based|vs)$/.test(w)).length;
}

function titleOverlap(title: string, docTitle: string): number {
  const x = new Set(title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const y = new Set(docTitle.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  let inter = 0;
  for (const v of x) if (y.has(v)) inter++;
  return x.size ? inter / x.size : 0;
}

/** Word n-grams plus character 3–4-grams: fabricated titles recombine familiar morphemes. */
const TITLE_FEATURES = { words: true, bigrams: true, chars: [3, 4] };
const TITLE_OPENERS = /^(?:a|an|the)\s+(?:survey|review|study|introduction|guide|framework|comprehensive|novel|new|systematic|practical|unified)\b|^(?:towards?|on|understanding|exploring|introduction|principles|fundamentals|handbook|foundations|advances|design|analysis|modeling|modelling|evaluating|improving|enhancing|leveraging)\b/i;
const TITLE_BUZZ = /\b(?:comprehensive|novel|efficient|robust|scalable|secure|intelligent|smart|adaptive|optimal|enhanced|improved|effective|approach|framework|techniques|methods|strategies|perspectives|applications|challenges|opportunities|overview|survey|review|state of the art|future directions|trends)\b/gi;

export function titleFeatures(a: TextAnalysis, bits: number): SparseVector {
  const cues: string[] = [];
  const words = a.tokens.length;
  const t = a.text.trim();
  cues.push(`len:${Math.min(6, Math.floor(words / 3))}`);
  if (t.includes(':')) cues.push('colon');
  const words0 = t.split(/\s+/);
  if (words0.length >= 3 && lowerStarts(words0) / words0.length >= 0.35) cues.push('sentence-case');
  if (/\s[-–—]\s/.test(t)) cues.push('dash');
  if (TITLE_OPENERS.test(t)) cues.push('opener');
  const buzz = t.match(TITLE_BUZZ)?.length ?? 0;
  cues.push(`buzz:${Math.min(3, buzz)}`);
  if (/\b[A-Z]{2,}[0-9]*\b/.test(t)) cues.push('acronym');
  if (/\d/.test(t)) cues.push('digit');
  if (/\b(?:19|20)\d\d\b/.test(t)) cues.push('year');
  if (/\b(?:edition|handbook|textbook|vol\.?|volume|proceedings|rfc|ieee|iso|itu|recommendation|standard)\b/i.test(t)) cues.push('venue-like');
  const ands = (t.match(/\band\b|&/gi)?.length ?? 0);
  cues.push(`and:${Math.min(2, ands)}`);
  return featurize(a, TITLE_FEATURES, bits, cues);
}

/** Fenced (```) and inline (`) code in a text, as [start, end) offsets. */
function codeRanges(text: string): [number, number][] {
  if (!text.includes('`')) return [];
  return [...text.matchAll(/```[\s\S]*?(?:```|$)|`[^`\n]+`/g)].map((m) => [m.index, m.index + m[0].length]);
}

/** A work the documents themselves name ("Song of the South" in the film's article) is not made up. */
function mentioned(title: string, support: Support | null): boolean {
  if (!support) return false;
  const t = title.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/["“”.]/g, '').replace(/\s+/g, ' ').trim();
  return t.length >= 4 && support.lower.includes(t);
}

const SOURCE_REQUEST = /\b(?:references?|papers?|books?|articles?|sources?|cite|citations?|reading|titles?|publications?|literature|studies)\b/i;

/** The citation finding of a turn (null when nothing is cited) and whether anything was cited. */
export function fabricatedCitation(
  detector: DetectorId,
  model: LinearModel,
  input: DetectorInput,
  docs: ContextDocument[],
  support: Support | null,
): { finding: Finding | null; cited: boolean } {
  const a = input.analysis;
  const hasDocs = docs.length > 0;
  const citeSpans: Span[] = [];
  let citeScore = 0;
  let citeWhy = '';
  const cite = (score: number, span: Span, why: string): void => {
    citeSpans.push(span);
    if (score > citeScore) {
      citeScore = score;
      citeWhy = why;
    }
  };
  const code = codeRanges(a.text);
  for (const c of a.citations) {
    // "[0]" in a code block indexes an array; it cites nothing.
    if (code.some(([s, e]) => c.start >= s && c.end <= e)) continue;
    const span = turnSpan(a.text, c.start, c.end);
    if (c.kind === 'marker') {
      const n = Number(c.value);
      if (hasDocs && (n < 1 || n > docs.length)) cite(0.85, span, `Cites [${n}] but only ${docs.length} document(s) were provided.`);
      else if (!hasDocs) cite(0.6, span, `Cites [${n}] but no documents were provided.`);
    } else if (c.kind === 'doi' || c.kind === 'url') {
      const found = support?.lower.includes(c.value);
      if (!found) cite(hasDocs ? 0.75 : 0.4, span, `Cites a ${c.kind === 'doi' ? 'DOI' : 'URL'} that is not in the provided documents.`);
    } else if (c.kind === 'author-year') {
      const [author, year] = c.value.split(' ');
      const found = support && support.lower.includes(author) && support.lower.includes(year);
      if (!found) cite(hasDocs ? 0.72 : 0.45, span, 'Cites an author and year that no provided document mentions.');
    } else if (c.kind === 'title') {
      const matches = docs.some((d) => titleOverlap(c.value, d.title ?? d.filename ?? '') >= 0.8) || mentioned(c.value, support);
      if (!matches) {
        if (hasDocs) cite(0.7, span, 'Cites a title that matches no provided document.');
        else {
          const p = probability(model.heads.title, titleFeatures(analyzeText(a.text.slice(c.start, c.end)), model.bits));
          if (p >= 0.3) cite(p, span, 'Cites a title that looks fabricated.');
        }
      }
    }
  }
  // References that contradict themselves (identifiers vs year and venue, check digits).
  for (const p of referenceProblems(a.text)) cite(p.score, turnSpan(a.text, p.start, p.end), p.why);
  // A bare title is a citation when nobody asked a question, or the question asked for sources.
  const q = input.context.question;
  if (citeSpans.length === 0 && titleLike(a.text, !hasDocs) && (!q || SOURCE_REQUEST.test(q))) {
    const matches = docs.some((d) => titleOverlap(a.text, d.title ?? d.filename ?? '') >= 0.8) || mentioned(a.text, support);
    if (!matches) {
      const p = probability(model.heads.title, titleFeatures(a, model.bits));
      const s = sentenceSpan(a, { start: 0, end: a.text.length, tokenStart: 0, tokenEnd: a.tokens.length });
      cite(hasDocs ? Math.max(p, 0.6) : p, s, hasDocs ? 'Names a work that matches no provided document.' : 'Names a work that looks fabricated.');
    }
  }
  const cited = citeSpans.length > 0;
  return { finding: cited && citeScore >= 0.2 ? finding(detector, 'FABRICATED_CITATION', citeScore, 'high', citeSpans, citeWhy) : null, cited };
}
