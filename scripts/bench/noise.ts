/**
 * Caller-noise benchmark (npm run bench:noise): speech mixed with noise made here, at 0, 5, 10
 * and 20 dB SNR, through G.711 u-law (media/codecs), then the call's own path: 8 -> 16 kHz (the
 * media session's resampler), the caller-audio chain (off / RNNoise / RNNoise + AGC,
 * models/denoise), Silero VAD with the call's settings (CALL_VAD), pocketsphinx on the detector's
 * utterances (open vocabulary, 16 kHz, as calls run it).
 *
 * Two parts, reported apart (`--part tune|heldout|both`, default both; tune runs first so its
 * figures and decoder history match earlier runs):
 *   tune     the 5 real recordings of ../shared/speech with babble/street/music: the product's
 *            defaults (denoise on, AGC off) were chosen on these, so they are not held out;
 *   heldout  SYNTHETIC caller sentences (flite voices, noise-speech.ts) with car/cafe/clatter
 *            noises (noise-sources.ts): speakers and noise classes never used to choose anything.
 *            Its WER level differs from real speech; the off vs. RNNoise comparison is what counts.
 * SNR = active speech level (10 ms blocks within 30 dB of the loudest) over the noise's RMS.
 *
 * Figures per part, noise, SNR and chain: WER; VAD false starts per minute on 30 s of noise alone
 * at the same level; end-of-turn delay (true end of speech -> the detector's speech-end, median,
 * 1.5 s of noise after each item; a turn the detector never ended counts as the 1.5 s it had);
 * CPU of the chain per call (% of one core: chain wall time over audio time, in this process).
 * A "quiet" row plays the clean speech 24 dB down (a caller far from the phone) for the AGC.
 * Then a false-start summary: off -> RNNoise ratio per noise and SNR, and the ">= 5x fewer at
 * 5 dB" target wherever "off" has any false start to reduce.
 *
 * Flags: --agent also decodes with the per-agent model (weight 0.5, as calls use it: the cover
 * agent for tune, the vet agent for held-out); --snr 5,10 and --noise babble,car limit the grid
 * (a part with none of the listed noises is skipped); --chains off,rnnoise; --part heldout.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CALL_VAD } from '../../appliance/calls/call-session.js';
import { Resampler } from '../../lib/index.js';
import { decodePcmu, encodePcmu } from '../../media/index.js';
import {
  CallerAudioChain,
  loadRnnoise,
  PocketsphinxEngine,
  SpeexDenoiser,
  SileroVadEngine,
  sttChannel,
  VadStream,
  wordErrorRate,
  type CallerAudioStream,
  type SttBias,
  type VadEngine,
  type VadEvent,
} from '../../models/index.js';
import {
  loop,
  noiseMakers,
  RATE,
  removeScratch,
  rmsDb,
  scaled,
  tmp,
  type NoisePart,
} from './noise-sources.js';
import {
  checkHeldoutText,
  FULL,
  heldoutItems,
  LEAD_S,
  SPEECH_DBFS,
  tuneItems,
  type Item,
} from './noise-speech.js';
import { coverAgent, vetAgent } from './stt-corpus.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = process.env['APPLIANCE_SHARED_DIR'] ?? path.resolve(repoRoot, '..', 'shared');
const speechDir = path.join(shared, 'speech');
const modelsDir = path.join(shared, 'models');
/** Noise after the speech in each item, s (the end-of-turn window). */
const TAIL_S = 1.5;
/** --gate DB: the detector's onset gate for this run (models/vad VadOptions.onsetGateDb). */
const GATE_DB = ((v) => (v === undefined ? undefined : Number(v)))(arg('gate')?.[0]);
/** Noise alone for the false-start count, s. */
const NOISE_ONLY_S = 30;

function arg(name: string): string[] | undefined {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  return v?.split(',').filter(Boolean);
}

/** The caller's line: float samples -> int16 -> G.711 u-law and back (what RTP decoding yields). */
function g711(x: Float64Array): Int16Array {
  const pcm = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(x[i] as number)));
  return decodePcmu(encodePcmu(pcm));
}

