/**
 * Streamed speech: split into sentences, synthesize sentence i+1 while sentence i is being
 * played (look-ahead 1), yield chunks in order. Aborting the signal ends the iteration quietly
 * (barge-in is normal flow, not an error) and cancels in-flight synthesis.
 */
import { ModelError } from '../types.js';
import { splitSentences, type SplitOptions } from './sentences.js';
import type { TtsChunk, TtsEngine } from './types.js';

export interface SpeakOptions extends SplitOptions {
  signal?: AbortSignal;
  /** Sentences synthesized ahead of the one being consumed. Default 1. */
  lookahead?: number;
}

export async function* speak(
  engine: TtsEngine,
  text: string,
  opts: SpeakOptions = {},
): AsyncGenerator<TtsChunk> {
  const sentences = splitSentences(text, opts);
  const inner = new AbortController();
  const onAbort = (): void => inner.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const lookahead = Math.max(0, opts.lookahead ?? 1);
  const inflight: Promise<TtsChunk>[] = [];
  let next = 0;
  const launch = (): void => {
    const i = next++;
    const s = sentences[i] ?? '';
    const p = engine
      .synthesize(s, { signal: inner.signal })
      .then((a) => ({ pcm: a.pcm, sampleRateHz: a.sampleRateHz, sentenceIndex: i, text: s }));
    p.catch(() => undefined);
    inflight.push(p);
  };
  try {
    while (next < sentences.length && inflight.length <= lookahead) launch();
    while (inflight.length > 0) {
      if (opts.signal?.aborted) return;
      let chunk: TtsChunk;
      try {
        chunk = await (inflight.shift() as Promise<TtsChunk>);
      } catch (err) {
        if (opts.signal?.aborted || (err instanceof ModelError && err.code === 'aborted')) return;
        throw err;
      }
      if (next < sentences.length) launch();
      if (opts.signal?.aborted) return;
      yield chunk;
    }
  } finally {
    inner.abort();
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
