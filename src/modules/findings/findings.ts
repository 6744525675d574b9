/**
 * Findings on the wire: a finding with its evidence spans (in transcripts and live-turn answers)
 * and a flagged turn as the findings list shows it. The schemas are the one definition: the server
 * types are `Static<>` of them, and the SDK and dashboard import those types.
 */
import { type Static, Type } from '@sinclair/typebox';
import { ALL_SUBTYPES, CATEGORIES, type Category, SEVERITIES, type Severity, type Span, type Subtype } from '../../analysis/types.js';
import type { NewFindingRow } from '../../db/database.js';
import { Nullable, StringEnum } from '../../http/schemas.js';

export const SpanSchema = Type.Object({
  start: Type.Integer(),
  end: Type.Integer(),
  text: Type.String(),
  where: StringEnum(['turn', 'document', 'history']),
  documentId: Type.Optional(Type.Integer()),
  turnIndex: Type.Optional(Type.Integer()),
});
/** A verbatim slice of evidence: of the turn, of a document it was given, or of an earlier turn. */
export type FindingSpan = Static<typeof SpanSchema>;

export const REVIEW_STATUSES = ['confirmed', 'dismissed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const FindingReviewSchema = Type.Object({
  status: StringEnum(REVIEW_STATUSES),
  note: Nullable(Type.String()),
  reviewedBy: Type.String({ description: '`account:<id>` (dashboard) or `key:<id>` (API key) of the reviewer.' }),
  reviewedAt: Type.String({ format: 'date-time' }),
});
/** An analyst's verdict on a finding; a dismissed finding no longer counts in trends or lists. */
export type FindingReview = Static<typeof FindingReviewSchema>;

export const FindingSchema = Type.Object({
  id: Type.Integer(),
  category: StringEnum(CATEGORIES),
  subtype: StringEnum(ALL_SUBTYPES),
  score: Type.Number(),
  severity: StringEnum(SEVERITIES),
  spans: Type.Array(SpanSchema),
  explanation: Type.String(),
  detector: Type.String(),
  review: Type.Optional(Nullable(FindingReviewSchema)),
});
/** A stored finding with its evidence, as transcripts and live-turn answers carry it. */
export type StoredFinding = Static<typeof FindingSchema>;

export const FlaggedTurnSchema = Type.Object({
  id: Type.Integer(),
  sessionId: Type.String(),
  messageId: Type.String(),
  createdAt: Type.String({ format: 'date-time', description: 'When the message was sent.' }),
  category: StringEnum(CATEGORIES),
  subtype: StringEnum(ALL_SUBTYPES),
  severity: StringEnum(SEVERITIES),
  score: Type.Number(),
  explanation: Type.String(),
  excerpt: Type.String({ description: 'The flagged text (the first evidence span, in the turn when there is one there).' }),
  before: Type.String({ description: 'Up to 80 characters of the turn before the excerpt; empty when the evidence is in a document.' }),
  after: Type.String({ description: 'Up to 80 characters of the turn after the excerpt.' }),
  review: Type.Optional(Nullable(FindingReviewSchema)),
});
/** One finding as `GET /api/findings` lists it: the flagged turns behind the trends breakdown. */
export type FlaggedTurn = Static<typeof FlaggedTurnSchema>;

export const FlaggedTurnPageSchema = Type.Object({ findings: Type.Array(FlaggedTurnSchema), nextCursor: Nullable(Type.String()) });
export type FlaggedTurnPage = Static<typeof FlaggedTurnPageSchema>;

/** `GET /api/findings`'s query: the window, a page, and optionally one category, subtype or end user. */
export const FlaggedTurnQuerySchema = Type.Object({
  category: Type.Optional(StringEnum(CATEGORIES, { description: 'Only this category.' })),
  subtype: Type.Optional(StringEnum(ALL_SUBTYPES, { description: 'Only this subtype.' })),
  days: Type.Integer({ minimum: 1, maximum: 365, default: 30, description: 'Number of days to look back (1–365).' }),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Findings per page (1–100).' }),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$', description: 'Finding id to start after (the previous nextCursor).' })),
  userId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000]+$', description: 'Only findings of this end user’s sessions.' })),
});
export type FlaggedTurnQueryParams = Static<typeof FlaggedTurnQuerySchema>;

interface ReviewColumns {
  review_status?: string | null;
  review_note?: string | null;
  reviewed_by?: string | null;
  reviewed_at?: string | null;
}

export function toReview(r: ReviewColumns): FindingReview | null {
  if (!r.review_status || !r.reviewed_at) return null;
  return { status: r.review_status as ReviewStatus, note: r.review_note ?? null, reviewedBy: r.reviewed_by ?? '', reviewedAt: r.reviewed_at };
}

export function toStoredFinding(r: NewFindingRow & ReviewColumns & { id: number }): StoredFinding {
  return {
    id: Number(r.id),
    category: r.category as Category,
    subtype: r.subtype as Subtype,
    score: Number(r.score),
    severity: r.severity as Severity,
    spans: JSON.parse(r.spans) as Span[],
    explanation: r.explanation,
    detector: r.detector,
    ...('review_status' in r ? { review: toReview(r) } : {}),
  };
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
  review_status?: string | null;
  review_note?: string | null;
  reviewed_by?: string | null;
  reviewed_at?: string | null;
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
    ...('review_status' in r ? { review: toReview(r) } : {}),
  };
}
