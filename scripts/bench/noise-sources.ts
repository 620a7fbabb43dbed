/**
 * Noise makers for `npm run bench:noise` (8 kHz float samples, made deterministically: nothing is
 * downloaded, every PRNG has a fixed seed, so a run reproduces the last one sample for sample).
 *
 * TUNE noises (the product defaults, denoise on and AGC off, were chosen on them):
 *   babble  six espeak-ng voices reading unrelated text at different speeds and pitches, summed
 *           with offsets (many talkers, none intelligible);
 *   street  brown noise (integrated white) plus a low rumble (35-110 Hz partials with slow
 *           amplitude swings), as a car or a street is heard on a phone (seed 7);
 *   music   sox synth chords (plucked triads, a four-chord loop).
 * HELD-OUT noises (classes never used to choose anything; seeds 101/202/303, none used by tune):
 *   car     engine firing harmonics (fundamental drifting 28-55 Hz, i.e. a four-cylinder at
 *           840-1650 rpm, six harmonics at 1/k amplitude) + tyre/road noise (brown + a broad
 *           700 Hz band) + wind buffets (low-passed noise under a gust envelope);
 *   cafe    non-stationary: cup/plate clinks (3-4 inharmonic partials 1.8-3.9 kHz decaying in
 *           15-60 ms, ~1.2 per second at random times), chair scrapes (0.3-0.9 s of stick-slip
 *           pulsed noise through a resonance sweeping 400 -> 1200 Hz, ~1 per 7 s), a till's
 *           double beep (2.7 kHz, ~1 per 12 s), over a low murmur (300-1500 Hz noise with a
 *           syllable-rate 4 Hz amplitude swing; not speech, babble is the tune class for that);
 *   clatter impulsive: door slams (70-110 Hz thump + broadband crack + 300-600 Hz rattle, ~1 per
 *           9 s), knocks (2-4 raps 180-260 ms apart, ~1 per 8 s), keyboard bursts (6-25 clicks at
 *           4-12 per second, ~1 burst per 5 s), over faint room noise.
 * Impulsive classes are normalised to unit RMS like the others (main()), so at a given SNR most
 * of their energy sits in short loud events and the stretches between them are quiet.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prng } from '../../lib/index.js';
import { parseWav } from '../../models/index.js';

/** The line's sample rate (G.711 narrowband), Hz. */
export const RATE = 8000;
/** Scratch folder for sox/espeak-ng/flite output; removed by `removeScratch()`. */
export const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-noise-'));

export function removeScratch(): void {
  rmSync(tmp, { recursive: true, force: true });
}

/** Any audio file -> 8 kHz 16-bit mono samples (sox). */
export function wav8k(file: string, extra: string[] = []): Float64Array {
  const out = path.join(tmp, 'x.wav');
  execFileSync('sox', [file, '-r', String(RATE), '-b', '16', out, ...extra]);
  return Float64Array.from(parseWav(readFileSync(out)).pcm);
}

export function loop(x: Float64Array, n: number, offset: number): Float64Array {
  const out = new Float64Array(n);
  if (x.length === 0) return out;
  for (let i = 0; i < n; i++) out[i] = x[(i + offset) % x.length] as number;
  return out;
}

/** Active speech level (dB, arbitrary scale): RMS over 10 ms blocks within 30 dB of the loudest. */
export function activeLevelDb(x: Float64Array): number {
  const blocks: number[] = [];
  for (let i = 0; i + 80 <= x.length; i += 80) {
    let s = 0;
    for (let k = i; k < i + 80; k++) s += (x[k] as number) ** 2;
    blocks.push(10 * Math.log10(s / 80 + 1e-9));
  }
  const top = Math.max(...blocks);
  const act = blocks.filter((b) => b > top - 30);
  return 10 * Math.log10(act.reduce((a, b) => a + 10 ** (b / 10), 0) / Math.max(1, act.length));
}

export function rmsDb(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return 10 * Math.log10(s / Math.max(1, x.length) + 1e-9);
}

export function scaled(x: Float64Array, db: number): Float64Array {
  const g = 10 ** (db / 20);
  return x.map((v) => v * g);
}

const BABBLE_TEXT = [
  'the committee will meet again on thursday to discuss the budget for the new library wing',
  'she said the train was late because of the snow and nobody knew when it would arrive',
  'if you turn left at the bakery you will see the market square and the old church tower',
  'we ordered two coffees and a slice of lemon cake but the waiter brought us tea instead',
  'the football match was cancelled after the heavy rain flooded most of the pitch',
  'my brother moved to the coast last year and now he spends every weekend sailing',
];

function babble(n: number): Float64Array {
  const voices = ['en-us+m3', 'en-gb+f2', 'en-us+f4', 'en+m5', 'en-us+m1', 'en-gb+f5'];
  const sum = new Float64Array(n);
  voices.forEach((v, k) => {
    const w = path.join(tmp, `b${k}.wav`);
    const text = `${BABBLE_TEXT[k]} ${BABBLE_TEXT[(k + 3) % BABBLE_TEXT.length]}`;
    execFileSync('espeak-ng', ['-v', v, '-s', String(140 + 15 * k), '-p', String(30 + 8 * k), '-w', w, text]);
    const x = loop(wav8k(w), n, 3137 * k);
    for (let i = 0; i < n; i++) sum[i] = (sum[i] as number) + (x[i] as number);
  });
  return sum;
}

