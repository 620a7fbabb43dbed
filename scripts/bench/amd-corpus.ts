/**
 * The answering-machine corpus of `npm run bench:amd`, made here from the box's TTS voices and the
 * recorded speech of ../shared/speech; nothing downloaded.
 *
 * Each item is one answered call as the appliance hears it: 8 kHz through G.711 (u-law and A-law in
 * turn, media/codecs), levels varied, mild white line noise throughout.
 *   human    200-900 ms of pick-up quiet, a short greeting, then 5 s of quiet (the person waits);
 *   machine  300-800 ms of quiet, a 3-12 s voicemail greeting, 0.2-1.5 s of quiet, a beep (single,
 *            two-tone, or decaying; 150-1200 ms; one in six has none), then 4 s of quiet.
 *
 * The split was fixed before any tuning and is never tuned on: the held-out part has other voices,
 * other phrasings, other beep frequencies and other recordings than the tune part.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseWav, prng, resample } from '../../lib/index.js';
import { decodePcma, decodePcmu, encodePcma, encodePcmu } from '../../media/index.js';

export const RATE = 8000;
export type Part = 'tune' | 'held-out';

export type Voice =
  | { engine: 'flite'; name: string }
  | { engine: 'espeak'; name: string; speed: number; pitch: number }
  | { engine: 'festival' };

export type BeepKind = 'single' | 'two-tone' | 'decaying' | 'none';

export interface AmdItem {
  id: string;
  part: Part;
  truth: 'human' | 'machine';
  /** 8 kHz linear PCM after the G.711 round trip. */
  pcm: Int16Array;
  /** End of the spoken words, ms since answer. */
  speechEndMs: number;
  beep: BeepKind;
  /** End of the beep, ms since answer (-1: none). */
  beepEndMs: number;
  beepHz: number;
}

interface PartSpec {
  voices: Voice[];
  humanTexts: string[];
  machineTexts: string[];
  beepHz: number[];
  /** Recordings in ../shared/speech (cut to their first words) used as human answers. */
  recordings: string[];
}

export const PARTS: Record<Part, PartSpec> = {
  tune: {
    voices: [
      { engine: 'flite', name: 'slt' },
      { engine: 'flite', name: 'kal' },
      { engine: 'espeak', name: 'en-us', speed: 165, pitch: 50 },
      { engine: 'espeak', name: 'en-us+f2', speed: 150, pitch: 60 },
      { engine: 'festival' },
    ],
    humanTexts: [
      'Hello?',
      'Hi, this is Sam.',
      "Yes, hello, who's calling?",
      'Good morning, Dana speaking.',
      'Hello, Miller residence.',
      'Yeah?',
      'Hi there.',
      'Hello, this is Chris.',
    ],
    machineTexts: [
      "Hi, you've reached the Millers. We can't come to the phone right now, please leave a message after the tone.",
      "Hello, this is Dana. I'm not available at the moment. Leave your name and number and I'll call you back.",
      'You have reached the voicemail of Sam Parker. Please leave a message.',
      'The person you are calling is not available. Please record your message after the tone. When you have finished recording, you may hang up.',
      "Hi, it's Chris. Leave a message.",
      'Thank you for calling Bright Smile Dental. Our office is currently closed. Our hours are Monday to Friday, nine to five. Please leave a message and we will return your call.',
    ],
    beepHz: [440, 500, 800, 1000, 1400],
    recordings: ['whisper.cpp/jfk.wav', 'librispeech/2830-3980-0043.wav'],
  },
  'held-out': {
    voices: [
      { engine: 'flite', name: 'awb' },
      { engine: 'flite', name: 'rms' },
      { engine: 'flite', name: 'kal16' },
      { engine: 'espeak', name: 'en-gb-scotland+f4', speed: 155, pitch: 55 },
      { engine: 'espeak', name: 'en-gb-x-rp+m3', speed: 175, pitch: 40 },
    ],
    humanTexts: [
      'Hello.',
      "Hey, it's Jordan.",
      'Good afternoon, Pat here.',
      'Yes?',
      'Hello, who is this?',
      'Hi, Alex speaking.',
      'Speaking.',
      "Hello, Taylor's phone.",
    ],
    machineTexts: [
      "Hey, this is Jordan. Sorry I missed you. Leave a message and I'll get back to you as soon as I can.",
      'The number you have dialed is unavailable. At the tone, please record your message.',
      "Hello, you've reached Pat and Alex. We're out right now, so leave us a message after the beep.",
      "This is Taylor's phone. I can't take your call. Please leave a short message.",
      'Welcome to the voicemail box of extension two four one. Please leave a message after the tone. Press pound when finished.',
      "Hi! You've reached Morgan. You know what to do.",
    ],
    beepHz: [425, 600, 950, 1200, 1800, 2000],
    recordings: [
      'librispeech/4507-16021-0012.wav',
      'librispeech/8455-210777-0068.wav',
      'osr/OSR_us_000_0034_8k.wav',
    ],
  },
};

