/**
 * Beep detection on the callee's PCM: an answering machine's "leave a message after the tone" beep
 * is one steady sinusoid (or a short chain of them: two-tone chirps, decaying beeps), which speech,
 * line noise and silence are not.
 *
 * Per analysis block (`blockMs`, default 20 ms, Hann window) a Goertzel bank scans 300-2500 Hz in
 * `stepHz` steps (default 20 Hz) and the strongest bin is refined by parabolic interpolation. The
 * block is *tonal* when
 *   - its RMS is at least `minLevelDbfs` (default -45 dBFS: a beep heard over a phone line is loud),
 *   - its *purity*, the peak's share of the block's energy (1 for a pure tone, normalised for the
 *     window), is at least `minPurity` (default 0.7: a vowel spreads its energy over several
 *     harmonics and formants, white noise over the whole band).
 * A run of tonal blocks whose frequency holds within `maxDriftHz` (default 10 Hz, or 1 % above
 * 1 kHz) of the run's mean is a steady tone; the run may step to another frequency (two-tone
 * beeps) only after a steady part of at least `minSegmentMs` (default 60 ms), else the run starts
 * again (gliding pitch, as voiced speech has). A run of at least `minBeepMs` (default 150 ms) whose
 * blocks' mean purity is at least `minMeanPurity` (default 0.9) is a beep, reported once when it
 * ends (the first quiet block, or the second loud impure one), with its end time: at most one
 * block (20 ms) after the tone stops. Time is the audio fed (ms since the detector began), never
 * the wall clock. Pure: no I/O, no timers.
 */

export interface ToneOptions {
  /** Lowest beep frequency searched, Hz. Default 300. */
  minHz: number;
  /** Highest beep frequency searched, Hz (kept below Nyquist - 200 Hz). Default 2500. */
  maxHz: number;
  /** Goertzel bank spacing, Hz (refined by interpolation). Default 20. */
  stepHz: number;
  /** Analysis block, ms (also the time resolution of starts and ends). Default 20. */
  blockMs: number;
  /** Minimum RMS of a tonal block, dBFS. Default -45. */
  minLevelDbfs: number;
  /** Minimum share of the block's energy in the peak (0..1). Default 0.7. */
  minPurity: number;
  /**
   * Largest distance of a block's frequency from its steady part's mean, Hz (or 1 % if larger).
   * Default 10: a generated beep holds its frequency to a few Hz here (G.711 and noise included);
   * a sustained vowel drifts by tens of Hz over 150 ms (a recorded "so" read 577-636 Hz).
   */
  maxDriftHz: number;
  /** Shortest steady part before a run may change frequency, ms. Default 60. */
  minSegmentMs: number;
  /**
   * Minimum mean purity over a beep's tonal blocks (0..1). Default 0.9: a beep over a line reads
   * 0.95-1.0; the steadiest vowel found in the recordings read 0.6-0.9 (mean 0.8).
   */
  minMeanPurity: number;
  /** Shortest run reported as a beep, ms. Default 150. */
  minBeepMs: number;
  /**
   * Loud non-tonal blocks bridged inside a run, count. Default 1: the block where a two-tone beep
   * changes frequency holds both tones and reads impure. A quiet block always ends a run.
   */
  maxGapBlocks: number;
}

export const DEFAULT_TONE_OPTIONS: ToneOptions = {
  minHz: 300,
  maxHz: 2500,
  stepHz: 20,
  blockMs: 20,
  minLevelDbfs: -45,
  minPurity: 0.7,
  maxDriftHz: 10,
  minSegmentMs: 60,
  minBeepMs: 150,
  minMeanPurity: 0.9,
  maxGapBlocks: 1,
};

/** A detected beep. Times are ms of audio since the detector began. */
export interface Beep {
  startMs: number;
  endMs: number;
  durationMs: number;
  /** Frequency of the longest steady part, Hz (rounded). */
  frequencyHz: number;
}

