/**
 * The per-agent noise-reduction setting through the call's own path: agent behaviour -> CallSession
 * -> the speech port of speech.ts -> the cleaner worker (RNNoise) -> the detector -> what the
 * recognizer is given. The same noisy caller (steady street-like noise, then a recorded sentence
 * over it) reaches STT with the noise >= 6 dB lower when the agent has `denoise` on, and as sent
 * when it is off.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { epochNowMs, type MediaEvent } from '../../../media/index.js';
import { EnergyVadEngine, parseWav, resample, rmsDbfs } from '../../../models/index.js';
import { sharedDir } from '../../test/helpers/shared.js';
import { CallSession } from '../call-session.js';
import type { SpeechToText } from '../ports.js';
import { speechFromEngines } from '../speech.js';
import {
  behaviour,
  FakeCall,
  FakeClock,
  FakeConversation,
  FakeMedia,
  FakeSpeech,
  settle,
} from './helpers/fake-session.js';

const RATE = 16000;
const file = path.join(sharedDir(), 'speech', 'librispeech', '4507-16021-0012.wav');

/** Steady brown-ish noise at `dbfs` RMS (deterministic). */
function noise(samples: number, dbfs: number): Int16Array {
  let seed = 99;
  let acc = 0;
  const x = Float64Array.from({ length: samples }, () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (acc = 0.98 * acc + (seed / 2 ** 32 - 0.5));
  });
  const rms = Math.sqrt(x.reduce((a, v) => a + v * v, 0) / samples);
  const g = (32768 * 10 ** (dbfs / 20)) / rms;
  return Int16Array.from(x, (v) => Math.round(v * g));
}

/** One call to an agent with `denoise` as given; returns the audio its recognizer got. */
async function call(denoise: boolean, line: Int16Array): Promise<Int16Array> {
  const clock = new FakeClock();
  const media = new FakeMedia();
  const fake = new FakeSpeech();
  const heard: Int16Array[] = [];
  const stt: SpeechToText = {
    name: 'recorder',
    startStream: () => ({
      write: (pcm) => void heard.push(pcm.slice()),
      end: () => Promise.resolve({ text: 'why should one halt on the way', engine: 'recorder' }),
      abort: () => undefined,
    }),
    transcribe: () => Promise.reject(new Error('not used')),
  };
  // The speech port calls use (speech.ts); the energy detector needs no model file.
  const port = speechFromEngines({ vadEngine: new EnergyVadEngine(), stt: {} as never, tts: {} as never });
  const b = { ...behaviour, denoise, agc: false };
  const session = new CallSession({
    call: new FakeCall(),
    media,
    conversation: new FakeConversation(b),
    speech: { vad: port.vad, stt, tts: fake.tts, close: () => Promise.resolve() },
    phrases: [],
    behaviour: b,
    clock,
    utterance: { redecodeMaxMs: 0 },
  });
  session.start();
  await settle();
  await media.playAll(); // greeting over: the caller has the turn
  for (let i = 0; i + 320 <= line.length; i += 320) {
    media.emit('event', {
      kind: 'audio',
      pcm: line.slice(i, i + 320),
      sampleRateHz: RATE,
      rtpTs: i,
      atMs: epochNowMs(),
    } satisfies MediaEvent);
    if (i % 3200 === 0) await new Promise((r) => setTimeout(r, 5));
  }
  // The cleaner worker answers asynchronously: wait until the recognizer's input stops growing.
  // (The worker starts with the first call that asks for it: give it up to 20 s to answer first.)
  for (let k = 0; k < 200 && heard.length === 0; k++) await new Promise((r) => setTimeout(r, 100));
  let n = -1;
  for (let k = 0; k < 100 && heard.length !== n; k++) {
    n = heard.length;
    await new Promise((r) => setTimeout(r, 500));
  }
  await session.stop();
  const out = new Int16Array(heard.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of heard) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

t.test('agent denoise on: the recognizer gets the caller with the noise taken down', async (t) => {
  if (!existsSync(file)) {
    t.pass('no shared speech here: not measured');
    return;
  }
  const wav = parseWav(readFileSync(file));
  const speech = resample(wav.pcm, wav.sampleRateHz, RATE);
  const lead = RATE * 2;
  const line = noise(lead + speech.length + RATE, -38);
  for (let i = 0; i < speech.length; i++)
    line[lead + i] = Math.max(-32768, Math.min(32767, (line[lead + i] as number) + (speech[i] as number)));
  const off = await call(false, line);
  const on = await call(true, line);
  t.ok(off.length > RATE, `denoise off: the recognizer got ${(off.length / RATE).toFixed(1)} s`);
  t.ok(on.length > RATE, `denoise on: the recognizer got ${(on.length / RATE).toFixed(1)} s`);
  // The first 200 ms handed to STT are the detector's pre-roll: the noise before the words.
  const offNoise = rmsDbfs(off.subarray(0, RATE / 5));
  const onNoise = rmsDbfs(on.subarray(0, RATE / 5));
  t.ok(
    offNoise - onNoise >= 6,
    `noise before the words: ${offNoise.toFixed(1)} dBFS off, ${onNoise.toFixed(1)} dBFS on`,
  );
  t.ok(Math.abs(offNoise - -38) < 3, 'off: the noise reaches STT as the caller sent it');
});
