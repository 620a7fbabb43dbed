import type { EngineStatus, PcmAudio } from '../types.js';

/**
 * Per-agent recognition bias. `phrases` come from the agent's intents and knowledge.
 * mode 'lm' (default): a back-off bigram over their words (any word sequence of the vocabulary,
 * phrase-like sequences preferred; copes with partial phrases and mid-phrase pauses);
 * 'grammar': exactly one of the phrases or comma clauses (strict: menus, yes/no); on a grammar
 * miss the 'lm' model is tried as a second pass. Words outside the phrases are not recognized.
 */
export interface SttBias {
  readonly phrases: readonly string[];
  readonly mode?: 'grammar' | 'lm';
}

export interface SttRequestOptions {
  bias?: SttBias;
  signal?: AbortSignal;
}

export interface SttResult {
  readonly text: string;
  readonly engine: string;
  /** Audio length in ms. */
  readonly audioMs: number;
  /** Processing time from the last audio byte (or request) to the result, ms. */
  readonly latencyMs: number;
  /** Engine-specific log-likelihood score when available. */
  readonly score?: number;
  /** Bias phrase words without a pronunciation that were left out. */
  readonly droppedWords?: readonly string[];
}

/** Incremental recognition: feed audio while the caller speaks; only the tail is left at end. */
export interface SttStream {
  write(pcm: Int16Array, sampleRateHz: number): void;
  end(): Promise<SttResult>;
  abort(): void;
}

export interface SttEngine {
  readonly name: string;
  status(): EngineStatus;
  transcribe(audio: PcmAudio, opts?: SttRequestOptions): Promise<SttResult>;
  startStream(opts?: SttRequestOptions): SttStream;
  close(): Promise<void>;
}
