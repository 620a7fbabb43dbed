/**
 * The call's TTS port (speech.ts) over real voices: what a caller hears starts at the voice's first
 * sound, not after the ~200 ms of silence flite and festival put before every sentence (it would
 * be heard as latency before each answer). The primary voice and the fallback voice both go
 * through the cut.
 */
import { spawnSync } from 'node:child_process';
import t from 'tap';
import { EnergyVadEngine, FliteTts, type TtsEngine } from '../../../models/index.js';
import { speechFromEngines } from '../speech.js';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** Milliseconds before the first sample louder than -54 dBFS (lead-quiet.ts's threshold). */
const leadMs = (a: { pcm: Int16Array; sampleRateHz: number }): number =>
  (a.pcm.findIndex((v) => Math.abs(v) > 64) / a.sampleRateHz) * 1000;

t.test('flite through the call port: the answer starts within 40 ms', { skip: !has('flite') }, async (t) => {
  const flite = new FliteTts();
  const raw = await flite.synthesize('Thank you for calling.');
  t.ok(leadMs(raw) > 150, `flite itself leads with ${leadMs(raw).toFixed(0)} ms of silence`);
  const speech = speechFromEngines({ vadEngine: new EnergyVadEngine(), stt: {} as never, tts: flite });
  t.teardown(() => speech.close());
  const heard = await speech.tts.synthesize('Thank you for calling.');
  t.ok(leadMs(heard) <= 40, `the call hears it after ${leadMs(heard).toFixed(0)} ms`);
  t.ok(raw.pcm.length - heard.pcm.length >= raw.sampleRateHz * 0.1, 'the silence is gone, not the speech');
});

t.test('the fallback voice goes through the same cut', { skip: !has('flite') }, async (t) => {
  // A primary voice that always fails: flite, the fallback, speaks instead.
  const broken: TtsEngine = {
    name: 'broken',
    sampleRateHz: 16000,
    status: () => ({ state: 'ready' }) as ReturnType<TtsEngine['status']>,
    synthesize: () => Promise.reject(new Error('voice broken')),
    close: () => Promise.resolve(),
  };
  const flite = new FliteTts();
  const speech = speechFromEngines(
    { vadEngine: new EnergyVadEngine(), stt: {} as never, tts: broken },
    { fallbackTts: flite },
  );
  t.teardown(() => speech.close());
  const heard = await speech.tts.synthesize('We are open until five.');
  t.ok(heard.pcm.length > 0, 'the fallback spoke');
  t.ok(leadMs(heard) <= 40, `fallback heard after ${leadMs(heard).toFixed(0)} ms`);
});
