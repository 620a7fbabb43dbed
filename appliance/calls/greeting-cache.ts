/**
 * The audio of an agent's fixed lines (the greeting, silence reprompts, goodbyes, notices before a
 * hang-up), synthesized once per agent and voice and reused by every call: they are the same for
 * every caller (a greeting that names the caller is not cached), so a busy box does not run the
 * TTS engine for them per call and their first audio is ~0. Keyed by agent id, voice (TTS engine name) and the
 * sentence's text, so an agent edited into a new version with a new greeting is synthesized once
 * again and the old entries age out (least recently used first, at most `maxEntries`).
 *
 * A synthesis is shared by the calls that wait for it, so it is never aborted by one caller hanging
 * up; each call gets its own copy of the samples (playout transfers them to the media worker).
 */
import type { CallMetrics } from './metrics.js';
import type { SpeechAudio, TextToSpeech } from './ports.js';

/** Sentences kept (default 256: a few sentences for each of many agents, ~40 KB each at 8 kHz). */
const DEFAULT_MAX_ENTRIES = 256;

export class GreetingCache {
  private readonly entries = new Map<string, Promise<SpeechAudio>>();

  constructor(
    private readonly metrics?: CallMetrics | undefined,
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** A TTS port for `agentId`'s greeting that serves sentences from the cache. */
  forAgent(tts: TextToSpeech, agentId: string): TextToSpeech {
    return {
      get name() {
        return tts.name;
      },
      synthesize: (text, signal) => this.get(tts, agentId, text, signal),
    };
  }

  private async get(
    tts: TextToSpeech,
    agentId: string,
    text: string,
    signal?: AbortSignal,
  ): Promise<SpeechAudio> {
    const key = `${agentId}\u0000${tts.name}\u0000${text}`;
    let p = this.entries.get(key);
    if (p) {
      this.entries.delete(key); // most recently used goes last
      this.entries.set(key, p);
      this.metrics?.ttsRequests.inc({ source: 'cache' });
    } else {
      this.metrics?.ttsRequests.inc({ source: 'engine' });
      const made = tts.synthesize(text);
      p = made;
      this.entries.set(key, made);
      made.catch(() => {
        if (this.entries.get(key) === made) this.entries.delete(key);
      });
      while (this.entries.size > this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest === undefined) break;
        this.entries.delete(oldest);
      }
    }
    const audio = await abortable(p, signal);
    return { pcm: audio.pcm.slice(), sampleRateHz: audio.sampleRateHz };
  }
}

function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/** Counts the engine requests of a TTS port on `calls_tts_requests_total{source="engine"}`. */
export function countedTts(tts: TextToSpeech, metrics: CallMetrics | undefined): TextToSpeech {
  if (!metrics) return tts;
  return {
    get name() {
      return tts.name;
    },
    synthesize: (text, signal) => {
      metrics.ttsRequests.inc({ source: 'engine' });
      return tts.synthesize(text, signal);
    },
  };
}
