/**
 * The last turns of recently written sessions, kept in memory by the process so the next turn of
 * a session is analysed without reading its history again. An entry is only used when it
 * describes the session as stored: its message count must equal the count read (under lock) in
 * the writing transaction, so entries can never be stale, even with several processes writing.
 */
import { type SessionCache, keptSessionCaches } from '../../analysis/session.js';
import { HISTORY_TURNS } from '../../chat/context.js';
import type { Turn } from '../../chat/turn.js';

export interface SessionTail {
  /** Messages stored in the session. */
  count: number;
  /** Its last HISTORY_TURNS turns, oldest first. */
  turns: Turn[];
}

/** 16 M characters of turns by default: a few thousand busy sessions. */
const DEFAULT_MAX_CHARS = 16 * 1024 * 1024;
/** Sessions whose text analyses are kept (the engine's cache, 16 analyses of a few KB each). */
const MAX_ANALYSED_SESSIONS = 256;

export class SessionTails {
  private readonly map = new Map<string, { tail: SessionTail; chars: number }>();
  private readonly analyses = keptSessionCaches(MAX_ANALYSED_SESSIONS);
  private chars = 0;

  constructor(private readonly maxChars: number = DEFAULT_MAX_CHARS) {}

  static key(companyId: number, sessionId: string): string {
    return `${companyId}\u0000${sessionId}`;
  }

  /** The tail of a session, when it is known with exactly `count` stored messages. */
  get(companyId: number, sessionId: string, count?: number): SessionTail | undefined {
    const k = SessionTails.key(companyId, sessionId);
    const e = this.map.get(k);
    if (!e || (count !== undefined && e.tail.count !== count)) return undefined;
    // Least recently used first out: touch it.
    this.map.delete(k);
    this.map.set(k, e);
    return e.tail;
  }

  set(companyId: number, sessionId: string, tail: SessionTail): void {
    this.delete(companyId, sessionId);
    const turns = tail.turns.slice(-HISTORY_TURNS);
    const chars = turns.reduce((n, t) => n + t.content.length + 16, 64);
    if (chars > this.maxChars) return;
    this.map.set(SessionTails.key(companyId, sessionId), { tail: { count: tail.count, turns }, chars });
    this.chars += chars;
    for (const [k, e] of this.map) {
      if (this.chars <= this.maxChars) break;
      this.map.delete(k);
      this.chars -= e.chars;
    }
  }

  /**
   * The engine's cache of text analyses for a session (analysis/session.ts), so each turn of a
   * live session is analysed once, not again as the history of every later turn. It memoises a
   * pure function of the text, so it is never stale.
   */
  analysesOf(companyId: number, sessionId: string): SessionCache {
    return this.analyses(SessionTails.key(companyId, sessionId));
  }

  delete(companyId: number, sessionId: string): void {
    const k = SessionTails.key(companyId, sessionId);
    const e = this.map.get(k);
    if (e) {
      this.map.delete(k);
      this.chars -= e.chars;
    }
  }
}
