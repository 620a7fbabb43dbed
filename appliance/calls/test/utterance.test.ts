/**
 * Early STT finalization at pauses (utterance.ts): which audio each part's stream gets, when a
 * part ends, and how parts join; then the same with the real pocketsphinx engine on festival speech
 * with a pause in the middle, compared with one unsplit stream.
 */
import t from 'tap';
import { createModelRuntime } from '../../../models/index.js';
import { sharedModelsDir } from '../../test/helpers/shared.js';
import type { SpeechToText, SpeechToTextStream, SttOutcome } from '../ports.js';
import { Utterance } from '../utterance.js';
import { festivalSpeech, haveFestival } from './helpers/caller.js';

const FRAME = 320; // 20 ms at 16 kHz

/** A recorder standing in for an engine: each stream's samples; `end` answers with the stream's label. */
function recordingStt(fail: ReadonlySet<number> = new Set()): SpeechToText & { streams: number[][] } {
  const streams: number[][] = [];
  return {
    name: 'recorder',
    streams,
    startStream: (): SpeechToTextStream => {
      const idx = streams.length;
      const got: number[] = [];
      streams.push(got);
      return {
        write: (pcm) => got.push(...pcm),
        end: (): Promise<SttOutcome> =>
          fail.has(idx)
            ? Promise.reject(new Error(`part ${idx} failed`))
            : Promise.resolve({ text: ` part${idx} `, engine: 'recorder' }),
        abort: () => undefined,
      };
    },
    transcribe: () => Promise.reject(new Error('not used')),
  };
}

const frame = (value: number): Int16Array => new Int16Array(FRAME).fill(value);

/** Feeds `voiced` frames of value v, then `quiet` frames of 0, with quietMs in 20 ms steps. */
function feed(u: Utterance, voiced: number, quiet: number, v: number): void {
  for (let i = 0; i < voiced; i++) u.write(frame(v), true, 0);
  for (let i = 1; i <= quiet; i++) u.write(frame(0), false, i * 20);
}

t.test('a pause ends the part; resumed speech opens a new one led in by 160 ms of the pause', async (t) => {
  // Re-decoding from the start off: each part alone (what a long utterance does past redecodeMaxMs).
  const stt = recordingStt();
  const u = new Utterance(stt, [], frame(1), { redecodeMaxMs: 0 });
  feed(u, 20, 10, 1); // 420 ms of speech, 200 ms quiet -> part 0 ends on the 10th quiet frame
  t.equal(u.earlyParts, 1, 'finalized at 200 ms of quiet');
  t.equal(stt.streams.length, 1);
  t.equal(stt.streams[0]?.length, 31 * FRAME, 'part 0 got the speech and the quiet up to the cut');
  feed(u, 0, 20, 2); // 400 ms more quiet: only the last 160 ms are kept
  feed(u, 15, 3, 3); // speech resumes
  t.equal(stt.streams.length, 2, 'a new part began');
  const second = stt.streams[1] ?? [];
  t.equal(second.length, (8 + 15 + 3) * FRAME, '8 lead-in frames + the speech + the trailing quiet');
  t.same(second.slice(0, 8 * FRAME), new Array<number>(8 * FRAME).fill(0), 'lead-in is the quiet audio');
  t.equal(second[8 * FRAME], 3, 'then the resumed speech');
  t.equal(await u.end(), 'part0 part1', 'parts joined in order');
});

t.test(
  'resumed speech re-decodes the utterance from its start; its transcript replaces the parts',
  async (t) => {
    const stt = recordingStt();
    const u = new Utterance(stt, [], frame(1));
    feed(u, 20, 10, 1); // part 0 ends at 200 ms of quiet
    t.equal(await u.textSoFar(), 'part0', 'what was heard up to the pause');
    feed(u, 0, 20, 2);
    feed(u, 15, 10, 3); // resumes, then pauses again: part 1 ends
    t.equal(stt.streams.length, 2, 'a new stream for the resumed speech');
    const second = stt.streams[1] ?? [];
    t.equal(
      second.length,
      (1 + 20 + 10 + 20 + 15 + 10) * FRAME,
      'the whole utterance so far, pause included',
    );
    t.equal(second[0], 1, 'from its first frame');
    t.equal(second[(1 + 20 + 10 + 20) * FRAME], 3, 'the resumed speech where it was said');
    t.equal(await u.textSoFar(), 'part1', 'the re-decode replaces the earlier part');
    feed(u, 10, 0, 4);
    t.equal(await u.end(), 'part2', 'the last re-decode is the transcript');
  },
);

t.test('a failed re-decode leaves the earlier parts standing', async (t) => {
  const u = new Utterance(recordingStt(new Set([1])), [], frame(1));
  feed(u, 20, 10, 1);
  feed(u, 20, 0, 1);
  t.equal(await u.end(), 'part0');
});

