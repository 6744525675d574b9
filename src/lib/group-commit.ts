/**
 * Group commit, the batching databases do for their own log: items added under one key while
 * that key's previous batch is being written (or in the same turn of the event loop) go out
 * together as its next batch, so sixteen concurrent writers cost one transaction instead of
 * sixteen. One batch per key is in flight at a time; different keys are written in parallel.
 *
 * Each `add` resolves with its own item's result once the batch holding it is written: nothing
 * is acknowledged before it is stored. A batch that fails as a whole is written again item by
 * item, in the order added, so one bad item cannot cost the others; an item that fails alone
 * rejects only its own promise.
 */

export interface GroupCommitOptions<K, T, R> {
  /** Items of one key share batches (a company, say: one transaction writes one company). */
  keyOf(item: T): K;
  /** Writes a batch of one key; one result per item, in the batch's order. */
  write(batch: T[], key: K): Promise<R[]>;
  /** A batch never grows past this many items, so its transaction stays short. */
  maxBatch: number;
}

interface Pending<T, R> {
  item: T;
  resolve(result: R): void;
  reject(err: unknown): void;
}

export class GroupCommitQueue<K, T, R> {
  private readonly queues = new Map<K, Pending<T, R>[]>();
  /** Keys with a batch being written (or about to be): their new items wait for the next one. */
  private readonly running = new Set<K>();
  private readonly drains = new Set<Promise<void>>();

  constructor(private readonly options: GroupCommitOptions<K, T, R>) {
    if (!(options.maxBatch >= 1)) throw new RangeError(`maxBatch must be at least 1 (got ${options.maxBatch})`);
  }

  /** Queues an item; resolves with its result once its batch is written. */
  add(item: T): Promise<R> {
    const key = this.options.keyOf(item);
    return new Promise<R>((resolve, reject) => {
      const queue = this.queues.get(key);
      if (queue) queue.push({ item, resolve, reject });
      else this.queues.set(key, [{ item, resolve, reject }]);
      if (this.running.has(key)) return;
      this.running.add(key);
      // After the I/O callbacks of this turn of the event loop: the requests they finish join in.
      setImmediate(() => {
        const drain = this.drain(key);
        this.drains.add(drain);
        void drain.finally(() => this.drains.delete(drain));
      });
    });
  }

  /** Resolves when every item added so far (and any added meanwhile) has settled. */
  async idle(): Promise<void> {
    while (this.running.size > 0) {
      if (this.drains.size > 0) await Promise.all([...this.drains]);
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private async drain(key: K): Promise<void> {
    try {
      for (;;) {
        const queue = this.queues.get(key) ?? [];
        if (queue.length === 0) break;
        await this.write(key, queue.splice(0, this.options.maxBatch));
      }
    } finally {
      this.queues.delete(key);
      this.running.delete(key);
    }
  }

  private async write(key: K, batch: Pending<T, R>[]): Promise<void> {
    let results: R[];
    try {
      results = await this.options.write(batch.map((p) => p.item), key);
      if (results.length !== batch.length) throw new Error(`a batch of ${batch.length} answered ${results.length} results`);
    } catch (err) {
      if (batch.length === 1) batch[0].reject(err);
      else for (const p of batch) await this.write(key, [p]);
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i]));
  }
}
