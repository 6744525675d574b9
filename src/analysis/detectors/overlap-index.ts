/**
 * Which document sentence an answer sentence restates: the one sharing the most content words
 * with it. Read through an index of the words (each word's sentences), so an answer sentence
 * costs the sentences its own words occur in, not every sentence of every document. A word
 * found in more than MAX_POSTINGS sentences tells them apart no better than a stopword and is
 * not counted: without that bound, a long answer against long documents made of the same few
 * words (a request of 200,000 characters and ten such documents) cost the product of their
 * lengths, 42 s. No labelled document comes near it.
 */
const MAX_POSTINGS = 1_000;

/** Below this many sentences a plain scan costs less than building the index. */
const INDEX_FROM = 64;

export class OverlapIndex<T extends { content: ReadonlySet<string> }> {
  private postings: Map<string, number[]> | undefined;
  private counts: Uint32Array | undefined;

  constructor(readonly items: readonly T[]) {}

  /** The item sharing the most of `content` (the first of equals) and how many words it shares; null when none shares any. */
  best(content: ReadonlySet<string>): { item: T; overlap: number } | null {
    if (this.items.length < INDEX_FROM) return this.scan(content);
    const postings = (this.postings ??= this.index());
    const counts = (this.counts ??= new Uint32Array(this.items.length));
    const touched: number[] = [];
    for (const w of content) {
      const list = postings.get(w);
      if (!list || list.length > MAX_POSTINGS) continue;
      for (const i of list) if (counts[i]++ === 0) touched.push(i);
    }
    let best = -1;
    let overlap = 0;
    for (const i of touched) {
      const c = counts[i];
      if (c > overlap || (c === overlap && i < best)) [best, overlap] = [i, c];
      counts[i] = 0;
    }
    return best < 0 ? null : { item: this.items[best], overlap };
  }

  private scan(content: ReadonlySet<string>): { item: T; overlap: number } | null {
    let best: T | null = null;
    let most = 0;
    for (const item of this.items) {
      let overlap = 0;
      for (const w of content) if (item.content.has(w)) overlap++;
      if (overlap > most) [best, most] = [item, overlap];
    }
    return best ? { item: best, overlap: most } : null;
  }

  private index(): Map<string, number[]> {
    const postings = new Map<string, number[]>();
    this.items.forEach((item, i) => {
      for (const w of item.content) {
        const list = postings.get(w);
        if (list) list.push(i);
        else postings.set(w, [i]);
      }
    });
    return postings;
  }
}
