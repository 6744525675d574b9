/**
 * The characters the spans kept so far cover: whether a new one overlaps any costs its own
 * length, not the number kept (a turn can hold thousands of hits or citations).
 */
export class Covered {
  /** One mark per character, allocated with the first span (most turns keep none). */
  private marks: Uint8Array | null = null;

  constructor(
    private readonly length: number,
    spans: readonly { start: number; end: number }[] = [],
  ) {
    for (const s of spans) this.add(s);
  }

  overlaps(start: number, end: number): boolean {
    const marks = this.marks;
    if (marks === null) return false;
    // A loop rather than `subarray(start, end).includes(1)`: a view allocated per test cost more than the test.
    for (let i = Math.max(0, start), stop = Math.min(end, marks.length); i < stop; i++) if (marks[i] === 1) return true;
    return false;
  }

  /** Marks `span`'s characters; returns it. */
  add<T extends { start: number; end: number }>(span: T): T {
    (this.marks ??= new Uint8Array(this.length)).fill(1, span.start, span.end);
    return span;
  }
}
