/**
 * Streaming rational-ratio resampler: polyphase FIR with a Kaiser-windowed sinc prototype.
 *
 * Design (documented because callers hear the result):
 * - ratio L/M = outRate/inRate reduced by gcd (8k->16k is 2/1, 16k->8k 1/2, 24k->16k 2/3,
 *   22.05k->16k 320/441, 22.05k->8k 160/441);
 * - the prototype low-pass runs at L*inRate with cutoff = `passbandFraction` (default 0.95) of the
 *   lower Nyquist of the two rates, so 16k->8k is -6 dB at 3.8 kHz (see the tests for measured figures);
 * - `tapsPerPhase` (default 32, times ceil(M/L) when decimating) input samples per output sample,
 *   Kaiser beta (default 8.0, about -80 dB side lobes); each phase is normalized to unity DC gain so
 *   tones keep their amplitude;
 * - state (input history and fractional phase) is kept across calls, so 20 ms chunks produce exactly
 *   the same samples as one call with the whole signal (no clicks at frame edges);
 * - group delay is half the filter length (2 ms at 8 kHz in, 1 ms at 16 kHz in, 2 ms for 16k->8k).
 */

export interface ResamplerOptions {
  tapsPerPhase?: number;
  kaiserBeta?: number;
  passbandFraction?: number;
  /**
   * Start the output clock half a filter later so that output sample n sits at input time
   * n * inRate / outRate (no group delay). For one-shot use on whole signals; default false.
   */
  zeroDelay?: boolean;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Zeroth-order modified Bessel function of the first kind (series), for the Kaiser window. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

export class Resampler {
  readonly inRateHz: number;
  readonly outRateHz: number;
  private readonly up: number;
  private readonly down: number;
  private readonly taps: number;
  /** Flattened polyphase bank: phase p at [p * taps, (p + 1) * taps), reversed: entry k multiplies x[i - taps + 1 + k]. */
  private readonly bank: Float64Array;
  /** Working buffer: history (`taps` samples) followed by the current input; reused across calls. */
  private work: Float64Array;
  /** Output time in units of 1/(L*inRate), relative to work[0]. */
  private nextOutPos: number;
  private readonly passthrough: boolean;

  constructor(inRateHz: number, outRateHz: number, opts: ResamplerOptions = {}) {
    if (!Number.isInteger(inRateHz) || !Number.isInteger(outRateHz) || inRateHz <= 0 || outRateHz <= 0) {
      throw new RangeError(`Resampler: invalid rates ${inRateHz} -> ${outRateHz}`);
    }
    this.inRateHz = inRateHz;
    this.outRateHz = outRateHz;
    const g = gcd(inRateHz, outRateHz);
    this.up = outRateHz / g;
    this.down = inRateHz / g;
    this.passthrough = this.up === 1 && this.down === 1;
    // Longer filters when decimating so the transition band stays narrow in output Hz.
    this.taps = (opts.tapsPerPhase ?? 32) * Math.max(1, Math.ceil(this.down / this.up));
    const beta = opts.kaiserBeta ?? 8.0;
    const frac = opts.passbandFraction ?? 0.95;
    const total = this.up * this.taps;
    // Cutoff in cycles per sample at the upsampled rate.
    const fc = (0.5 / Math.max(this.up, this.down)) * frac;
    const center = (total - 1) / 2;
    const i0b = besselI0(beta);
    const proto = new Float64Array(total);
    for (let n = 0; n < total; n++) {
      const t = n - center;
      const sinc = t === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * t) / (Math.PI * t);
      const r = (2 * n) / (total - 1) - 1;
      proto[n] = sinc * (besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0b);
    }
    this.bank = new Float64Array(total);
    for (let p = 0; p < this.up; p++) {
      let sum = 0;
      for (let k = 0; k < this.taps; k++) sum += proto[p + k * this.up] as number;
      // Stored reversed (oldest input first) so the inner loop walks both arrays forward.
      for (let k = 0; k < this.taps; k++) {
        this.bank[p * this.taps + (this.taps - 1 - k)] =
          (proto[p + k * this.up] as number) / (sum === 0 ? 1 : sum);
      }
    }
    // Start with `taps` zeros of history so the first outputs are well defined (filter warm-up). One
    // sample more than the filter span is kept because the next output may sit just before the last input.
    this.work = new Float64Array(this.taps + 1024);
    this.nextOutPos = this.taps * this.up + (opts.zeroDelay ? Math.floor((total - 1) / 2) : 0);
  }

  /** Resample one chunk; returns as many output samples as the input so far allows. */
  process(input: Int16Array): Int16Array {
    if (this.passthrough) return input.slice();
    const keep = this.taps;
    const len = keep + input.length;
    if (this.work.length < len) {
      const bigger = new Float64Array(len * 2);
      bigger.set(this.work.subarray(0, keep));
      this.work = bigger;
    }
    const buf = this.work;
    for (let i = 0; i < input.length; i++) buf[keep + i] = input[i] as number;
    const up = this.up;
    const down = this.down;
    const taps = this.taps;
    const bank = this.bank;
    const lastPos = (len - 1) * up;
    const count = this.nextOutPos > lastPos ? 0 : Math.floor((lastPos - this.nextOutPos) / down) + 1;
    const out = new Int16Array(count);
    let pos = this.nextOutPos;
    for (let o = 0; o < count; o++) {
      const i = Math.floor(pos / up);
      const base = (pos - i * up) * taps;
      const first = i - taps + 1;
      let acc = 0;
      for (let k = 0; k < taps; k++) acc += (bank[base + k] as number) * (buf[first + k] as number);
      const v = Math.round(acc);
      out[o] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
      pos += down;
    }
    // Keep the last `taps` samples at the front; shift the output clock accordingly.
    const keepFrom = len - keep;
    buf.copyWithin(0, keepFrom, len);
    this.nextOutPos = pos - keepFrom * up;
    return out;
  }

  /** Filter span in input samples (taps per phase). */
  get filterLength(): number {
    return this.taps;
  }

  /** Number of output samples a chunk of `inputSamples` will produce on average (for sizing). */
  expectedOutput(inputSamples: number): number {
    return (inputSamples * this.up) / this.down;
  }
}

/**
 * One-shot resample of a whole signal with the group delay removed and the tail flushed: exactly
 * floor(length * outRate / inRate) samples, sample n at input time n * inRate / outRate (within
 * half a sample of the upsampled grid). For engines that hand over whole utterances or sentences.
 */
export function resampleAligned(
  pcm: Int16Array,
  inRateHz: number,
  outRateHz: number,
  opts: Omit<ResamplerOptions, 'zeroDelay'> = {},
): Int16Array {
  if (inRateHz === outRateHz) return pcm;
  const r = new Resampler(inRateHz, outRateHz, { ...opts, zeroDelay: true });
  const want = Math.floor((pcm.length * outRateHz) / inRateHz);
  const head = r.process(pcm);
  // The filter still holds the last half window of input: push zeros until the tail is out.
  const tail = r.process(new Int16Array(Math.ceil(r.filterLength / 2) + 2));
  const out = new Int16Array(want);
  out.set(head.subarray(0, want));
  if (head.length < want) out.set(tail.subarray(0, want - head.length), head.length);
  return out;
}

/** Convenience one-shot resample (new filter state each call). */
export function resample(pcm: Int16Array, inRateHz: number, outRateHz: number): Int16Array {
  return new Resampler(inRateHz, outRateHz).process(pcm);
}