type ChainName = 'off' | 'rnnoise' | 'rnnoise+agc' | 'agc' | 'speex';

/** The speexdsp helper process, started on the first 'speex' chain (one for the run, as in a box). */
let speex: SpeexDenoiser | undefined;
let speexStream = 0;

/** A process's user+system CPU time so far, us (/proc, 10 ms ticks). */
function processCpuUs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(f[11]) + Number(f[12])) * 10_000;
  } catch {
    return 0;
  }
}

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
  const sp = chainName === 'speex' ? (speex ??= new SpeexDenoiser()) : undefined;
  const stream = ++speexStream;
  const cleaner: CallerAudioStream | undefined = sp
    ? {
        process: (pcm) => {
          // This process's part (the request's bytes) plus the helper's CPU (below).
          const t = performance.now();
          const out = sp.process(stream, pcm);
          cpu += (performance.now() - t) * 1000;
          return out;
        },
        close: () => void sp.close(stream),
      }
    : chain.active
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
  const helperCpu0 = processCpuUs(sp?.pid);
  const s = new VadStream(
    vad,
    { ...CALL_VAD, ...(GATE_DB === undefined ? {} : { onsetGateDb: GATE_DB }) },
    cleaner,
  );
  const events: VadEvent[] = [];
  // 20 ms frames, as the media session hands them over.
  for (let i = 0; i < line.length; i += 160)
    events.push(...(await s.push(up.process(line.subarray(i, i + 160)), 16000)));
  events.push(...(await s.flush()));
  s.close();
  if (sp) cpu += processCpuUs(sp.pid) - helperCpu0;
  const ends = events.filter((e) => e.kind === 'speech-end' && e.reason !== 'flush');
  return {
    segments: events.flatMap((e) => (e.kind === 'speech-end' ? [e.pcm] : [])),
    starts: events.filter((e) => e.kind === 'speech-start').length,
    endMs: ends.length > 0 ? (ends[ends.length - 1] as VadEvent).atMs : undefined,
    chainCpuUs: cpu,
  };
}

/**
 * One recording's utterances as one call: its own recogniser channel (cepstral mean, noise
 * estimate), so a figure does not depend on what was decoded before it, as calls do not.
 */
async function transcribe(engine: PocketsphinxEngine, segs: Int16Array[], bias?: SttBias): Promise<string> {
  const texts: string[] = [];
  const channel = sttChannel();
  for (const seg of segs) {
    if (seg.length < 1600) continue;
    const opts = bias ? { bias, channel } : { channel };
    texts.push((await engine.transcribe({ pcm: seg, sampleRateHz: 16000 }, opts)).text);
  }
  return texts.join(' ');
}

