/** Sessions, messages and findings as the API and SDK see them, and the converters from rows. */
import type { Category, Severity, Span, Subtype } from '../../analysis/types.js';
import type { FindingRow, MessageRow } from '../../db/database.js';

export interface StoredFinding {
  id: number;
  category: Category;
  subtype: Subtype;
  score: number;
  severity: Severity;
  spans: Span[];
  explanation: string;
  detector: string;
}

export interface TranscriptMessage {
  id: string;
  index: number;
  role: 'user' | 'assistant' | 'system' | 'tool';
  content: string;
  createdAt: string;
  userId: string | null;
  model: string | null;
  documents: { id: number; filename: string; title: string | null; content?: string }[];
  tools: { name: string }[];
  analyzed: boolean;
  findings: StoredFinding[];
  feedback: { kind: 'like' | 'dislike' | 'copy'; userId: string | null; createdAt: string }[];
}

export interface MonitorSession {
  id: string;
  createdAt: string;
  lastActivityAt: string;
  endedAt: string | null;
  endedReason: 'user' | 'violation' | null;
  messageCount: number;
  lastMessage: string;
}

export function toStoredFinding(r: Omit<FindingRow, 'id'> & { id: number }): StoredFinding {
  return {
    id: Number(r.id),
    category: r.category as Category,
    subtype: r.subtype as Subtype,
    score: Number(r.score),
    severity: r.severity as Severity,
    spans: JSON.parse(r.spans) as Span[],
    explanation: r.explanation,
    detector: r.detector,
  };
}

export function parseJsonList<T>(value: string | null): T[] {
  if (!value) return [];
  try {
    const v = JSON.parse(value);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

export function toTranscriptMessage(
  r: MessageRow,
  findings: StoredFinding[],
  feedback: TranscriptMessage['feedback'],
): TranscriptMessage {
  return {
    id: r.id,
    index: Number(r.seq),
    role: r.role,
    content: r.content,
    createdAt: r.created_at,
    userId: r.user_id,
    model: r.model,
    documents: parseJsonList<{ id: number; filename: string; title: string | null; content?: string }>(r.documents).map((d) => ({
      id: d.id,
      filename: d.filename,
      title: d.title ?? null,
      ...(typeof d.content === 'string' ? { content: d.content } : {}),
    })),
    tools: parseJsonList<{ name: string }>(r.tools),
    analyzed: Number(r.analyzed) === 1,
    findings,
    feedback,
  };
}
