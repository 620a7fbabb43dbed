/**
 * The caller-audio chain of one call, synchronous: RNNoise denoiser, then AGC (so the gain follows
 * the speech, not the noise). Runs inside the cleaner worker (cleaner.ts); benchmarks run it in
 * process to measure its CPU.
 */
import { Agc, type AgcOptions } from './agc.js';
import { RnnoiseDenoiser, type RnnoiseModule } from './rnnoise.js';

export interface CallerAudioOptions {
  /** RNNoise on the caller's audio before VAD and STT. */
  denoise?: boolean;
  /** Slow bounded gain for quiet callers (agc.ts). */
  agc?: boolean;
  agcOptions?: AgcOptions;
}

export class CallerAudioChain {
  private readonly denoiser: RnnoiseDenoiser | undefined;
  private readonly agc: Agc | undefined;

  /** `m` is needed when `denoise` is on (loadRnnoise()). */
  constructor(m: RnnoiseModule | undefined, opts: CallerAudioOptions, rateHz = 16_000) {
    this.denoiser = opts.denoise && m ? new RnnoiseDenoiser(m, rateHz) : undefined;
    this.agc = opts.agc ? new Agc(rateHz, opts.agcOptions) : undefined;
  }

  get active(): boolean {
    return this.denoiser !== undefined || this.agc !== undefined;
  }

  /** The AGC's gain now, dB (0 without AGC). */
  get gainDb(): number {
    return this.agc?.gainDb ?? 0;
  }

  process(pcm: Int16Array): Int16Array {
    let x = pcm;
    if (this.denoiser) x = this.denoiser.process(x);
    if (this.agc) x = this.agc.process(x);
    return x;
  }

  destroy(): void {
    this.denoiser?.destroy();
  }
}
