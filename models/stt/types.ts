import type { EngineStatus, PcmAudio } from '../types.js';

/**
 * Per-agent recognition bias. `phrases` come from the agent's intents and knowledge (whole
 * sentences of its documents and FAQs are welcome: they are the agent's language-model corpus).
 * mode 'lm' (default): an agent trigram over the phrases plus generic caller patterns,
 * INTERPOLATED with the general en-us model (open vocabulary: words the agent never uses still
 * decode; the agent's terms and phrasing are preferred), then N-best rescoring towards the
 * agent's vocabulary;
 * 'closed': a back-off bigram over the phrase words only (words outside the phrases are not
 * recognised; for closed sets such as menus);
 * 'grammar': exactly one of the phrases or comma clauses (strict: menus, yes/no); on a grammar
 * miss the 'closed' model is tried as a second pass.
 */
export interface SttBias {
  readonly phrases: readonly string[];
  readonly mode?: 'lm' | 'closed' | 'grammar';
  /** 'lm' mode: weight of the agent model in the interpolation, 0 < w < 1. Default 0.5. */
  readonly weight?: number;
}

/**
 * One caller's recogniser state across the utterances of a call (pocketsphinx: the cepstral
 * mean learned from this caller's line), so that one call's channel and noise never shape how
 * another call is heard, and a benchmark's figures do not depend on what it decoded before.
 * Without one, an engine keeps such state engine-wide.
 */
export interface SttChannel {
  readonly memory: Map<string, readonly number[]>;
}

/** A fresh channel for a new call (starts from the engine's defaults for its band). */
export const sttChannel = (): SttChannel => ({ memory: new Map() });

export interface SttRequestOptions {
  bias?: SttBias;
  /** The call this utterance belongs to (see SttChannel); default: engine-wide state. */
  channel?: SttChannel;
  signal?: AbortSignal;
  /** Return up to this many alternative transcripts (best first) in `alternatives`. Default 0. */
  alternatives?: number;
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
  /** Distinct alternative transcripts, best first (the first is `text`), when asked for. */
  readonly alternatives?: readonly string[];
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
  /**
   * Optional: get a bias ready before the first utterance (pocketsphinx registers an agent model
   * on each decoder, ~1 s each); call at call start.
   */
  warm?(bias: SttBias): Promise<void>;
  close(): Promise<void>;
}
