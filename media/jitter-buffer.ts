/**
 * Adaptive jitter buffer keyed by extended RTP sequence number. Pure logic (no timers): the session
 * calls push() on arrival and pop() once per frame period from its pacing clock.
 *
 * - Playout starts once `targetDelayMs` of audio is buffered.
 * - A missing frame is declared lost (pop -> conceal/'lost') only when later frames already cover the
 *   target delay or it has been waited for that long; otherwise pop returns 'wait' (underrun: the caller conceals without advancing, which
 *   grows the effective delay by one frame, the adaptive "stretch").
 * - Packets behind the playout point are 'late' (dropped, and they raise the target delay); packets
 *   already buffered are 'duplicate'.
 * - Target delay = clamp(frameMs + jitterMultiplier * jitterMs, minDelayMs, maxDelayMs), raised by one
 *   frame per late packet and relaxed one frame at a time after a long run without lateness, by
 *   dropping one buffered frame ('drop' output) when the buffer stays above target + 2 frames.
 */

export interface JitterBufferOptions {
  /** Nominal frame duration (packet ptime), default 20 ms. */
  frameMs?: number;
  /** Lower bound of the target delay, default 20 ms. */
  minDelayMs?: number;
  /** Upper bound of the target delay and hard cap of buffered audio, default 200 ms. */
  maxDelayMs?: number;
  /** Target delay before any jitter is measured, default 40 ms. */
  initialDelayMs?: number;
  /** Target = frame + multiplier x measured jitter, default 3. */
  jitterMultiplier?: number;
  /** Consecutive empty pops after which playout rebuffers (a pause or hold), default 50 frames. */
  rebufferAfterFrames?: number;
  /** Told about every buffered frame discarded unplayed (cap overflow or latency reduction). */
  onDrop?: (extSeq: number, reason: 'overflow' | 'latency') => void;
}

export type PushResult = 'queued' | 'duplicate' | 'late';

export type JitterOutput<T> =
  | { kind: 'frame'; extSeq: number; item: T }
  | { kind: 'lost'; extSeq: number }
  | { kind: 'wait' }
  | { kind: 'idle' };

export interface JitterBufferStats {
  queued: number;
  duplicates: number;
  late: number;
  lost: number;
  dropped: number;
  underruns: number;
  targetDelayMs: number;
  bufferedFrames: number;
}

export class JitterBuffer<T> {
  private readonly frameMs: number;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly jitterMultiplier: number;
  private readonly rebufferAfter: number;
  private readonly onDrop: ((extSeq: number, reason: 'overflow' | 'latency') => void) | undefined;
  private readonly frames = new Map<number, T>();
  private maxSeq = -Infinity;
  private playing = false;
  private expected = 0;
  private emptyRun = 0;
  /** Consecutive pops spent waiting for a missing frame while later frames are buffered. */
  private gapWait = 0;
  private calmPops = 0;
  private lateBoostMs = 0;
  private jitterMs = 0;
  targetDelayMs: number;
  readonly stats: JitterBufferStats;

  constructor(opts: JitterBufferOptions = {}) {
    this.frameMs = opts.frameMs ?? 20;
    this.minDelayMs = opts.minDelayMs ?? 20;
    this.maxDelayMs = Math.max(this.minDelayMs, opts.maxDelayMs ?? 200);
    this.jitterMultiplier = opts.jitterMultiplier ?? 3;
    this.rebufferAfter = opts.rebufferAfterFrames ?? 50;
    this.onDrop = opts.onDrop;
    this.targetDelayMs = this.clamp(opts.initialDelayMs ?? 40);
    this.stats = {
      queued: 0,
      duplicates: 0,
      late: 0,
      lost: 0,
      dropped: 0,
      underruns: 0,
      targetDelayMs: this.targetDelayMs,
      bufferedFrames: 0,
    };
  }

  private clamp(ms: number): number {
    return Math.min(this.maxDelayMs, Math.max(this.minDelayMs, ms));
  }

  private retarget(): void {
    this.targetDelayMs = this.clamp(this.frameMs + this.jitterMultiplier * this.jitterMs + this.lateBoostMs);
    this.stats.targetDelayMs = this.targetDelayMs;
  }

