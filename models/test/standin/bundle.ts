/**
 * An import bundle of stand-in models, laid out exactly as a customer's bundle of real weights
 * (the paths of models/manager/manifest.ts); `scripts/make-standin-models.ts` is its CLI.
 * The ONNX files are random-weight graphs with the real models' input/output names, types and
 * shapes (./models.ts); they exercise the engines' plumbing, and their output is
 * noise. The small real files of those models ride along unchanged because their sha256 is pinned:
 * the Piper voice config, the MiniLM vocab.txt and (when present) the Silero VAD.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeOnnx } from './onnx-writer.js';
import { miniLmStandin, piperStandin, whisperStandin } from './models.js';

export const STANDIN_PIPER_VOICE = 'en_US-libritts_r-medium';

export interface StandinSources {
  /** The real Piper voice config (<voice>.onnx.json): sample rate, phoneme map, speakers. */
  piperConfig: string;
  /** The real all-MiniLM-L6-v2 vocab.txt. */
  miniLmVocab: string;
  /** The real Silero VAD (optional: the bundle then has no VAD model). */
  sileroVad?: string;
}

/** The real files the generator needs, found under a models dir laid out like ../shared/models. */
export function standinSources(modelsDir: string): StandinSources | undefined {
  const s: StandinSources = {
    piperConfig: path.join(modelsDir, `piper-${STANDIN_PIPER_VOICE}`, `${STANDIN_PIPER_VOICE}.onnx.json`),
    miniLmVocab: path.join(modelsDir, 'all-MiniLM-L6-v2', 'vocab.txt'),
  };
  if (!existsSync(s.piperConfig) || !existsSync(s.miniLmVocab)) return undefined;
  const silero = path.join(modelsDir, 'silero-vad', 'silero_vad.onnx');
  return existsSync(silero) ? { ...s, sileroVad: silero } : s;
}

/** Writes the bundle's files (manifest paths) under outDir plus a SHA256SUMS; returns their paths. */
export function writeStandinBundle(outDir: string, src: StandinSources): string[] {
  const written: string[] = [];
  const put = (rel: string, data: Buffer | string): void => {
    const abs = path.join(outDir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, data);
    written.push(rel);
  };
  const copy = (rel: string, from: string): void => {
    const abs = path.join(outDir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    copyFileSync(from, abs);
    written.push(rel);
  };

  const voice = JSON.parse(readFileSync(src.piperConfig, 'utf8')) as {
    num_symbols?: number;
    num_speakers?: number;
    phoneme_id_map: Record<string, number[]>;
  };
  const maxId = Math.max(...Object.values(voice.phoneme_id_map).flat());
  const pdir = `piper-${STANDIN_PIPER_VOICE}`;
  put(
    `${pdir}/${STANDIN_PIPER_VOICE}.onnx`,
    encodeOnnx(piperStandin(Math.max(voice.num_symbols ?? 0, maxId + 1), voice.num_speakers ?? 1)),
  );
  copy(`${pdir}/${STANDIN_PIPER_VOICE}.onnx.json`, src.piperConfig);

  const vocabSize = readFileSync(src.miniLmVocab, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0).length;
  put('all-MiniLM-L6-v2/onnx/model_quantized.onnx', encodeOnnx(miniLmStandin(vocabSize)));
  copy('all-MiniLM-L6-v2/vocab.txt', src.miniLmVocab);

  const w = whisperStandin();
  put('whisper-tiny.en/tiny.en-encoder.int8.onnx', encodeOnnx(w.encoder));
  put('whisper-tiny.en/tiny.en-decoder.int8.onnx', encodeOnnx(w.decoder));
  put('whisper-tiny.en/tiny.en-tokens.txt', w.tokens);

  if (src.sileroVad) copy('silero-vad/silero_vad.onnx', src.sileroVad);

  const sums = written
    .map(
      (rel) =>
        `${createHash('sha256')
          .update(readFileSync(path.join(outDir, rel)))
          .digest('hex')}  ${rel}\n`,
    )
    .join('');
  put('SHA256SUMS', sums);
  return written;
}

/** Packs a bundle directory as a plain tar (the system tar, as `models import` unpacks it). */
export function packBundle(dir: string, tarFile: string): void {
  const r = spawnSync('tar', ['-cf', tarFile, '-C', dir, '.'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
}
