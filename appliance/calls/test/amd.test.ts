/**
 * Answering-machine detector (amd.ts). The rules on scripted VAD probabilities (no model), then
 * calls synthesised here with flite, through G.711 at 8 kHz, fed as a call feeds the detector: 16 kHz
 * 20 ms frames with the latest Silero probability (skipped with a reason when Silero's weights or
 * flite are missing). Every time is audio time (ms since answer), never the wall clock.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { parseWav, Resampler, resample } from '../../../lib/index.js';
import { decodePcmu, encodePcmu } from '../../../media/index.js';
import { int16ToFloat32, SileroVadEngine } from '../../../models/index.js';
import { sharedModelsDir } from '../../test/helpers/shared.js';
import { AnsweringMachineDetector, type AmdEvent } from '../amd.js';

const RATE = 16000;
const FRAME = 320; // 20 ms at 16 kHz

/** Feeds `ms` of digital silence (or a tone) with a fixed probability; returns the events. */
function feed(amd: AnsweringMachineDetector, ms: number, p: number, toneHz = 0): AmdEvent[] {
  const out: AmdEvent[] = [];
  for (let k = 0; k < ms / 20; k++) {
    const frame = new Int16Array(FRAME);
    if (toneHz > 0) {
      const t0 = amd.audioMs / 1000;
      for (let i = 0; i < FRAME; i++)
        frame[i] = Math.round(8000 * Math.sin(2 * Math.PI * toneHz * (t0 + i / RATE)));
    }
    out.push(...amd.push(frame, RATE, p));
  }
  return out;
}

const kinds = (ev: AmdEvent[]): string[] => ev.map((e) => ('reason' in e ? `${e.kind}:${e.reason}` : e.kind));

t.test('rules on scripted probabilities', async (t) => {
  let amd = new AnsweringMachineDetector();
  let ev = [...feed(amd, 300, 0), ...feed(amd, 600, 0.9), ...feed(amd, 1000, 0.05)];
  t.same(kinds(ev), ['human:short-greeting'], 'a short word then quiet: human');
  t.equal(amd.verdict, 'human');
  t.ok((ev[0]?.atMs ?? 0) <= 900 + 800 + 40, `decided ${ev[0]?.atMs} ms, about 800 ms after the words`);
  t.same(feed(amd, 2000, 0.9, 1000), [], 'done: nothing after the verdict');

  amd = new AnsweringMachineDetector();
  ev = [...feed(amd, 300, 0), ...feed(amd, 4000, 0.9)];
  t.same(kinds(ev), ['machine:long-greeting'], 'a long greeting: machine');
  ev = [...feed(amd, 500, 0.05), ...feed(amd, 400, 0.05, 1000), ...feed(amd, 200, 0.05)];
  t.same(kinds(ev), ['beep', 'leave-message:beep'], 'beep then leave the message');
  const beep = ev[0];
  t.equal(beep?.kind === 'beep' ? beep.frequencyHz : 0, 1000);
  t.ok(Math.abs((ev[1]?.atMs ?? 0) - 5200) <= 40, `leave-message at the beep's end (${ev[1]?.atMs} ms)`);

  amd = new AnsweringMachineDetector();
  ev = [...feed(amd, 200, 0), ...feed(amd, 500, 0.05, 1400), ...feed(amd, 100, 0.05)];
  t.same(kinds(ev), ['beep', 'machine:beep', 'leave-message:beep'], 'a beep at once: machine');

  amd = new AnsweringMachineDetector();
  ev = feed(amd, 6000, 0.02);
  t.same(kinds(ev), ['human:silence'], 'nothing said: human (the agent greets)');
  t.equal(ev[0]?.atMs, 4000);

  amd = new AnsweringMachineDetector({ maxWaitMs: 10000 });
  ev = feed(amd, 12000, 0.9);
  t.same(kinds(ev), ['machine:long-greeting', 'leave-message:timeout'], 'endless greeting: timeout');
  t.equal(ev[1]?.atMs, 10000);
});

// ---- synthesised calls with Silero ---------------------------------------------------------

const sileroFile = path.join(sharedModelsDir(), 'silero-vad', 'silero_vad.onnx');
let flite = true;
try {
  execFileSync('flite', ['-t', 'x', '-o', '/dev/null'], { stdio: 'ignore' });
} catch {
  flite = false;
}
const skip = !existsSync(sileroFile)
  ? `Silero weights absent (${sileroFile})`
  : !flite
    ? 'flite not installed'
    : false;

