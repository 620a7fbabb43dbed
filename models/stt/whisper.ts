/**
 * Whisper STT in-process via sherpa-onnx-node (prebuilt binaries from npm), model loaded once.
 * Expected files (sherpa-onnx whisper export, int8): <modelsDir>/whisper-<variant>/
 *   <variant>-encoder.int8.onnx, <variant>-decoder.int8.onnx, <variant>-tokens.txt
 * Decoding runs on the addon's worker thread (decodeAsync); utterances are serialized so one
 * decode uses the configured threads and the event loop stays free.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { modelMetrics, type ModelMetrics } from '../metrics.js';
import { int16ToFloat32, resample } from '../audio/pcm.js';
import { assertPcm, ModelError, type EngineStatus, type PcmAudio } from '../types.js';
import type { SttEngine, SttRequestOptions, SttResult, SttStream } from './types.js';
import { checkWhisperExport } from './whisper-export.js';

export const WHISPER_VARIANTS = ['tiny.en', 'base.en'] as const;
export type WhisperVariant = (typeof WHISPER_VARIANTS)[number];
/** The language asked of multilingual exports (the .en variants ignore it). */
const WHISPER_LANGUAGE = 'en';

export function whisperFiles(
  modelsDir: string,
  variant: WhisperVariant,
): { encoder: string; decoder: string; tokens: string } {
  const dir = path.join(modelsDir, `whisper-${variant}`);
  return {
    encoder: path.join(dir, `${variant}-encoder.int8.onnx`),
    decoder: path.join(dir, `${variant}-decoder.int8.onnx`),
    tokens: path.join(dir, `${variant}-tokens.txt`),
  };
}

/** Status without loading anything: missing-weights names the expected files. */
export function whisperStatus(modelsDir: string, variant: WhisperVariant = 'tiny.en'): EngineStatus {
  const files = Object.values(whisperFiles(modelsDir, variant));
  const missing = files.filter((f) => !existsSync(f));
  const engine = `whisper-${variant}`;
  if (missing.length > 0) {
    return {
      engine,
      state: 'missing-weights',
      reason: `missing ${missing.join(', ')}`,
      expectedFiles: files,
    };
  }
  try {
    createRequire(import.meta.url).resolve('sherpa-onnx-node');
  } catch {
    return { engine, state: 'unavailable', reason: 'npm package sherpa-onnx-node is not installed' };
  }
  return { engine, state: 'ready' };
}

/**
 * Whisper input conditioning: 16 kHz float, DC removed, peak-normalized to -3 dBFS (telephone
 * audio is often quiet; Whisper's log-mel is level sensitive at the low end), 0.3 s of silence
 * padded at both ends (Whisper drops words that touch the window edge).
 */
export function whisperPreprocess(pcm: Int16Array, sampleRateHz: number): Float32Array {
  const x = int16ToFloat32(resample(pcm, sampleRateHz, 16000));
  let mean = 0;
  for (const v of x) mean += v;
  mean /= Math.max(1, x.length);
  let peak = 0;
  for (let i = 0; i < x.length; i++) {
    const v = (x[i] ?? 0) - mean;
    x[i] = v;
    peak = Math.max(peak, Math.abs(v));
  }
  const gain = peak > 1e-4 ? Math.min(20, 0.708 / peak) : 1;
  const pad = 4800;
  const out = new Float32Array(x.length + 2 * pad);
  for (let i = 0; i < x.length; i++) out[pad + i] = (x[i] ?? 0) * gain;
  return out;
}

/** The slice of sherpa-onnx-node this engine uses (typed locally: the package ships JS only). */
interface SherpaStream {
  acceptWaveform(w: { samples: Float32Array; sampleRate: number }): void;
}
interface SherpaRecognizer {
  createStream(): SherpaStream;
  decodeAsync(s: SherpaStream): Promise<void>;
  getResult(s: SherpaStream): { text?: string };
}
interface SherpaModule {
  OfflineRecognizer: { createAsync(config: unknown): Promise<SherpaRecognizer> };
}