/** One block's analysis (exported for tests and the benchmark's diagnostics). */
export interface BlockAnalysis {
  frequencyHz: number;
  purity: number;
  levelDbfs: number;
  tonal: boolean;
}

interface Bank {
  rate: number;
  n: number;
  window: Float64Array;
  /** (sum w)^2 / (2 sum w^2): peak power over block energy of a pure tone after windowing. */
  pureRatio: number;
  freqs: number[];
  coeffs: Float64Array;
}

interface Segment {
  startMs: number;
  ms: number;
  hz: number;
  /** Sum of the tonal blocks' purities and their count. */
  puritySum: number;
  blocks: number;
}

export class ToneDetector {
  readonly options: ToneOptions;
  private bank: Bank | undefined;
  private buf = new Float64Array(0);
  private fill = 0;
  private timeMs = 0;
  /** The current run of tonal blocks: its steady parts, in order. */
  private run: Segment[] = [];
  /** Non-tonal blocks since the run's last tonal one. */
  private gap = 0;

  constructor(options: Partial<ToneOptions> = {}) {
    this.options = { ...DEFAULT_TONE_OPTIONS, ...options };
  }

  /** True while a run of tonal blocks is open (a beep may be under way). */
  get active(): boolean {
    return this.run.length > 0;
  }

  /** Audio time fed so far, ms (whole blocks only). */
  get nowMs(): number {
    return this.timeMs;
  }

  /** Feed PCM at any rate in any chunk size; returns the beeps that ended in it, in order. */
  push(pcm: Int16Array, sampleRateHz: number): Beep[] {
    const bank = this.bankFor(sampleRateHz);
    const out: Beep[] = [];
    for (const s of pcm) {
      this.buf[this.fill++] = s / 32768;
      if (this.fill === bank.n) {
        this.fill = 0;
        const beep = this.step(analyseBlock(this.buf, bank, this.options));
        if (beep) out.push(beep);
      }
    }
    return out;
  }

  /** End of audio: a tone still sounding is reported if long enough. */
  flush(): Beep[] {
    const beep = this.closeRun();
    return beep ? [beep] : [];
  }

  private bankFor(rate: number): Bank {
    if (this.bank?.rate === rate) return this.bank;
    // A new rate restarts the analysis (a call's rate does not change mid-stream).
    const o = this.options;
    const n = Math.round((rate * o.blockMs) / 1000);
    const window = new Float64Array(n);
    let sw = 0;
    let sw2 = 0;
    for (let i = 0; i < n; i++) {
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / n);
      window[i] = w;
      sw += w;
      sw2 += w * w;
    }
    const top = Math.min(o.maxHz, rate / 2 - 200);
    const freqs: number[] = [];
    for (let f = o.minHz; f <= top; f += o.stepHz) freqs.push(f);
    const coeffs = Float64Array.from(freqs, (f) => 2 * Math.cos((2 * Math.PI * f) / rate));
    this.bank = { rate, n, window, pureRatio: (sw * sw) / (2 * sw2), freqs, coeffs };
    this.buf = new Float64Array(n);
    this.fill = 0;
    return this.bank;
  }

  private step(a: BlockAnalysis): Beep | undefined {
    const o = this.options;
    const at = this.timeMs;
    this.timeMs += o.blockMs;
    if (!a.tonal) {
      const loud = a.levelDbfs >= o.minLevelDbfs;
      if (loud && this.run.length > 0 && this.gap < o.maxGapBlocks) {
        this.gap++;
        return undefined;
      }
      return this.closeRun();
    }
    const bridged = this.gap * o.blockMs;
    this.gap = 0;
    const cur = this.run[this.run.length - 1];
    if (!cur) {
      this.run.push(segment(at, o.blockMs, a));
      return undefined;
    }
    const drift = Math.max(o.maxDriftHz, 0.01 * cur.hz);
    if (Math.abs(a.frequencyHz - cur.hz) <= drift) {
      // Follow slow drift (decaying beeps sag a little) with a running mean.
      cur.hz = (cur.hz * cur.ms + a.frequencyHz * o.blockMs) / (cur.ms + o.blockMs);
      cur.ms += o.blockMs + bridged;
      cur.puritySum += a.purity;
      cur.blocks++;
      return undefined;
    }
    if (cur.ms >= o.minSegmentMs) {
      this.run.push(segment(at, o.blockMs, a));
      return undefined;
    }
    // A jump after too short a steady part: gliding pitch, not a beep. That part is dropped; the
    // run's earlier steady parts are a beep only if they alone make one. Start again from here.
    const beep = this.closeRun(cur);
    this.run = [segment(at, o.blockMs, a)];
    return beep;
  }

  /** Ends the open run; a beep if its steady parts (less a trailing short one) last long enough. */
  private closeRun(dropTail?: Segment): Beep | undefined {
    const parts = this.run.filter((s) => s !== dropTail);
    this.run = [];
    this.gap = 0;
    const first = parts[0];
    const last = parts[parts.length - 1];
    if (!first || !last) return undefined;
    const endMs = last.startMs + last.ms;
    const durationMs = endMs - first.startMs;
    if (durationMs < this.options.minBeepMs) return undefined;
    const main = parts.reduce((a, b) => (b.ms > a.ms ? b : a));
    if (main.ms < this.options.minSegmentMs) return undefined;
    const blocks = parts.reduce((n, s) => n + s.blocks, 0);
    const purity = parts.reduce((n, s) => n + s.puritySum, 0) / Math.max(1, blocks);
    if (purity < this.options.minMeanPurity) return undefined;
    return { startMs: first.startMs, endMs, durationMs, frequencyHz: Math.round(main.hz) };
  }
}

