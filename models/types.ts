/**
 * Shared vocabulary of the models layer: engine status, PCM frames, kinds.
 */

export const MODEL_KINDS = ['vad', 'stt', 'tts', 'embeddings', 'llm'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** Engine readiness. `missing-weights`: code is present, weight files are not installed. */
export const ENGINE_STATES = ['ready', 'missing-weights', 'unavailable', 'error'] as const;
export type EngineState = (typeof ENGINE_STATES)[number];

export interface EngineStatus {
  readonly engine: string;
  readonly state: EngineState;
  /** Human-readable reason when not ready (names the expected files for missing-weights). */
  readonly reason?: string;
  /** Files the engine expects (for missing-weights). */
  readonly expectedFiles?: readonly string[];
}

/** Mono signed 16-bit PCM with an explicit rate. */
export interface PcmAudio {
  readonly pcm: Int16Array;
  readonly sampleRateHz: number;
}

export class ModelError extends Error {
  constructor(
    message: string,
    readonly code: 'bad-input' | 'missing-weights' | 'unavailable' | 'engine-failed' | 'aborted' | 'timeout',
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

export function assertPcm(pcm: unknown, sampleRateHz: unknown): asserts pcm is Int16Array {
  if (!(pcm instanceof Int16Array)) throw new ModelError('pcm must be an Int16Array', 'bad-input');
  if (
    typeof sampleRateHz !== 'number' ||
    !Number.isInteger(sampleRateHz) ||
    sampleRateHz < 4000 ||
    sampleRateHz > 192000
  ) {
    throw new ModelError(
      `sampleRateHz must be an integer in 4000..192000, got ${String(sampleRateHz)}`,
      'bad-input',
    );
  }
}
