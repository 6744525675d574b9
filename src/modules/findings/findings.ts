/** A flagged turn as the findings list shows it, and the converter from rows. */
import type { Category, Severity, Span, Subtype } from '../../analysis/types.js';

export interface FlaggedTurn {
  id: number;
  sessionId: string;
  messageId: string;
  /** When the message was sent. */
  createdAt: string;
  category: Category;
  subtype: Subtype;
  severity: Severity;
  score: number;
  explanation: string;
  /** The evidence: the text of the first span, in the turn when there is one there. */
  excerpt: string;
}

export interface FlaggedTurnPage {
  findings: FlaggedTurn[];
  nextCursor: string | null;
}

// Long spans (a whole fabricated paragraph) are cut so a list row stays one or two lines.
const EXCERPT_MAX = 300;

export function excerptOf(spansJson: string): string {
  let spans: Span[] = [];
  try {
    const v = JSON.parse(spansJson);
    if (Array.isArray(v)) spans = v as Span[];
  } catch {
    return '';
  }
  const span = spans.find((s) => s.where === 'turn') ?? spans[0];
  if (!span || typeof span.text !== 'string') return '';
  return span.text.length > EXCERPT_MAX ? `${span.text.slice(0, EXCERPT_MAX - 1)}…` : span.text;
}

export interface FlaggedTurnRow {
  id: number | string | bigint;
  session_id: string;
  message_id: string;
  created_at: string;
  category: string;
  subtype: string;
  severity: string;
  score: number | string;
  explanation: string;
  spans: string;
}

export function toFlaggedTurn(r: FlaggedTurnRow): FlaggedTurn {
  return {
    id: Number(r.id),
    sessionId: r.session_id,
    messageId: r.message_id,
    createdAt: r.created_at,
    category: r.category as Category,
    subtype: r.subtype as Subtype,
    severity: r.severity as Severity,
    score: Number(r.score),
    explanation: r.explanation,
    excerpt: excerptOf(r.spans),
  };
}
