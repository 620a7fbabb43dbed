import path from 'node:path';
import t from 'tap';
import { concatPcm } from '../audio/pcm.js';
import { EnergyVadEngine } from '../vad/energy.js';
import { Endpointer } from '../vad/endpointer.js';
import { SileroVadEngine, SILERO_FILE } from '../vad/silero.js';
import { VadStream } from '../vad/stream.js';
import type { VadEngine, VadEvent } from '../vad/types.js';
import { existsSync } from 'node:fs';
import { loadSpeech, sharedModelsDir, speechSamples, whiteNoise } from './helpers.js';

t.test('endpointer: hysteresis, min speech, hangover, pre-roll', async (t) => {
  const ep = new Endpointer(512, {
    startThreshold: 0.5,
    endThreshold: 0.3,
    minSpeechMs: 96,
    minSilenceMs: 320,
    preRollMs: 64,
  });
  const frame = (v: number): Int16Array => new Int16Array(512).fill(v);
  const events: VadEvent[] = [];
  const feed = (probs: number[], v: number): void => {
    for (const p of probs) events.push(...ep.push(frame(v), p));
  };
  feed([0.1, 0.1, 0.1, 0.1], 1); // silence: history (pre-roll 2 frames)
  feed([0.9, 0.2], 2); // a click: too short, not speech
  t.equal(events.length, 0, 'short blip ignored');
  feed([0.9, 0.9, 0.9], 3); // confirmed after 3 frames (96 ms)
  t.equal(events[0]?.kind, 'speech-start');
  const start = events[0];
  if (start?.kind === 'speech-start')
    t.equal(start.pcm.length, 5 * 512, 'pre-roll (2 frames) + 3 confirming frames');
  feed([0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4], 4); // between thresholds: still speech
  t.notOk(
    events.some((e) => e.kind === 'speech-end'),
    'hysteresis keeps speech between thresholds',
  );
  feed([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], 5); // 10 frames = 320 ms silence
  const end = events.find((e) => e.kind === 'speech-end');
  t.ok(end, 'ends after hangover');
  if (end?.kind === 'speech-end') {
    t.equal(end.reason, 'silence');
    t.equal(end.pcm[0], 2, 'utterance starts with the pre-roll audio');
  }
  t.same(ep.flush(), [], 'nothing open after end');
});

t.test('endpointer: max utterance length and flush', async (t) => {
  const ep = new Endpointer(512, { minSpeechMs: 32, maxUtteranceMs: 320 });
  const ev: VadEvent[] = [];
  for (let i = 0; i < 12; i++) ev.push(...ep.push(new Int16Array(512), 0.99));
  t.ok(ev.some((e) => e.kind === 'speech-end' && e.reason === 'max-length'));
  const ep2 = new Endpointer(512, { minSpeechMs: 32 });
  ep2.push(new Int16Array(512), 0.99);
  const f = ep2.flush();
  t.equal(f[0]?.kind === 'speech-end' ? f[0].reason : undefined, 'flush');
});

t.test('endpointer: the onset gate holds back frames no louder than the line noise', async (t) => {
  // A square-ish frame of amplitude v: power 20*log10(v) dB on the int16 scale.
  const frame = (v: number): Int16Array => Int16Array.from({ length: 512 }, (_, i) => (i % 2 ? v : -v));
  const run = (gateDb: number | undefined): VadEvent[] => {
    const ep = new Endpointer(512, {
      minSpeechMs: 128,
      ...(gateDb === undefined ? {} : { onsetGateDb: gateDb }),
    });
    const ev: VadEvent[] = [];
    // 3 s of babble the detector scores as speech (0.9), at a level swinging +-2 dB around 1000.
    for (let i = 0; i < 94; i++) ev.push(...ep.push(frame(i % 3 ? 1000 : 1260), 0.9));
    // Then the caller, 12 dB over the babble, for 0.5 s.
    for (let i = 0; i < 16; i++) ev.push(...ep.push(frame(4000), 0.95));
    return ev;
  };
  const open = run(undefined).filter((e) => e.kind === 'speech-start');
  t.equal(open[0]?.atMs, 0, 'without the gate the babble starts an utterance at once');
  const gated = run(6).filter((e) => e.kind === 'speech-start');
  t.equal(gated.length, 1, 'with a 6 dB gate only the caller starts one');
  const at = gated[0]?.atMs ?? 0;
  t.ok(
    at >= 94 * 32 - 1000 && at <= 94 * 32,
    `back-dated into the run, at most 1 s before the voice (${at} ms)`,
  );
  t.equal(
    run(20).filter((e) => e.kind === 'speech-start').length,
    0,
    'a 20 dB gate lets a voice 12 dB up through nowhere',
  );
});

async function utterances(engine: VadEngine, pcm: Int16Array, rate: number): Promise<VadEvent[]> {
  const s = new VadStream(engine, { minSilenceMs: 500 });
  const out: VadEvent[] = [];
  // 20 ms chunks, like RTP
  const step = Math.round(rate * 0.02);
  for (let i = 0; i < pcm.length; i += step) out.push(...(await s.push(pcm.subarray(i, i + step), rate)));
  out.push(...(await s.flush()));
  return out.filter((e) => e.kind === 'speech-end');
}

const engines: Array<{ name: string; load: () => Promise<VadEngine>; skip?: string }> = [
  {
    name: 'silero-vad',
    load: () => SileroVadEngine.load(sharedModelsDir),
    ...(existsSync(path.join(sharedModelsDir, SILERO_FILE)) ? {} : { skip: `missing ${SILERO_FILE}` }),
  },
  { name: 'energy', load: () => Promise.resolve(new EnergyVadEngine()) },
];