export class WhisperEngine implements SttEngine {
  readonly name: string;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly recognizer: SherpaRecognizer,
    variant: WhisperVariant,
    private readonly metrics: ModelMetrics | undefined,
  ) {
    this.name = `whisper-${variant}`;
  }

  static async load(opts: {
    modelsDir: string;
    variant?: WhisperVariant;
    numThreads?: number;
    logger?: Logger;
    /** models_request_latency_seconds / models_request_errors_total{kind="stt"} go here. */
    registry?: Registry;
  }): Promise<WhisperEngine> {
    const variant = opts.variant ?? 'tiny.en';
    const st = whisperStatus(opts.modelsDir, variant);
    if (st.state === 'missing-weights')
      throw new ModelError(`whisper: ${st.reason ?? 'missing weights'}`, 'missing-weights');
    if (st.state !== 'ready') throw new ModelError(`whisper: ${st.reason ?? 'unavailable'}`, 'unavailable');
    const files = whisperFiles(opts.modelsDir, variant);
    // sherpa-onnx ends the process on a malformed export; refuse it here with a clear error.
    await checkWhisperExport({ encoder: files.encoder, tokens: files.tokens, language: WHISPER_LANGUAGE });
    const sherpa = createRequire(import.meta.url)('sherpa-onnx-node') as SherpaModule;
    const config = {
      featConfig: { sampleRate: 16000, featureDim: 80 },
      modelConfig: {
        whisper: {
          encoder: files.encoder,
          decoder: files.decoder,
          language: WHISPER_LANGUAGE,
          task: 'transcribe',
          tailPaddings: -1,
        },
        tokens: files.tokens,
        numThreads: opts.numThreads ?? 2,
        provider: 'cpu',
        debug: 0,
      },
      decodingMethod: 'greedy_search',
    };
    try {
      const recognizer = await sherpa.OfflineRecognizer.createAsync(config);
      opts.logger?.info({ variant }, 'whisper loaded');
      return new WhisperEngine(recognizer, variant, modelMetrics(opts.registry));
    } catch (err) {
      throw new ModelError(`whisper failed to load: ${(err as Error).message}`, 'engine-failed');
    }
  }

  status(): EngineStatus {
    return { engine: this.name, state: 'ready' };
  }

  transcribe(audio: PcmAudio, opts: SttRequestOptions = {}): Promise<SttResult> {
    assertPcm(audio.pcm, audio.sampleRateHz);
    const run = this.queue.then(async () => {
      if (opts.signal?.aborted) throw new ModelError('aborted', 'aborted');
      const t0 = performance.now();
      const samples = whisperPreprocess(audio.pcm, audio.sampleRateHz);
      const stream = this.recognizer.createStream();
      stream.acceptWaveform({ samples, sampleRate: 16000 });
      await this.recognizer.decodeAsync(stream);
      const text = (this.recognizer.getResult(stream).text ?? '').trim();
      const latencyMs = performance.now() - t0;
      this.metrics?.latency.observe({ kind: 'stt', engine: this.name }, latencyMs / 1000);
      return {
        text,
        engine: this.name,
        audioMs: (audio.pcm.length / audio.sampleRateHz) * 1000,
        latencyMs,
      };
    });
    this.queue = run.catch((err: unknown) => {
      if (!(err instanceof ModelError && err.code === 'aborted'))
        this.metrics?.errors.inc({ kind: 'stt', engine: this.name });
    });
    return run;
  }

  /** Whisper is not incremental: audio is buffered and decoded at end(). */
  startStream(opts: SttRequestOptions = {}): SttStream {
    const parts: Int16Array[] = [];
    let aborted = false;
    return {
      write: (pcm, sampleRateHz) => {
        assertPcm(pcm, sampleRateHz);
        parts.push(resample(pcm, sampleRateHz, 16000));
      },
      end: () => {
        if (aborted) return Promise.reject(new ModelError('aborted', 'aborted'));
        const len = parts.reduce((a, p) => a + p.length, 0);
        const pcm = new Int16Array(len);
        let off = 0;
        for (const p of parts) {
          pcm.set(p, off);
          off += p.length;
        }
        return this.transcribe({ pcm, sampleRateHz: 16000 }, opts);
      },
      abort: () => {
        aborted = true;
      },
    };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
