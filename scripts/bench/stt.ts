/**
 * Phone-speech STT benchmark (npm run bench:stt): word error rate of pocketsphinx on the recorded
 * human speech in ../shared/speech after a G.711 u-law round trip at 8 kHz (the appliance's real
 * input), split into a TUNE part (weights and bonuses were chosen on it) and a HELD-OUT part
 * (never used for choosing), per configuration:
 *
 *   open        general en-us LM, 16 kHz front end (phone audio upsampled)       - before
 *   open-8k     general LM, 8 kHz front end (-samprate 8000 -nfft 256 -upperf N)
 *   closed-*    the previous per-agent bias: a bigram over the agent's phrases only - before
 *   lm-*        the agent trigram interpolated with the general LM (+ N-best rescoring) - after
 *
 * Agents (scripts/bench/stt-corpus.ts): `cover` = a page covering the recordings' topics and
 * words but none of their sentences (checked below); `vet` = an unrelated business. `oracle` =
 * the reference transcripts themselves as bias phrases (what models/test/stt.test.ts used to
 * assert against: NOT an honest per-agent figure, printed only to explain older numbers).
 * Then the vet agent's questions spoken by flite voices the appliance does not use (kal16, awb,
 * rms), G.711: synthetic, on-topic. Latency: end of speech -> result for streamed utterances.
 *
 * STT_BENCH_CONFIGS=open,lm-cover-0.5 limits the configurations (comma list of names).
 * STT_BENCH_DECODER_ARGS="-fwdflat no" adds pocketsphinx decoder arguments to every configuration
 * (speed/accuracy trade-offs). Each configuration also prints the decoders' CPU per second of
 * audio (helper user+system time from /proc over the audio decoded: the real-time factor).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  EnergyVadEngine,
  PocketsphinxEngine,
  SileroVadEngine,
  VadStream,
  normalizeWords,
  parseWav,
  wordErrorRate,
  type SttBias,
  type VadEngine,
} from '../../models/index.js';
import { heardTermMapper, sttKeyTerms } from '../../appliance/agent/stt-terms.js';
import { coverAgent, vetAgent, vetQuestions } from './stt-corpus.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = process.env['APPLIANCE_SHARED_DIR'] ?? path.resolve(repoRoot, '..', 'shared');
const speech = path.join(shared, 'speech');
const modelsDir = path.join(shared, 'models');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-stt-'));

interface Unit {
  id: string;
  split: 'tune' | 'held-out';
  reference: string;
  segments: Int16Array[]; // 8 kHz, after G.711
}

/** sox: to G.711 u-law at 8 kHz and back to 8 kHz linear PCM (what RTP decoding yields). */
function g711(file: string): { pcm: Int16Array; sampleRateHz: number } {
  const u = path.join(tmp, 'u.wav');
  const b = path.join(tmp, 'b.wav');
  execFileSync('sox', [file, '-r', '8000', '-c', '1', '-e', 'u-law', u]);
  execFileSync('sox', [u, '-e', 'signed-integer', '-b', '16', b]);
  return parseWav(readFileSync(b));
}

async function segment(vad: VadEngine, pcm: Int16Array, rate: number): Promise<Int16Array[]> {
  // 700 ms: the OSR list's sentence pauses split exactly into its 10 sentences.
  const s = new VadStream(vad, { minSilenceMs: 700 });
  const ev = [...(await s.push(pcm, rate)), ...(await s.flush())];
  // VadStream hands out 16 kHz; back to 8 kHz so each configuration does its own front end.
  return ev.flatMap((e) => (e.kind === 'speech-end' ? [downsample2(e.pcm)] : []));
}