t.test('past redecodeMaxMs a resumed part is decoded alone, after the last re-decode', async (t) => {
  const stt = recordingStt();
  const u = new Utterance(stt, [], frame(1), { redecodeMaxMs: 1000 });
  feed(u, 20, 10, 1); // 620 ms
  feed(u, 10, 10, 2); // re-decoded from the start (640 ms kept up to the resume)
  feed(u, 0, 10, 0); // 1220 ms: too long to re-decode again
  feed(u, 10, 0, 3); // a part of its own
  t.equal(stt.streams.length, 3);
  t.equal(stt.streams[1]?.[0], 1, 'second stream from the start');
  t.equal(stt.streams[2]?.length, (8 + 10) * FRAME, 'third: lead-in and its own speech only');
  t.equal(await u.end(), 'part1 part2', 'the re-decode, then the part after it');
});

t.test('short parts and voiced frames do not end a part early', async (t) => {
  const stt = recordingStt();
  const u = new Utterance(stt, [], frame(1));
  feed(u, 1, 12, 1); // 40 ms of speech: at 200 ms of quiet the part is 240 ms, under minPartMs 250
  t.equal(u.earlyParts, 1, 'ended once the part reached 250 ms');
  t.equal(stt.streams[0]?.length, 13 * FRAME);
  const v = new Utterance(recordingStt(), [], frame(1));
  for (let i = 0; i < 50; i++) v.write(frame(1), true, 0);
  for (let i = 1; i <= 9; i++) v.write(frame(0), false, i * 20);
  t.equal(v.earlyParts, 0, '180 ms of quiet is not a pause');
  t.equal(await v.end(), 'part0');
});

t.test('a failed part is left out; all parts failing throws', async (t) => {
  const u = new Utterance(recordingStt(new Set([0])), [], frame(1));
  feed(u, 20, 10, 1);
  feed(u, 20, 0, 1);
  t.equal(await u.end(), 'part1');
  const w = new Utterance(recordingStt(new Set([0])), [], frame(1));
  await t.rejects(w.end(), /part 0 failed/);
});

t.test('abort drops everything written after it', async (t) => {
  const stt = recordingStt();
  const u = new Utterance(stt, [], frame(1));
  u.abort();
  feed(u, 20, 20, 1);
  t.equal(stt.streams[0]?.length, FRAME, 'nothing written after abort');
  t.equal(stt.streams.length, 1);
});

t.test(
  'pocketsphinx: a question split at a pause transcribes like one stream',
  { skip: haveFestival() ? false : 'festival is not installed' },
  async (t) => {
    const models = await createModelRuntime({
      modelsDir: sharedModelsDir(),
      prefer: { stt: 'pocketsphinx', tts: 'espeak-ng' },
    });
    t.teardown(() => models.close());
    const phrases = ['what are your opening hours', 'where are you located', 'can i talk to someone'];
    const stt: SpeechToText = {
      name: models.stt.name,
      startStream: (o) => {
        const s = models.stt.startStream({ bias: { phrases: o.phrases ?? [], mode: 'lm' } });
        return { write: (p, r) => s.write(p, r), end: () => s.end(), abort: () => s.abort() };
      },
      transcribe: () => Promise.reject(new Error('not used')),
    };
    const a = festivalSpeech('What are your opening hours?');
    const b = festivalSpeech('Where are you located?');
    const pause = new Int16Array(16000 * 0.4);
    const audio = new Int16Array(a.length + pause.length + b.length);
    audio.set(a);
    audio.set(b, a.length + pause.length);

    // Voiced by frame energy (festival's pauses are digital silence or nearly).
    const u = new Utterance(stt, phrases, audio.subarray(0, FRAME));
    let quietMs = 0;
    for (let o = FRAME; o + FRAME <= audio.length; o += FRAME) {
      const f = audio.subarray(o, o + FRAME);
      let e = 0;
      for (const x of f) e += x * x;
      const voiced = Math.sqrt(e / FRAME) > 300;
      quietMs = voiced ? 0 : quietMs + 20;
      u.write(f, voiced, quietMs);
    }
    t.ok(u.earlyParts >= 1, `the pause ended a part early (${u.earlyParts})`);
    const t0 = performance.now();
    const split = await u.end();
    t.comment(`end of speech -> transcript: ${(performance.now() - t0).toFixed(0)} ms`);
    const whole = stt.startStream({ phrases });
    whole.write(audio, 16000);
    const one = (await whole.end()).text;
    t.comment(`split: "${split}" / one stream: "${one}"`);
    t.match(split, /opening hours/, 'first part recognized');
    t.match(split, /where are you/, 'second part recognized');
    t.equal(split, one, 'the same transcript as one stream over the whole question');
  },
);
