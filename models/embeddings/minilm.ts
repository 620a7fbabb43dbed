/**
 * all-MiniLM-L6-v2 (384-d) on onnxruntime-node: WordPiece, batch padded to its longest text,
 * mean pooling of last_hidden_state over the attention mask, L2 normalisation.
 * Files: <modelsDir>/all-MiniLM-L6-v2/{vocab.txt, onnx/model_quantized.onnx}
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type * as OrtTypes from 'onnxruntime-node';
import { ModelError, type EngineStatus } from '../types.js';
import type { EmbeddingEngine } from './types.js';
import { WordPieceTokenizer } from './wordpiece.js';

export function miniLmFiles(modelsDir: string): { vocab: string; model: string } {
  const dir = path.join(modelsDir, 'all-MiniLM-L6-v2');
  return { vocab: path.join(dir, 'vocab.txt'), model: path.join(dir, 'onnx', 'model_quantized.onnx') };
}

export function miniLmStatus(modelsDir: string): EngineStatus {
  const f = miniLmFiles(modelsDir);
  const missing = [f.vocab, f.model].filter((x) => !existsSync(x));
  return missing.length > 0
    ? {
        engine: 'all-MiniLM-L6-v2',
        state: 'missing-weights',
        reason: `missing ${missing.join(', ')}`,
        expectedFiles: [f.vocab, f.model],
      }
    : { engine: 'all-MiniLM-L6-v2', state: 'ready' };
}

/** Mean over tokens whose mask is 1, then L2 norm. `hidden` is [batch, seq, dims] row-major. */
export function meanPoolNormalize(
  hidden: Float32Array,
  mask: readonly number[][],
  seqLen: number,
  dims: number,
): Float32Array[] {
  return mask.map((m, b) => {
    const v = new Float32Array(dims);
    let count = 0;
    for (let t = 0; t < seqLen; t++) {
      if ((m[t] ?? 0) === 0) continue;
      count++;
      const base = (b * seqLen + t) * dims;
      for (let d = 0; d < dims; d++) v[d] = (v[d] ?? 0) + (hidden[base + d] ?? 0);
    }
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      v[d] = (v[d] ?? 0) / Math.max(1, count);
      norm += (v[d] ?? 0) ** 2;
    }
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dims; d++) v[d] = (v[d] ?? 0) / norm;
    return v;
  });
}

export class MiniLmEngine implements EmbeddingEngine {
  readonly name = 'all-MiniLM-L6-v2';
  readonly dims = 384;
  private constructor(
    private readonly ort: typeof OrtTypes,
    private readonly session: OrtTypes.InferenceSession,
    private readonly tokenizer: WordPieceTokenizer,
  ) {}

  static async load(opts: { modelsDir: string; intraOpThreads?: number }): Promise<MiniLmEngine> {
    const st = miniLmStatus(opts.modelsDir);
    if (st.state !== 'ready') throw new ModelError(`all-MiniLM-L6-v2: ${st.reason ?? ''}`, 'missing-weights');
    const f = miniLmFiles(opts.modelsDir);
    const tokenizer = await WordPieceTokenizer.load(f.vocab);
    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(f.model, {
      intraOpNumThreads: opts.intraOpThreads ?? 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    return new MiniLmEngine(ort, session, tokenizer);
  }

  status(): EngineStatus {
    return { engine: this.name, state: 'ready' };
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    // Batches of 32 bound memory; ORT runs on its own threads, so the event loop stays free.
    for (let i = 0; i < texts.length; i += 32) out.push(...(await this.embedBatch(texts.slice(i, i + 32))));
    return out;
  }

  async close(): Promise<void> {
    await this.session.release();
  }

  private async embedBatch(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const enc = texts.map((t) => this.tokenizer.encode(String(t)));
    const seq = Math.max(...enc.map((e) => e.inputIds.length));
    const ids = new BigInt64Array(texts.length * seq);
    const mask = new BigInt64Array(texts.length * seq);
    const types = new BigInt64Array(texts.length * seq);
    const masks: number[][] = [];
    enc.forEach((e, b) => {
      const m: number[] = [];
      for (let t = 0; t < seq; t++) {
        ids[b * seq + t] = BigInt(e.inputIds[t] ?? 0);
        mask[b * seq + t] = BigInt(e.attentionMask[t] ?? 0);
        types[b * seq + t] = 0n;
        m.push(e.attentionMask[t] ?? 0);
      }
      masks.push(m);
    });
    const { ort } = this;
    const shape = [texts.length, seq];
    const out = await this.session.run({
      input_ids: new ort.Tensor('int64', ids, shape),
      attention_mask: new ort.Tensor('int64', mask, shape),
      token_type_ids: new ort.Tensor('int64', types, shape),
    });
    const hidden = out['last_hidden_state'] ?? Object.values(out)[0];
    if (!hidden) throw new ModelError('MiniLM output missing', 'engine-failed');
    return meanPoolNormalize(hidden.data as Float32Array, masks, seq, this.dims);
  }
}
