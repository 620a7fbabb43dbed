/**
 * Silero VAD v5/v6 on onnxruntime-node. One InferenceSession per process (ORT sessions accept
 * concurrent run() calls); each call gets a scorer holding its own recurrent state and the
 * 64-sample context the v5/v6 graph needs prepended to every 512-sample frame.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type * as OrtTypes from 'onnxruntime-node';
import type { EngineStatus } from '../types.js';
import { ModelError } from '../types.js';
import type { VadEngine, VadScorer } from './types.js';

const FRAME = 512;
const CONTEXT = 64;
const STATE_SIZE = 2 * 1 * 128;
export const SILERO_FILE = 'silero-vad/silero_vad.onnx';

export class SileroVadEngine implements VadEngine {
  readonly name = 'silero-vad';
  readonly frameSamples = FRAME;
  private constructor(
    private readonly ort: typeof OrtTypes,
    private readonly session: OrtTypes.InferenceSession,
  ) {}

  /** Loads the model once. `intraOpThreads` default 1 so many calls share 2 cores. */
  static async load(
    modelsDir: string,
    opts: { intraOpThreads?: number; logger?: Logger } = {},
  ): Promise<SileroVadEngine> {
    const file = path.join(modelsDir, SILERO_FILE);
    if (!existsSync(file)) throw new ModelError(`missing weights: ${file}`, 'missing-weights');
    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(file, {
      intraOpNumThreads: opts.intraOpThreads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    for (const name of ['input', 'state', 'sr']) {
      if (!session.inputNames.includes(name)) {
        throw new ModelError(`${file} is not a Silero v5/v6 graph (no input "${name}")`, 'engine-failed');
      }
    }
    opts.logger?.info({ file }, 'silero vad loaded');
    return new SileroVadEngine(ort, session);
  }

  status(): EngineStatus {
    return { engine: this.name, state: 'ready' };
  }

  createScorer(): VadScorer {
    const { ort, session } = this;
    let state = new Float32Array(STATE_SIZE);
    const input = new Float32Array(CONTEXT + FRAME);
    const sr = new ort.Tensor('int64', BigInt64Array.from([16000n]), []);
    return {
      async score(frame: Float32Array): Promise<number> {
        if (frame.length !== FRAME)
          throw new ModelError(`silero frame must be ${FRAME} samples`, 'bad-input');
        input.set(frame, CONTEXT);
        const feeds = {
          input: new ort.Tensor('float32', input.slice(), [1, CONTEXT + FRAME]),
          state: new ort.Tensor('float32', state, [2, 1, 128]),
          sr,
        };
        // Keep the last 64 samples as next frame's context before awaiting (scores stay ordered per scorer).
        input.copyWithin(0, FRAME, FRAME + CONTEXT);
        const out = await session.run(feeds);
        const next = out['stateN'];
        const prob = out['output'];
        if (!next || !prob) throw new ModelError('silero output missing', 'engine-failed');
        state = new Float32Array(next.data as Float32Array);
        return Number((prob.data as Float32Array)[0] ?? 0);
      },
      reset(): void {
        state = new Float32Array(STATE_SIZE);
        input.fill(0);
      },
    };
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
