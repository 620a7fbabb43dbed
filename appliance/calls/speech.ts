/**
 * The call's speech engines from the models layer. With the appliance's ModelRuntime
 * (`app.models`) its active VAD/STT/TTS are used; without one, the calls module loads its own:
 * Silero VAD when its weights are in the models dir (energy VAD otherwise), pocketsphinx STT
 * (warm helper pool, per-agent phrase bias) and flite TTS (the fastest local voice).
 */
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import {
  EnergyVadEngine,
  FliteTts,
  PocketsphinxEngine,
  SileroVadEngine,
  VadStream,
  type SttEngine,
  type TtsEngine,
  type VadEngine,
} from '../../models/index.js';
import type { SpeechEngines, SpeechToText, TextToSpeech, VoiceActivityDetector } from './ports.js';

export interface SpeechOptions {
  modelsDir: string;
  /** Warm pocketsphinx decoders (concurrent utterances being decoded), default 2. */
  sttPoolSize?: number;
  logger?: Logger;
  registry?: Registry;
}

function vadPort(engine: VadEngine): VoiceActivityDetector {
  return {
    name: engine.name,
    createStream: (opts) => new VadStream(engine, opts),
  };
}

function sttPort(engine: SttEngine): SpeechToText {
  // 'lm' bias: an n-gram over the agent's words, so callers can recombine them freely.
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
    transcribe: async (pcm, sampleRateHz, phrases) => {
      const r = await engine.transcribe({ pcm, sampleRateHz }, bias(phrases));
      return { text: r.text, engine: r.engine };
    },
  };
}

function ttsPort(engine: TtsEngine): TextToSpeech {
  return {
    name: engine.name,
    synthesize: async (text, signal) => {
      const a = await engine.synthesize(text, signal ? { signal } : {});
      return { pcm: a.pcm, sampleRateHz: a.sampleRateHz };
    },
  };
}

/** Ports over engines someone else owns (the app's ModelRuntime): close() leaves them running. */
export function speechFromEngines(e: {
  vadEngine: VadEngine;
  stt: SttEngine;
  tts: TtsEngine;
}): SpeechEngines {
  return {
    vad: vadPort(e.vadEngine),
    stt: sttPort(e.stt),
    tts: ttsPort(e.tts),
    close: () => Promise.resolve(),
  };
}

export async function loadSpeechEngines(opts: SpeechOptions): Promise<SpeechEngines> {
  let vad: VadEngine;
  try {
    vad = await SileroVadEngine.load(opts.modelsDir, opts.logger ? { logger: opts.logger } : {});
  } catch (err) {
    opts.logger?.warn({ err: String(err) }, 'silero vad unavailable: energy VAD fallback');
    vad = new EnergyVadEngine();
  }
  const stt = await PocketsphinxEngine.load({
    poolSize: opts.sttPoolSize ?? 2,
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.registry ? { registry: opts.registry } : {}),
  });
  const tts = new FliteTts();
  return {
    vad: vadPort(vad),
    stt: sttPort(stt),
    tts: ttsPort(tts),
    close: async () => {
      await Promise.allSettled([vad.close(), stt.close(), tts.close()]);
    },
  };
}
