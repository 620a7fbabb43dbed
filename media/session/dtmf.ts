/**
 * RFC 4733 DTMF: receiver (event start/updates/end, repeated end packets deduplicated by RTP timestamp,
 * lost end packets recovered by a timeout) and sender (marker on the first packet, duration updates
 * every ptime, final packet sent 3 times).
 */
import { type DtmfDigit, eventToDigit, type TelephoneEvent, digitToEvent } from '../rtp/telephone-event.js';

export interface ReceivedDigit {
  digit: DtmfDigit;
  durationMs: number;
}

/** Emit a digit whose end packets were all lost after this much silence, default 1000 ms. */
const END_LOST_TIMEOUT_MS = 1000;

export class DtmfReceiver {
  private readonly clockHz: number;
  private current:
    { key: string; event: number; duration: number; lastMs: number; emitted: boolean } | undefined;
  /** Keys (timestamp/event) already reported, most recent last; bounded. */
  private readonly done: string[] = [];

  constructor(clockHz = 8000) {
    this.clockHz = clockHz;
  }

  /** Handle one telephone-event packet; returns a digit when one is complete (exactly once per event). */
  handle(rtpTs: number, ev: TelephoneEvent, nowMs: number): ReceivedDigit[] {
    const out: ReceivedDigit[] = [];
    const key = `${rtpTs >>> 0}/${ev.event}`;
    if (this.done.includes(key)) return out;
    if (this.current && this.current.key !== key) {
      // A new event started before the previous one's end arrived: the end packets were lost.
      const prev = this.finish();
      if (prev) out.push(prev);
    }
    if (!this.current) this.current = { key, event: ev.event, duration: 0, lastMs: nowMs, emitted: false };
    this.current.duration = Math.max(this.current.duration, ev.duration);
    this.current.lastMs = nowMs;
    if (ev.end) {
      const d = this.finish();
      if (d) out.push(d);
    }
    return out;
  }

  /** Periodic check for events whose end never arrived. */
  poll(nowMs: number): ReceivedDigit[] {
    if (this.current && nowMs - this.current.lastMs > END_LOST_TIMEOUT_MS) {
      const d = this.finish();
      return d ? [d] : [];
    }
    return [];
  }

  private finish(): ReceivedDigit | undefined {
    const cur = this.current;
    this.current = undefined;
    if (!cur) return undefined;
    this.done.push(cur.key);
    if (this.done.length > 32) this.done.shift();
    const digit = eventToDigit(cur.event);
    if (digit === undefined) return undefined;
    return { digit, durationMs: Math.round((cur.duration / this.clockHz) * 1000) };
  }
}

export interface DtmfSendPacket {
  payload: TelephoneEvent;
  marker: boolean;
  /** RTP timestamp of the event start (same for every packet of the event). */
  eventTs: number;
}

interface PendingDigit {
  digit: DtmfDigit;
  durationMs: number;
}

/** Default tone length 100 ms and 60 ms gap (ITU Q.24 minimums are 40/40 ms). */
export const DTMF_DEFAULT_DURATION_MS = 100;
const DTMF_GAP_MS = 60;
const VOLUME_DBM0 = 10;

export class DtmfSender {
  private readonly queue: PendingDigit[] = [];
  private readonly clockHz: number;
  private active:
    | {
        digit: DtmfDigit;
        eventTs: number;
        elapsed: number;
        target: number;
        endsSent: number;
        durationMs: number;
      }
    | undefined;
  private gapTicksLeft = 0;

  constructor(clockHz = 8000) {
    this.clockHz = clockHz;
  }

  enqueue(digit: DtmfDigit, durationMs = DTMF_DEFAULT_DURATION_MS): void {
    this.queue.push({ digit, durationMs: Math.max(40, Math.min(8000, durationMs)) });
  }

  get busy(): boolean {
    return this.active !== undefined || this.queue.length > 0 || this.gapTicksLeft > 0;
  }

  /**
   * Called each tick with the tick's RTP timestamp and tick length in RTP units. Returns the event
   * packet to send instead of audio, or undefined (send audio). `done` is set on the last packet.
   */
  next(tickTs: number, tickUnits: number): (DtmfSendPacket & { done?: ReceivedDigit }) | undefined {
    if (!this.active) {
      if (this.gapTicksLeft > 0) {
        this.gapTicksLeft--;
        return undefined;
      }
      const p = this.queue.shift();
      if (!p) return undefined;
      this.active = {
        digit: p.digit,
        eventTs: tickTs,
        elapsed: 0,
        target: Math.round((p.durationMs / 1000) * this.clockHz),
        endsSent: 0,
        durationMs: p.durationMs,
      };
    }
    const a = this.active;
    const event = digitToEvent(a.digit);
    if (a.elapsed < a.target) {
      a.elapsed = Math.min(a.target, a.elapsed + tickUnits);
      const marker = a.elapsed <= tickUnits;
      if (a.elapsed < a.target) {
        return {
          payload: { event, end: false, volume: VOLUME_DBM0, duration: a.elapsed },
          marker,
          eventTs: a.eventTs,
        };
      }
    }
    a.endsSent++;
    const pkt: DtmfSendPacket & { done?: ReceivedDigit } = {
      payload: { event, end: true, volume: VOLUME_DBM0, duration: a.target },
      marker: false,
      eventTs: a.eventTs,
    };
    if (a.endsSent >= 3) {
      pkt.done = { digit: a.digit, durationMs: a.durationMs };
      this.active = undefined;
      this.gapTicksLeft = Math.ceil(((DTMF_GAP_MS / 1000) * this.clockHz) / tickUnits);
    }
    return pkt;
  }
}
