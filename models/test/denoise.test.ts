import t from 'tap';
import { rmsDbfs } from '../audio/pcm.js';
import { Agc } from '../denoise/agc.js';
import { CallerAudioChain } from '../denoise/chain.js';
import { CallerAudioCleaner } from '../denoise/cleaner.js';
import { loadRnnoise, RnnoiseDenoiser } from '../denoise/rnnoise.js';
import { EnergyVadEngine } from '../vad/energy.js';
import { VadStream } from '../vad/stream.js';
import { loadSpeech, speechSamples, whiteNoise } from './helpers.js';

const RATE = 16000;

/** Feeds `pcm` in 20 ms chunks, as a call does, and joins what comes out. */
function chunked(process: (x: Int16Array) => Int16Array, pcm: Int16Array): Int16Array {
  const parts: Int16Array[] = [];
  for (let i = 0; i < pcm.length; i += 320) parts.push(process(pcm.subarray(i, i + 320)));
  const out = new Int16Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Brown-ish noise (integrated white): the low, steady rumble of a car or street. */
function brown(samples: number, dbfs: number): Int16Array {
  const w = whiteNoise(samples, -10, 3);
  const x = new Float64Array(samples);
  let acc = 0;
  for (let i = 0; i < samples; i++) x[i] = acc = 0.99 * acc + (w[i] as number);
  let s = 0;
  for (const v of x) s += v * v;
  const g = (32768 * 10 ** (dbfs / 20)) / Math.sqrt(s / samples);
  return Int16Array.from(x, (v) => Math.round(v * g));
}

/** A tone whose level is `dbfs` RMS. */
function tone(samples: number, dbfs: number, hz = 300): Int16Array {
  const a = 32768 * 10 ** (dbfs / 20) * Math.SQRT2;
  return Int16Array.from({ length: samples }, (_, i) =>
    Math.round(a * Math.sin((2 * Math.PI * hz * i) / RATE)),
  );
}

t.test('rnnoise: steady noise comes down by more than 10 dB, speech keeps its level', async (t) => {
  const m = await loadRnnoise();
  const d = new RnnoiseDenoiser(m, RATE);
  const noise = brown(RATE * 4, -30);
  const out = chunked((x) => d.process(x), noise);
  t.ok(
    Math.abs(out.length - noise.length) <= 160,
    `as many samples out as in (${out.length} of ${noise.length})`,
  );
  // After the first second (the network's noise estimate settles).
  const before = rmsDbfs(noise.subarray(RATE));
  const after = rmsDbfs(out.subarray(RATE));
  t.ok(before - after > 10, `noise ${before.toFixed(1)} -> ${after.toFixed(1)} dBFS`);
  d.destroy();
  t.throws(() => d.process(noise.subarray(0, 320)), /destroyed/, 'no use after destroy');

  const sample = speechSamples().find((s) => s.file.includes('librispeech'));
  if (!sample) {
    t.pass('no shared speech here: the speech half is not measured');
    return;
  }
  const speech = loadSpeech(sample.file).pcm;
  const d2 = new RnnoiseDenoiser(m, RATE);
  const clean = chunked((x) => d2.process(x), speech);
  const loss = rmsDbfs(speech) - rmsDbfs(clean);
  t.ok(loss < 3, `clean speech loses ${loss.toFixed(1)} dB (< 3)`);
  d2.destroy();
});

t.test('agc: lifts a quiet caller slowly and within bounds, holds in pauses, never clips', async (t) => {
  const agc = new Agc(RATE);
  chunked((x) => agc.process(x), tone(RATE, -46));
  t.ok(
    agc.gainDb > 5 && agc.gainDb <= 6.01,
    `after 1 s of quiet speech +${agc.gainDb.toFixed(2)} dB (6 dB/s)`,
  );
  const held = agc.gainDb;
  chunked((x) => agc.process(x), new Int16Array(RATE)); // silence: under the -50 dBFS gate
  t.equal(agc.gainDb, held, 'a pause does not move the gain');
  const out = chunked((x) => agc.process(x), tone(RATE * 4, -46));
  t.equal(agc.gainDb, 18, 'gain capped at +18 dB');
  t.ok(
    Math.abs(rmsDbfs(out.subarray(-RATE)) - -28) < 0.5,
    `quiet caller at -46 -> ${rmsDbfs(out.subarray(-RATE)).toFixed(1)} dBFS`,
  );
  // A shout: the gain falls at 30 dB/s and the limiter keeps the peaks under full scale.
  const loud = chunked((x) => agc.process(x), tone(RATE, -6));
  let peak = 0;
  for (const v of loud) peak = Math.max(peak, Math.abs(v));
  t.ok(peak < 32767 * 10 ** (-0.9 / 20), `peak ${peak} stays under -1 dBFS`);
  t.equal(agc.gainDb, 0, 'gain back to 0 dB for a loud caller');
});

t.test('chain in the cleaner worker gives the same samples as in process', async (t) => {
  const m = await loadRnnoise();
  const input = new Int16Array(RATE);
  input.set(brown(RATE, -30));
  input.set(tone(RATE / 2, -20), RATE / 4);
  const local = new CallerAudioChain(m, { denoise: true, agc: true });
  const want = chunked((x) => local.process(x), input);
  const cleaner = new CallerAudioCleaner();
  const s = cleaner.stream({ denoise: true, agc: true });
  const parts: Int16Array[] = [];
  for (let i = 0; i < input.length; i += 320) parts.push(await s.process(input.subarray(i, i + 320)));
  const got = Int16Array.from(parts.flatMap((p) => [...p]));
  t.equal(got.length, want.length, 'same length');
  t.same(got, want, 'same samples: the worker runs the call chain');
  t.not(rmsDbfs(got), rmsDbfs(input.subarray(0, got.length)), 'and it changed the audio');
  s.close();
  // Not awaited: the idle worker is unref'd, so its termination may outlive the test process.
  void cleaner.close();
});

t.test('the detector scores and hands out the cleaned audio', async (t) => {
  // Half a second of quiet (the energy detector learns its floor), then a loud tone.
  const loud = new Int16Array(RATE * 2);
  loud.set(tone(RATE, -20), RATE / 2);
  const plain = new VadStream(new EnergyVadEngine(), {});
  const ev = [...(await plain.push(loud, RATE)), ...(await plain.flush())];
  t.ok(
    ev.some((e) => e.kind === 'speech-start'),
    'without a cleaner the tone is speech',
  );
  const muted = new VadStream(
    new EnergyVadEngine(),
    {},
    {
      process: (pcm) => Promise.resolve(new Int16Array(pcm.length)),
      close: () => undefined,
    },
  );
  const ev2 = [...(await muted.push(loud, RATE)), ...(await muted.flush())];
  t.equal(ev2.length, 0, 'a cleaner that silences it: no speech');
});