export function voiceName(v: Voice): string {
  return v.engine === 'festival' ? 'festival' : `${v.engine}-${v.name}`;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-amd-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

/** Speaks `text` with `voice`, at 8 kHz, leading/trailing quiet trimmed. */
export function synth(voice: Voice, text: string): Int16Array {
  const wav = path.join(tmp, 'tts.wav');
  const txt = path.join(tmp, 'tts.txt');
  writeFileSync(txt, text);
  if (voice.engine === 'flite') execFileSync('flite', ['-voice', voice.name, '-f', txt, '-o', wav]);
  else if (voice.engine === 'espeak')
    execFileSync('espeak-ng', [
      '-v',
      voice.name,
      '-s',
      String(voice.speed),
      '-p',
      String(voice.pitch),
      '-f',
      txt,
      '-w',
      wav,
    ]);
  else execFileSync('text2wave', ['-F', '16000', '-o', wav, txt]);
  const w = parseWav(readFileSync(wav));
  return trim(resample(w.channelData[0] ?? w.samples, w.sampleRateHz, RATE));
}

/** Trims quiet (10 ms blocks under -45 dBFS) from both ends. */
export function trim(pcm: Int16Array): Int16Array {
  const block = RATE / 100;
  const loud = (i: number): boolean => {
    let e = 0;
    for (let k = i; k < Math.min(pcm.length, i + block); k++) e += (pcm[k] ?? 0) ** 2;
    return Math.sqrt(e / block) > 32768 * 10 ** (-45 / 20);
  };
  let a = 0;
  while (a < pcm.length && !loud(a)) a += block;
  let b = pcm.length - block;
  while (b > a && !loud(b)) b -= block;
  return pcm.slice(a, Math.min(pcm.length, b + block));
}

/** A recording cut to its first words: the quietest 20 ms between 0.9 and 1.8 s after onset. */
export function firstWords(file: string, speechDir: string): Int16Array | undefined {
  const p = path.join(speechDir, file);
  if (!existsSync(p)) return undefined;
  const w = parseWav(readFileSync(p));
  const pcm = trim(resample(w.channelData[0] ?? w.samples, w.sampleRateHz, RATE));
  const block = RATE / 50;
  let cut = pcm.length;
  let quietest = Infinity;
  for (let i = Math.round(0.9 * RATE); i + block <= Math.min(pcm.length, 1.8 * RATE); i += block / 2) {
    let e = 0;
    for (let k = i; k < i + block; k++) e += (pcm[k] ?? 0) ** 2;
    if (e < quietest) {
      quietest = e;
      cut = i + block / 2;
    }
  }
  const out = pcm.slice(0, cut);
  const fade = RATE / 100; // 10 ms fade-out: no click at the cut
  for (let k = 0; k < fade && k < out.length; k++) {
    const i = out.length - 1 - k;
    out[i] = Math.round((out[i] ?? 0) * (k / fade));
  }
  return out;
}

function scaleToPeak(pcm: Int16Array, peakDbfs: number): Float64Array {
  let peak = 1;
  for (const s of pcm) peak = Math.max(peak, Math.abs(s));
  const g = (32767 * 10 ** (peakDbfs / 20)) / peak;
  return Float64Array.from(pcm, (s) => s * g);
}

/** A beep of `kind` (not 'none'), `ms` long, amplitude `dbfs` (sine peak), 5 ms ramps. */
export function beepPcm(kind: BeepKind, hz: number, ms: number, dbfs: number): Float64Array {
  const n = Math.round((RATE * ms) / 1000);
  const out = new Float64Array(n);
  const amp = 32767 * 10 ** (dbfs / 20);
  const ramp = RATE / 200;
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const f = kind === 'two-tone' && i >= n / 2 ? Math.min(2400, Math.round(hz * 1.4)) : hz;
    phase += (2 * Math.PI * f) / RATE;
    // A decaying beep falls 20 dB over its length (a struck chime).
    const decay = kind === 'decaying' ? 10 ** ((-20 * i) / n / 20) : 1;
    const edge = Math.min(1, i / ramp, (n - 1 - i) / ramp);
    out[i] = amp * decay * edge * Math.sin(phase);
  }
  return out;
}

