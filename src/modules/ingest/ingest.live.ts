/**
 * Live turns are stored together (lib/group-commit.ts): the turns of a company that arrive while
 * its previous chunk is being written (or in the same turn of the event loop) go out as the next
 * chunk, so sixteen concurrent clients cost one transaction and a handful of multi-row statements
 * instead of sixteen of each. A chunk stores its events in arrival order and rejects a bad one
 * alone, so each turn gets the answer it would get alone; a chunk that fails as a whole is
 * written again turn by turn, so one turn cannot cost the others. Each request still waits for
 * its own commit: nothing is acknowledged before it is stored.
 */
import { GroupCommitQueue } from '../../lib/group-commit.js';
import type { IngestDeps, IngestOptions, StoredTurn } from './ingest.js';
import type { ChunkItem, ChunkResult } from './ingest.chunk.js';
import { storeChunk } from './ingest.store.js';

/** What one turn's chunk said of it. */
export interface LiveOutcome {
  result: ChunkResult;
  /** An accepted turn, with its findings as stored (their ids). */
  stored: StoredTurn | null;
}

interface LiveTurn {
  companyId: number;
  item: ChunkItem;
}

/** A chunk never grows past this many turns: its transaction stays short. */
const MAX_CHUNK = 256;

export class LiveTurnWriter {
  private readonly queue: GroupCommitQueue<number, LiveTurn, LiveOutcome>;

  constructor(deps: IngestDeps, options: IngestOptions) {
    this.queue = new GroupCommitQueue({
      keyOf: (turn) => turn.companyId,
      maxBatch: MAX_CHUNK,
      write: async (turns, companyId) => {
        const outcome = await storeChunk(deps, companyId, options, { scope: 'live', items: turns.map((t) => t.item), answerFindings: true });
        return turns.map((_, i) => {
          const stored = outcome.stored[i];
          return { result: outcome.results[i], stored: stored && { ...stored, findings: outcome.findings.get(stored.messageId) ?? [] } };
        });
      },
    });
  }

  store(companyId: number, item: ChunkItem): Promise<LiveOutcome> {
    return this.queue.add({ companyId, item });
  }
}