for (const def of engines) {
  t.test(`VAD conformance: ${def.name}`, { skip: def.skip ?? false }, async (t) => {
    const engine = await def.load();
    t.teardown(() => engine.close());
    const samples = speechSamples();
    if (samples.length === 0) {
      t.comment('skipped: shared speech samples not present');
      return;
    }
    for (const s of samples) {
      const { pcm, sampleRateHz } = loadSpeech(s.file);
      const ends = await utterances(engine, pcm, sampleRateHz);
      const speechMs = ends.reduce((a, e) => a + (e.kind === 'speech-end' ? e.durationMs : 0), 0);
      const totalMs = (pcm.length / sampleRateHz) * 1000;
      t.comment(
        `${def.name} ${s.file}: ${ends.length} utterances, ${Math.round(speechMs)} / ${Math.round(totalMs)} ms speech`,
      );
      t.ok(ends.length >= 1, `${s.file}: speech found`);
      t.ok(speechMs > totalMs * 0.4, `${s.file}: most of the speech covered`);
    }
    // 10 OSR Harvard sentences with pauses: endpointing separates them.
    const osr = samples.find((s) => s.file.includes('OSR'));
    if (osr) {
      const { pcm, sampleRateHz } = loadSpeech(osr.file);
      const n = (await utterances(engine, pcm, sampleRateHz)).length;
      t.ok(n >= 8 && n <= 12, `OSR: ${n} utterances for 10 sentences`);
    }
    const silence = new Int16Array(16000 * 3);
    t.equal((await utterances(engine, silence, 16000)).length, 0, 'digital silence: no speech');
    const noise = whiteNoise(16000 * 4, -40);
    t.equal((await utterances(engine, noise, 16000)).length, 0, 'steady white noise at -40 dBFS: no speech');
    // 8 kHz telephone input is accepted and resampled.
    const tone = concatPcm([new Int16Array(8000), whiteNoise(8000, -60)]);
    t.equal((await utterances(engine, tone, 8000)).length, 0, '8 kHz input accepted');
  });
}

t.test('VAD rejects bad input without wedging', async (t) => {
  const s = new VadStream(new EnergyVadEngine());
  t.throws(() => s.push(new Float32Array(10) as unknown as Int16Array, 16000), /Int16Array/);
  t.throws(() => s.push(new Int16Array(10), 0), /sampleRateHz/);
  t.same(await s.push(new Int16Array(100), 16000), [], 'still works after bad input');
});

t.test('VAD: phone audio pushed in 20 ms chunks comes out as clean 16 kHz audio', async (t) => {
  // A 1 kHz tone at 8 kHz after 0.5 s of quiet, pushed as RTP delivers it. Resampled chunk by chunk
  // with a fresh filter each time, every 20 ms edge faded to zero (a 50 Hz buzz the STT decoded).
  const rate = 8000;
  const tone = new Int16Array(rate);
  for (let i = 0; i < tone.length; i++)
    tone[i] = Math.round(6000 * Math.sin((2 * Math.PI * 1000 * i) / rate));
  const pcm = concatPcm([new Int16Array(rate / 2), tone, new Int16Array(rate)]);
  const s = new VadStream(new EnergyVadEngine(), { minSilenceMs: 300 });
  const heard: Int16Array[] = [];
  for (let i = 0; i < pcm.length; i += rate / 50)
    for (const e of await s.push(pcm.subarray(i, i + rate / 50), rate))
      if (e.kind === 'speech-start' || e.kind === 'speech-audio') heard.push(e.pcm);
  const out = concatPcm(heard);
  t.ok(out.length > 16000 * 0.8, `speech found (${out.length} samples at 16 kHz)`);
  // The tone's steady middle: fit a 1 kHz sinusoid (least squares) and measure what is left.
  let from = 0;
  while (from < out.length && Math.abs(out[from] ?? 0) < 3000) from++;
  const mid = out.subarray(from + 1600, from + 1600 + 8000);
  let ss = 0;
  let cc = 0;
  let sc = 0;
  let xs = 0;
  let xc = 0;
  for (let i = 0; i < mid.length; i++) {
    const a = Math.sin((2 * Math.PI * 1000 * i) / 16000);
    const b = Math.cos((2 * Math.PI * 1000 * i) / 16000);
    const x = mid[i] ?? 0;
    ss += a * a;
    cc += b * b;
    sc += a * b;
    xs += x * a;
    xc += x * b;
  }
  const det = ss * cc - sc * sc;
  const ka = (xs * cc - xc * sc) / det;
  const kb = (xc * ss - xs * sc) / det;
  let sig = 0;
  let res = 0;
  for (let i = 0; i < mid.length; i++) {
    const fit =
      ka * Math.sin((2 * Math.PI * 1000 * i) / 16000) + kb * Math.cos((2 * Math.PI * 1000 * i) / 16000);
    sig += fit * fit;
    res += ((mid[i] ?? 0) - fit) ** 2;
  }
  const snrDb = 10 * Math.log10(sig / (res + 1e-9));
  // Measured: 84 dB; chunk by chunk with a fresh filter, 37 dB (enough to read as wideband audio).
  t.ok(snrDb > 60, `tone to distortion ${snrDb.toFixed(1)} dB (above 60)`);
});
