/**
 * Per-source receive statistics after RFC 3550 appendix A: extended sequence numbers with wrap and
 * restart detection (A.1), loss counters and fraction lost (A.3), interarrival jitter (A.8).
 */
import type { ReportBlock } from './rtcp-packet.js';

const RTP_SEQ_MOD = 1 << 16;
/** Jumps up to this many packets ahead are loss; larger ones need a second packet to confirm. */
const MAX_DROPOUT = 3000;
/** Packets this far behind are treated as old duplicates/misordered, not a restart. */
const MAX_MISORDER = 100;

export type SeqVerdict = 'ok' | 'duplicate-or-old' | 'restart-pending' | 'restarted';

export class ReceiverStats {
  readonly ssrc: number;
  private maxSeq = 0;
  private cycles = 0;
  private baseSeq = 0;
  private badSeq = RTP_SEQ_MOD + 1;
  received = 0;
  private expectedPrior = 0;
  private receivedPrior = 0;
  /** Jitter estimate in RTP timestamp units, scaled by 16 as in A.8 to keep integer precision. */
  private jitterQ4 = 0;
  private lastTransit: number | undefined;
  /** NTP middle-32 of the last SR from this source and when it arrived (ms, monotonic). */
  lastSrNtp = 0;
  lastSrArrivalMs: number | undefined;

  constructor(ssrc: number, firstSeq: number) {
    this.ssrc = ssrc;
    this.initSeq(firstSeq);
    this.maxSeq = firstSeq - 1;
  }

  private initSeq(seq: number): void {
    this.baseSeq = seq;
    this.maxSeq = seq;
    this.badSeq = RTP_SEQ_MOD + 1;
    this.cycles = 0;
    this.received = 0;
    this.receivedPrior = 0;
    this.expectedPrior = 0;
  }

  /**
   * Account one packet; returns the verdict and the extended sequence number (cycles + seq) to use
   * for ordering. `arrivalRtp` is the arrival time converted to RTP clock units.
   */
  update(seq: number, rtpTs: number, arrivalRtp: number): { verdict: SeqVerdict; extSeq: number } {
    const udelta = (seq - this.maxSeq + RTP_SEQ_MOD) % RTP_SEQ_MOD;
    let verdict: SeqVerdict = 'ok';
    let extSeq: number;
    if (udelta < MAX_DROPOUT) {
      if (seq < this.maxSeq && udelta !== 0) this.cycles += RTP_SEQ_MOD;
      this.maxSeq = seq;
      extSeq = this.cycles + seq;
    } else if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
      // Large jump: accept as a restart only if the next packet continues from it.
      if (seq === this.badSeq) {
        this.initSeq(seq);
        verdict = 'restarted';
        extSeq = seq;
        this.lastTransit = undefined;
      } else {
        this.badSeq = (seq + 1) & (RTP_SEQ_MOD - 1);
        return { verdict: 'restart-pending', extSeq: -1 };
      }
    } else {
      // Misordered or duplicate: extended number relative to the current cycle.
      const back = RTP_SEQ_MOD - udelta;
      extSeq = this.cycles + this.maxSeq - back;
      verdict = 'duplicate-or-old';
    }
    this.received++;
    const transit = arrivalRtp - rtpTs;
    if (this.lastTransit !== undefined) {
      let d = transit - this.lastTransit;
      // RTP timestamps wrap at 2^32; bring the difference into range.
      if (d > 0x80000000) d -= 0x100000000;
      else if (d < -0x80000000) d += 0x100000000;
      d = Math.abs(d);
      this.jitterQ4 += d - ((this.jitterQ4 + 8) >> 4);
    }
    this.lastTransit = transit;
    return { verdict, extSeq };
  }

  get extendedMaxSeq(): number {
    return this.cycles + this.maxSeq;
  }

  get expected(): number {
    return this.extendedMaxSeq - this.baseSeq + 1;
  }

  get cumulativeLost(): number {
    return this.expected - this.received;
  }

  /** Jitter in RTP timestamp units. */
  get jitter(): number {
    return this.jitterQ4 >> 4;
  }

  /** Builds an RTCP report block and advances the "prior" counters used for fraction lost. */
  makeReportBlock(nowMs: number): ReportBlock {
    const expected = this.expected;
    const expectedInterval = expected - this.expectedPrior;
    this.expectedPrior = expected;
    const receivedInterval = this.received - this.receivedPrior;
    this.receivedPrior = this.received;
    const lostInterval = expectedInterval - receivedInterval;
    const fraction =
      expectedInterval === 0 || lostInterval <= 0 ? 0 : Math.floor((lostInterval << 8) / expectedInterval);
    const dlsr =
      this.lastSrArrivalMs === undefined ? 0 : Math.round(((nowMs - this.lastSrArrivalMs) / 1000) * 65536);
    return {
      ssrc: this.ssrc,
      fractionLost: Math.min(255, fraction),
      cumulativeLost: this.cumulativeLost,
      extendedHighestSeq: this.extendedMaxSeq >>> 0,
      jitter: this.jitter,
      lastSr: this.lastSrNtp,
      delaySinceLastSr: dlsr >>> 0,
    };
  }
}
