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
  /** Up to 80 characters of the turn before and after the excerpt; empty when the evidence is in a document. */
  before: string;
  after: string;
}

export interface FlaggedTurnPage {
  findings: FlaggedTurn[];
  nextCursor: string | null;
}

// Long spans (a whole fabricated paragraph) are cut so a list row stays one or two lines.
const EXCERPT_MAX = 300;

const CONTEXT_CHARS = 80;

export function excerptOf(spansJson: string, content = ''): { excerpt: string; before: string; after: string } {
  let spans: Span[] = [];
  try {
    const v = JSON.parse(spansJson);
    if (Array.isArray(v)) spans = v as Span[];
  } catch {
    return { excerpt: '', before: '', after: '' };
  }
  const span = spans.find((s) => s.where === 'turn') ?? spans[0];
  if (!span || typeof span.text !== 'string') return { excerpt: '', before: '', after: '' };
  const excerpt = span.text.length > EXCERPT_MAX ? `${span.text.slice(0, EXCERPT_MAX - 1)}…` : span.text;
  if (span.where !== 'turn' || content.slice(span.start, span.end) !== span.text) return { excerpt, before: '', after: '' };
  const from = Math.max(0, span.start - CONTEXT_CHARS);
  const to = Math.min(content.length, span.end + CONTEXT_CHARS);
  return {
    excerpt,
    before: (from > 0 ? '…' : '') + content.slice(from, span.start),
    after: span.text.length > EXCERPT_MAX ? '' : content.slice(span.end, to) + (to < content.length ? '…' : ''),
  };
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
  content: string;
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
    ...excerptOf(r.spans, r.content),
  };
}
