/**
 * Piper (VITS) voices on onnxruntime-node. Phonemes come from espeak-ng (`--ipa`, same voice as
 * the config's espeak.voice), clause punctuation is re-attached as piper-phonemize does, and
 * codepoints map to ids through the voice config's phoneme_id_map:
 *   ^ _ (phoneme _)* $   (BOS, PAD after every symbol, EOS).
 * Files: <modelsDir>/piper-<voice>/<voice>.onnx + <voice>.onnx.json
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type * as OrtTypes from 'onnxruntime-node';
import type { Registry } from 'prom-client';
import { modelMetrics, type ModelMetrics } from '../metrics.js';
import { float32ToInt16 } from '../audio/pcm.js';
import { ModelError, type EngineStatus, type PcmAudio } from '../types.js';
import { sanitizeTtsText } from './cli-engines.js';
import type { TtsEngine, TtsSynthOptions } from './types.js';

export const DEFAULT_PIPER_VOICE = 'en_US-libritts_r-medium';

export interface PiperVoiceConfig {
  audio: { sample_rate: number };
  espeak: { voice: string };
  inference?: { noise_scale?: number; length_scale?: number; noise_w?: number };
  phoneme_id_map: Record<string, number[]>;
  num_speakers?: number;
}

export function piperFiles(
  modelsDir: string,
  voice = DEFAULT_PIPER_VOICE,
): { model: string; config: string } {
  const dir = path.join(modelsDir, `piper-${voice}`);
  return { model: path.join(dir, `${voice}.onnx`), config: path.join(dir, `${voice}.onnx.json`) };
}

export function piperStatus(modelsDir: string, voice = DEFAULT_PIPER_VOICE): EngineStatus {
  const f = piperFiles(modelsDir, voice);
  const missing = [f.model, f.config].filter((x) => !existsSync(x));
  return missing.length > 0
    ? {
        engine: `piper-${voice}`,
        state: 'missing-weights',
        reason: `missing ${missing.join(', ')}`,
        expectedFiles: [f.model, f.config],
      }
    : { engine: `piper-${voice}`, state: 'ready' };
}

export async function loadPiperConfig(file: string): Promise<PiperVoiceConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ModelError(`piper voice config unreadable: ${(err as Error).message}`, 'bad-input');
  }
  const c = raw as Partial<PiperVoiceConfig>;
  if (!c.phoneme_id_map || typeof c.audio?.sample_rate !== 'number' || typeof c.espeak?.voice !== 'string') {
    throw new ModelError(
      'piper voice config lacks phoneme_id_map / audio.sample_rate / espeak.voice',
      'bad-input',
    );
  }
  return c as PiperVoiceConfig;
}

function espeakClauses(clauses: readonly string[], voice: string, signal?: AbortSignal): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'espeak-ng',
      ['-q', '--ipa', '-v', voice, '--stdin'],
      { timeout: 10000, ...(signal ? { signal } : {}) },
      (err, stdout) => {
        if (err)
          return reject(
            new ModelError(
              `espeak-ng phonemizer: ${err.message}`,
              signal?.aborted ? 'aborted' : 'engine-failed',
            ),
          );
        resolve(stdout.split('\n').map((l) => l.trim()));
      },
    );
    child.stdin?.end(clauses.join('\n') + '\n');
  });
}

/**
 * Text -> phoneme codepoints. Each clause is phonemized on its own line so the clause-ending
 * punctuation (, . ? ! ; :) can be put back; Piper voices use it for prosody and pauses.
 */
export async function piperPhonemize(
  text: string,
  espeakVoice: string,
  signal?: AbortSignal,
): Promise<string[]> {
  // A clause ends at punctuation followed by a space or the end: "$1,200", "5:30" and "3.5" stay
  // whole, so espeak reads them as one number / time instead of two clauses.
  const parts = [...text.matchAll(/(.+?)([,.;:!?]+)(?=\s|$)|(.+)$/gsu)]
    .map((m) => ({ words: (m[1] ?? m[3] ?? '').trim(), punct: (m[2] ?? '').slice(0, 1) }))
    .filter((p) => p.words.length > 0);
  if (parts.length === 0) return [];
  // Each line ends with its punctuation (or '.') so espeak emits exactly one line per clause.
  const lines = (
    await espeakClauses(
      parts.map((p) => `${p.words}${p.punct || '.'}`),
      espeakVoice,
      signal,
    )
  ).filter((l) => l.length > 0);
  // espeak may split a clause further; if the counts disagree keep phonemes and drop punctuation.
  const aligned = lines.length === parts.length;
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (i > 0) out.push(' ');
    out.push(...Array.from(line));
    const p = aligned ? parts[i]?.punct : '';
    if (p) out.push(p);
  });
  return out;
}

