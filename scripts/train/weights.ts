/** Per-sample weights that give every source the same total weight (mean weight 1). */
export function sourceWeights(sources: readonly string[]): number[] {
  const count = new Map<string, number>();
  for (const s of sources) count.set(s, (count.get(s) ?? 0) + 1);
  const per = sources.length / count.size;
  return sources.map((s) => per / count.get(s)!);
}
