/**
 * Call admission by real load, the way FreeSWITCH's `min-idle-cpu` refuses calls when the box is
 * busy: a new call is refused with a fast 503 + Retry-After while the main event loop (signalling,
 * VAD, agent, DB) is saturated, rather than being accepted and then answered late, retransmitted
 * and timed out.
 *
 * Two measurements over the last complete window (`windowMs`, default 1 s):
 * - event-loop utilization (`performance.eventLoopUtilization()`): the fraction of the window the
 *   loop was busy rather than idle waiting for I/O; time-weighted, so one short GC pause does not
 *   close the gate. Refused above `maxEventLoopUtilization` (default 0.9, i.e. under 10 % idle).
 * - event-loop delay (`perf_hooks.monitorEventLoopDelay`, 10 ms resolution): its p99 over the
 *   window. Refused above `maxEventLoopDelayMs` (default 1000 ms; 0: off).
 *
 * The window rolls on a timer; a loop blocked for a whole window is seen when it wakes (the delay
 * histogram records the stall before any queued INVITE is read).
 */
import {
  monitorEventLoopDelay,
  performance,
  type EventLoopUtilization,
  type IntervalHistogram,
} from 'node:perf_hooks';

export interface LoadGateOptions {
  /** Refuse new calls while the loop was busy more than this fraction of the window (0..1; 1: off). */
  maxEventLoopUtilization: number;
  /** Refuse new calls while the p99 event-loop delay of the window is above this, ms (0: off). */
  maxEventLoopDelayMs: number;
  /** Measurement window, ms. */
  windowMs: number;
}

export interface LoadSample {
  /** Busy fraction of the main event loop over the last window (0..1). */
  utilization: number;
  /** p99 event-loop delay over the last window, ms. */
  delayP99Ms: number;
  /** Longest event-loop delay over the last window, ms. */
  delayMaxMs: number;
}

export type LoadVerdict = { ok: true; load: LoadSample } | { ok: false; load: LoadSample; why: string };

export class LoadGate {
  private readonly hist: IntervalHistogram;
  private elu: EventLoopUtilization;
  private last: LoadSample = { utilization: 0, delayP99Ms: 0, delayMaxMs: 0 };
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly o: LoadGateOptions) {
    this.hist = monitorEventLoopDelay({ resolution: 10 });
    this.hist.enable();
    this.elu = performance.eventLoopUtilization();
    this.timer = setInterval(() => this.roll(), o.windowMs);
    this.timer.unref();
  }

  /** The last complete window's load, and whether a new call may be taken. */
  check(): LoadVerdict {
    // A stall longer than the window shows in the running histogram before the window rolls.
    const runningMaxMs = this.hist.max / 1e6;
    const load = { ...this.last, delayMaxMs: Math.max(this.last.delayMaxMs, runningMaxMs) };
    const { maxEventLoopUtilization: maxU, maxEventLoopDelayMs: maxD } = this.o;
    if (maxU < 1 && load.utilization > maxU)
      return { ok: false, load, why: `event loop ${(load.utilization * 100).toFixed(0)} % busy` };
    if (maxD > 0 && Math.max(load.delayP99Ms, runningMaxMs) > maxD)
      return {
        ok: false,
        load,
        why: `event loop delay ${Math.round(Math.max(load.delayP99Ms, runningMaxMs))} ms`,
      };
    return { ok: true, load };
  }

  close(): void {
    clearInterval(this.timer);
    this.hist.disable();
  }

  private roll(): void {
    const now = performance.eventLoopUtilization();
    const u = performance.eventLoopUtilization(now, this.elu);
    this.elu = now;
    this.last = {
      utilization: u.utilization,
      delayP99Ms: this.hist.count > 0 ? this.hist.percentile(99) / 1e6 : 0,
      delayMaxMs: this.hist.count > 0 ? this.hist.max / 1e6 : 0,
    };
    this.hist.reset();
  }
}
