/**
 * Caller-noise benchmark (npm run bench:noise): the recorded speech of ../shared/speech mixed with
 * noise made here, at 0, 5, 10 and 20 dB SNR, through G.711 u-law (media/codecs), then the call's
 * own path: 8 -> 16 kHz (the media session's resampler), the caller-audio chain (off / RNNoise /
 * RNNoise + AGC, models/denoise), Silero VAD with the call's settings (CALL_VAD), pocketsphinx on
 * the detector's utterances (open vocabulary, 16 kHz, as calls run it).
 *
 * Noises (8 kHz, made deterministically, nothing downloaded):
 *   babble  six espeak-ng voices reading unrelated text at different speeds and pitches, summed
 *           with offsets (many talkers, none intelligible);
 *   street  brown noise (integrated white) plus a low rumble (35-110 Hz partials with slow
 *           amplitude swings), as a car or a street is heard on a phone;
 *   music   sox synth chords (plucked triads, a four-chord loop).
 * SNR = active speech level (10 ms blocks within 30 dB of the loudest) over the noise's RMS.
 *
 * Figures per noise, SNR and chain: WER; VAD false starts per minute on 30 s of noise alone at the
 * same level; end-of-turn delay (true end of speech -> the detector's speech-end, median, 1.5 s of
 * noise after each recording; a turn the detector never ended counts as the 1.5 s it had); CPU of
 * the chain per call (% of one core: chain CPU time over audio time, measured in this process).
 * A "quiet" row plays the clean speech 24 dB down (a caller far from the phone) for the AGC.
 *
 * Flags: --agent also decodes with the per-agent model (the cover agent's trigram interpolated,
 * weight 0.5, as calls use it); --snr 5,10 and --noise babble limit the grid; --chains off,rnnoise.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CALL_VAD } from '../../appliance/calls/call-session.js';
import { prng, Resampler } from '../../lib/index.js';
import { decodePcmu, encodePcmu } from '../../media/index.js';
import {
  CallerAudioChain,
  loadRnnoise,
  parseWav,
  PocketsphinxEngine,
  SileroVadEngine,
  VadStream,
  wordErrorRate,
  type CallerAudioStream,
  type SttBias,
  type VadEngine,
  type VadEvent,
} from '../../models/index.js';
import { coverAgent } from './stt-corpus.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = process.env['APPLIANCE_SHARED_DIR'] ?? path.resolve(repoRoot, '..', 'shared');
const speechDir = path.join(shared, 'speech');
const modelsDir = path.join(shared, 'models');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-noise-'));
const RATE = 8000;

function arg(name: string): string[] | undefined {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  return v?.split(',').filter(Boolean);
}

/** Deterministic PRNG (mulberry32): the same noise every run. */
const rng = prng;

function wav8k(file: string, extra: string[] = []): Float64Array {
  const out = path.join(tmp, 'x.wav');
  execFileSync('sox', [file, '-r', String(RATE), '-b', '16', out, ...extra]);
  return Float64Array.from(parseWav(readFileSync(out)).pcm);
}

function loop(x: Float64Array, n: number, offset: number): Float64Array {
  const out = new Float64Array(n);
  if (x.length === 0) return out;
  for (let i = 0; i < n; i++) out[i] = x[(i + offset) % x.length] as number;
  return out;
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
  const r = rng(7);
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

/** Active speech level (dB, arbitrary scale): RMS over 10 ms blocks within 30 dB of the loudest. */
function activeLevelDb(x: Float64Array): number {
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

function rmsDb(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return 10 * Math.log10(s / Math.max(1, x.length) + 1e-9);
}

function scaled(x: Float64Array, db: number): Float64Array {
  const g = 10 ** (db / 20);
  return x.map((v) => v * g);
}

/** The caller's line: float samples -> int16 -> G.711 u-law and back (what RTP decoding yields). */
function g711(x: Float64Array): Int16Array {
  const pcm = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(x[i] as number)));
  return decodePcmu(encodePcmu(pcm));
}

interface Item {
  id: string;
  reference: string;
  speech: Float64Array;
  /** Last sample of speech (clean signal), in the item's timeline including the lead. */
  endSample: number;
}

const LEAD_S = 1;
const TAIL_S = 1.5;
/** Speech level on the line: -20 dBFS active level (a normal talker after the PBX). */
const SPEECH_DBFS = -20;
const FULL = 20 * Math.log10(32768);

