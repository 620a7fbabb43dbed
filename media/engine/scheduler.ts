/**
 * One pacing clock for all sessions of the worker. Deadlines are absolute (session start + k * ptime on
 * performance.now()), so timer lateness never accumulates into drift. New sessions start on a shared
 * 10 ms grid, so sessions with the same ptime tick together and the worker wakes once per period
 * instead of once per session.
 *
 * Precision: a timer wakes ~`spinMs` before the earliest deadline and the remaining time is spent in a
 * short busy-wait (default 1 ms, i.e. at most ~5% of a core at 20 ms ptime) because libuv timers have
 * 1 ms granularity plus wake-up latency. Each wake sends all due packets first, then does the
 * receive-side work, so decoding and events never delay an outbound packet.
 */

export interface Tickable {
  nextDeadlineMs: number;
  sendTick(nowMs: number): void;
  receiveTick(nowMs: number): void;
}

export interface SchedulerOptions {
  /** Busy-wait window before a deadline, ms; 0 = timers only. Default 1. */
  spinMs?: number;
  /** Grid that session starts are aligned to, ms. Default 10. */
  gridMs?: number;
  onError?: (err: unknown) => void;
}

/** Histogram of send-tick lateness (actual wake vs absolute deadline), 0.1 ms buckets up to 100 ms. */
export class LatenessHistogram {
  private readonly buckets = new Uint32Array(1001);
  count = 0;
  maxMs = 0;

  add(ms: number): void {
    const v = Math.max(0, ms);
    const i = Math.min(1000, Math.floor(v * 10));
    this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    this.count++;
    if (v > this.maxMs) this.maxMs = v;
  }

  percentile(p: number): number {
    if (this.count === 0) return 0;
    const target = Math.ceil((p / 100) * this.count);
    let acc = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      acc += this.buckets[i] ?? 0;
      if (acc >= target) return i / 10;
    }
    return this.maxMs;
  }

  /** Snapshot and reset. */
  take(): { ticks: number; p50Ms: number; p99Ms: number; maxMs: number } {
    const r = {
      ticks: this.count,
      p50Ms: this.percentile(50),
      p99Ms: this.percentile(99),
      maxMs: this.maxMs,
    };
    this.buckets.fill(0);
    this.count = 0;
    this.maxMs = 0;
    return r;
  }
}

export class TickScheduler {
  /** Lateness of every session send tick against its deadline (what the pacer achieved). */
  readonly lateness = new LatenessHistogram();
  private readonly sessions = new Set<Tickable>();
  private readonly spinMs: number;
  private readonly gridMs: number;
  private readonly anchorMs = performance.now();
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private readonly onError: (err: unknown) => void;
  private closed = false;

  constructor(opts: SchedulerOptions = {}) {
    this.spinMs = Math.max(0, opts.spinMs ?? 1);
    this.gridMs = Math.max(1, opts.gridMs ?? 10);
    this.onError = opts.onError ?? (() => undefined);
  }

  /** Next grid point at least `leadMs` from now (the first packet goes out there). */
  nextGridPoint(leadMs = 1): number {
    const now = performance.now() + leadMs;
    return this.anchorMs + Math.ceil((now - this.anchorMs) / this.gridMs) * this.gridMs;
  }

  add(s: Tickable): void {
    this.sessions.add(s);
    this.arm();
  }

  remove(s: Tickable): void {
    this.sessions.delete(s);
  }

  close(): void {
    this.closed = true;
    this.sessions.clear();
    this.disarm();
  }

  get size(): number {
    return this.sessions.size;
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  private arm(): void {
    if (this.closed) return;
    this.disarm();
    let next = Infinity;
    for (const s of this.sessions) if (s.nextDeadlineMs < next) next = s.nextDeadlineMs;
    if (next === Infinity) return;
    const delay = next - performance.now();
    if (delay > this.spinMs + 1) {
      this.timer = setTimeout(() => this.run(), Math.max(1, Math.floor(delay - this.spinMs)));
    } else {
      this.immediate = setImmediate(() => this.run());
    }
  }

  private run(): void {
    this.timer = undefined;
    this.immediate = undefined;
    if (this.closed) return;
    let next = Infinity;
    for (const s of this.sessions) if (s.nextDeadlineMs < next) next = s.nextDeadlineMs;
    if (next !== Infinity && this.spinMs > 0) {
      // Short busy-wait to hit the deadline with sub-ms precision (bounded by spinMs + 1).
      const limit = performance.now() + this.spinMs + 1;
      while (performance.now() < next && performance.now() < limit) {
        /* spin */
      }
    }
    const now = performance.now();
    const due: Tickable[] = [];
    for (const s of this.sessions) if (s.nextDeadlineMs <= now + 0.05) due.push(s);
    for (const s of due) {
      try {
        this.lateness.add(performance.now() - s.nextDeadlineMs);
        s.sendTick(now);
      } catch (err) {
        this.onError(err);
      }
    }
    // dgram's send() to an IP literal does not call sendmsg yet: it queues it on process.nextTick (the
    // dns.lookup callback), i.e. it would run only after this whole callback, behind every session's
    // receive work. Queue the receive half behind those sends (nextTick is FIFO) so the packets leave
    // now and their timing does not depend on how much decoding/resampling this tick had.
    process.nextTick(() => this.receivePhase(due, now));
  }

  private receivePhase(due: Tickable[], now: number): void {
    if (this.closed) return;
    for (const s of due) {
      try {
        s.receiveTick(now);
      } catch (err) {
        this.onError(err);
        // A session that keeps throwing must still advance, or the loop would spin on it.
        s.nextDeadlineMs = Math.max(s.nextDeadlineMs, now + 1);
      }
    }
    this.arm();
  }
}
