/**
 * Answers read from the database a moment ago, for reads on every request whose answer rarely
 * changes (a verified API key, a company's policy). An answer is kept while it is younger than
 * `ttlMs` and, when `elsewhere` is given (a number that changes whenever another process commits
 * to the database, or writes what these answers come from), while nobody else has written since
 * it was read. While `elsewhere` is undefined (it cannot be known now: PostgreSQL's listening
 * connection is down) nothing is answered or kept. The process that changes an answer forgets it
 * itself (`forget`), so its next request reads the new one.
 *
 * A read that began before a `forget`, or before another process's commit, may not store what it
 * read: it could be the old answer. Take `begin()` before reading and hand it to `set`.
 */
export interface ReadToken {
  readonly forgets: number;
  readonly elsewhere: number | undefined;
}

export class Recent<K, V> {
  private readonly entries = new Map<K, { value: V; at: number; elsewhere: number | undefined }>();
  private forgets = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly elsewhere?: () => number | undefined,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: K): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.now() - e.at >= this.ttlMs || (this.elsewhere && this.elsewhere() !== e.elsewhere)) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  /** Taken before reading an answer, handed back to `set`. */
  begin(): ReadToken {
    return { forgets: this.forgets, elsewhere: this.elsewhere?.() };
  }

  /** Keeps an answer read since `token`, unless something was forgotten meanwhile. */
  set(key: K, value: V, token: ReadToken): void {
    if (token.forgets !== this.forgets || this.ttlMs <= 0) return;
    // Read while nobody could say what changed: it may be an answer changed since.
    if (this.elsewhere && token.elsewhere === undefined) return;
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now(), elsewhere: token.elsewhere });
    // Oldest read first out.
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
  }

  /** Forgets the answers that `changed` says are stale. */
  forget(changed: (key: K, value: V) => boolean): void {
    this.forgets++;
    for (const [k, e] of this.entries) if (changed(k, e.value)) this.entries.delete(k);
  }
}
