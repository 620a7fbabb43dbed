/**
 * Models benchmark (npm run bench:models): per engine load time, real-time factor, STT latency
 * from the end of a ~3 s utterance to the result (batch and streamed), TTS time to first audio
 * for a 2-sentence answer, and memory (RSS delta; helper processes measured separately).
 * Local only; bounded (~1-2 min on 2 cores). Targets: STT < 300 ms, TTS first audio < 150 ms.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  EspeakTts,
  FestivalTts,
  FliteTts,
  PocketsphinxEngine,
  SileroVadEngine,
  VadStream,
  WinkSifEngine,
  concatPcm,
  parseWav,
  speak,
  type TtsEngine,
} from '../../models/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = process.env['APPLIANCE_SHARED_DIR'] ?? path.resolve(repoRoot, '..', 'shared');
const modelsDir = process.env['APPLIANCE_MODELS_DIR'] ?? path.join(shared, 'models');
const speech = path.join(shared, 'speech');

const rows: string[][] = [];
const row = (...cells: string[]): void => void rows.push(cells);
const ms = (x: number): string => `${x.toFixed(0)} ms`;
const mib = (b: number): string => `${(b / 1048576).toFixed(0)} MiB`;
const rss = (): number => process.memoryUsage().rss;
const childRss = (pid: number): number => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(m?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function wav(rel: string): { pcm: Int16Array; sampleRateHz: number } {
  return parseWav(readFileSync(path.join(speech, rel)));
}

async function main(): Promise<void> {
  console.log(
    `models benchmark: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const utt = existsSync(path.join(speech, 'librispeech/4507-16021-0012.wav'))
    ? wav('librispeech/4507-16021-0012.wav')
    : undefined;
  const jfk = existsSync(path.join(speech, 'whisper.cpp/jfk.wav')) ? wav('whisper.cpp/jfk.wav') : undefined;

  // VAD
  if (existsSync(path.join(modelsDir, 'silero-vad/silero_vad.onnx')) && jfk) {
    const r0 = rss();
    let t0 = performance.now();
    const vad = await SileroVadEngine.load(modelsDir);
    const load = performance.now() - t0;
    const s = new VadStream(vad);
    t0 = performance.now();
    const step = 320; // 20 ms frames as from RTP
    for (let i = 0; i < jfk.pcm.length; i += step) await s.push(jfk.pcm.subarray(i, i + step), 16000);
    const el = performance.now() - t0;
    const audioMs = (jfk.pcm.length / 16000) * 1000;
    row(
      'vad',
      'silero-vad',
      `load ${ms(load)}`,
      `RTF ${(el / audioMs).toFixed(3)} (${(audioMs / el).toFixed(0)} streams/core)`,
      `RSS +${mib(rss() - r0)}`,
    );
    await vad.close();
  }

  // STT
  if (utt) {
    let t0 = performance.now();
    const ps = await PocketsphinxEngine.load({ poolSize: 1 });
    const load = performance.now() - t0;
    const helperRss = ps.helperPids().reduce((a, p) => a + childRss(p), 0);
    const audioMs = (utt.pcm.length / utt.sampleRateHz) * 1000;
    const phrases = [
      'why should one halt on the way',
      'I would like to book an appointment',
      'what are your opening hours',
      'cancel my order',
      'transfer me to billing',
    ];
    // 3 s utterance: 2.7 s of speech + 0.3 s of trailing silence as the endpointer delivers it.
    const pcm = concatPcm([utt.pcm, new Int16Array(4800)]);
    for (const [label, bias] of [
      ['open vocabulary', undefined],
      ['biased (phrase bigram)', { phrases }],
      ['biased (grammar)', { phrases, mode: 'grammar' as const }],
    ] as const) {
      const batch: number[] = [];
      const streamed: number[] = [];
      for (let k = 0; k < 2; k++) {
        // Batch: the whole utterance handed over at end of speech.
        t0 = performance.now();
        await ps.transcribe({ pcm, sampleRateHz: 16000 }, bias ? { bias } : {});
        batch.push(performance.now() - t0);
        // Streamed: fed in real time (20 ms frames, paced per 100 ms) while "the caller speaks",
        // so the decoder works during the utterance; result timed from end().
        const st = ps.startStream(bias ? { bias } : {});
        const tStart = performance.now();
        for (let i = 0; i < pcm.length; i += 320) {
          st.write(pcm.subarray(i, i + 320), 16000);
          const due = ((i + 320) / 16000) * 1000 - (performance.now() - tStart);
          if (i % 1600 === 0 && due > 0) await new Promise((r) => setTimeout(r, due));
        }
        const r = await st.end();
        streamed.push(r.latencyMs);
      }
      const b = median(batch);
      const s = median(streamed);
      row(
        'stt',
        `pocketsphinx ${label}`,
        `load ${ms(load)}`,
        `batch ${ms(b)} (RTF ${(b / audioMs).toFixed(2)})`,
        `streamed: end->result ${ms(s)} ${s < 300 ? '(< 300 ms target: OK)' : '(MISSES 300 ms target)'}`,
        `helper RSS ${mib(helperRss)}`,
      );
    }
    if (jfk) {
      t0 = performance.now();
      await ps.transcribe(jfk);
      const el = performance.now() - t0;
      row('stt', 'pocketsphinx open vocabulary, 11 s jfk.wav', '', `RTF ${(el / 11000).toFixed(2)}`);
    }
    await ps.close();
  }

  // TTS
  const answer =
    'Our office is open from nine to five on weekdays. Would you like me to book an appointment?';
  const engines: Array<[string, () => TtsEngine]> = [
    ['flite', () => new FliteTts()],
    ['festival', () => new FestivalTts()],
    ['espeak-ng', () => new EspeakTts()],
  ];
  for (const [name, make] of engines) {
    const engine = make();
    if (engine.status().state !== 'ready') {
      row('tts', name, engine.status().state);
      continue;
    }
    let t0 = performance.now();
    if (engine instanceof FestivalTts) await engine.warm();
    const load = performance.now() - t0;
    await engine.synthesize('Warm up.');
    const firsts: number[] = [];
    let rtf = 0;
    for (let k = 0; k < 3; k++) {
      t0 = performance.now();
      let first = 0;
      let samples = 0;
      let rate = 16000;
      for await (const c of speak(engine, answer)) {
        if (!first) first = performance.now() - t0;
        samples += c.pcm.length;
        rate = c.sampleRateHz;
      }
      firsts.push(first);
      rtf = (performance.now() - t0) / ((samples / rate) * 1000);
    }
    const f = median(firsts);
    row(
      'tts',
      name,
      `load ${ms(load)}`,
      `first audio ${ms(f)} ${f < 150 ? '(< 150 ms target: OK)' : '(MISSES 150 ms target)'}`,
      `RTF ${rtf.toFixed(3)}`,
    );
    await engine.close();
  }

  // Embeddings
  {
    const r0 = rss();
    let t0 = performance.now();
    const e = await WinkSifEngine.load({
      cacheDir: process.env['APPLIANCE_MODEL_CACHE_DIR'] ?? path.join(os.tmpdir(), 'appliance-model-cache'),
    });
    const load = performance.now() - t0;
    const q: number[] = [];
    for (let k = 0; k < 20; k++) {
      t0 = performance.now();
      await e.embed(['what are your opening hours on saturday']);
      q.push(performance.now() - t0);
    }
    const chunks = Array.from(
      { length: 2000 },
      (_, i) => `chunk ${i}: our technicians repair boilers and radiators, call-out fee ${i % 50} euro`,
    );
    t0 = performance.now();
    await e.embed(chunks);
    const batch = performance.now() - t0;
    row(
      'embeddings',
      'wink-sg-100d-sif',
      `load ${ms(load)} (cached table)`,
      `query ${median(q).toFixed(2)} ms`,
      `${((chunks.length / batch) * 1000).toFixed(0)} chunks/s`,
      `process RSS +${mib(rss() - r0)} (table in the worker thread)`,
    );
    await e.close();
  }

  const widths = rows.reduce<number[]>((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)), []);
  console.log('');
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  '));
}

const timer = setTimeout(() => {
  console.error('benchmark took over 5 minutes: aborting');
  process.exit(1);
}, 300_000);
timer.unref();
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
