/**
 * The silence watch of a listening agent: one timer (behaviour.silenceTimeoutMs) and the count of
 * reprompts in a row (reset when the caller says something). The agent hangs up for silence once
 * the count exceeds behaviour.silenceReprompts.
 */
import type { Clock, TimerHandle } from './clock.js';

export class SilenceWatch {
  private timer: TimerHandle | undefined;
  private n = 0;

  constructor(private readonly clock: Pick<Clock, 'after'>) {}

  /** Reprompts in a row so far. */
  get count(): number {
    return this.n;
  }

  get armed(): boolean {
    return this.timer !== undefined;
  }

  /** (Re)starts the timer: `fire` runs after `ms` of silence unless cleared first. */
  arm(ms: number, fire: () => void): void {
    this.clear();
    this.timer = this.clock.after(ms, () => {
      this.timer = undefined;
      fire();
    });
  }

  clear(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** Counts one more reprompt; returns its number (1-based). */
  next(): number {
    return ++this.n;
  }

  /** The caller spoke. */
  reset(): void {
    this.n = 0;
  }
}
