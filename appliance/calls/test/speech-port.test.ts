/**
 * The call's speech port over a real voice: flite writes about 200 ms of quiet before every
 * sentence, which on a call is delay before the agent's first sound. What the port hands the
 * call (and the greeting cache) starts within 40 ms of the first sound, and the fallback voice's
 * audio is cut the same way.
 */
import t from 'tap';
import { EnergyVadEngine, FliteTts, type TtsEngine } from '../../../models/index.js';
import { speechFromEngines } from '../speech.js';

/** ms before the first sample above -54 dBFS. */
function leadMs(pcm: Int16Array, rateHz: number): number {
  const i = pcm.findIndex((v) => Math.abs(v) > 32768 * 10 ** (-54 / 20));
  return ((i < 0 ? pcm.length : i) / rateHz) * 1000;
}

t.test(
  "the speech port cuts flite's quiet lead",
  { skip: new FliteTts().status().state === 'ready' ? false : 'flite not installed' },
  async (t) => {
    const flite = new FliteTts();
    const raw = await flite.synthesize('Thank you for calling.');
    t.ok(
      leadMs(raw.pcm, raw.sampleRateHz) >= 100,
      `flite writes ${Math.round(leadMs(raw.pcm, raw.sampleRateHz))} ms of quiet first`,
    );
    const port = speechFromEngines({ vadEngine: new EnergyVadEngine(), stt: {} as never, tts: flite });
    t.teardown(() => port.close());
    const a = await port.tts.synthesize('Thank you for calling.');
    t.ok(
      leadMs(a.pcm, a.sampleRateHz) <= 40,
      `the port's audio starts after ${Math.round(leadMs(a.pcm, a.sampleRateHz))} ms`,
    );
    t.ok(
      a.pcm.length < raw.pcm.length && a.pcm.length > raw.pcm.length - raw.sampleRateHz * 0.3,
      'only the lead went',
    );

    // The fallback voice: a primary that always fails hands over to flite, cut the same way.
    const broken: TtsEngine = {
      name: 'broken',
      sampleRateHz: 16000,
      status: () => ({ state: 'ready' }) as ReturnType<TtsEngine['status']>,
      synthesize: () => Promise.reject(new Error('voice broke')),
      close: () => Promise.resolve(),
    };
    const withFallback = speechFromEngines(
      { vadEngine: new EnergyVadEngine(), stt: {} as never, tts: broken },
      { fallbackTts: flite },
    );
    t.teardown(() => withFallback.close());
    const b = await withFallback.tts.synthesize('Thank you for calling.');
    t.ok(leadMs(b.pcm, b.sampleRateHz) <= 40, 'the fallback voice is cut too');
  },
);
