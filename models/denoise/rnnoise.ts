/**
 * RNNoise (xiph, the recurrent noise suppressor) as WebAssembly with its weights compiled in
 * (`@echogarden/rnnoise-wasm` 0.2.0), for the caller's audio before VAD and STT.
 *
 * RNNoise works on 48 kHz, 480-sample (10 ms) frames of float samples on the int16 scale. Calls
 * deliver 16 kHz in 20 ms chunks, so each stream keeps two of the shared polyphase resamplers
 * (lib/audio/resampler.ts: 16 -> 48 kHz and back, state kept across chunks, no clicks at the
 * edges) and a carry of input samples short of a whole frame. Added delay: under one 10 ms frame
 * of carry plus the two filters' group delay (about 1 ms each), ~12 ms in all.
 *
 * Why this build (README "Caller audio"): it loads in Node as is (ESM, the .wasm beside it);
 * `@shiguredo/rnnoise-wasm` refuses to start outside a browser, and `@jitsi/rnnoise-wasm` 0.2.1
 * costs 450-520 us per 10 ms frame here (4.5-5 % of a core per call) against 180-310 us.
 */
import { Resampler } from '../../lib/index.js';
import { ModelError } from '../types.js';

/** RNNoise's frame: 480 samples at 48 kHz = 10 ms. */
export const RNNOISE_FRAME = 480;
export const RNNOISE_RATE_HZ = 48_000;

/** The few Emscripten exports of the package (it ships no types). */
export interface RnnoiseModule {
  HEAPF32: Float32Array;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  /** `model` 0: the weights compiled into the WASM. Returns a DenoiseState pointer. */
  _rnnoise_create(model: number): number;
  _rnnoise_destroy(state: number): void;
  _rnnoise_get_frame_size(): number;
  /** Denoises one frame (out may equal in); returns the frame's voice probability 0..1. */
  _rnnoise_process_frame(state: number, out: number, input: number): number;
}

/** A variable specifier: the untyped package is imported as the interface above. */
const PACKAGE = '@echogarden/rnnoise-wasm';
let loading: Promise<RnnoiseModule> | undefined;

/** Instantiates the WASM once per thread (about 130 KB; a few ms). */
export function loadRnnoise(): Promise<RnnoiseModule> {
  loading ??= (import(PACKAGE) as Promise<{ default: () => Promise<RnnoiseModule> }>)
    .then((pkg) => pkg.default())
    .then((m) => {
      const n = m._rnnoise_get_frame_size();
      if (n !== RNNOISE_FRAME) throw new ModelError(`rnnoise frame is ${n}, expected 480`, 'engine-failed');
      return m;
    });
  return loading;
}

/** One stream's denoiser: 16 kHz int16 in any chunk size, as many samples out (delayed ~12 ms). */
export class RnnoiseDenoiser {
  private readonly state: number;
  private readonly buf: number;
  private readonly up: Resampler;
  private readonly down: Resampler;
  /** 48 kHz samples waiting for a whole frame. */
  private carry = new Float32Array(0);
  private destroyed = false;
  /** RNNoise's own voice probability of the last frame (0..1). */
  lastVoiceProbability = 0;

  constructor(
    private readonly m: RnnoiseModule,
    readonly rateHz = 16_000,
  ) {
    this.state = m._rnnoise_create(0);
    this.buf = m._malloc(RNNOISE_FRAME * 4);
    this.up = new Resampler(rateHz, RNNOISE_RATE_HZ);
    this.down = new Resampler(RNNOISE_RATE_HZ, rateHz);
  }

  process(pcm: Int16Array): Int16Array {
    if (this.destroyed) throw new ModelError('denoiser destroyed', 'bad-input');
    const hi = this.up.process(pcm);
    const all = new Float32Array(this.carry.length + hi.length);
    all.set(this.carry);
    for (let i = 0; i < hi.length; i++) all[this.carry.length + i] = hi[i] as number;
    const frames = Math.floor(all.length / RNNOISE_FRAME);
    const out = new Int16Array(frames * RNNOISE_FRAME);
    const base = this.buf >> 2;
    for (let f = 0; f < frames; f++) {
      const frame = all.subarray(f * RNNOISE_FRAME, (f + 1) * RNNOISE_FRAME);
      // HEAPF32 is re-read each frame: a memory growth inside the module replaces the view.
      this.m.HEAPF32.set(frame, base);
      this.lastVoiceProbability = this.m._rnnoise_process_frame(this.state, this.buf, this.buf);
      const heap = this.m.HEAPF32;
      for (let i = 0; i < RNNOISE_FRAME; i++) {
        const v = Math.round(heap[base + i] as number);
        out[f * RNNOISE_FRAME + i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
      }
    }
    this.carry = all.slice(frames * RNNOISE_FRAME);
    return this.down.process(out);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.m._rnnoise_destroy(this.state);
    this.m._free(this.buf);
  }
}