function street(n: number): Float64Array {
  const r = prng(7);
  const out = new Float64Array(n);
  let brown = 0;
  const partials = [35, 52, 71, 110].map((f, k) => ({ f, ph: r() * 6.28, am: 0.11 + 0.07 * k }));
  for (let i = 0; i < n; i++) {
    // Leaky integration of white noise: a -6 dB/octave (brown) spectrum without drifting off.
    brown = 0.995 * brown + (r() * 2 - 1);
    const t = i / RATE;
    let rumble = 0;
    for (const p of partials)
      rumble += (1 + 0.6 * Math.sin(2 * Math.PI * p.am * t)) * Math.sin(2 * Math.PI * p.f * t + p.ph);
    out[i] = brown * 0.1 + rumble * 0.5 + (r() * 2 - 1) * 0.05;
  }
  return out;
}

function music(n: number): Float64Array {
  const chords = [
    ['C3', 'E3', 'G3', 'C4'],
    ['A2', 'E3', 'A3', 'C4'],
    ['F2', 'A3', 'C4', 'F4'],
    ['G2', 'B3', 'D4', 'G4'],
  ];
  const parts: Float64Array[] = chords.map((c, k) => {
    const w = path.join(tmp, `m${k}.wav`);
    execFileSync('sox', [
      '-n',
      '-r',
      String(RATE),
      '-b',
      '16',
      '-c',
      '4',
      w,
      'synth',
      '1.2',
      ...c.flatMap((x) => ['pluck', x]),
    ]);
    return Float64Array.from(parseWav(readFileSync(w)).pcm);
  });
  const bar = new Float64Array(parts.reduce((a, p) => a + p.length, 0));
  let off = 0;
  for (const p of parts) {
    bar.set(p, off);
    off += p.length;
  }
  return loop(bar, n, 0);
}

/** A slowly varying value in [0, 1]: random knots every 1/rateHz s, cosine-interpolated. */
function drift(r: () => number, n: number, rateHz: number): Float64Array {
  const step = RATE / rateHz;
  const knots = Array.from({ length: Math.ceil(n / step) + 2 }, () => r());
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = Math.floor(i / step);
    const u = (1 - Math.cos(Math.PI * (i / step - k))) / 2;
    out[i] = (knots[k] as number) * (1 - u) + (knots[k + 1] as number) * u;
  }
  return out;
}

/** Scales x in place to the given RMS (linear). */
function toRms(x: Float64Array, rms: number): Float64Array {
  const g = rms / 10 ** (rmsDb(x) / 20);
  for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) * g;
  return x;
}

/** Adds a damped sinusoid (decay time constant tauS, s) starting at sample `at`, for 5 tau. */
function ring(out: Float64Array, at: number, hz: number, tauS: number, amp: number, ph = 0): void {
  const len = Math.min(out.length - at, Math.round(5 * tauS * RATE));
  for (let i = 0; i < len; i++)
    out[at + i] =
      (out[at + i] as number) +
      amp * Math.exp(-i / (tauS * RATE)) * Math.sin((2 * Math.PI * hz * i) / RATE + ph);
}

/** Adds a white-noise burst decaying with tauS (s); `hp` differentiates it (a brighter click). */
function burst(out: Float64Array, r: () => number, at: number, tauS: number, amp: number, hp = false): void {
  const len = Math.min(out.length - at, Math.round(5 * tauS * RATE));
  let prev = 0;
  for (let i = 0; i < len; i++) {
    const w = r() * 2 - 1;
    out[at + i] = (out[at + i] as number) + amp * Math.exp(-i / (tauS * RATE)) * (hp ? w - prev : w);
    prev = w;
  }
}

/** Event start samples of a Poisson process with `perS` events per second. */
function events(r: () => number, n: number, perS: number): number[] {
  const at: number[] = [];
  for (let t = -Math.log(1 - r()) / perS; t * RATE < n; t += -Math.log(1 - r()) / perS)
    at.push(Math.floor(t * RATE));
  return at;
}

