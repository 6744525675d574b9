/**
 * The serialised days of a per-day list report, each kept with the revision it was read at
 * (daily_user_counts.revision, which changes in the same transaction as anything the day lists),
 * and answered only while the stored revision is still that one: never a stale day, whoever wrote
 * (another process, an erasure, psql). A day read after its revision was can only be newer than
 * the revision says, which costs a re-read, never a stale answer, so the revision is read first.
 *
 * Bounded by the characters kept (the least recently used day goes first): 90 days of 100 users
 * are ~0.9 M characters at 1 M turns, so the default keeps a few dozen such windows.
 */
export class DayTexts {
  private readonly days = new Map<string, { revision: number; text: string }>();
  private chars = 0;

  constructor(private readonly maxChars = 32_000_000) {}

  get(key: string, revision: number): string | undefined {
    const kept = this.days.get(key);
    if (!kept) return undefined;
    this.days.delete(key);
    if (kept.revision !== revision) {
      this.chars -= kept.text.length;
      return undefined;
    }
    // Most recently used last.
    this.days.set(key, kept);
    return kept.text;
  }

  set(key: string, revision: number, text: string): void {
    const old = this.days.get(key);
    if (old) {
      this.days.delete(key);
      this.chars -= old.text.length;
    }
    if (text.length > this.maxChars) return;
    this.days.set(key, { revision, text });
    this.chars += text.length;
    for (const [k, e] of this.days) {
      if (this.chars <= this.maxChars) break;
      this.days.delete(k);
      this.chars -= e.text.length;
    }
  }

  get size(): number {
    return this.days.size;
  }
}