/** Phoneme codepoints -> ids; symbols absent from the map are skipped (as piper does). */
export function phonemesToIds(
  phonemes: readonly string[],
  idMap: Record<string, number[]>,
): { ids: number[]; missing: string[] } {
  const pad = idMap['_'] ?? [0];
  const ids = [...(idMap['^'] ?? [1]), ...pad];
  const missing: string[] = [];
  for (const ph of phonemes) {
    const id = idMap[ph];
    if (!id) {
      missing.push(ph);
      continue;
    }
    ids.push(...id, ...pad);
  }
  ids.push(...(idMap['$'] ?? [2]));
  return { ids, missing };
}

export class PiperTts implements TtsEngine {
  readonly name: string;
  readonly sampleRateHz: number;

  private constructor(
    private readonly ort: typeof OrtTypes,
    private readonly session: OrtTypes.InferenceSession,
    private readonly config: PiperVoiceConfig,
    voice: string,
    private readonly speakerId: number,
    private readonly metrics: ModelMetrics | undefined,
  ) {
    this.name = `piper-${voice}`;
    this.sampleRateHz = config.audio.sample_rate;
  }

  static async load(opts: {
    modelsDir: string;
    voice?: string;
    speakerId?: number;
    intraOpThreads?: number;
    /** models_request_latency_seconds / models_request_errors_total{kind="tts"} go here. */
    registry?: Registry;
  }): Promise<PiperTts> {
    const voice = opts.voice ?? DEFAULT_PIPER_VOICE;
    const st = piperStatus(opts.modelsDir, voice);
    if (st.state !== 'ready') throw new ModelError(`piper: ${st.reason ?? 'not ready'}`, 'missing-weights');
    const files = piperFiles(opts.modelsDir, voice);
    const config = await loadPiperConfig(files.config);
    const ort = await import('onnxruntime-node');
    try {
      const session = await ort.InferenceSession.create(files.model, {
        intraOpNumThreads: opts.intraOpThreads ?? 1,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
      });
      return new PiperTts(ort, session, config, voice, opts.speakerId ?? 0, modelMetrics(opts.registry));
    } catch (err) {
      throw new ModelError(`piper model failed to load: ${(err as Error).message}`, 'engine-failed');
    }
  }

  status(): EngineStatus {
    return { engine: this.name, state: 'ready' };
  }

  async synthesize(text: string, opts: TtsSynthOptions = {}): Promise<PcmAudio> {
    const t0 = performance.now();
    try {
      const audio = await this.infer(text, opts);
      this.metrics?.latency.observe({ kind: 'tts', engine: this.name }, (performance.now() - t0) / 1000);
      return audio;
    } catch (err) {
      if (!(err instanceof ModelError && (err.code === 'aborted' || err.code === 'bad-input')))
        this.metrics?.errors.inc({ kind: 'tts', engine: this.name });
      throw err;
    }
  }

  private async infer(text: string, opts: TtsSynthOptions): Promise<PcmAudio> {
    const clean = sanitizeTtsText(text);
    const phonemes = await piperPhonemize(clean, this.config.espeak.voice, opts.signal);
    if (phonemes.length === 0) return { pcm: new Int16Array(0), sampleRateHz: this.sampleRateHz };
    const { ids } = phonemesToIds(phonemes, this.config.phoneme_id_map);
    const inf = this.config.inference ?? {};
    const { ort } = this;
    const feeds: Record<string, OrtTypes.Tensor> = {
      input: new ort.Tensor('int64', BigInt64Array.from(ids.map((i) => BigInt(i))), [1, ids.length]),
      input_lengths: new ort.Tensor('int64', BigInt64Array.from([BigInt(ids.length)]), [1]),
      scales: new ort.Tensor(
        'float32',
        Float32Array.from([inf.noise_scale ?? 0.667, inf.length_scale ?? 1, inf.noise_w ?? 0.8]),
        [3],
      ),
    };
    if ((this.config.num_speakers ?? 1) > 1) {
      feeds['sid'] = new ort.Tensor('int64', BigInt64Array.from([BigInt(this.speakerId)]), [1]);
    }
    const out = await this.session.run(feeds);
    if (opts.signal?.aborted) throw new ModelError('aborted', 'aborted');
    const audio = out['output'];
    if (!audio) throw new ModelError('piper output missing', 'engine-failed');
    return { pcm: float32ToInt16(audio.data as Float32Array), sampleRateHz: this.sampleRateHz };
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
