/**
 * Token buckets in memory, one per key: a bucket holds up to `burst` tokens and refills at
 * `perSecond`; a request takes one. Checking costs one Map lookup and a little arithmetic, so a
 * limit can sit in front of every request without slowing ingestion (bench/rate-limit.bench.ts).
 *
 * The map is bounded: past `maxKeys` the least recently used bucket is dropped (it would be full
 * again by the time it is needed, unless its owner is flooding, in which case it comes back).
 */
export interface Rate {
  /** Tokens added per second. */
  perSecond: number;
  /** Most tokens a bucket holds: the burst allowed after a quiet period. */
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets<K> {
  private readonly buckets = new Map<K, Bucket>();

  constructor(
    private readonly maxKeys = 100_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes a token: 0 when the request may go ahead, otherwise the seconds until a token is back. */
  take(key: K, rate: Rate): number {
    const bucket = this.refill(key, rate);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / rate.perSecond;
  }

  /** Like `take`, without taking: 0 when a token is there. */
  peek(key: K, rate: Rate): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(rate.burst, bucket.tokens + ((this.now() - bucket.at) / 1000) * rate.perSecond);
    return tokens >= 1 ? 0 : (1 - tokens) / rate.perSecond;
  }

  get size(): number {
    return this.buckets.size;
  }

  private refill(key: K, rate: Rate): Bucket {
    const t = this.now();
    let bucket = this.buckets.get(key);
    if (bucket) {
      bucket.tokens = Math.min(rate.burst, bucket.tokens + ((t - bucket.at) / 1000) * rate.perSecond);
      bucket.at = t;
      // Re-inserted, so the Map's order is least recently used first.
      this.buckets.delete(key);
    } else {
      bucket = { tokens: rate.burst, at: t };
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as K);
    }
    this.buckets.set(key, bucket);
    return bucket;
  }
}
