/**
 * Bulk analysis of a chunk of uploaded turns, grouped by session. Runs the same pure engine on
 * the same context as a live turn (`contextFor`, from the chat contract), so a turn gets the same
 * findings whether it arrived live, in a bulk request or in an upload. Used in worker threads and,
 * when the pool is off, inline.
 */
import { type ContextDocument, HISTORY_TURNS, contextFor } from '../../chat/context.js';
import { createSessionCache, keptSessionCaches } from '../session.js';
import type { AnalysisEngine, Finding, Turn } from '../types.js';

export interface GroupMessage {
  role: Turn['role'];
  content: string;
  documents: ContextDocument[];
}

export interface SessionGroup {
  /**
   * Names the session (with its company) for the analysing thread's cache of its turns' text
   * analyses, so the turns a session's earlier chunks analysed are not analysed again as the
   * history of its next ones. Without it the group's cache is its own.
   */
  key?: string;
  /** The session's last turns stored before this chunk (oldest first, at most HISTORY_TURNS). */
  seed: Turn[];
  messages: GroupMessage[];
}

/** Findings per message of each group; null for turns the engine does not analyse (system, tool). */
export type GroupFindings = (Finding[] | null)[][];

/**
 * Sessions whose text analyses a thread keeps between tasks (16 analyses of a few KB each): a
 * bulk request's sessions span its parts and the requests after it.
 */
const KEPT_SESSIONS = 256;
const kept = keptSessionCaches(KEPT_SESSIONS);

export function analyzeGroups(engine: AnalysisEngine, groups: SessionGroup[]): GroupFindings {
  return groups.map((g) => {
    const history: Turn[] = g.seed.slice(-HISTORY_TURNS);
    // One group is one session's turns: each text is analysed once for all of them (and for its
    // later groups, while the thread keeps the session). The cache memoises a pure function of
    // the text, so what it holds never changes a finding.
    const session = g.key === undefined ? createSessionCache() : kept(g.key);
    return g.messages.map((m) => {
      const out = m.role === 'user' || m.role === 'assistant' ? engine.analyze({ role: m.role, content: m.content }, contextFor(m.role, history, m.documents), { session }) : null;
      history.push({ role: m.role, content: m.content });
      if (history.length > HISTORY_TURNS) history.shift();
      return out;
    });
  });
}
