import { AppError } from '../errors.js';

/** A bucket's size: three times the rate, at least 60 requests (a page load, a short spike). */
export const burstFor = (ratePerS: number): number => Math.max(60, ratePerS * 3);

/**
 * Token buckets keyed by business (authenticated) or client address (public routes). The rate
 * comes from the business's plan; the burst allows a page load or a
 * short spike: three times the rate, at least 60 requests.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedMs: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Takes one token or throws 429 with Retry-After. */
  take(key: string, ratePerS: number): void {
    const burst = burstFor(ratePerS);
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: burst, updatedMs: t };
    b.tokens = Math.min(burst, b.tokens + ((t - b.updatedMs) / 1000) * ratePerS);
    b.updatedMs = t;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      const retryAfterS = Math.max(1, Math.ceil((1 - b.tokens) / ratePerS));
      throw new AppError('rate_limited', `rate limit of ${ratePerS} requests/s exceeded`, {
        retryAfterS,
        details: { limitPerS: ratePerS },
      });
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 50_000) this.prune(t);
  }

  private prune(t: number): void {
    for (const [k, b] of this.buckets) if (t - b.updatedMs > 60_000) this.buckets.delete(k);
  }
}
