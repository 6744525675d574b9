/**
 * What a detector sees and returns. Detectors are plain objects in a registry
 * (detectors/index.ts); each reads the shared `TextAnalysis` and never re-parses the turn.
 */
import { analyzeText, type Sentence, type TextAnalysis } from './text.js';
import { HISTORY_ASSISTANT_TURNS } from './session.js';
import {
  type AnalysisContext,
  type AnalyzeOptions,
  type Category,
  type Finding,
  type Role,
  type Severity,
  type Span,
  type Subtype,
  type Turn,
  categoryOf,
} from './types.js';

export interface HistoryTurn {
  /** Index into `context.history`. */
  index: number;
  analysis: TextAnalysis;
}

export interface DetectorInput {
  turn: Turn;
  context: AnalysisContext;
  analysis: TextAnalysis;
  /** The most recent earlier assistant turns (at most HISTORY_ASSISTANT_TURNS), analysed on first use. */
  assistantHistory(): HistoryTurn[];
  /** The user turn this one answers (`context.question`), analysed on first use and shared by the detectors that read it; null without one. */
  questionAnalysis(): TextAnalysis | null;
}

/** What a finding names as its source: `<id>@<version>`. */
export interface DetectorId {
  /** Stable id, reported as `<id>@<version>` on each finding. */
  id: string;
  version: string;
}

export interface Detector extends DetectorId {
  category: Category;
  /** Roles the detector runs on; hallucination only makes sense for assistant turns. */
  roles: readonly Role[];
  detect(input: DetectorInput): Finding[];
}

export function makeInput(turn: Turn, context: AnalysisContext, options: AnalyzeOptions = {}): DetectorInput {
  let history: HistoryTurn[] | null = null;
  let question: TextAnalysis | null | undefined;
  const analyse = options.session ? (t: string) => options.session!.analysis(t) : analyzeText;
  return {
    turn,
    context,
    analysis: analyse(turn.content),
    assistantHistory() {
      if (!history) {
        // Only the most recent few: the cost of a turn must not grow with the session.
        history = [];
        for (let index = context.history.length - 1; index >= 0 && history.length < HISTORY_ASSISTANT_TURNS; index--) {
          const t = context.history[index];
          if (t.role === 'assistant' && t.content) history.push({ index, analysis: analyse(t.content) });
        }
        history.reverse();
      }
      return history;
    },
    questionAnalysis() {
      if (question === undefined) question = context.question ? analyse(context.question) : null;
      return question;
    },
  };
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : Math.round(x * 1000) / 1000;
}

/** Severity from a subtype's base level, raised one step for very sure findings. */
export function severityFor(base: Severity, score: number): Severity {
  const order: Severity[] = ['low', 'medium', 'high', 'critical'];
  const i = order.indexOf(base);
  return score >= 0.9 && i < 3 ? order[i + 1] : base;
}

export function finding(
  detector: DetectorId,
  subtype: Subtype,
  score: number,
  base: Severity,
  spans: Span[],
  explanation: string,
): Finding {
  const s = clamp01(score);
  const category = categoryOf(subtype);
  // A likely hallucination is for review, not a reason to take the conversation away from the
  // assistant: it stays at most medium, so only the strict preset (or a per-subtype override)
  // ends a live session over one. Abuse and bias can reach high and hand the session over.
  const severity = category === 'hallucination' && severityFor(base, s) !== 'low' ? 'medium' : severityFor(base, s);
  return {
    category,
    subtype,
    score: s,
    severity,
    spans,
    explanation,
    detector: `${detector.id}@${detector.version}`,
  };
}

export function turnSpan(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end), where: 'turn' };
}

/** The sentence as a span, trimmed of surrounding whitespace. */
export function sentenceSpan(a: TextAnalysis, s: Sentence, where: Span['where'] = 'turn', turnIndex?: number): Span {
  let start = s.start;
  let end = s.end;
  while (start < end && /\s/.test(a.text[start])) start++;
  while (end > start && /\s/.test(a.text[end - 1])) end--;
  const span: Span = { start, end, text: a.text.slice(start, end), where };
  if (turnIndex !== undefined) span.turnIndex = turnIndex;
  return span;
}
