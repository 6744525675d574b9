/**
 * The characters the spans kept so far cover: whether a new one overlaps any costs its own
 * length, not the number kept (a turn can hold thousands of hits or citations).
 */
export class Covered {
  private readonly marks: Uint8Array;

  constructor(length: number, spans: readonly { start: number; end: number }[] = []) {
    this.marks = new Uint8Array(length);
    for (const s of spans) this.add(s);
  }

  overlaps(start: number, end: number): boolean {
    return this.marks.subarray(start, end).includes(1);
  }

  /** Marks `span`'s characters; returns it. */
  add<T extends { start: number; end: number }>(span: T): T {
    this.marks.fill(1, span.start, span.end);
    return span;
  }
}
