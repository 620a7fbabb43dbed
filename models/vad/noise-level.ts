/**
 * The level of what the line carries between utterances (background noise), for the detector's
 * onset gate (endpointer.ts). Frame power in dB (int16 scale); the first `warmFrames` frames are
 * averaged as power (no guess before the line has said anything), then a symmetric moving average
 * in dB with a time constant of `tauMs` follows the noise as it rises and falls (a car that
 * speeds up, a room that fills). Symmetric on purpose: a tracker that falls fast and rises slowly
 * sits at the dips of babble, and babble's ordinary peaks then clear any gate.
 */
export class NoiseLevel {
  private db = 0;
  private frames = 0;
  private warmPower = 0;

  constructor(
    private readonly frameMs: number,
    /** Frames averaged before tracking, 24 x 32 ms = 768 ms by default. */
    private readonly warmFrames = 24,
    /** Tracking time constant, ms (default 2 s). */
    private readonly tauMs = 2000,
  ) {}

  /** The noise level, dB (int16 scale); -Infinity before the first frame. */
  get levelDb(): number {
    return this.frames === 0 ? -Infinity : this.db;
  }

  update(frameDb: number): void {
    this.frames++;
    if (this.frames <= this.warmFrames) {
      this.warmPower += 10 ** (frameDb / 10);
      this.db = 10 * Math.log10(this.warmPower / this.frames);
      return;
    }
    this.db += (frameDb - this.db) * Math.min(1, this.frameMs / this.tauMs);
  }
}

/** Power of a frame, dB on the int16 scale (+1 so digital silence is 0 dB, not -Infinity). */
export function frameDb(frame: Int16Array): number {
  let e = 0;
  for (let i = 0; i < frame.length; i++) e += (frame[i] as number) ** 2;
  return 10 * Math.log10(e / Math.max(1, frame.length) + 1);
}

/** Power mean of levels in dB. */
export function meanDb(levels: readonly number[]): number {
  let p = 0;
  for (const l of levels) p += 10 ** (l / 10);
  return 10 * Math.log10(p / Math.max(1, levels.length));
}