/** Puts the parts end to end, adds white noise at `noiseDbfs` RMS, G.711 round trip. */
function assemble(parts: Float64Array[], noiseDbfs: number, rnd: () => number, law: 'u' | 'a'): Int16Array {
  const len = parts.reduce((n, p) => n + p.length, 0);
  const mix = new Float64Array(len);
  let at = 0;
  for (const p of parts) {
    mix.set(p, at);
    at += p.length;
  }
  const sigma = 32768 * 10 ** (noiseDbfs / 20);
  const pcm = new Int16Array(len);
  for (let i = 0; i < len; i++) {
    // Box-Muller: Gaussian white noise.
    const g = Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
    pcm[i] = Math.max(-32768, Math.min(32767, Math.round((mix[i] ?? 0) + sigma * g)));
  }
  return law === 'u' ? decodePcmu(encodePcmu(pcm)) : decodePcma(encodePcma(pcm));
}

const quiet = (ms: number): Float64Array => new Float64Array(Math.round((RATE * ms) / 1000));
const msOf = (samples: number): number => (1000 * samples) / RATE;

const BEEP_KINDS: BeepKind[] = ['single', 'single', 'single', 'two-tone', 'decaying', 'none'];

/** Builds one part of the corpus. `speechDir`: ../shared/speech. */
export function buildPart(part: Part, speechDir: string): AmdItem[] {
  const spec = PARTS[part];
  const items: AmdItem[] = [];
  let seed = part === 'tune' ? 1000 : 2000;
  const human = (id: string, words: Int16Array): void => {
    const rnd = prng(seed++);
    const lead = quiet(200 + 700 * rnd());
    const speech = scaleToPeak(words, -3 - 15 * rnd());
    const pcm = assemble([lead, speech, quiet(5000)], -62 + 14 * rnd(), rnd, seed % 2 ? 'u' : 'a');
    const speechEndMs = msOf(lead.length + speech.length);
    items.push({ id, part, truth: 'human', pcm, speechEndMs, beep: 'none', beepEndMs: -1, beepHz: 0 });
  };
  for (const v of spec.voices) {
    spec.humanTexts.forEach((text, k) => human(`${voiceName(v)} h${k} "${text}"`, synth(v, text)));
  }
  for (const rec of spec.recordings) {
    const words = firstWords(rec, speechDir);
    if (words) human(`recording ${rec}`, words);
  }
  let m = 0;
  for (const v of spec.voices) {
    spec.machineTexts.forEach((text, k) => {
      const rnd = prng(seed++);
      const kind = BEEP_KINDS[m % BEEP_KINDS.length] ?? 'single';
      const hz = spec.beepHz[m % spec.beepHz.length] ?? 1000;
      m++;
      const lead = quiet(300 + 500 * rnd());
      const speech = scaleToPeak(synth(v, text), -3 - 15 * rnd());
      const gap = quiet(200 + 1300 * rnd());
      const beepMs = Math.round(150 + 1050 * rnd());
      const beep = kind === 'none' ? new Float64Array(0) : beepPcm(kind, hz, beepMs, -6 - 16 * rnd());
      const pcm = assemble(
        [lead, speech, gap, beep, quiet(4000)],
        -62 + 14 * rnd(),
        rnd,
        seed % 2 ? 'u' : 'a',
      );
      const speechEndMs = msOf(lead.length + speech.length);
      items.push({
        id: `${voiceName(v)} m${k} ${kind}${kind === 'none' ? '' : ` ${hz} Hz ${beepMs} ms`}`,
        part,
        truth: 'machine',
        pcm,
        speechEndMs,
        beep: kind,
        beepEndMs: kind === 'none' ? -1 : msOf(lead.length + speech.length + gap.length + beep.length),
        beepHz: hz,
      });
    });
  }
  return items;
}
