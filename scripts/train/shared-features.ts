/**
 * Keeps only the features that occur in at least `min` training sources. A word only one data
 * set uses (its platform's slang, its forum's topics, its annotators' favourite examples) says
 * where a text comes from more than whether it is toxic; left in, it is what a model learns
 * first, and it is worth nothing on a new source. Measured leave-one-source-out (docs/analysis.md).
 * The dropped buckets keep weight 0, so inference needs no change: features are normalised
 * before the drop, as they are at inference time.
 */
import type { SparseVector } from '../../src/analysis/models/linear.js';

export function keepSharedFeatures<T extends { source: string; x: SparseVector }>(items: T[], min: number): T[] {
  if (min <= 1) return items;
  const seen = new Map<number, Set<string>>();
  for (const it of items) {
    for (const j of it.x.idx) {
      let s = seen.get(j);
      if (!s) seen.set(j, (s = new Set()));
      s.add(it.source);
    }
  }
  return items.map((it) => {
    const idx: number[] = [];
    const val: number[] = [];
    it.x.idx.forEach((j, k) => {
      if (seen.get(j)!.size >= min) {
        idx.push(j);
        val.push(it.x.val[k]);
      }
    });
    return { ...it, x: { idx: Uint32Array.from(idx), val: Float32Array.from(val) } };
  });
}
