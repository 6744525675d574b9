/**
 * Bulk analysis of a chunk of uploaded turns, grouped by session. Runs the same pure engine on
 * the same context as a live turn (`contextFor`, from the chat contract), so a turn gets the same
 * findings whether it arrived live, in a bulk request or in an upload. Used in worker threads and,
 * when the pool is off, inline.
 */
import { type ContextDocument, HISTORY_TURNS, contextFor } from '../../chat/context.js';
import { createSessionCache } from '../session.js';
import type { AnalysisEngine, Finding, Turn } from '../types.js';

export interface GroupMessage {
  role: Turn['role'];
  content: string;
  documents: ContextDocument[];
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
    // One group is one session's turns: each text is analysed once for all of them.
    const session = createSessionCache();
    return g.messages.map((m) => {
      const out = m.role === 'user' || m.role === 'assistant' ? engine.analyze({ role: m.role, content: m.content }, contextFor(m.role, history, m.documents), { session }) : null;
      history.push({ role: m.role, content: m.content });
      if (history.length > HISTORY_TURNS) history.shift();
      return out;
    });
  });
}
