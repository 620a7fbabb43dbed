/** RFC 3261 §17 timer base values (ms). Tests shrink them; production keeps the defaults. */
export interface TimerConfig {
  /** RTT estimate, default 500 ms. */
  readonly t1Ms: number;
  /** Max retransmit interval for non-INVITE requests and INVITE responses, default 4,000 ms. */
  readonly t2Ms: number;
  /** Max time a message stays in the network, default 5,000 ms. */
  readonly t4Ms: number;
}

export const DEFAULT_TIMERS: TimerConfig = { t1Ms: 500, t2Ms: 4000, t4Ms: 5000 };

/** A set of named one-shot timers owned by one transaction, all cleared together. */
export class TimerSet {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  set(name: string, ms: number, fn: () => void): void {
    this.clear(name);
    const t = setTimeout(() => {
      this.timers.delete(name);
      fn();
    }, ms);
    t.unref();
    this.timers.set(name, t);
  }

  clear(name: string): void {
    const t = this.timers.get(name);
    if (t) {
      clearTimeout(t);
      this.timers.delete(name);
    }
  }

  clearAll(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
