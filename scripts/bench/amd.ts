/**
 * Answering-machine detection benchmark (npm run bench:amd): the corpus of amd-corpus.ts (human
 * answers and machine greetings with beeps, TTS voices and recordings, through G.711 at 8 kHz) fed
 * to AnsweringMachineDetector (appliance/calls/amd.ts) as a call feeds it: 8 -> 16 kHz with the
 * media session's resampler, 20 ms frames, each with the latest Silero VAD probability (512-sample
 * frames at 16 kHz, as calls score them).
 *
 * Figures per part (tune, held-out; the held-out part is never tuned on):
 *   human / machine accuracy (verdict), beep detection rate (a `leave-message` 'beep' within
 *   300 ms of a real beep's end), |beep end - leave-message| (mean, p95), greetings without a beep
 *   that got `leave-message` 'silence' (and when, after the greeting's end), decision time for
 *   humans (after answer; after their words end), machine decision time after answer, and false
 *   beeps on human answers (the beep detector run over the whole human item).
 *
 *   npm run bench:amd [-- --part tune|held-out] [--opt humanSilenceMs=900,machineSpeechMs=2400]
 *   [--verbose]   (prints every item's events)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnsweringMachineDetector, type AmdEvent, type AmdOptions } from '../../appliance/calls/amd.js';
import { ToneDetector } from '../../appliance/calls/tone.js';
import { Resampler } from '../../lib/index.js';
import { int16ToFloat32, SileroVadEngine } from '../../models/index.js';
import { buildPart, RATE, type AmdItem, type Part } from './amd-corpus.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = process.env['APPLIANCE_SHARED_DIR'] ?? path.resolve(repoRoot, '..', 'shared');
const CALL_RATE = 16000;
const FRAME = (CALL_RATE * 20) / 1000;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const parts: Part[] = arg('part') ? [arg('part') as Part] : ['tune', 'held-out'];
const verbose = process.argv.includes('--verbose');
const overrides: Partial<AmdOptions> = {};
for (const kv of (arg('opt') ?? '').split(',').filter(Boolean)) {
  const [k, v] = kv.split('=');
  if (k && v !== undefined) (overrides as Record<string, number>)[k] = Number(v);
}

const vad = await SileroVadEngine.load(path.join(shared, 'models'));

/** Silero probability of each 512-sample frame of the 16 kHz call audio. */
async function probabilities(pcm16k: Int16Array): Promise<Float32Array> {
  const scorer = vad.createScorer();
  const n = Math.floor(pcm16k.length / vad.frameSamples);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const frame = int16ToFloat32(pcm16k.subarray(i * vad.frameSamples, (i + 1) * vad.frameSamples));
    out[i] = await scorer.score(frame);
  }
  return out;
}

interface Outcome {
  item: AmdItem;
  events: AmdEvent[];
  falseBeeps: number;
}

async function run(item: AmdItem): Promise<Outcome> {
  const pcm = new Resampler(RATE, CALL_RATE).process(item.pcm);
  const probs = await probabilities(pcm);
  const amd = new AnsweringMachineDetector(overrides);
  const events: AmdEvent[] = [];
  for (let at = 0; at + FRAME <= pcm.length && !amd.done; at += FRAME) {
    // The latest Silero frame that has ended by the end of this 20 ms frame.
    const k = Math.floor((at + FRAME) / vad.frameSamples) - 1;
    events.push(...amd.push(pcm.subarray(at, at + FRAME), CALL_RATE, k >= 0 ? (probs[k] ?? 0) : 0));
  }
  let falseBeeps = 0;
  if (item.truth === 'human') {
    const tone = new ToneDetector(overrides.tone);
    falseBeeps = tone.push(pcm, CALL_RATE).length + tone.flush().length;
  }
  return { item, events, falseBeeps };
}

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] ?? NaN;
}
const pct = (a: number, b: number): string => `${a}/${b} (${((100 * a) / Math.max(1, b)).toFixed(1)} %)`;
const ms = (x: number): string => (Number.isFinite(x) ? `${Math.round(x)} ms` : 'n/a');

