/**
 * Bulk analysis of a chunk of uploaded turns, grouped by session. Runs the same pure engine
 * with the same context as a live turn (ingest.service storeMessage): the last HISTORY_TURNS
 * messages of the session, oldest first, its documents, and for an assistant turn the latest user
 * turn of that history as the question. Used in worker threads and, when the pool is off, inline.
 */
import type { AnalysisContext, AnalysisEngine, Finding, Turn } from '../analysis/types.js';
// A bulk or resumed run must see the same context a live turn would.
import { type DocumentRef, HISTORY_TURNS } from '../modules/ingest/events.js';

export interface GroupMessage {
  role: Turn['role'];
  content: string;
  documents: DocumentRef[];
}

export interface SessionGroup {
  /** The session's last turns stored before this chunk (oldest first, at most HISTORY_TURNS). */
  seed: Turn[];
  messages: GroupMessage[];
}

/** Findings per message of each group; null for turns the engine does not analyse (system, tool). */
export type GroupFindings = (Finding[] | null)[][];

export function analyzeGroups(engine: AnalysisEngine, groups: SessionGroup[]): GroupFindings {
  return groups.map((g) => {
    const history: Turn[] = g.seed.slice(-HISTORY_TURNS);
    return g.messages.map((m) => {
      let out: Finding[] | null = null;
      if (m.role === 'user' || m.role === 'assistant') {
        const question = m.role === 'assistant' ? ([...history].reverse().find((t) => t.role === 'user')?.content ?? null) : null;
        const context: AnalysisContext = {
          documents: m.documents.map((d) => ({ id: d.id, title: d.title, filename: d.filename, content: d.content ?? null })),
          history: history.slice(),
          question,
        };
        out = engine.analyze({ role: m.role, content: m.content }, context);
      }
      history.push({ role: m.role, content: m.content });
      if (history.length > HISTORY_TURNS) history.shift();
      return out;
    });
  });
}
