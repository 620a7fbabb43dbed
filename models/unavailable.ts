/**
 * Stand-ins for an interface none of whose engines loaded (no STT weights or binaries, no TTS
 * voice). The runtime keeps serving the interfaces that did load (knowledge search needs only
 * embeddings) and every use of a missing one fails with a clear `unavailable` ModelError, instead
 * of the whole runtime refusing to start. `status()` reports the interface with no active engine.
 */
import type { SttEngine, SttStream } from './stt/types.js';
import type { TtsEngine } from './tts/types.js';
import { ModelError, type EngineStatus } from './types.js';

export const UNAVAILABLE_ENGINE = 'none';

const fail = (kind: string, reason: string): ModelError =>
  new ModelError(`no ${kind} engine is available: ${reason}`, 'unavailable');

function status(reason: string): EngineStatus {
  return { engine: UNAVAILABLE_ENGINE, state: 'unavailable', reason };
}

export function unavailableStt(reason: string): SttEngine {
  return {
    name: UNAVAILABLE_ENGINE,
    status: () => status(reason),
    transcribe: () => Promise.reject(fail('stt', reason)),
    startStream: (): SttStream => ({
      write: () => undefined,
      end: () => Promise.reject(fail('stt', reason)),
      abort: () => undefined,
    }),
    close: () => Promise.resolve(),
  };
}

export function unavailableTts(reason: string): TtsEngine {
  return {
    name: UNAVAILABLE_ENGINE,
    sampleRateHz: 16000,
    status: () => status(reason),
    synthesize: () => Promise.reject(fail('tts', reason)),
    close: () => Promise.resolve(),
  };
}