  /** Feed the current interarrival jitter estimate (RFC 3550 A.8, in ms). */
  setJitterMs(jitterMs: number): void {
    this.jitterMs = Math.max(0, jitterMs);
    this.retarget();
  }

  push(extSeq: number, item: T): PushResult {
    if (this.playing && extSeq < this.expected) {
      this.stats.late++;
      // Lateness means the delay is too small: add a frame of headroom (bounded by maxDelayMs).
      this.lateBoostMs = Math.min(this.maxDelayMs, this.lateBoostMs + this.frameMs);
      this.calmPops = 0;
      this.retarget();
      return 'late';
    }
    if (this.frames.has(extSeq)) {
      this.stats.duplicates++;
      return 'duplicate';
    }
    this.frames.set(extSeq, item);
    if (extSeq > this.maxSeq) this.maxSeq = extSeq;
    this.stats.queued++;
    this.enforceCap();
    this.stats.bufferedFrames = this.frames.size;
    return 'queued';
  }

  /** Hard cap: never hold more than maxDelayMs of audio ahead of the playout point. */
  private enforceCap(): void {
    const capFrames = Math.max(1, Math.floor(this.maxDelayMs / this.frameMs));
    if (!this.playing) {
      while (this.frames.size > capFrames) {
        const oldest = Math.min(...this.frames.keys());
        this.frames.delete(oldest);
        this.stats.dropped++;
        this.onDrop?.(oldest, 'overflow');
      }
      return;
    }
    while (this.maxSeq - this.expected + 1 > capFrames) {
      if (this.frames.delete(this.expected)) {
        this.stats.dropped++;
        this.onDrop?.(this.expected, 'overflow');
      } else this.stats.lost++;
      this.expected++;
    }
  }

  /** One frame period elapsed: what should be played now. */
  pop(): JitterOutput<T> {
    if (!this.playing) {
      if (this.frames.size === 0 || this.frames.size * this.frameMs < this.targetDelayMs)
        return { kind: 'idle' };
      this.playing = true;
      this.expected = Math.min(...this.frames.keys());
      this.emptyRun = 0;
    }
    const item = this.frames.get(this.expected);
    if (item !== undefined) {
      const extSeq = this.expected++;
      this.frames.delete(extSeq);
      this.gapWait = 0;
      this.emptyRun = 0;
      this.maybeRelax();
      this.stats.bufferedFrames = this.frames.size;
      return { kind: 'frame', extSeq, item };
    }
    if (this.frames.size > 0) {
      this.emptyRun = 0;
      // Declare the gap lost once later audio covers the target delay, or once we already waited that
      // long for it (a reordered packet later than the target delay is treated as late anyway).
      this.gapWait++;
      if (
        (this.maxSeq - this.expected) * this.frameMs >= this.targetDelayMs ||
        this.gapWait * this.frameMs >= this.targetDelayMs
      ) {
        this.gapWait = 0;
        this.stats.lost++;
        return { kind: 'lost', extSeq: this.expected++ };
      }
      this.stats.underruns++;
      return { kind: 'wait' };
    }
    this.emptyRun++;
    if (this.emptyRun >= this.rebufferAfter) {
      // Stream paused (silence suppression, hold, end of speech): re-buffer on the next packets.
      this.playing = false;
      return { kind: 'idle' };
    }
    this.stats.underruns++;
    return { kind: 'wait' };
  }

  /** After ~2 s without lateness, decay the late boost; drop one frame if far above target. */
  private maybeRelax(): void {
    this.calmPops++;
    if (this.calmPops < 100) return;
    this.calmPops = 0;
    if (this.lateBoostMs > 0) {
      this.lateBoostMs = Math.max(0, this.lateBoostMs - this.frameMs);
      this.retarget();
    }
    const bufferedMs = (this.maxSeq - this.expected + 1) * this.frameMs;
    if (bufferedMs > this.targetDelayMs + 2 * this.frameMs && this.frames.delete(this.expected)) {
      this.stats.dropped++;
      this.onDrop?.(this.expected, 'latency');
      this.expected++;
    }
  }

  /** Forget everything (new SSRC / stream restart). */
  reset(): void {
    this.frames.clear();
    this.maxSeq = -Infinity;
    this.playing = false;
    this.emptyRun = 0;
    this.stats.bufferedFrames = 0;
  }

  get isPlaying(): boolean {
    return this.playing;
  }
}