function downsample2(pcm16k: Int16Array): Int16Array {
  // The VAD's 16 kHz copy came from 8 kHz audio (no content above 4 kHz): decimate by 2.
  const out = new Int16Array(Math.floor(pcm16k.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = pcm16k[2 * i] ?? 0;
  return out;
}

async function loadUnits(vad: VadEngine): Promise<Unit[]> {
  const tsv = readFileSync(path.join(speech, 'transcripts.tsv'), 'utf8').trim().split('\n').slice(1);
  const units: Unit[] = [];
  for (const line of tsv) {
    const [file = '', , , reference = ''] = line.split('\t');
    if (!existsSync(path.join(speech, file))) continue;
    const a = g711(path.join(speech, file));
    const segs = await segment(vad, a.pcm, a.sampleRateHz);
    if (file.includes('OSR')) {
      const sentences = reference.split(/(?<=\.)\s+/);
      if (segs.length === sentences.length) {
        // Alternate sentences: odd ones tune, even ones held out.
        sentences.forEach((s, i) =>
          units.push({
            id: `osr#${i + 1}`,
            split: i % 2 === 0 ? 'tune' : 'held-out',
            reference: s,
            segments: [segs[i] ?? new Int16Array(0)],
          }),
        );
        continue;
      }
      console.log(`OSR: ${segs.length} segments for ${sentences.length} sentences; kept whole (tune)`);
    }
    const split = file.includes('jfk') || file.includes('2830') || file.includes('OSR') ? 'tune' : 'held-out';
    units.push({ id: path.basename(file, '.wav'), split, reference, segments: segs });
  }
  return units;
}

function synthUnits(): Unit[] {
  const units: Unit[] = [];
  for (const voice of ['kal16', 'awb', 'rms']) {
    vetQuestions.forEach((q, i) => {
      const w = path.join(tmp, 'q.wav');
      execFileSync('flite', ['-voice', voice, '-t', q, '-o', w]);
      const a = g711(w);
      // Synthetic questions: one utterance each (no VAD needed), every third question held out.
      units.push({
        id: `${voice}#${i + 1}`,
        split: i % 3 === 2 ? 'held-out' : 'tune',
        reference: q,
        segments: [a.pcm],
      });
    });
  }
  return units;
}

interface Config {
  name: string;
  frontEnd?: { rateHz: 8000 | 16000; upperHz?: number };
  bias?: SttBias;
  rescoreBonus?: number;
}

function honesty(units: Unit[]): void {
  const corpus = normalizeWords(coverAgent.join(' ')).join(' ');
  const vocab = new Set(corpus.split(' '));
  let longest = 0;
  let covered = 0;
  let total = 0;
  for (const u of units) {
    const r = normalizeWords(u.reference);
    for (const w of r) {
      total++;
      if (vocab.has(w)) covered++;
    }
    for (let i = 0; i < r.length; i++)
      for (let n = longest + 1; i + n <= r.length; n++) {
        if (` ${corpus} `.includes(` ${r.slice(i, i + n).join(' ')} `)) longest = n;
        else break;
      }
  }
  console.log(
    `cover agent: ${((covered / total) * 100).toFixed(0)}% of the reference words occur in its text; ` +
      `longest reference word sequence found in it: ${longest} words`,
  );
  if (longest >= 4) throw new Error('the cover corpus contains a reference 4-gram: not an honest agent');
}

async function run(engine: PocketsphinxEngine, units: Unit[], bias?: SttBias): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // Two at a time: the engine's two warm decoders.
  const jobs = units.flatMap((u) => u.segments.map((s, k) => ({ u, s, k })));
  const texts = new Map<string, string[]>();
  for (let i = 0; i < jobs.length; i += 2) {
    const pair = jobs.slice(i, i + 2);
    const rs = await Promise.all(
      pair.map((j) => engine.transcribe({ pcm: j.s, sampleRateHz: 8000 }, bias ? { bias } : {})),
    );
    pair.forEach((j, n) => {
      const arr = texts.get(j.u.id) ?? [];
      arr[j.k] = rs[n]?.text ?? '';
      texts.set(j.u.id, arr);
    });
  }
  for (const u of units) out.set(u.id, (texts.get(u.id) ?? []).join(' '));
  return out;
}

/**
 * Key-term recall on the vet questions: of the reference's vet key terms (content words of the
 * agent's texts), how many the transcript contains as heard, and after the phonetic term mapping
 * (appliance/agent/stt-terms.ts) that runs before retrieval.
 */
async function termRecall(units: Unit[], hyps: Map<string, string>): Promise<string> {
  const terms = new Set(sttKeyTerms(vetAgent).filter((x) => !x.includes(' ')));
  const fix = await heardTermMapper(vetAgent);
  let want = 0;
  let raw = 0;
  let mapped = 0;
  for (const u of units) {
    const ref = normalizeWords(u.reference).filter((w) => terms.has(w));
    const h = new Set(normalizeWords(hyps.get(u.id) ?? ''));
    const m = new Set(normalizeWords(fix(hyps.get(u.id) ?? '').text));
    want += ref.length;
    raw += ref.filter((w) => h.has(w)).length;
    mapped += ref.filter((w) => m.has(w)).length;
  }
  return `key terms ${raw}/${want} heard, ${mapped}/${want} after phonetic mapping`;
}

function wer(units: Unit[], hyps: Map<string, string>, split: Unit['split']): string {
  let e = 0;
  let n = 0;
  for (const u of units.filter((x) => x.split === split)) {
    const w = wordErrorRate(u.reference, hyps.get(u.id) ?? '');
    e += w.errors;
    n += w.words;
  }
  return `${((e / Math.max(1, n)) * 100).toFixed(1)}% (${e}/${n})`;
}

const decoderArgs = (process.env['STT_BENCH_DECODER_ARGS'] ?? '').split(/\s+/).filter(Boolean);

/** User+system CPU seconds of these processes so far (/proc/PID/stat fields 14 and 15). */
function helperCpuS(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // The helper exited (restarted after a timeout): its time is lost to the figure.
    }
  }
  return ticks / 100;
}

