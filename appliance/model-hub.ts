import path from 'node:path';
import {
  createModelRuntime,
  probeEngines,
  type ModelRuntime,
  type ModelRuntimeOptions,
  type RuntimeStatus,
} from '../models/index.js';
import type { AppConfig } from './config/index.js';
import type { Logger } from './log.js';
import type { Registry } from 'prom-client';

/**
 * The appliance's one model runtime, loaded on first use (or warmed in the background after
 * start) and shared by calls, knowledge and the agent. Loading every engine takes seconds, so it
 * never blocks start-up and processes that never need a model (most tests) never pay for it.
 */
export class ModelHub {
  private loading: Promise<ModelRuntime> | undefined;
  private current: ModelRuntime | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly log: Logger,
    private readonly registry: Registry,
  ) {}

  private options(): ModelRuntimeOptions {
    const { prefer, llm } = this.config.models;
    return {
      modelsDir: this.config.modelsDir,
      // Derived tables (e.g. the decoded word-vector table) are rebuilt on demand: data dir, not models dir.
      cacheDir: this.config.models.cacheDir || path.join(this.config.dataDir, 'cache'),
      prefer: {
        ...(prefer.vad ? { vad: prefer.vad } : {}),
        ...(prefer.stt ? { stt: prefer.stt } : {}),
        ...(prefer.tts ? { tts: prefer.tts } : {}),
        ...(prefer.embeddings ? { embeddings: prefer.embeddings } : {}),
      },
      llm,
      ...(this.config.models.pocketsphinxHelper
        ? { pocketsphinx: { helperPath: this.config.models.pocketsphinxHelper } }
        : {}),
      logger: this.log,
      registry: this.registry,
    };
  }

  /** The warm runtime; the first caller starts loading, later callers share the same promise. */
  runtime(): Promise<ModelRuntime> {
    this.loading ??= createModelRuntime(this.options()).then(
      (rt) => (this.current = rt),
      (err: unknown) => {
        this.loading = undefined;
        throw err;
      },
    );
    return this.loading;
  }

  /** The runtime if it is already loaded (never triggers loading). */
  loaded(): ModelRuntime | undefined {
    return this.current;
  }

  /** What runs now, or (before loading) what would run. */
  async status(): Promise<RuntimeStatus & { loaded: boolean }> {
    if (this.current) return { ...this.current.status(), loaded: true };
    return { ...(await probeEngines(this.options())), loaded: false };
  }

  async close(): Promise<void> {
    const rt = await this.loading?.catch(() => undefined);
    await rt?.close();
  }
}
