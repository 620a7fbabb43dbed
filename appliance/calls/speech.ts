/**
 * The call's speech ports over the appliance's ModelRuntime (`app.models`): its active VAD, STT
 * and TTS engines, with espeak-ng as the fallback voice when a sentence fails in the primary.
 */
import type { Logger } from 'pino';
import {
  CallerAudioCleaner,
  cutLeadQuiet,
  EspeakTts,
  VadStream,
  type SttEngine,
  type TtsEngine,
  type VadEngine,
} from '../../models/index.js';
import type { SpeechEngines, SpeechToText, TextToSpeech, VoiceActivityDetector } from './ports.js';

function vadPort(engine: VadEngine, cleaner: CallerAudioCleaner): VoiceActivityDetector {
  return {
    name: engine.name,
    // The denoiser/AGC runs in the ports' cleaner worker (models/denoise/cleaner.ts): neither on
    // the media worker that paces RTP nor on this event loop.
    createStream: ({ denoise, agc, ...opts }) =>
      new VadStream(
        engine,
        opts,
        denoise || agc ? cleaner.stream({ denoise: denoise ?? false, agc: agc ?? false }) : undefined,
      ),
  };
}

function sttPort(engine: SttEngine): SpeechToText {
  // The agent's trigram interpolated with the general model ('lm'; bench:stt: vet questions over
  // G.711 10.3/7.0 % WER tune/held-out against 40.6/42.1 % for the closed phrase bigram). It once
  // misheard the first question of a real call ("what are your opponent are"): a fresh decoder
  // normalised phone audio with the wideband cepstral mean; the engine now starts phone audio
  // from the phone channel's mean (models/stt/pocketsphinx.ts).
  const bias = (
    phrases: readonly string[] | undefined,
  ): { bias?: { phrases: readonly string[]; mode: 'lm' } } =>
    phrases && phrases.length > 0 ? { bias: { phrases, mode: 'lm' } } : {};
  return {
    name: engine.name,
    startStream: (opts) => {
      const s = engine.startStream({
        ...bias(opts.phrases),
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.channel ? { channel: opts.channel } : {}),
      });
      return {
        write: (pcm, rate) => s.write(pcm, rate),
        end: async () => {
          const r = await s.end();
          return { text: r.text, engine: r.engine };
        },
        abort: () => s.abort(),
      };
    },
    warm: async (phrases) => {
      const b = bias(phrases).bias;
      if (b && engine.warm) await engine.warm(b);
    },
    transcribe: async (pcm, sampleRateHz, phrases) => {
      const r = await engine.transcribe({ pcm, sampleRateHz }, bias(phrases));
      return { text: r.text, engine: r.engine };
    },
  };
}

/** Consecutive failures of the primary TTS after which the fallback voice takes over for good. */
const TTS_FAILOVER_AFTER = 3;

/**
 * The primary voice, with a fallback voice for sentences it fails to synthesize (a call must never
 * go silent because one engine breaks); after a few failures in a row the fallback stays.
 */
function ttsPort(engine: TtsEngine, fallback?: TtsEngine, logger?: Logger): TextToSpeech {
  let failures = 0;
  const run = async (
    e: TtsEngine,
    text: string,
    signal?: AbortSignal,
  ): Promise<{ pcm: Int16Array; sampleRateHz: number }> => {
    const a = await e.synthesize(text, signal ? { signal } : {});
    // flite and festival write 200-240 ms of quiet before every sentence: on a call it is pure
    // delay before the agent's first sound (lead-quiet.ts keeps 30 ms of it).
    return { pcm: cutLeadQuiet(a.pcm, a.sampleRateHz), sampleRateHz: a.sampleRateHz };
  };
  return {
    get name() {
      return fallback && failures >= TTS_FAILOVER_AFTER ? fallback.name : engine.name;
    },
    synthesize: async (text, signal) => {
      if (!fallback || failures < TTS_FAILOVER_AFTER) {
        try {
          const a = await run(engine, text, signal);
          failures = 0;
          return a;
        } catch (err) {
          if (signal?.aborted || !fallback) throw err;
          failures++;
          if (failures === TTS_FAILOVER_AFTER)
            logger?.error(
              { err, engine: engine.name, fallback: fallback.name },
              'tts engine keeps failing: switching voice',
            );
        }
      }
      return run(fallback, text, signal);
    },
  };
}

/**
 * Ports over engines someone else owns (the app's ModelRuntime): close() leaves them running and
 * stops only what the ports own, the caller-audio cleaner's worker (started by the first call that
 * denoises).
 */
export function speechFromEngines(
  e: { vadEngine: VadEngine; stt: SttEngine; tts: TtsEngine },
  opts: { fallbackTts?: TtsEngine | undefined; logger?: Logger } = {},
): SpeechEngines {
  const cleaner = new CallerAudioCleaner();
  // Denoising is on by default (behaviour.denoise): its worker starts now, not on the first call.
  cleaner.warm().catch((err: unknown) => opts.logger?.warn({ err }, 'caller-audio cleaner did not start'));
  return {
    vad: vadPort(e.vadEngine, cleaner),
    stt: sttPort(e.stt),
    tts: ttsPort(e.tts, opts.fallbackTts, opts.logger),
    close: () => cleaner.close(),
  };
}

/** espeak-ng as the fallback voice, when installed and not already the primary. */
export function fallbackVoice(primary: TtsEngine): TtsEngine | undefined {
  if (primary.name === 'espeak-ng') return undefined;
  const e = new EspeakTts();
  return e.status().state === 'ready' ? e : undefined;
}
