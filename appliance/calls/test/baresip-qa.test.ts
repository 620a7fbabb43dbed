/**
 * Issue #8 end to end with a real third-party peer: a baresip softphone calls an agent whose
 * knowledge holds the answers and asks two spoken questions (festival's voice; the appliance
 * speaks flite): one answered from the agent's facts (opening hours), one from an uploaded
 * knowledge document (Sunday delivery). baresip records what it hears; the test transcribes the
 * part after each question with pocketsphinx, constrained to the right answer and plausible wrong
 * ones, and checks that the caller heard the expected fact.
 */
import t from 'tap';
import { resample } from '../../../media/index.js';
import { createModelRuntime } from '../../../models/index.js';
import { sharedModelsDir } from '../../test/helpers/shared.js';
import {
  baresipSkipReason,
  haveBaresipModule,
  runBaresipCall,
  type BaresipTurn,
} from './helpers/baresip-call.js';
import { festivalSpeech, haveFestival } from './helpers/caller.js';
import { loudS, phrase } from '../../test/helpers/heard.js';

const skip =
  baresipSkipReason() ||
  (!haveBaresipModule('sndfile.so') && "baresip's sndfile module (the caller's ears) is missing") ||
  (!haveFestival() && 'festival (text2wave) is not installed: no caller voice');

const RATE_HZ = 16000;
/** Silence before the first question, s: the greeting (~2 s in flite) plays out undisturbed. */
const LEAD_S = 5;
/** Silence after each question, s: room for the agent's answer (~4 s incl. endpointing). */
const ANSWER_S = 8;

const GREETING = 'Hello, Harbour Bakery.';
const questions = [
  {
    text: 'What are your opening hours?',
    /** Opening 07:00 and closing 15:00, as spoken words (the transcript spells numbers). */
    fact: /\bseven\b.*\bthree\b/,
    stored: /\b7\b.*\b3\b/,
  },
  {
    text: 'Do you deliver on Sundays?',
    fact: /\bnoon\b.*\bsix\b/,
    stored: /\bnoon\b.*\bsix\b/i,
  },
] as const;
const DELIVERY_DOC =
  'We deliver on Sundays between noon and six in the evening. Delivery is free for orders over twenty dollars.';

/** Share of the question's words found in the recognised text (a word matches its stem-mate). */
function wordOverlap(question: string, heard: string): number {
  const words = (s: string): string[] => s.toLowerCase().match(/[a-z']+/g) ?? [];
  const got = words(heard);
  const want = words(question);
  const same = (a: string, b: string): boolean =>
    a === b || (Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a)));
  return want.filter((w) => got.some((g) => same(w, g))).length / Math.max(1, want.length);
}