async function main(): Promise<void> {
  console.log(`stt benchmark: ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)}`);
  const vad: VadEngine = existsSync(path.join(modelsDir, 'silero-vad/silero_vad.onnx'))
    ? await SileroVadEngine.load(modelsDir)
    : new EnergyVadEngine();
  const human = await loadUnits(vad);
  await vad.close();
  const synth = synthUnits();
  honesty(human);
  const oracle = human.map((u) => u.reference);
  const configs: Config[] = [
    { name: 'open' },
    { name: 'open-8k-3500', frontEnd: { rateHz: 8000, upperHz: 3500 } },
    { name: 'open-8k-3900', frontEnd: { rateHz: 8000, upperHz: 3900 } },
    { name: 'closed-oracle', bias: { phrases: oracle, mode: 'closed' } },
    { name: 'closed-cover', bias: { phrases: coverAgent, mode: 'closed' } },
    { name: 'closed-vet', bias: { phrases: vetAgent, mode: 'closed' } },
    ...[0.3, 0.5, 0.7].map((w) => ({
      name: `lm-cover-${w}`,
      bias: { phrases: coverAgent, weight: w },
      rescoreBonus: 0,
    })),
    ...[0.3, 0.5, 0.7].map((w) => ({
      name: `lm-vet-${w}`,
      bias: { phrases: vetAgent, weight: w },
      rescoreBonus: 0,
    })),
    ...[100, 300].flatMap((b) => [
      { name: `lm-cover-0.5+nbest${b}`, bias: { phrases: coverAgent, weight: 0.5 }, rescoreBonus: b },
      { name: `lm-vet-0.5+nbest${b}`, bias: { phrases: vetAgent, weight: 0.5 }, rescoreBonus: b },
    ]),
  ];
  const only = process.env['STT_BENCH_CONFIGS']?.split(',').filter(Boolean);
  const rows: string[][] = [['config', 'human tune', 'human held-out', 'vet questions tune', 'held-out']];
  for (const c of configs.filter((x) => !only || only.includes(x.name))) {
    const t0 = performance.now();
    const engine = await PocketsphinxEngine.load({
      poolSize: 2,
      // Generous: on a shared 2-core box a decode can wait minutes for CPU; figures, not timing.
      utteranceTimeoutMs: 600000,
      cacheDir: path.join(tmp, 'cache'),
      ...(c.frontEnd ? { frontEnd: c.frontEnd } : {}),
      ...(c.rescoreBonus !== undefined ? { rescoreBonus: c.rescoreBonus } : {}),
      ...(decoderArgs.length > 0 ? { decoderArgs } : {}),
    });
    try {
      const cpu0 = helperCpuS(engine.helperPids());
      const h = await run(engine, human, c.bias);
      // The vet questions only make sense with no agent or the vet agent.
      const onTopic = !c.bias || c.name.includes('vet');
      const s = onTopic ? await run(engine, synth, c.bias) : undefined;
      const audioS = [...human, ...(s ? synth : [])].reduce(
        (a, u) => a + u.segments.reduce((b, x) => b + x.length, 0) / 8000,
        0,
      );
      const rtf = (helperCpuS(engine.helperPids()) - cpu0) / audioS;
      rows.push([
        c.name,
        wer(human, h, 'tune'),
        wer(human, h, 'held-out'),
        s ? wer(synth, s, 'tune') : '-',
        s ? wer(synth, s, 'held-out') : '-',
        s ? await termRecall(synth, s) : '',
      ]);
      if (process.env['STT_BENCH_VERBOSE'])
        for (const u of [...human, ...synth])
          console.log(`  ${c.name} ${u.id}: ${h.get(u.id) ?? s?.get(u.id)}`);
      console.log(
        `${c.name}: ${(rows[rows.length - 1] ?? []).slice(1).join(' | ')} (${((performance.now() - t0) / 1000).toFixed(0)} s; decoder CPU ${rtf.toFixed(3)} s per audio s)`,
      );
    } finally {
      await engine.close();
    }
  }

  // Latency: utterances streamed in real time (20 ms frames), end of speech -> result.
  if (process.env['STT_BENCH_LATENCY'] === '0') return print(rows);
  const engine = await PocketsphinxEngine.load({
    poolSize: 1,
    utteranceTimeoutMs: 600000,
    cacheDir: path.join(tmp, 'cache'),
  });
  try {
    for (const [label, bias] of [
      ['open', undefined],
      ['lm-vet-0.5', { phrases: vetAgent, weight: 0.5 }],
    ] as const) {
      const lat: number[] = [];
      if (bias) await engine.transcribe({ pcm: new Int16Array(800), sampleRateHz: 8000 }, { bias }); // register
      for (const u of synth.slice(0, 6)) {
        const pcm = u.segments[0] ?? new Int16Array(0);
        const st = engine.startStream(bias ? { bias } : {});
        const t0 = performance.now();
        for (let i = 0; i < pcm.length; i += 160) {
          st.write(pcm.subarray(i, i + 160), 8000);
          const due = ((i + 160) / 8000) * 1000 - (performance.now() - t0);
          if (i % 800 === 0 && due > 0) await new Promise((r) => setTimeout(r, due));
        }
        lat.push((await st.end()).latencyMs);
      }
      lat.sort((a, b) => a - b);
      rows.push([
        `latency ${label}`,
        `median ${lat[Math.floor(lat.length / 2)]?.toFixed(0)} ms`,
        `max ${lat[lat.length - 1]?.toFixed(0)} ms`,
        '(end of speech -> result, 6 streamed questions)',
      ]);
    }
  } finally {
    await engine.close();
  }
  print(rows);
}

function print(rows: string[][]): void {
  const widths = rows.reduce<number[]>((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)), []);
  console.log('');
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  '));
}

main().then(
  () => {
    rmSync(tmp, { recursive: true, force: true });
    process.exit(0);
  },
  (err: unknown) => {
    console.error(err);
    rmSync(tmp, { recursive: true, force: true });
    process.exit(1);
  },
);
