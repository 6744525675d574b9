/** What the write path needs and what it answers with. */
import type { Kysely } from 'kysely';
import type { AnalysisEngine, Finding } from '../../analysis/types.js';
import type { AnalysisContext } from '../../chat/context.js';
import type { Turn } from '../../chat/turn.js';
import type { DB } from '../../db/database.js';
import type { StoredFinding } from '../sessions/sessions.js';

export interface IngestDeps {
  db: Kysely<DB>;
  engine: AnalysisEngine;
  /** Called after a message is committed (e.g. to queue it for the optional LLM judge). */
  onMessageStored?: (companyId: number, message: StoredMessageRef) => void;
  log?: { error(obj: object, msg: string): void };
}

export interface StoredMessageRef {
  messageId: string;
  sessionId: string;
  turn: Turn;
  context: AnalysisContext;
  /** The engine's findings before the company policy (the judge looks at the uncertain ones). */
  findings: Finding[];
}

export interface IngestOptions {
  source: 'live' | 'upload';
  uploadId?: number | null;
  /** Live traffic ends a session on a violation; historical uploads only record it. */
  endSessionsOnViolation: boolean;
  /** The live-turn endpoint refuses a new message in a session that has ended (409). */
  refuseEndedSessions?: boolean;
}

/** Events sent to the ingest API: violations end live sessions, and a message may still arrive after the end. */
export const LIVE: IngestOptions = { source: 'live', endSessionsOnViolation: true };

export type EventStatus = 'accepted' | 'duplicate' | 'rejected';
export interface EventResult {
  id: string;
  status: EventStatus;
  error?: string;
}

/** A stored message as the live-turn endpoint answers it. */
export interface StoredTurn {
  messageId: string;
  sessionId: string;
  findings: StoredFinding[];
  session: { id: string; endedAt: string | null; endedReason: 'user' | 'violation' | null; messageCount: number };
  sessionCreated: boolean;
  analyzed: boolean;
}