t.test(
  'a baresip caller asks two questions and hears the answers (facts, knowledge)',
  { skip },
  async (t) => {
    // The transcriber (the test's own, outside the appliance) loads while the call runs.
    const sttReady = createModelRuntime({
      modelsDir: sharedModelsDir(),
      prefer: { stt: 'pocketsphinx', tts: 'espeak-ng' },
    });
    t.teardown(async () => {
      await (await sttReady.catch(() => undefined))?.close();
    });

    // The microphone: silence while the greeting plays, then each question and room for its answer.
    const spoken = questions.map((q) => festivalSpeech(q.text));
    const silence = (s: number): Int16Array => new Int16Array(Math.round(s * RATE_HZ));
    const parts = [silence(LEAD_S), ...spoken.flatMap((q) => [q, silence(ANSWER_S)])];
    const mic = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
    const marks: number[] = []; // where each part ends, s
    parts.reduce((at, p) => {
      mic.set(p, at);
      marks.push((at + p.length) / RATE_HZ);
      return at + p.length;
    }, 0);
    /** The window after question i: its end to the next question's start (or the end of the mic). */
    const answerWindow = (i: number): [number, number] => [marks[1 + 2 * i] ?? 0, marks[2 + 2 * i] ?? 0];

    const out = await runBaresipCall(
      {
        mic,
        micRateHz: RATE_HZ,
        codec: 'PCMU',
        callS: mic.length / RATE_HZ + 6,
        agent: {
          name: 'Harbour Bakery desk',
          numbers: ['1000'],
          greeting: GREETING,
          voice: { engine: 'flite' },
          facts: {
            hours: [
              { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], open: '07:00', close: '15:00' },
            ],
            address: '12 Main Street',
          },
          behaviour: { silenceTimeoutMs: 20_000, maxCallDurationS: 120 },
        },
        knowledge: [{ title: 'Sunday delivery', text: DELIVERY_DOC }],
        tapStt: true,
      },
      110_000,
    );
    t.equal(out.code, 0, `runner finished (${out.stderr.slice(-800)})`);
    t.comment(
      'stt streams: ' +
        out.sttStreams
          .map(
            (x) =>
              `[${x.mode}] "${x.text}"${x.error ? ` ${x.error}` : ''} (${x.audio?.durationMs ?? 0} ms audio, end ${x.endMs} ms)`,
          )
          .join(' | '),
    );
    // Calls decode with the agent's interpolated model (appliance/calls/speech.ts), every stream.
    t.ok(
      out.sttStreams.length >= questions.length && out.sttStreams.every((x) => x.mode === 'lm' && !x.error),
      'the call decoded with the interpolated agent model, no stream failed',
    );
    const heard = out.heard;
    if (!heard) return void t.fail(`baresip recorded nothing (${out.result.baresipLog.slice(-600)})`);
    t.ok(
      heard.durationMs / 1000 >= (marks.at(-1) ?? 0) - 1,
      `baresip heard the whole call (${(heard.durationMs / 1000).toFixed(1)} s)`,
    );

    // The stored conversation: greeting, then each question and its answer, none cut off.
    const turns = out.result.turns;
    t.comment(turns.map((x) => `${x.speaker} [${x.intent ?? ''}]: ${x.text}`).join(' | '));
    t.equal(turns[0]?.speaker, 'agent');
    t.equal(turns[0]?.text, GREETING, 'the greeting came first');
    t.notOk(turns[0]?.interrupted, 'the greeting played out (no barge-in)');
    const callerTurns = turns.filter((x) => x.speaker === 'caller');
    t.equal(callerTurns.length, questions.length, 'one caller turn per question');
    const answers: BaresipTurn[] = [];
    for (const [i, q] of questions.entries()) {
      const asked = callerTurns[i];
      const overlap = wordOverlap(q.text, asked?.text ?? '');
      t.ok(
        overlap >= 0.6,
        `the appliance heard "${asked?.text}" for "${q.text}" (${overlap.toFixed(2)} overlap)`,
      );
      const answer = asked
        ? turns.slice(turns.indexOf(asked) + 1).find((x) => x.speaker === 'agent')
        : undefined;
      t.match(answer?.text ?? '', q.stored, `the stored answer holds the fact: ${answer?.text}`);
      t.notOk(answer?.interrupted, 'the answer played out');
      if (answer) answers.push(answer);
    }
    if (answers.length !== questions.length) return;

    // What the caller heard after each question, transcribed with pocketsphinx constrained to the
    // right answers and plausible wrong ones: the other answer, the business's other facts, the
    // greeting, the "don't know" reply.
    const stt = await sttReady;
    t.equal(stt.stt.name, 'pocketsphinx', 'the transcriber is pocketsphinx (grammar search)');
    const candidates = [
      ...answers.map((a) => a.text),
      GREETING,
      "We're at 12 Main Street.",
      'Delivery is free for orders over twenty dollars.',
      "I'm sorry, I don't have information about that. Would you like to leave a message?",
      'Thank you for calling. Goodbye!',
    ].map(phrase);
    const pcm = heard.channelData[0] ?? new Int16Array();
    const rate = heard.sampleRateHz;
    for (const [i, q] of questions.entries()) {
      const [from, to] = answerWindow(i);
      const segment = pcm.subarray(Math.floor(from * rate), Math.floor(to * rate));
      t.ok(
        loudS(segment, rate) > 1,
        `the agent spoke after question ${i + 1} (${loudS(segment, rate).toFixed(1)} s)`,
      );
      const r = await stt.stt.transcribe(
        { pcm: resample(segment, rate, 16000), sampleRateHz: 16000 },
        { bias: { phrases: candidates, mode: 'grammar' } },
      );
      t.match(r.text, q.fact, `the caller heard the answer to "${q.text}": "${r.text}"`);
      const other = questions[1 - i];
      if (other) t.notMatch(r.text, other.fact, 'and not the other answer');
    }
  },
);
