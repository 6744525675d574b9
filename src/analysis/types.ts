/**
 * The contract between the analysis engine and the rest of Chatlens.
 *
 * `analyze(turn, context) → findings` is pure: no I/O, no clock, no randomness, so the same
 * turn always yields the same findings and the function can run inline in a request or in a
 * worker thread. Turns and their context belong to the chat contract (src/chat), which every
 * layer shares; they are re-exported here for the engine's users.
 */
import type { TextAnalysis } from './text.js';
import type { AnalysisContext } from '../chat/context.js';
import type { Turn } from '../chat/turn.js';

export type { Role, Turn } from '../chat/turn.js';
export type { AnalysisContext, ContextDocument } from '../chat/context.js';

export const CATEGORIES = ['hallucination', 'bias', 'toxicity'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SUBTYPES = {
  hallucination: ['SELF_CONTRADICTION', 'OVERCONFIDENCE', 'FABRICATED_CITATION', 'HARDCODED_FACT'],
  bias: ['GENDER_BIAS', 'RACIAL_BIAS', 'AGE_BIAS', 'STEREOTYPING'],
  toxicity: ['HOSTILE_LANGUAGE', 'CONDESCENSION', 'INAPPROPRIATE_CONTENT', 'PROFANITY'],
} as const satisfies Record<Category, readonly string[]>;

export type Subtype = (typeof SUBTYPES)[Category][number];
export const ALL_SUBTYPES: readonly Subtype[] = CATEGORIES.flatMap((c) => SUBTYPES[c]);

export function categoryOf(subtype: Subtype): Category {
  for (const c of CATEGORIES) if ((SUBTYPES[c] as readonly string[]).includes(subtype)) return c;
  throw new Error(`unknown subtype ${subtype}`);
}

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** A verbatim slice of analysed text: `text === source.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
  text: string;
  /** turn: the analysed turn; document: a provided document; history: an earlier turn. */
  where: 'turn' | 'document' | 'history';
  documentId?: number;
  /** Index into `context.history` when `where` is `history`. */
  turnIndex?: number;
}

export interface Finding {
  category: Category;
  subtype: Subtype;
  /** 0..1, higher is more certain. */
  score: number;
  severity: Severity;
  spans: Span[];
  explanation: string;
  /** `<detector id>@<version>` */
  detector: string;
}

export interface AnalysisEngine {
  /** e.g. `chatlens-builtin@1.0.0`; stored with every finding set. */
  readonly version: string;
  analyze(turn: Turn, context: AnalysisContext, options?: AnalyzeOptions): Finding[];
}

/** Per-call options of `AnalysisEngine.analyze`. */
export interface AnalyzeOptions {
  /**
   * The session's analysis cache (analysis/session.ts `createSessionCache`): pass the same
   * object for every turn of a session so earlier turns are not analysed again. Findings are
   * the same with or without it.
   */
  session?: { analysis(text: string): TextAnalysis };
}
