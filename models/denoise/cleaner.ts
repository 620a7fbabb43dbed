/**
 * The caller-audio cleaner (denoiser + AGC) as the calls use it: one worker thread for all calls
 * (clean-worker.ts; the call layer's speech ports own one and close it with themselves), so the
 * DSP runs neither on the media worker that paces RTP nor on the main event loop. RNNoise costs ~2-3 % of a core per call (bench:noise), so one thread serves the
 * box's calls; frames go over with their buffers transferred, and a stream's frames are answered in
 * order (one thread, one queue).
 */
import { siblingScript, WorkerPool } from '../embeddings/worker-pool.js';
import type { CallerAudioOptions } from './chain.js';

/** One call's cleaner: 16 kHz in, 16 kHz out (a few ms later, as many samples on average). */
export interface CallerAudioStream {
  process(pcm: Int16Array): Promise<Int16Array>;
  close(): void;
}

export class CallerAudioCleaner {
  private pool: WorkerPool | undefined;
  private nextStream = 1;

  private get workers(): WorkerPool {
    this.pool ??= new WorkerPool(siblingScript(import.meta.url, 'clean-worker'), 1, {});
    return this.pool;
  }

  /**
   * Starts the worker and RNNoise ahead of the first call (a thread and a WASM module, a few
   * hundred ms on a loaded box), so the first caller's first words are not held up by them.
   */
  async warm(): Promise<void> {
    const s = this.stream({ denoise: true, agc: false });
    await s.process(new Int16Array(320));
    s.close();
  }

  stream(opts: Pick<CallerAudioOptions, 'denoise' | 'agc'>): CallerAudioStream {
    const pool = this.workers;
    const stream = this.nextStream++;
    const flags = { denoise: opts.denoise ?? false, agc: opts.agc ?? false };
    return {
      process: (pcm) => {
        const copy = pcm.slice();
        return pool.request<Int16Array>({ op: 'process', stream, pcm: copy, ...flags }, [copy.buffer]);
      },
      close: () => void pool.request({ op: 'close', stream }).catch(() => undefined),
    };
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }
}
