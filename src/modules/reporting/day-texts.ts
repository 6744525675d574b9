/**
 * The serialised days of a per-day list report, kept as UTF-8 bytes (an answer is their
 * concatenation, copied, never encoded again), each with the revision it was read at
 * (daily_user_counts.revision, which changes in the same transaction as anything the day lists),
 * and answered only while the stored revision is still that one: never a stale day, whoever wrote
 * (another process, an erasure, psql). A day read after its revision was can only be newer than
 * the revision says, which costs a re-read, never a stale answer, so the revision is read first.
 *
 * Bounded by the bytes kept (the least recently used day goes first): 90 days of 100 users
 * are ~0.9 MB at 1 M turns, so the default keeps a few dozen such windows.
 */
export class DayTexts {
  private readonly days = new Map<string, { revision: number; bytes: Buffer }>();
  private kept = 0;

  constructor(private readonly maxBytes = 32_000_000) {}

  get(key: string, revision: number): Buffer | undefined {
    const kept = this.days.get(key);
    if (!kept) return undefined;
    this.days.delete(key);
    if (kept.revision !== revision) {
      this.kept -= kept.bytes.length;
      return undefined;
    }
    // Most recently used last.
    this.days.set(key, kept);
    return kept.bytes;
  }

  set(key: string, revision: number, bytes: Buffer): void {
    const old = this.days.get(key);
    if (old) {
      this.days.delete(key);
      this.kept -= old.bytes.length;
    }
    if (bytes.length > this.maxBytes) return;
    this.days.set(key, { revision, bytes });
    this.kept += bytes.length;
    for (const [k, e] of this.days) {
      if (this.kept <= this.maxBytes) break;
      this.days.delete(k);
      this.kept -= e.bytes.length;
    }
  }

  get size(): number {
    return this.days.size;
  }
}
