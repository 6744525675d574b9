/**
 * mulberry32: a small, fast seeded generator giving the same sequence on every machine, so demo
 * data, benchmarks and randomised tests can be replayed exactly from their seed. Not for secrets.
 *
 * @example
 * const rand = seededRandom(42);
 * rand(); // a number in [0, 1), the same first number for seed 42 every time
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
