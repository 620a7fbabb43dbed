/**
 * Known models. Paths are relative to the models directory. sha256 `unknown` means no verified
 * pin exists: installs then report "unverified" instead of pretending.
 */
import type { ModelKind } from '../types.js';

export interface ModelFile {
  readonly path: string;
  /** undefined = unknown size. */
  readonly sizeBytes?: number;
  readonly sha256: string | 'unknown';
  /** Direct download URL of this file (for `pull`). */
  readonly url?: string;
}

export interface ModelEntry {
  readonly name: string;
  readonly kind: ModelKind;
  readonly engine: string;
  readonly files: readonly ModelFile[];
  readonly upstream: string;
  readonly license: string;
}

const HF = 'https://huggingface.co';

export const MODEL_MANIFEST: readonly ModelEntry[] = [
  {
    name: 'silero-vad-v6.2',
    kind: 'vad',
    engine: 'silero-vad',
    files: [
      {
        path: 'silero-vad/silero_vad.onnx',
        sizeBytes: 2327524,
        sha256: '1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3',
        url: 'https://raw.githubusercontent.com/snakers4/silero-vad/806dcba3f0b5d95282d0889a074954a2f8c6397b/src/silero_vad/data/silero_vad.onnx',
      },
    ],
    upstream: 'https://github.com/snakers4/silero-vad',
    license: 'MIT',
  },
  ...(['tiny.en', 'base.en'] as const).map((v): ModelEntry => ({
    name: `whisper-${v}`,
    kind: 'stt',
    engine: 'whisper (sherpa-onnx)',
    files: ['encoder.int8.onnx', 'decoder.int8.onnx', 'tokens.txt'].map((f) => ({
      path: `whisper-${v}/${v}-${f}`,
      sha256: 'unknown',
      url: `${HF}/csukuangfj/sherpa-onnx-whisper-${v}/resolve/main/${v}-${f}`,
    })),
    upstream: `https://github.com/k2-fsa/sherpa-onnx/releases/tag/asr-models (sherpa-onnx-whisper-${v})`,
    license: 'MIT (OpenAI Whisper weights)',
  })),
  {
    name: 'piper-en_US-libritts_r-medium',
    kind: 'tts',
    engine: 'piper',
    files: [
      {
        path: 'piper-en_US-libritts_r-medium/en_US-libritts_r-medium.onnx',
        sha256: 'unknown',
        url: `${HF}/rhasspy/piper-voices/resolve/main/en/en_US/libritts_r/medium/en_US-libritts_r-medium.onnx`,
      },
      {
        path: 'piper-en_US-libritts_r-medium/en_US-libritts_r-medium.onnx.json',
        sizeBytes: 20123,
        sha256: 'b471dc60d2d8335e819c393d196d6fbf792817f40051257b269878505bc9afb3',
        url: `${HF}/rhasspy/piper-voices/resolve/main/en/en_US/libritts_r/medium/en_US-libritts_r-medium.onnx.json`,
      },
    ],
    upstream: 'https://huggingface.co/rhasspy/piper-voices',
    license: 'MIT (voice); dataset LibriTTS-R CC BY 4.0',
  },
  {
    name: 'all-MiniLM-L6-v2',
    kind: 'embeddings',
    engine: 'all-MiniLM-L6-v2',
    files: [
      {
        path: 'all-MiniLM-L6-v2/vocab.txt',
        sizeBytes: 231508,
        sha256: '07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3',
        url: `${HF}/Xenova/all-MiniLM-L6-v2/resolve/main/vocab.txt`,
      },
      {
        path: 'all-MiniLM-L6-v2/onnx/model_quantized.onnx',
        // Quoted by a public model card, not verified here: treated as unknown.
        sha256: 'unknown',
        url: `${HF}/Xenova/all-MiniLM-L6-v2/resolve/main/onnx/model_quantized.onnx`,
      },
    ],
    upstream: 'https://huggingface.co/Xenova/all-MiniLM-L6-v2',
    license: 'Apache-2.0',
  },
  {
    name: 'qwen2.5-0.5b-instruct-q4_k_m',
    kind: 'llm',
    engine: 'node-llama-cpp',
    files: [
      {
        path: 'llm/qwen2.5-0.5b-instruct-q4_k_m.gguf',
        sha256: 'unknown',
        url: `${HF}/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf`,
      },
    ],
    upstream: 'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF',
    license: 'Apache-2.0',
  },
];

export function findModel(
  name: string,
  manifest: readonly ModelEntry[] = MODEL_MANIFEST,
): ModelEntry | undefined {
  return manifest.find((m) => m.name === name);
}