function segment(startMs: number, ms: number, a: BlockAnalysis): Segment {
  return { startMs, ms, hz: a.frequencyHz, puritySum: a.purity, blocks: 1 };
}

/** Goertzel bank over one windowed block; exported for tests. */
export function analyseBlock(x: Float64Array, bank: Bank, o: ToneOptions): BlockAnalysis {
  const { n, window } = bank;
  let energy = 0;
  let raw = 0;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i] ?? 0;
    raw += v * v;
    const w = v * (window[i] ?? 0);
    y[i] = w;
    energy += w * w;
  }
  const levelDbfs = 10 * Math.log10(raw / n + 1e-12) + 3.01; // full-scale sine = 0 dBFS
  if (levelDbfs < o.minLevelDbfs || energy === 0) {
    return { frequencyHz: 0, purity: 0, levelDbfs, tonal: false };
  }
  const powers = new Float64Array(bank.freqs.length);
  let best = 0;
  for (let k = 0; k < bank.freqs.length; k++) {
    const c = bank.coeffs[k] ?? 0;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const s0 = (y[i] ?? 0) + c * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const p = s1 * s1 + s2 * s2 - c * s1 * s2;
    powers[k] = p;
    if (p > (powers[best] ?? 0)) best = k;
  }
  // Parabolic interpolation on log power around the peak bin.
  const p0 = Math.log((powers[best - 1] ?? powers[best] ?? 0) + 1e-30);
  const p1 = Math.log((powers[best] ?? 0) + 1e-30);
  const p2 = Math.log((powers[best + 1] ?? powers[best] ?? 0) + 1e-30);
  const den = p0 - 2 * p1 + p2;
  const delta = den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (p0 - p2)) / den)) : 0;
  const frequencyHz = (bank.freqs[best] ?? 0) + delta * o.stepHz;
  // The bin nearest the interpolated peak under-reads by at most the scallop loss of half a step;
  // take the interpolated peak power instead (log-parabola vertex).
  const peakPower = Math.exp(p1 - 0.25 * (p0 - p2) * delta);
  const purity = Math.min(1, peakPower / (energy * bank.pureRatio));
  return { frequencyHz, purity, levelDbfs, tonal: purity >= o.minPurity };
}