function median(x: number[]): number {
  const s = [...x].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

interface Ctx {
  vad: VadEngine;
  engine: PocketsphinxEngine;
  snrs: number[];
  chains: ChainName[];
  agent: boolean;
}

/** False starts per minute on noise alone, by "noise|snr|chain" (for the summary). */
type FalseStarts = Map<string, number>;

/** One part's grid: prints a line per row as it goes, returns the table rows (header first). */
async function runPart(
  ctx: Ctx,
  part: NoisePart,
  noiseNames: string[],
  fsOut: FalseStarts,
): Promise<string[][]> {
  const { vad, engine, snrs, chains, agent } = ctx;
  const items: Item[] = part === 'tune' ? tuneItems(speechDir) : heldoutItems();
  if (part === 'heldout') checkHeldoutText(vetAgent);
  const bias: SttBias = { phrases: part === 'tune' ? coverAgent : vetAgent, weight: 0.5 };
  const words = items.reduce((a, it) => a + wordErrorRate(it.reference, '').words, 0);
  const speechS = items.reduce((a, it) => a + it.speech.length / RATE, 0);
  console.log(`\n== part ${part}: ${items.length} items, ${words} words, ${speechS.toFixed(1)} s of speech`);
  const maxLen = Math.max(...items.map((i) => i.speech.length)) + (LEAD_S + TAIL_S) * RATE;
  const noises = new Map<string, Float64Array>();
  for (const n of noiseNames) {
    const f = noiseMakers[part][n];
    if (!f) throw new Error(`unknown noise ${n} in part ${part}`);
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
      let nWords = 0;
      let errsA = 0;
      let cpuUs = 0;
      let audioS = 0;
      const delays: number[] = [];
      const noise = noises.get(c.noise);
      const noiseDb = typeof c.snr === 'number' ? SPEECH_DBFS + FULL - c.snr : -Infinity;
      const runs: { it: Item; r: Run; n: number }[] = [];
      for (const it of items) {
        const n = Math.round(it.speech.length + (LEAD_S + TAIL_S) * RATE);
        const mix = new Float64Array(n);
        const gain = c.snr === 'quiet' ? 10 ** (-24 / 20) : 1;
        for (let i = 0; i < it.speech.length; i++) mix[LEAD_S * RATE + i] = (it.speech[i] as number) * gain;
        if (noise) {
          const g = 10 ** (noiseDb / 20);
          for (let i = 0; i < n; i++) mix[i] = (mix[i] as number) + (noise[i] as number) * g;
        }
        runs.push({ it, r: await callPath(vad, g711(mix), chain), n });
      }
      for (let i = 0; i < runs.length; i += 2) {
        await Promise.all(
          runs.slice(i, i + 2).map(async ({ it, r, n }) => {
            const w = wordErrorRate(it.reference, await transcribe(engine, r.segments));
            errs += w.errors;
            nWords += w.words;
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
        const perMin = (r.starts / NOISE_ONLY_S) * 60;
        fsOut.set(`${c.noise}|${c.snr}|${chain}`, perMin);
        fs = perMin.toFixed(1);
        cpuUs += r.chainCpuUs;
        audioS += NOISE_ONLY_S;
      }
      const row = [
        c.noise,
        String(c.snr),
        chain,
        `${((errs / Math.max(1, nWords)) * 100).toFixed(1)}%`,
        ...(agent ? [`${((errsA / Math.max(1, nWords)) * 100).toFixed(1)}%`] : []),
        fs,
        median(delays).toFixed(0),
        chain === 'off' ? '0' : ((cpuUs / 1e6 / audioS) * 100).toFixed(2),
      ];
      rows.push(row);
      console.log(`${part} | ${row.join(' | ')}  (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  }
  // CPU per call, the chain alone (nothing else running in this process meanwhile, so the
  // process's user+system time is the chain's): 60 s of the part's first noise at 5 dB SNR.
  const src = noises.get(noiseNames[0] ?? '') ?? new Float64Array(RATE);
  const line = g711(loop(scaled(src, SPEECH_DBFS + FULL - 5), RATE * 60, 0));
  const pct = (us: number): string => ((us / 1e6 / 60) * 100).toFixed(2);
  const head = (chain: string): string =>
    `${part}: CPU per call, ${chain} alone (60 s of ${noiseNames[0]} noise, 20 ms frames, user+system):`;
  for (const chain of chains.filter((c) => c !== 'off')) {
    const up = new Resampler(RATE, 16000);
    if (chain === 'speex') {
      const sp = (speex ??= new SpeexDenoiser());
      const stream = ++speexStream;
      await sp.process(stream, new Int16Array(320));
      const h0 = processCpuUs(sp.pid);
      const c0 = process.cpuUsage();
      for (let i = 0; i < line.length; i += 160)
        await sp.process(stream, up.process(line.subarray(i, i + 160)));
      const d = process.cpuUsage(c0);
      const helperUs = processCpuUs(sp.pid) - h0;
      await sp.close(stream);
      console.log(
        `${head(chain)} helper ${pct(helperUs)} % + this process (8 -> 16 kHz, the pipe) ${pct(d.user + d.system)} % of a core`,
      );
      continue;
    }
    const m = chain.includes('rnnoise') ? await loadRnnoise() : undefined;
    const ch = new CallerAudioChain(m, { denoise: chain.includes('rnnoise'), agc: chain.includes('agc') });
    const c0 = process.cpuUsage();
    for (let i = 0; i < line.length; i += 160) ch.process(up.process(line.subarray(i, i + 160)));
    const d = process.cpuUsage(c0);
    ch.destroy();
    console.log(
      `${head(chain)} ${pct(d.user + d.system)} % of a core (includes the 8 -> 16 kHz step the media session does anyway)`,
    );
  }
  return rows;
}

function printTable(rows: string[][]): void {
  const widths = (rows[0] ?? []).map((_, k) => Math.max(...rows.map((r) => (r[k] ?? '').length)));
  for (const r of rows) console.log(`| ${r.map((v, k) => v.padEnd(widths[k] ?? 0)).join(' | ')} |`);
}

/** off -> RNNoise false starts per noise and SNR, and the ">= 5x fewer at 5 dB" target. */
function falseStartSummary(fs: FalseStarts, noiseNames: string[], snrs: number[]): string[][] {
  const rows = [['noise', 'SNR dB', 'off /min', 'rnnoise /min', 'off/rnnoise', 'target >= 5x at 5 dB']];
  for (const noise of noiseNames)
    for (const snr of snrs) {
      const off = fs.get(`${noise}|${snr}|off`);
      const rn = fs.get(`${noise}|${snr}|rnnoise`);
      if (off === undefined || rn === undefined) continue;
      const ratio = off === 0 ? '- (none to reduce)' : rn === 0 ? 'all removed' : `${(off / rn).toFixed(1)}x`;
      const met = off === 0 ? 'n/a (off has none)' : off >= 5 * rn ? 'met' : 'MISSED';
      rows.push([noise, String(snr), off.toFixed(1), rn.toFixed(1), ratio, snr === 5 ? met : '']);
    }
  return rows;
}

async function main(): Promise<void> {
  console.log(
    `noise benchmark: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg()[0]?.toFixed(1)}`,
  );
  const partArg = arg('part')?.[0] ?? 'both';
  if (!['tune', 'heldout', 'both'].includes(partArg))
    throw new Error(`--part tune|heldout|both, not ${partArg}`);
  const parts: NoisePart[] = partArg === 'both' ? ['tune', 'heldout'] : [partArg as NoisePart];
  const noiseArg = arg('noise');
  for (const n of noiseArg ?? [])
    if (!parts.some((p) => n in noiseMakers[p])) throw new Error(`unknown noise ${n} for --part ${partArg}`);
  const vad = await SileroVadEngine.load(modelsDir);
  const engine = await PocketsphinxEngine.load({
    poolSize: 2,
    utteranceTimeoutMs: 600000,
    cacheDir: path.join(tmp, 'cache'),
  });
  const ctx: Ctx = {
    vad,
    engine,
    snrs: (arg('snr') ?? ['0', '5', '10', '20']).map(Number),
    chains: (arg('chains') ?? ['off', 'rnnoise', 'rnnoise+agc']) as ChainName[],
    agent: process.argv.includes('--agent'),
  };
  const done: { part: NoisePart; names: string[]; rows: string[][]; fs: FalseStarts }[] = [];
  for (const part of parts) {
    const all = Object.keys(noiseMakers[part]);
    const names = noiseArg ? all.filter((n) => noiseArg.includes(n)) : all;
    if (noiseArg && names.length === 0) continue;
    const fs: FalseStarts = new Map();
    done.push({ part, names, rows: await runPart(ctx, part, names, fs), fs });
  }
  await engine.close();
  await vad.close();
  speex?.destroy();
  removeScratch();
  for (const d of done) {
    console.log(
      `\n${d.part} part (${d.part === 'tune' ? 'real recordings' : 'synthetic speech, held-out noises'}):`,
    );
    printTable(d.rows);
    console.log(`\n${d.part} part, VAD false starts on ${NOISE_ONLY_S} s of noise alone, off -> rnnoise:`);
    printTable(falseStartSummary(d.fs, d.names, ctx.snrs));
  }
}

main().catch((err: unknown) => {
  removeScratch();
  console.error(err);
  process.exitCode = 1;
});