t.test('synthesised calls with Silero probabilities', { skip }, async (t) => {
  const vad = await SileroVadEngine.load(sharedModelsDir());
  t.teardown(() => vad.close());
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amd-test-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));

  /** flite slt speech at 8 kHz. */
  const say = (text: string): Int16Array => {
    const wav = path.join(dir, 's.wav');
    execFileSync('flite', ['-voice', 'slt', '-t', text, '-o', wav]);
    const w = parseWav(readFileSync(wav));
    return resample(w.samples, w.sampleRateHz, 8000);
  };
  const quiet = (ms: number): Int16Array => new Int16Array(8 * ms);
  const beep = (hz: number, ms: number): Int16Array =>
    Int16Array.from({ length: 8 * ms }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * hz * i) / 8000)));
  /** A call: the parts end to end at 8 kHz, mild noise, G.711 u-law, back to 16 kHz. */
  const call = (parts: Int16Array[]): Int16Array => {
    const len = parts.reduce((n, p) => n + p.length, 0);
    const pcm = new Int16Array(len);
    let at = 0;
    for (const p of parts) {
      pcm.set(p, at);
      at += p.length;
    }
    let seed = 12345;
    for (let i = 0; i < len; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      pcm[i] = Math.max(-32768, Math.min(32767, (pcm[i] ?? 0) + ((seed >>> 16) % 61) - 30));
    }
    return new Resampler(8000, RATE).process(decodePcmu(encodePcmu(pcm)));
  };
  /** Runs the detector over a call as calls do; returns its events. */
  const detect = async (pcm: Int16Array): Promise<{ events: AmdEvent[]; heardMs: number }> => {
    const scorer = vad.createScorer();
    const amd = new AnsweringMachineDetector();
    const events: AmdEvent[] = [];
    let p = 0;
    let scored = 0;
    for (let at = 0; at + FRAME <= pcm.length && !amd.done; at += FRAME) {
      // Score every 512-sample Silero frame that has ended by the end of this 20 ms frame.
      while ((scored + 1) * vad.frameSamples <= at + FRAME) {
        p = await scorer.score(
          int16ToFloat32(pcm.subarray(scored * vad.frameSamples, (scored + 1) * vad.frameSamples)),
        );
        scored++;
      }
      events.push(...amd.push(pcm.subarray(at, at + FRAME), RATE, p));
    }
    return { events, heardMs: amd.audioMs };
  };

  await t.test('a short human answer: human before 3 s of audio', async (t) => {
    const { events, heardMs } = await detect(call([quiet(400), say('Hello?'), quiet(4000)]));
    t.same(kinds(events), ['human:short-greeting']);
    t.ok(heardMs < 3000, `decided after ${heardMs} ms of audio`);
  });

  const greeting =
    "Hi, you've reached the Millers. We can't come to the phone right now, please leave a message after the tone.";
  await t.test('a machine greeting and a beep: machine, then leave-message at the beep end', async (t) => {
    const words = say(greeting);
    const parts = [quiet(400), words, quiet(700), beep(1000, 500), quiet(2000)];
    const beepEndMs = (400 + words.length / 8 + 700 + 500) | 0;
    const { events } = await detect(call(parts));
    t.same(kinds(events), ['machine:long-greeting', 'beep', 'leave-message:beep']);
    const leave = events.find((e) => e.kind === 'leave-message');
    t.ok(
      Math.abs((leave?.atMs ?? 0) - beepEndMs) <= 60,
      `leave-message at ${leave?.atMs} ms, beep ended at ${beepEndMs} ms (audio time)`,
    );
    const b = events.find((e) => e.kind === 'beep');
    t.ok(b?.kind === 'beep' && Math.abs(b.frequencyHz - 1000) <= 10, 'beep at 1000 Hz');
  });

  await t.test('a greeting without a beep: leave-message on silence', async (t) => {
    const words = say(greeting);
    const { events } = await detect(call([quiet(400), words, quiet(5000)]));
    t.same(kinds(events), ['machine:long-greeting', 'leave-message:silence']);
    const leave = events.find((e) => e.kind === 'leave-message');
    const endMs = 400 + words.length / 8;
    t.ok(
      (leave?.atMs ?? 0) >= endMs + 1500 && (leave?.atMs ?? 0) <= endMs + 2500,
      `after ${(leave?.atMs ?? 0) - endMs} ms of quiet`,
    );
  });

  await t.test('silence only: human (silence)', async (t) => {
    const { events } = await detect(call([quiet(6000)]));
    t.same(kinds(events), ['human:silence']);
  });
});
