/**
 * Where each handed-out monitor cursor stood, so a page boundary does not move when its session
 * gets new activity before the next page is asked for (docs/decisions.md). Reading a page writes
 * nothing: positions are kept in this process's memory at once, and written to
 * `monitor_cursors` in the background, one multi-row statement every 2 s at most, so another
 * process (or this one after a restart) finds them too. A cursor used before its position was
 * written, on another process, falls back to its session's current position.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { perObject } from '../../lib/per-object.js';
import { isoNow } from '../../lib/time.js';
import * as repo from './sessions.repository.js';

/** Positions are remembered for a day. */
const TTL_MS = 86_400_000;
const FLUSH_EVERY_MS = 2_000;
/** Old positions are deleted at most this often. */
const PRUNE_EVERY_MS = 10 * 60_000;
/** Positions held in memory at most (about 100 bytes each). */
const MAX_IN_MEMORY = 100_000;

interface Position {
  companyId: number;
  sessionId: string;
  lastActivityAt: string;
  issuedAt: string;
}

export class MonitorCursors {
  private readonly recent = new Map<string, Position>();
  private pending = new Map<string, Position>();
  private timer: NodeJS.Timeout | null = null;
  private lastPruned = 0;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Kysely<DB>) {}

  private static key(companyId: number, sessionId: string): string {
    return `${companyId}\u0000${sessionId}`;
  }

  /** The session's position when it was handed out as a cursor, if that happened within the TTL. */
  async find(companyId: number, sessionId: string): Promise<string | undefined> {
    const mine = this.recent.get(MonitorCursors.key(companyId, sessionId));
    const fresh = (issuedAt: string) => Date.parse(issuedAt) > Date.now() - TTL_MS;
    if (mine && fresh(mine.issuedAt)) return mine.lastActivityAt;
    const stored = await repo.findCursor(this.db, companyId, sessionId);
    return stored && fresh(stored.issued_at) ? stored.last_activity_at : undefined;
  }

  remember(companyId: number, sessionId: string, lastActivityAt: string): void {
    const key = MonitorCursors.key(companyId, sessionId);
    const p: Position = { companyId, sessionId, lastActivityAt, issuedAt: isoNow() };
    this.recent.delete(key);
    this.recent.set(key, p);
    if (this.recent.size > MAX_IN_MEMORY) this.recent.delete(this.recent.keys().next().value as string);
    this.pending.set(key, p);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flushing = this.flush();
      }, FLUSH_EVERY_MS);
      this.timer.unref();
    }
  }

  /** Writes the positions handed out since the last flush (and prunes old ones now and then). */
  async flush(): Promise<void> {
    await this.flushing;
    const rows = [...this.pending.values()];
    this.pending = new Map();
    if (rows.length > 0) await repo.rememberCursors(this.db, rows).catch(() => {}); // best effort: memory still has them
    if (Date.now() - this.lastPruned > PRUNE_EVERY_MS) {
      this.lastPruned = Date.now();
      await repo.pruneCursors(this.db, new Date(Date.now() - TTL_MS).toISOString()).catch(() => {});
    }
  }
}

/** The cursor memory of this process for a database. */
export const monitorCursors = perObject((db: Kysely<DB>) => new MonitorCursors(db));
