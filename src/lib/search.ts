/**
 * The first index in [0, n) at which `reached` holds, or n when it never does; `reached` must be
 * false up to some index and true from there on (a sorted array's positions at or past a value).
 * Logarithmic: the analysis looks up offsets among thousands of tokens, sentences or citations.
 */
export function firstIndex(n: number, reached: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reached(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
