/**
 * Automatic gain control for quiet callers: a slow, bounded gain on the (denoised) caller audio.
 *
 * - Level: the talker's speech level, dBFS: the power of 10 ms blocks above `gateDbfs` (default
 *   -50 dBFS, well over a denoised line's floor and under quiet speech) averaged over about
 *   `levelWindowMs` (default 600 ms, exponential). Pauses and noise under the gate never pump it
 *   up; below the gate the gain holds. A talker's level, not a syllable's: a first version steered
 *   by each block's own level compressed every syllable (fast fall on loud ones, slow rise on quiet
 *   ones), and pocketsphinx misheard a quiet caller it understood without the gain control.
 * - Gain: towards `targetDbfs - level` (default target -22 dBFS, a normal phone talker's speech
 *   RMS), bounded to [`minGainDb`, `maxGainDb`] (default 0 .. +18 dB: it only lifts quiet
 *   callers, never turns a loud one down beyond the limiter).
 * - Speed: the gain rises at most `riseDbPerS` (default 6 dB/s: a quiet caller reaches +18 dB in
 *   3 s of speech, a single loud syllable cannot jerk it) and falls at most `fallDbPerS` (default
 *   30 dB/s, so a caller who starts shouting is back in range within a few hundred ms).
 * - Limiter: a block's gain never pushes its peak over -1 dBFS (no clipping); the gain ramps
 *   linearly across each block, so there are no steps at block edges.
 */
export interface AgcOptions {
  targetDbfs?: number;
  gateDbfs?: number;
  minGainDb?: number;
  maxGainDb?: number;
  riseDbPerS?: number;
  fallDbPerS?: number;
  levelWindowMs?: number;
}

const BLOCK_MS = 10;
const PEAK_LIMIT = 32767 * 10 ** (-1 / 20);

export class Agc {
  private readonly o: Required<AgcOptions>;
  private readonly block: number;
  /** Current gain in dB (starts at 0: the caller as they come). */
  gainDb = 0;
  /** Gain of the last sample written (linear), where the next block's ramp starts. */
  private lastLinear = 1;
  private carry = new Int16Array(0);
  /** The talker's mean speech power (full scale 1), averaged over gated blocks; 0: none yet. */
  private speechPower = 0;

  constructor(
    readonly rateHz = 16_000,
    opts: AgcOptions = {},
  ) {
    this.o = {
      targetDbfs: opts.targetDbfs ?? -22,
      gateDbfs: opts.gateDbfs ?? -50,
      minGainDb: opts.minGainDb ?? 0,
      maxGainDb: opts.maxGainDb ?? 18,
      riseDbPerS: opts.riseDbPerS ?? 6,
      fallDbPerS: opts.fallDbPerS ?? 30,
      levelWindowMs: opts.levelWindowMs ?? 600,
    };
    this.block = Math.round((rateHz * BLOCK_MS) / 1000);
  }

  /** Any chunk size in, the same number of samples out once whole 10 ms blocks are in (delay < 10 ms). */
  process(pcm: Int16Array): Int16Array {
    const all = new Int16Array(this.carry.length + pcm.length);
    all.set(this.carry);
    all.set(pcm, this.carry.length);
    const n = this.block;
    const blocks = Math.floor(all.length / n);
    const out = new Int16Array(blocks * n);
    const stepUp = (this.o.riseDbPerS * BLOCK_MS) / 1000;
    const stepDown = (this.o.fallDbPerS * BLOCK_MS) / 1000;
    for (let b = 0; b < blocks; b++) {
      let sum = 0;
      let peak = 1;
      for (let i = b * n; i < (b + 1) * n; i++) {
        const v = all[i] as number;
        sum += v * v;
        const a = v < 0 ? -v : v;
        if (a > peak) peak = a;
      }
      const power = sum / n / (32768 * 32768);
      if (10 * Math.log10(power + 1e-12) >= this.o.gateDbfs) {
        // The first speech block sets the level; later ones move it over ~levelWindowMs.
        const alpha = this.speechPower === 0 ? 1 : 1 - Math.exp(-BLOCK_MS / this.o.levelWindowMs);
        this.speechPower += alpha * (power - this.speechPower);
        const levelDbfs = 10 * Math.log10(this.speechPower + 1e-12);
        const want = Math.min(this.o.maxGainDb, Math.max(this.o.minGainDb, this.o.targetDbfs - levelDbfs));
        if (want > this.gainDb) this.gainDb = Math.min(want, this.gainDb + stepUp);
        else this.gainDb = Math.max(want, this.gainDb - stepDown);
      }
      const limit = PEAK_LIMIT / peak;
      const target = Math.min(10 ** (this.gainDb / 20), limit);
      const from = this.lastLinear;
      for (let k = 0; k < n; k++) {
        // The ramp from the last block's gain is capped by this block's limit too.
        const g = Math.min(from + ((target - from) * (k + 1)) / n, limit);
        const v = Math.round((all[b * n + k] as number) * g);
        out[b * n + k] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
      }
      this.lastLinear = target;
    }
    this.carry = all.slice(blocks * n);
    return out;
  }
}
