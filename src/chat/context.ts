/**
 * What the analysis engine sees beside a turn, built in one place so a live turn, a bulk ingest,
 * an upload (in the worker pool, or resumed after a crash) and `chatlens analyze` all give the
 * engine the same context for the same conversation.
 */
import type { Role, Turn } from './turn.js';

/** Earlier turns given to the engine as context; enough for contradiction checks, bounded for speed. */
export const HISTORY_TURNS = 20;

export interface ContextDocument {
  id: number;
  title?: string | null;
  filename?: string | null;
  content?: string | null;
}

export interface AnalysisContext {
  /** Documents the assistant was given for this turn. */
  documents: ContextDocument[];
  /** Earlier turns of the session, oldest first. */
  history: Turn[];
  /** The user question this turn answers (assistant turns), when known. */
  question?: string | null;
}

/**
 * The context of the next turn of a session: its last HISTORY_TURNS earlier turns (oldest first),
 * the documents it came with and, for an assistant turn, the latest user turn before it as the
 * question. `earlier` may hold more turns than are kept (the question is looked for in all of
 * them); `question` overrides the derived one when a file states it.
 */
export function contextFor(
  role: Role,
  earlier: readonly Turn[],
  documents: readonly ContextDocument[] = [],
  question?: string | null,
): AnalysisContext {
  return {
    documents: documents.map((d) => ({ id: d.id, title: d.title ?? null, filename: d.filename ?? null, content: d.content ?? null })),
    history: earlier.slice(-HISTORY_TURNS),
    question: question !== undefined && question !== null ? question : role === 'assistant' ? lastUserTurn(earlier) : null,
  };
}

function lastUserTurn(turns: readonly Turn[]): string | null {
  for (let i = turns.length - 1; i >= 0; i--) if (turns[i].role === 'user') return turns[i].content;
  return null;
}