function car(n: number): Float64Array {
  const r = prng(101);
  const rpm = drift(r, n, 0.1);
  const gust = drift(r, n, 0.7);
  const engine = new Float64Array(n);
  const road = new Float64Array(n);
  const wind = new Float64Array(n);
  const phk = [0, 1, 2, 3, 4, 5].map(() => r() * 6.28);
  let ph = 0;
  let brown = 0;
  let b1 = 0;
  let b2 = 0;
  let lp = 0;
  // Two-pole resonator at 700 Hz, pole radius 0.9 (about 250 Hz wide): the tyres' broad hump.
  const R = 0.9;
  const c1 = 2 * R * Math.cos((2 * Math.PI * 700) / RATE);
  for (let i = 0; i < n; i++) {
    ph += (2 * Math.PI * (28 + 27 * (rpm[i] as number))) / RATE;
    let e = 0;
    for (let k = 1; k <= 6; k++) e += Math.sin(k * ph + (phk[k - 1] as number)) / k;
    engine[i] = e;
    brown = 0.995 * brown + (r() * 2 - 1);
    const band = r() * 2 - 1 + c1 * b1 - R * R * b2;
    b2 = b1;
    b1 = band;
    road[i] = brown * 0.1 + band * 0.15;
    // One-pole low-pass (about 130 Hz) of white noise under a squared gust envelope: buffets.
    lp = 0.9 * lp + 0.1 * (r() * 2 - 1);
    wind[i] = lp * (gust[i] as number) ** 2;
  }
  toRms(engine, 1);
  toRms(road, 0.7);
  toRms(wind, 0.5);
  return engine.map((v, i) => v + (road[i] as number) + (wind[i] as number));
}

function cafe(n: number): Float64Array {
  const r = prng(202);
  const out = new Float64Array(n);
  const syl = drift(r, n, 4);
  let hp = 0;
  let lp = 0;
  for (let i = 0; i < n; i++) {
    const w = r() * 2 - 1;
    hp = 0.8 * hp + 0.2 * w; // low-passed copy; w - hp keeps above ~300 Hz
    lp = 0.55 * lp + 0.45 * (w - hp); // then low-passed at ~1.5 kHz
    out[i] = lp * (0.5 + (syl[i] as number));
  }
  toRms(out, 0.1);
  for (const at of events(r, n, 1.2)) {
    const amp = 0.2 + 0.5 * r();
    const partials = 3 + Math.floor(r() * 2);
    for (let p = 0; p < partials; p++) ring(out, at, 1800 + 2100 * r(), 0.015 + 0.045 * r(), amp, r() * 6.28);
  }
  for (const at of events(r, n, 1 / 7)) {
    const len = Math.min(n - at, Math.round((0.3 + 0.6 * r()) * RATE));
    const stick = 40 + 40 * r();
    const Rs = 0.97;
    let y1 = 0;
    let y2 = 0;
    for (let i = 0; i < len; i++) {
      const u = i / len;
      const pulse = (0.5 + 0.5 * Math.sin((2 * Math.PI * stick * i) / RATE)) ** 4;
      const c = 2 * Rs * Math.cos((2 * Math.PI * (400 + 800 * u)) / RATE);
      const y = (r() * 2 - 1) * pulse + c * y1 - Rs * Rs * y2;
      y2 = y1;
      y1 = y;
      out[at + i] = (out[at + i] as number) + 0.4 * (1 - Rs) * y * Math.sin(Math.PI * u);
    }
  }
  for (const at of events(r, n, 1 / 12))
    for (const start of [at, at + Math.round(0.2 * RATE)]) {
      const len = Math.min(n - start, Math.round(0.12 * RATE));
      for (let i = 0; i < len; i++)
        out[start + i] = (out[start + i] as number) + 0.3 * Math.sin((2 * Math.PI * 2700 * i) / RATE);
    }
  return out;
}

function clatter(n: number): Float64Array {
  const r = prng(303);
  const out = new Float64Array(n);
  let lp = 0;
  for (let i = 0; i < n; i++) {
    lp = 0.7 * lp + 0.3 * (r() * 2 - 1);
    out[i] = lp;
  }
  toRms(out, 0.01);
  for (const at of events(r, n, 1 / 9)) {
    ring(out, at, 70 + 40 * r(), 0.08, 1.5);
    burst(out, r, at, 0.025, 1);
    ring(out, at + Math.round(0.01 * RATE), 300 + 300 * r(), 0.04, 0.4);
  }
  for (const at of events(r, n, 1 / 8)) {
    const knocks = 2 + Math.floor(r() * 3);
    for (let k = 0, t = at; k < knocks && t < n; k++, t += Math.round((0.18 + 0.08 * r()) * RATE)) {
      ring(out, t, 160 + 60 * r(), 0.015, 0.8);
      ring(out, t, 380 + 80 * r(), 0.012, 0.5);
      burst(out, r, t, 0.002, 0.6, true);
    }
  }
  for (const at of events(r, n, 1 / 5)) {
    const keys = 6 + Math.floor(r() * 20);
    for (let k = 0, t = at; k < keys && t < n; k++, t += Math.round((0.08 + 0.17 * r()) * RATE)) {
      const amp = 0.25 + 0.2 * r();
      burst(out, r, t, 0.0015, amp, true);
      ring(out, t, 2000 + 1500 * r(), 0.003, amp / 2);
    }
  }
  return out;
}

export type NoisePart = 'tune' | 'heldout';

/** Noise classes by part; each maker returns n samples at 8 kHz, arbitrary scale. */
export const noiseMakers: Record<NoisePart, Record<string, (n: number) => Float64Array>> = {
  tune: { babble, street, music },
  heldout: { car, cafe, clatter },
};
