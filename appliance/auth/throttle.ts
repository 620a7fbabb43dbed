import { AppError } from '../errors.js';

/**
 * Login throttling per account+address: after `freeFailures` consecutive failures each further
 * attempt must wait 2^(n-free) s, capped at 15 min. A success clears the record. State is in
 * memory: a restart forgives, which is acceptable since guessing is bounded by scrypt anyway.
 */
export class LoginThrottle {
  private readonly entries = new Map<string, { failures: number; blockedUntilMs: number }>();

  constructor(
    private readonly freeFailures: number,
    private readonly now: () => number = Date.now,
    private readonly maxDelayMs = 15 * 60_000,
  ) {}

  check(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    const waitMs = e.blockedUntilMs - this.now();
    if (waitMs > 0)
      throw new AppError('too_many_attempts', 'too many failed sign-in attempts; try again later', {
        retryAfterS: Math.ceil(waitMs / 1000),
      });
  }

  failure(key: string): void {
    const e = this.entries.get(key) ?? { failures: 0, blockedUntilMs: 0 };
    e.failures += 1;
    if (e.failures >= this.freeFailures) {
      const delayMs = Math.min(this.maxDelayMs, 1000 * 2 ** (e.failures - this.freeFailures));
      e.blockedUntilMs = this.now() + delayMs;
    }
    this.entries.set(key, e);
    if (this.entries.size > 100_000) this.prune();
  }

  success(key: string): void {
    this.entries.delete(key);
  }

  private prune(): void {
    const now = this.now();
    for (const [k, e] of this.entries) if (e.blockedUntilMs < now - this.maxDelayMs) this.entries.delete(k);
  }
}
