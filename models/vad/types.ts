import type { EngineStatus } from '../types.js';

/** Scores fixed-size 16 kHz frames; one scorer per call (it holds recurrent state). */
export interface VadScorer {
  /** Speech probability 0..1 of one frame of `frameSamples` float samples at 16 kHz. */
  score(frame: Float32Array): Promise<number>;
  reset(): void;
}

export interface VadEngine {
  readonly name: string;
  /** Samples per frame at 16 kHz (Silero: 512 = 32 ms). */
  readonly frameSamples: number;
  status(): EngineStatus;
  createScorer(): VadScorer;
  close(): Promise<void>;
}

export interface VadOptions {
  /** Probability that starts speech. Default 0.5. */
  startThreshold?: number;
  /** Probability under which a frame counts as silence (hysteresis). Default startThreshold - 0.15. */
  endThreshold?: number;
  /** Speech shorter than this is ignored (clicks, coughs). Default 200 ms. */
  minSpeechMs?: number;
  /** Hangover: silence needed to end an utterance (endpointing). Default 600 ms. */
  minSilenceMs?: number;
  /** Audio kept before the detected onset and handed to STT. Default 300 ms. */
  preRollMs?: number;
  /** Force an end after this long (runaway noise). Default 30000 ms. */
  maxUtteranceMs?: number;
  /**
   * Onset gate, dB: speech starts only when its first `minSpeechMs` are this much louder (power
   * mean) than the line's noise level between utterances (noise-level.ts). Off by default.
   */
  onsetGateDb?: number;
}

/**
 * Events of one call's detector. Times are ms of audio since the stream began.
 * `pcm` is always 16 kHz mono (the STT input rate).
 */
export type VadEvent =
  | { kind: 'speech-start'; atMs: number; pcm: Int16Array }
  | { kind: 'speech-audio'; atMs: number; pcm: Int16Array }
  | {
      kind: 'speech-end';
      atMs: number;
      durationMs: number;
      pcm: Int16Array;
      reason: 'silence' | 'max-length' | 'flush';
    };