function loadItems(): Item[] {
  const tsv = readFileSync(path.join(speechDir, 'transcripts.tsv'), 'utf8').trim().split('\n').slice(1);
  const items: Item[] = [];
  for (const line of tsv) {
    const [file = '', , , reference = ''] = line.split('\t');
    if (!existsSync(path.join(speechDir, file))) continue;
    const raw = wav8k(path.join(speechDir, file));
    const s = scaled(raw, SPEECH_DBFS + FULL - activeLevelDb(raw));
    // True end of speech: the last 10 ms block within 35 dB of the loudest.
    let top = -Infinity;
    const lv: number[] = [];
    for (let i = 0; i + 80 <= s.length; i += 80) {
      let e = 0;
      for (let k = i; k < i + 80; k++) e += (s[k] as number) ** 2;
      lv.push(10 * Math.log10(e / 80 + 1e-9));
      top = Math.max(top, lv[lv.length - 1] as number);
    }
    let last = 0;
    lv.forEach((v, k) => (v > top - 35 ? (last = k) : 0));
    items.push({
      id: path.basename(file, '.wav'),
      reference,
      speech: s,
      endSample: LEAD_S * RATE + (last + 1) * 80,
    });
  }
  return items;
}

type ChainName = 'off' | 'rnnoise' | 'rnnoise+agc' | 'agc';

interface Run {
  segments: Int16Array[];
  starts: number;
  endMs: number | undefined;
  chainCpuUs: number;
}

/** The call path from the decoded 8 kHz line to the detector's utterances. */
async function callPath(vad: VadEngine, line: Int16Array, chainName: ChainName): Promise<Run> {
  const m = chainName.includes('rnnoise') ? await loadRnnoise() : undefined;
  const chain = new CallerAudioChain(m, {
    denoise: chainName.includes('rnnoise'),
    agc: chainName.includes('agc'),
  });
  let cpu = 0;
  const cleaner: CallerAudioStream | undefined = chain.active
    ? {
        process: (pcm) => {
          // Wall time of the synchronous call (Node 20 has no per-thread CPU clock; ONNX Runtime's
          // threads would count in process.cpuUsage): on a busy box this overstates, never understates.
          const t = performance.now();
          const out = chain.process(pcm);
          cpu += (performance.now() - t) * 1000;
          return Promise.resolve(out);
        },
        close: () => chain.destroy(),
      }
    : undefined;
  const up = new Resampler(RATE, 16000);
  const s = new VadStream(vad, { ...CALL_VAD }, cleaner);
  const events: VadEvent[] = [];
  // 20 ms frames, as the media session hands them over.
  for (let i = 0; i < line.length; i += 160)
    events.push(...(await s.push(up.process(line.subarray(i, i + 160)), 16000)));
  events.push(...(await s.flush()));
  s.close();
  const ends = events.filter((e) => e.kind === 'speech-end' && e.reason !== 'flush');
  return {
    segments: events.flatMap((e) => (e.kind === 'speech-end' ? [e.pcm] : [])),
    starts: events.filter((e) => e.kind === 'speech-start').length,
    endMs: ends.length > 0 ? (ends[ends.length - 1] as VadEvent).atMs : undefined,
    chainCpuUs: cpu,
  };
}

async function transcribe(engine: PocketsphinxEngine, segs: Int16Array[], bias?: SttBias): Promise<string> {
  const texts: string[] = [];
  for (const seg of segs) {
    if (seg.length < 1600) continue;
    texts.push((await engine.transcribe({ pcm: seg, sampleRateHz: 16000 }, bias ? { bias } : {})).text);
  }
  return texts.join(' ');
}