function report(part: Part, outs: Outcome[]): void {
  const verdict = (o: Outcome): AmdEvent | undefined =>
    o.events.find((e) => e.kind === 'human' || e.kind === 'machine');
  const leave = (o: Outcome): AmdEvent | undefined => o.events.find((e) => e.kind === 'leave-message');
  const humans = outs.filter((o) => o.item.truth === 'human');
  const machines = outs.filter((o) => o.item.truth === 'machine');
  const humanOk = humans.filter((o) => verdict(o)?.kind === 'human');
  const machineOk = machines.filter((o) => verdict(o)?.kind === 'machine');
  const withBeep = machines.filter((o) => o.item.beepEndMs >= 0);
  const errors: number[] = [];
  let beepsFound = 0;
  for (const o of withBeep) {
    const l = leave(o);
    if (!l) continue;
    const err = Math.abs(l.atMs - o.item.beepEndMs);
    if (l.kind === 'leave-message' && l.reason === 'beep' && err <= 300) {
      beepsFound++;
      errors.push(err);
    }
  }
  const noBeep = machines.filter((o) => o.item.beepEndMs < 0);
  const silenceLeaves = noBeep
    .map((o) => ({ o, l: leave(o) }))
    .filter(({ l }) => l?.kind === 'leave-message' && l.reason === 'silence');
  const hAfterAnswer = humanOk.map((o) => verdict(o)?.atMs ?? NaN);
  const hAfterEnd = humanOk
    .filter((o) => verdict(o)?.kind === 'human' && (verdict(o) as { reason: string }).reason !== 'silence')
    .map((o) => (verdict(o)?.atMs ?? NaN) - o.item.speechEndMs);
  const mAfterAnswer = machineOk.map((o) => verdict(o)?.atMs ?? NaN);
  const falseBeeps = humans.reduce((n, o) => n + o.falseBeeps, 0);
  const all = humanOk.length + machineOk.length;
  console.log(`\n== ${part}: ${humans.length} human answers, ${machines.length} machine greetings ==`);
  console.log(`  overall accuracy        ${pct(all, outs.length)}`);
  console.log(`  human accuracy          ${pct(humanOk.length, humans.length)}`);
  console.log(`  machine accuracy        ${pct(machineOk.length, machines.length)}`);
  console.log(
    `  beep detection          ${pct(beepsFound, withBeep.length)} (leave-message 'beep' within 300 ms of the beep's end)`,
  );
  console.log(`  |beep end - leave-msg|  mean ${ms(mean(errors))}, p95 ${ms(p95(errors))}`);
  console.log(
    `  no-beep greetings       ${pct(silenceLeaves.length, noBeep.length)} left the message on silence, ` +
      `${ms(mean(silenceLeaves.map(({ o, l }) => (l?.atMs ?? NaN) - o.item.speechEndMs)))} after the greeting (mean)`,
  );
  console.log(
    `  human decision          after answer mean ${ms(mean(hAfterAnswer))}, p95 ${ms(p95(hAfterAnswer))}; after their words end mean ${ms(mean(hAfterEnd))}, p95 ${ms(p95(hAfterEnd))}`,
  );
  console.log(
    `  machine decision        after answer mean ${ms(mean(mAfterAnswer))}, p95 ${ms(p95(mAfterAnswer))}`,
  );
  console.log(`  false beeps on humans   ${falseBeeps} in ${humans.length} answers`);
  const wrong = outs.filter((o) => !humanOk.includes(o) && !machineOk.includes(o));
  for (const o of wrong) {
    const v = verdict(o);
    console.log(
      `  WRONG ${o.item.truth}: ${o.item.id} -> ${v ? `${v.kind} (${'reason' in v ? v.reason : ''}) at ${Math.round(v.atMs)} ms` : 'none'}`,
    );
  }
  const missed = withBeep.filter((o) => {
    const l = leave(o);
    return !(
      l?.kind === 'leave-message' &&
      l.reason === 'beep' &&
      Math.abs(l.atMs - o.item.beepEndMs) <= 300
    );
  });
  for (const o of missed) {
    const l = leave(o);
    console.log(
      `  BEEP MISSED: ${o.item.id} (ends ${Math.round(o.item.beepEndMs)} ms) -> ${l ? `${l.kind} ${'reason' in l ? l.reason : ''} at ${Math.round(l.atMs)} ms` : 'no leave-message'}`,
    );
  }
}

console.log(
  `bench:amd: Silero VAD (16 kHz, 512-sample frames), 20 ms frames; options ${JSON.stringify(overrides)}`,
);
for (const part of parts) {
  const t0 = Date.now();
  const items = buildPart(part, path.join(shared, 'speech'));
  const outs: Outcome[] = [];
  for (const item of items) {
    const o = await run(item);
    outs.push(o);
    if (verbose) {
      const ev = o.events
        .map((e) => `${e.kind}${'reason' in e ? `(${e.reason})` : ''}@${Math.round(e.atMs)}`)
        .join(' ');
      console.log(
        `  ${item.truth} ${item.id}: speech end ${Math.round(item.speechEndMs)}, beep end ${Math.round(item.beepEndMs)} | ${ev}`,
      );
    }
  }
  report(part, outs);
  console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
await vad.close();
