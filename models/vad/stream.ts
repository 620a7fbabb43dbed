/**
 * Per-call streaming detector: accepts PCM at any rate in any chunk size, resamples to 16 kHz,
 * frames it, scores frames in order and runs the endpointer. Pushes are serialized internally.
 */
import { resample, int16ToFloat32 } from '../audio/pcm.js';
import { assertPcm, ModelError } from '../types.js';
import { Endpointer } from './endpointer.js';
import type { VadEngine, VadEvent, VadOptions } from './types.js';

export class VadStream {
  private readonly endpointer: Endpointer;
  private readonly scorer;
  private carry = new Int16Array(0);
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Last frame probability (for metrics / UI). */
  lastProbability = 0;

  constructor(
    readonly engine: VadEngine,
    opts: VadOptions = {},
  ) {
    this.endpointer = new Endpointer(engine.frameSamples, opts);
    this.scorer = engine.createScorer();
  }

  get speaking(): boolean {
    return this.endpointer.speaking;
  }

  /** Feed audio; resolves with the events it produced, in order. */
  push(pcm: Int16Array, sampleRateHz: number): Promise<VadEvent[]> {
    assertPcm(pcm, sampleRateHz);
    if (this.closed) return Promise.reject(new ModelError('vad stream closed', 'bad-input'));
    const run = this.chain.then(() => this.process(resample(pcm, sampleRateHz, 16000)));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** End of stream: closes an open utterance. */
  async flush(): Promise<VadEvent[]> {
    await this.chain;
    return this.endpointer.flush();
  }

  close(): void {
    this.closed = true;
  }

  private async process(pcm16k: Int16Array): Promise<VadEvent[]> {
    const n = this.engine.frameSamples;
    let buf = pcm16k;
    if (this.carry.length > 0) {
      buf = new Int16Array(this.carry.length + pcm16k.length);
      buf.set(this.carry);
      buf.set(pcm16k, this.carry.length);
    }
    const events: VadEvent[] = [];
    let off = 0;
    for (; off + n <= buf.length; off += n) {
      const frame = buf.slice(off, off + n);
      const prob = await this.scorer.score(int16ToFloat32(frame));
      this.lastProbability = prob;
      events.push(...this.endpointer.push(frame, prob));
    }
    this.carry = buf.slice(off);
    return events;
  }
}