function median(x: number[]): number {
  const s = [...x].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  console.log(
    `noise benchmark: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg()[0]?.toFixed(1)}`,
  );
  const vad = await SileroVadEngine.load(modelsDir);
  const engine = await PocketsphinxEngine.load({
    poolSize: 2,
    utteranceTimeoutMs: 600000,
    cacheDir: path.join(tmp, 'cache'),
  });
  const items = loadItems();
  const snrs = (arg('snr') ?? ['0', '5', '10', '20']).map(Number);
  const noiseNames = arg('noise') ?? ['babble', 'street', 'music'];
  const chains = (arg('chains') ?? ['off', 'rnnoise', 'rnnoise+agc']) as ChainName[];
  const agent = process.argv.includes('--agent');
  const bias: SttBias = { phrases: coverAgent, weight: 0.5 };
  const maxLen = Math.max(...items.map((i) => i.speech.length)) + (LEAD_S + TAIL_S) * RATE;
  const NOISE_ONLY_S = 30;
  const makers: Record<string, (n: number) => Float64Array> = { babble, street, music };
  const noises = new Map<string, Float64Array>();
  for (const n of noiseNames) {
    const f = makers[n];
    if (!f) throw new Error(`unknown noise ${n}`);
    const x = f(maxLen + NOISE_ONLY_S * RATE);
    noises.set(n, scaled(x, -rmsDb(x))); // unit RMS (0 dB on the float scale)
  }
  const header = [
    'noise',
    'SNR dB',
    'chain',
    'WER open',
    ...(agent ? ['WER agent'] : []),
    'false starts/min',
    'end-of-turn ms (median)',
    'CPU % core',
  ];
  const rows: string[][] = [header];
  const conditions: { noise: string; snr: number | 'clean' | 'quiet' }[] = [
    { noise: '-', snr: 'clean' },
    { noise: '-', snr: 'quiet' },
    ...noiseNames.flatMap((noise) => snrs.map((snr) => ({ noise, snr }))),
  ];
  for (const c of conditions) {
    for (const chain of chains) {
      const t0 = performance.now();
      let errs = 0;
      let words = 0;
      let errsA = 0;
      let cpuUs = 0;
      let audioS = 0;
      const delays: number[] = [];
      const noise = noises.get(c.noise);
      const noiseDb = typeof c.snr === 'number' ? SPEECH_DBFS + FULL - c.snr : -Infinity;
      const runs: { it: Item; r: Run; n: number }[] = [];
      for (const it of items)
        runs.push(
          await (async () => {
            const n = Math.round(it.speech.length + (LEAD_S + TAIL_S) * RATE);
            const mix = new Float64Array(n);
            const gain = c.snr === 'quiet' ? 10 ** (-24 / 20) : 1;
            for (let i = 0; i < it.speech.length; i++)
              mix[LEAD_S * RATE + i] = (it.speech[i] as number) * gain;
            if (noise) {
              const g = 10 ** (noiseDb / 20);
              for (let i = 0; i < n; i++) mix[i] = (mix[i] as number) + (noise[i] as number) * g;
            }
            const r = await callPath(vad, g711(mix), chain);
            return { it, r, n };
          })(),
        );
      for (let i = 0; i < runs.length; i += 2) {
        await Promise.all(
          runs.slice(i, i + 2).map(async ({ it, r, n }) => {
            const hyp = await transcribe(engine, r.segments);
            const w = wordErrorRate(it.reference, hyp);
            errs += w.errors;
            words += w.words;
            if (agent)
              errsA += wordErrorRate(it.reference, await transcribe(engine, r.segments, bias)).errors;
            cpuUs += r.chainCpuUs;
            audioS += n / RATE;
            const trueEndMs = (it.endSample / RATE) * 1000;
            delays.push(r.endMs !== undefined && r.endMs > trueEndMs ? r.endMs - trueEndMs : TAIL_S * 1000);
          }),
        );
      }
      // False starts: the detector on 30 s of the noise alone at this condition's level.
      let fs = '-';
      if (noise) {
        const g = 10 ** (noiseDb / 20);
        const only = noise.subarray(maxLen, maxLen + NOISE_ONLY_S * RATE).map((v) => v * g);
        const r = await callPath(vad, g711(only), chain);
        fs = ((r.starts / NOISE_ONLY_S) * 60).toFixed(1);
        cpuUs += r.chainCpuUs;
        audioS += NOISE_ONLY_S;
      }
      const row = [
        c.noise,
        String(c.snr),
        chain,
        `${((errs / Math.max(1, words)) * 100).toFixed(1)}%`,
        ...(agent ? [`${((errsA / Math.max(1, words)) * 100).toFixed(1)}%`] : []),
        fs,
        median(delays).toFixed(0),
        chain === 'off' ? '0' : ((cpuUs / 1e6 / audioS) * 100).toFixed(2),
      ];
      rows.push(row);
      console.log(`${row.join(' | ')}  (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  }
  // CPU per call, the chain alone (nothing else running in this process meanwhile, so the
  // process's user+system time is the chain's): 60 s of street noise at 5 dB SNR under speech.
  for (const chain of chains.filter((c) => c !== 'off')) {
    const m = chain.includes('rnnoise') ? await loadRnnoise() : undefined;
    const ch = new CallerAudioChain(m, { denoise: chain.includes('rnnoise'), agc: chain.includes('agc') });
    const up = new Resampler(RATE, 16000);
    const src = noises.get(noiseNames[0] ?? '') ?? new Float64Array(RATE);
    const line = g711(loop(scaled(src, SPEECH_DBFS + FULL - 5), RATE * 60, 0));
    const c0 = process.cpuUsage();
    for (let i = 0; i < line.length; i += 160) ch.process(up.process(line.subarray(i, i + 160)));
    const d = process.cpuUsage(c0);
    ch.destroy();
    console.log(
      `CPU per call, ${chain} alone (60 s of ${noiseNames[0]} noise, 20 ms frames, user+system): ` +
        `${(((d.user + d.system) / 1e6 / 60) * 100).toFixed(2)} % of a core (includes the 8 -> 16 kHz step the media session does anyway)`,
    );
  }
  await engine.close();
  await vad.close();
  rmSync(tmp, { recursive: true, force: true });
  console.log('');
  const widths = header.map((_, k) => Math.max(...rows.map((r) => (r[k] ?? '').length)));
  for (const r of rows) console.log(`| ${r.map((v, k) => v.padEnd(widths[k] ?? 0)).join(' | ')} |`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
