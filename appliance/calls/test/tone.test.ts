/**
 * Beep detector (tone.ts): generated tones with line noise are beeps at their frequency and length;
 * TTS speech (flite, espeak-ng), silence and white noise are not.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { parseWav, prng, resample } from '../../../lib/index.js';
import { decodePcmu, encodePcmu } from '../../../media/index.js';
import { ToneDetector, type Beep } from '../tone.js';

/** Deterministic Gaussian noise (mulberry32 + Box-Muller). */
function noiseSource(seed: number): () => number {
  const u = prng(seed);
  return () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
}

/**
 * `leadMs` of noise, then tones (Hz, ms) back to back at `dbfs` (sine peak) with 5 ms ramps, then
 * `tailMs` of noise; white noise at `noiseDbfs` RMS throughout.
 */
function signal(
  rate: number,
  tones: Array<[number, number]>,
  opts: { leadMs?: number; tailMs?: number; dbfs?: number; noiseDbfs?: number; seed?: number } = {},
): Int16Array {
  const lead = Math.round((rate * (opts.leadMs ?? 300)) / 1000);
  const tail = Math.round((rate * (opts.tailMs ?? 300)) / 1000);
  const toneLen = tones.reduce((n, [, ms]) => n + Math.round((rate * ms) / 1000), 0);
  const out = new Int16Array(lead + toneLen + tail);
  const amp = 32767 * 10 ** ((opts.dbfs ?? -12) / 20);
  const sigma = 32768 * 10 ** ((opts.noiseDbfs ?? -55) / 20);
  const noise = noiseSource(opts.seed ?? 1);
  let at = lead;
  let phase = 0;
  const ramp = rate / 200;
  for (const [hz, ms] of tones) {
    const n = Math.round((rate * ms) / 1000);
    for (let i = 0; i < n; i++) {
      phase += (2 * Math.PI * hz) / rate;
      const edge = Math.min(1, i / ramp, (n - 1 - i) / ramp);
      out[at + i] = Math.round(amp * edge * Math.sin(phase));
    }
    at += n;
  }
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.max(-32768, Math.min(32767, Math.round((out[i] ?? 0) + sigma * noise())));
  }
  return out;
}

/** Feeds 20 ms chunks, as a call does. */
function detect(pcm: Int16Array, rate: number): Beep[] {
  const d = new ToneDetector();
  const beeps: Beep[] = [];
  const chunk = rate / 50;
  for (let i = 0; i < pcm.length; i += chunk) beeps.push(...d.push(pcm.subarray(i, i + chunk), rate));
  return [...beeps, ...d.flush()];
}

t.test('steady tones with line noise are beeps at their frequency and length', async (t) => {
  const cases: Array<[number, number, number]> = [
    // [rate, Hz, ms]
    [8000, 440, 200],
    [8000, 1000, 500],
    [8000, 2000, 1200],
    [16000, 700, 300],
    [16000, 1400, 160],
    [16000, 2450, 800],
  ];
  for (const [rate, hz, ms] of cases) {
    const beeps = detect(signal(rate, [[hz, ms]], { seed: hz }), rate);
    t.equal(beeps.length, 1, `${hz} Hz ${ms} ms at ${rate} Hz: one beep`);
    const b = beeps[0];
    if (!b) continue;
    t.ok(Math.abs(b.frequencyHz - hz) <= 10, `${hz} Hz read as ${b.frequencyHz} Hz`);
    t.ok(Math.abs(b.durationMs - ms) <= 40, `${ms} ms read as ${b.durationMs} ms`);
    t.ok(Math.abs(b.endMs - (300 + ms)) <= 40, `ends at ${300 + ms} ms, read ${b.endMs} ms`);
  }
});

t.test('a beep through G.711 u-law, quiet and over louder noise', async (t) => {
  const raw = signal(8000, [[850, 400]], { dbfs: -24, noiseDbfs: -45, seed: 7 });
  const beeps = detect(decodePcmu(encodePcmu(raw)), 8000);
  t.equal(beeps.length, 1);
  t.ok(Math.abs((beeps[0]?.frequencyHz ?? 0) - 850) <= 10);
});

t.test('two-tone beeps are one beep ending after the second tone', async (t) => {
  const beeps = detect(
    signal(
      16000,
      [
        [950, 150],
        [1400, 150],
      ],
      { seed: 3 },
    ),
    16000,
  );
  t.equal(beeps.length, 1, 'one beep');
  t.ok(Math.abs((beeps[0]?.endMs ?? 0) - 600) <= 40, `ends at 600 ms, read ${beeps[0]?.endMs} ms`);
});

t.test('too short, too low, too quiet or gliding tones are not beeps', async (t) => {
  t.same(detect(signal(8000, [[1000, 80]]), 8000), [], '80 ms blip');
  t.same(detect(signal(8000, [[150, 500]]), 8000), [], '150 Hz hum is below the band');
  t.same(detect(signal(8000, [[1000, 500]], { dbfs: -60, noiseDbfs: -90 }), 8000), [], '-60 dBFS');
  // A glide of 40 Hz per 20 ms (pitch moving as a voice's does) never holds a frequency.
  const glide: Array<[number, number]> = [];
  for (let f = 500; f < 1300; f += 40) glide.push([f, 20]);
  t.same(detect(signal(8000, glide), 8000), [], 'glide');
});

t.test('silence and white noise are not beeps', async (t) => {
  t.same(detect(new Int16Array(16000 * 3), 16000), [], 'digital silence');
  t.same(detect(signal(8000, [], { leadMs: 3000, noiseDbfs: -20 }), 8000), [], 'loud white noise');
  t.same(detect(signal(16000, [], { leadMs: 3000, noiseDbfs: -50 }), 16000), [], 'line noise');
});

t.test('TTS speech is not a beep', async (t) => {
  const text =
    "Hello, who's calling? Good morning, Dana speaking. Hi, you've reached the Millers, " +
    'please leave a message after the tone. Ooh, aah, mmm, hmmm.';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tone-test-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const voices: Array<[string, string[]]> = [
    ['flite kal', ['flite', '-voice', 'kal', '-t', text, '-o']],
    ['flite slt', ['flite', '-voice', 'slt', '-t', text, '-o']],
    ['espeak-ng', ['espeak-ng', '-v', 'en-us', text, '-w']],
  ];
  for (const [name, [cmd, ...args]] of voices) {
    const wav = path.join(dir, 'v.wav');
    try {
      execFileSync(cmd ?? '', [...args, wav], { stdio: 'ignore' });
    } catch {
      t.comment(`skipped ${name}: not installed`);
      continue;
    }
    const w = parseWav(readFileSync(wav));
    const at16k = resample(w.samples, w.sampleRateHz, 16000);
    t.same(detect(at16k, 16000), [], `${name} at 16 kHz`);
    const phone = decodePcmu(encodePcmu(resample(w.samples, w.sampleRateHz, 8000)));
    t.same(detect(phone, 8000), [], `${name} through G.711 at 8 kHz`);
  }
});
