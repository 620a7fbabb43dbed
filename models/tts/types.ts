import type { EngineStatus, PcmAudio } from '../types.js';

export interface TtsChunk {
  readonly pcm: Int16Array;
  readonly sampleRateHz: number;
  /** 0-based index of the sentence (piece) within the answer. */
  readonly sentenceIndex: number;
  readonly text: string;
}

export interface TtsSynthOptions {
  signal?: AbortSignal;
}

/** Synthesizes one sentence; `speak()` (stream.ts) adds splitting and pipelining. */
export interface TtsEngine {
  readonly name: string;
  /** Native output rate of the engine. */
  readonly sampleRateHz: number;
  status(): EngineStatus;
  synthesize(text: string, opts?: TtsSynthOptions): Promise<PcmAudio>;
  close(): Promise<void>;
}
