/**
 * Live turns are stored together: the turns of a company that arrive while its previous chunk is
 * being written (or in the same turn of the event loop) go out as the next chunk, so sixteen
 * concurrent clients cost one transaction and a handful of multi-row statements instead of
 * sixteen of each — the group commit databases do for their own log. A chunk stores its events
 * in arrival order and rejects a bad one alone, so each turn gets the answer it would get alone;
 * a chunk that fails as a whole is written again turn by turn, so one turn cannot cost the others.
 * Each request still waits for its own commit: nothing is acknowledged before it is stored.
 */
import type { IngestDeps, IngestOptions, StoredTurn } from './ingest.js';
import type { ChunkItem, ChunkResult } from './ingest.chunk.js';
import { storeChunk } from './ingest.store.js';

/** What one turn's chunk said of it. */
export interface LiveOutcome {
  result: ChunkResult;
  stored: StoredTurn | null;
}

interface Queued {
  item: ChunkItem;
  resolve(outcome: LiveOutcome): void;
  reject(err: unknown): void;
}

/** A chunk never grows past this many turns: its transaction stays short. */
const MAX_CHUNK = 256;

export class LiveTurnWriter {
  private readonly queues = new Map<number, Queued[]>();
  /** Companies with a chunk being written (or about to be): their new turns wait for the next one. */
  private readonly running = new Set<number>();

  constructor(
    private readonly deps: IngestDeps,
    private readonly options: IngestOptions,
  ) {}

  store(companyId: number, item: ChunkItem): Promise<LiveOutcome> {
    return new Promise<LiveOutcome>((resolve, reject) => {
      const queue = this.queues.get(companyId);
      if (queue) queue.push({ item, resolve, reject });
      else this.queues.set(companyId, [{ item, resolve, reject }]);
      if (this.running.has(companyId)) return;
      this.running.add(companyId);
      // After the I/O callbacks of this turn of the event loop: the requests they finish join in.
      setImmediate(() => void this.drain(companyId));
    });
  }

  private async drain(companyId: number): Promise<void> {
    for (;;) {
      const queue = this.queues.get(companyId) ?? [];
      if (queue.length === 0) break;
      const group = queue.splice(0, MAX_CHUNK);
      await this.write(companyId, group);
    }
    this.queues.delete(companyId);
    this.running.delete(companyId);
  }

  private async write(companyId: number, group: Queued[]): Promise<void> {
    try {
      const outcome = await storeChunk(this.deps, companyId, this.options, { scope: 'live', items: group.map((q) => q.item) });
      group.forEach((q, i) => q.resolve({ result: outcome.results[i], stored: outcome.stored[i] }));
    } catch (err) {
      if (group.length === 1) group[0].reject(err);
      else for (const q of group) await this.write(companyId, [q]);
    }
  }
}
