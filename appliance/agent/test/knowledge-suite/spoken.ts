/**
 * The spoken knowledge suite: questions of the suite spoken by voices the appliance does not use
 * (it speaks flite `slt`, espeak-ng `en-us` or festival's `slt` HTS voice; callers here are
 * flite's awb, rms and kal16 and espeak-ng's en-gb+f3), at 8 kHz through real calls from baresip
 * over G.711 u-law to an appliance whose agent was trained from the business's uploaded
 * document. One call per business and voice: the greeting plays out, then each question is
 * asked, followed by ANSWER_S of silence for the reply. The questions of one call share its conversation,
 * as a real caller's would (a message-taking flow started by a misheard question carries into
 * the next one); the text suite asks each question in a fresh conversation.
 *
 * What the caller heard is judged by ear, not from the appliance's database: baresip records the
 * call (its sndfile dump), and the window after each question is transcribed with pocketsphinx
 * constrained to a grammar of the sentences the agent could have said in that call (its stored
 * replies of the call, the greeting, the standard fallback and goodbye lines), or, when that finds
 * none, to a bigram over them, read as the one of those it matches best (heardSentence). An open-vocabulary
 * transcript of a synthetic 8 kHz voice is too noisy to check a fact; the grammar makes the
 * transcript "which of the agent's sentences was heard in this window", which shows both that
 * the audio reached the caller and which answer it carried. The transcript (numbers spelled
 * out) is then judged by the same scorer as the text suite. The figure is therefore dominated by
 * the appliance's own recognition of the caller's question (STT with the per-agent bias) and by
 * the answer selected for what it recognised.
 */
import path from 'node:path';
import { resample } from '../../../../media/index.js';
import {
  createModelRuntime,
  EspeakTts,
  FliteTts,
  normalizeWords,
  wordErrorRate,
  type TtsEngine,
} from '../../../../models/index.js';
import { runBaresipCall, type BaresipTurn } from '../../../calls/test/helpers/baresip-call.js';
import { sharedModelsDir } from '../../../test/helpers/shared.js';
import { documentsDir, suiteBusiness } from './businesses.js';
import { heldoutQuestions } from './heldout.js';
import { documentText } from './runner.js';
import { dataNumbers, judge, type Judgement } from './scorer.js';
import type { BusinessKey, SuiteQuestion } from './spec.js';
import { tuneQuestions } from './tune.js';
import { loudS } from '../../../test/helpers/heard.js';

export interface CallerVoice {
  name: string;
  make: () => TtsEngine;
}

/** Voices the appliance never speaks with. */
export const callerVoices: readonly CallerVoice[] = [
  { name: 'flite-awb', make: () => new FliteTts('awb') },
  { name: 'flite-rms', make: () => new FliteTts('rms') },
  { name: 'flite-kal16', make: () => new FliteTts('kal16') },
  { name: 'espeak-en-gb-f3', make: () => new EspeakTts('en-gb+f3') },
];

/**
 * The spoken subset: 32 questions, 8 per business (tune and held-out, every type, plain and
 * paraphrased, answerable and not). Short enough to be said in one breath.
 */
export const spokenIds: readonly string[] = [
  ...['vet-t01', 'vet-t03', 'vet-t05', 'vet-t15', 'vet-t21', 'vet-t26', 'vet-h01', 'vet-h10'],
  ...[
    'plumber-t01',
    'plumber-t08',
    'plumber-t11',
    'plumber-t14',
    'plumber-t20',
    'plumber-h05',
    'plumber-h08',
    'plumber-h12',
  ],
  ...[
    'bistro-t02',
    'bistro-t06',
    'bistro-t07',
    'bistro-t16',
    'bistro-t27',
    'bistro-h01',
    'bistro-h10',
    'bistro-h15',
  ],
  ...[
    'physio-t01',
    'physio-t11',
    'physio-t13',
    'physio-t24',
    'physio-t26',
    'physio-h02',
    'physio-h09',
    'physio-h12',
  ],
];

const byId = new Map([...tuneQuestions, ...heldoutQuestions].map((q) => [q.id, q]));
export const spokenQuestions = (ids: readonly string[] = spokenIds): SuiteQuestion[] =>
  ids.map((id) => {
    const q = byId.get(id);
    if (!q) throw new Error(`no question ${id}`);
    return q;
  });
export const isHeldout = (q: SuiteQuestion): boolean => heldoutQuestions.includes(q);

/** The call's audio rate: G.711, Hz. */
const RATE_HZ = 8000;
/** Silence before the first question, s: the greeting (~2.5 s in flite) plays out undisturbed. */
const LEAD_S = 5;
/** Silence after each question, s: room for the reply (endpointing ~0.5 s, long replies ~8 s). */
export const ANSWER_S = 11;

export interface SpokenResult {
  question: SuiteQuestion;
  voice: string;
  /** What the appliance recognised (its stored caller turn nearest in time), for diagnosis. */
  recognised: string;
  /** The agent's stored reply to that turn. */
  stored: string;
  /** pocketsphinx's transcript of the reply window (grammar of the call's agent sentences). */
  heard: string;
  judgement: Judgement;
}

const phrase = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[.,;:!?|()"]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Lines any agent may say, offered to the transcriber beside the call's stored replies. */
const stockLines = [
  "I'm sorry, I don't have information about that. Would you like to leave a message?",
  'Thank you for calling. Goodbye!',
  "Sorry, I didn't catch that. Could you say it again?",
];

/** Largest word error rate at which a reply-window transcript is read as one of the agent's sentences. */
const MAX_SENTENCE_WER = 0.5;

/**
 * The agent reply a reply-window transcript matches best (WER <= MAX_SENTENCE_WER), as the agent
 * wrote it (digits kept); '' (nothing recognisable) when none matches that closely: stray words of
 * a noisy transcript are not what the caller was told.
 */
export function heardSentence(transcript: string, written: ReadonlyMap<string, string>): string {
  const words = normalizeWords(transcript);
  if (words.length === 0) return '';
  let best: { text: string; wer: number } | undefined;
  for (const [p, text] of written) {
    const w = wordErrorRate(p, transcript).wer;
    if (w <= MAX_SENTENCE_WER && (!best || w < best.wer)) best = { text, wer: w };
  }
  return best?.text ?? '';
}

/**
 * One call: `voice` asks `questions` (all of one business) and the replies are judged from what
 * baresip heard. Throws when the call could not be made.
 */
export async function spokenCall(
  business: BusinessKey,
  voice: CallerVoice,
  questions: readonly SuiteQuestion[],
): Promise<{ results: SpokenResult[]; turns: BaresipTurn[] }> {
  const b = suiteBusiness(business);
  const tts = voice.make();
  const spoken: Int16Array[] = [];
  try {
    for (const q of questions) {
      const a = await tts.synthesize(q.text);
      spoken.push(resample(a.pcm, a.sampleRateHz, RATE_HZ));
    }
  } finally {
    await tts.close();
  }
  const silence = (s: number): Int16Array => new Int16Array(Math.round(s * RATE_HZ));
  const parts = [silence(LEAD_S), ...spoken.flatMap((p) => [p, silence(ANSWER_S)])];
  const mic = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  const marks: number[] = []; // where each part ends, s
  parts.reduce((at, p) => {
    mic.set(p, at);
    marks.push((at + p.length) / RATE_HZ);
    return at + p.length;
  }, 0);

  const sttReady = createModelRuntime({
    modelsDir: sharedModelsDir(),
    prefer: { stt: 'pocketsphinx', tts: 'espeak-ng' },
  });
  try {
    const out = await runBaresipCall(
      {
        mic,
        micRateHz: RATE_HZ,
        codec: 'PCMU',
        callS: mic.length / RATE_HZ + 8,
        agent: {
          ...b.agent,
          numbers: ['1000'],
          voice: { engine: 'flite' },
          behaviour: { silenceTimeoutMs: 30_000, maxCallDurationS: 900 },
        },
        files: [{ name: b.file, path: path.join(documentsDir, b.file), contentType: b.contentType }],
      },
      (mic.length / RATE_HZ + 150) * 1000,
    );
    if (out.code !== 0 || !out.heard)
      throw new Error(
        `the call failed (exit ${out.code}): ${out.stderr.slice(-800)} ${out.result.baresipLog.slice(-400)}`,
      );
    const turns = out.result.turns;
    const agentLines = turns.filter((x) => x.speaker === 'agent').map((x) => x.text);
    // Phrase -> the sentence as the agent wrote it (digits kept for the scorer).
    const written = new Map([...agentLines, ...stockLines].map((x) => [phrase(x), x] as const));
    const candidates = [...written.keys()].filter(Boolean);
    const stt = await sttReady;
    const numbers = dataNumbers(await documentText(b));
    const pcm = out.heard.channelData[0] ?? new Int16Array();
    const rate = out.heard.sampleRateHz;
    const callerTurns = turns.filter((x) => x.speaker === 'caller');
    const results: SpokenResult[] = [];
    for (const [i, q] of questions.entries()) {
      const from = marks[1 + 2 * i] ?? 0;
      const to = marks[2 + 2 * i] ?? from;
      const segment = pcm.subarray(Math.floor(from * rate), Math.floor(to * rate));
      let heard = '';
      if (segment.length > 0 && loudS(segment, rate) > 0.5) {
        // First the whole-sentence grammar of the call's agent sentences; when it matches none
        // (a misheard word of the right reply), a bigram over them (any word sequence), read as the
        // reply it matches best, or nothing recognisable (heardSentence).
        const audio = { pcm: resample(segment, rate, 16000), sampleRateHz: 16000 };
        const g = await stt.stt.transcribe(audio, { bias: { phrases: candidates, mode: 'grammar' } });
        heard = heardSentence(g.text, written);
        if (!heard) {
          const c = await stt.stt.transcribe(audio, { bias: { phrases: candidates, mode: 'closed' } });
          heard = heardSentence(c.text, written);
        }
      }
      // The stored caller turn of this question: the i-th, when the appliance heard one per question.
      const asked = callerTurns.length === questions.length ? callerTurns[i] : undefined;
      const reply = asked
        ? turns.slice(turns.indexOf(asked) + 1).find((x) => x.speaker === 'agent')
        : undefined;
      results.push({
        question: q,
        voice: voice.name,
        recognised: asked?.text ?? `(${callerTurns.length} caller turns for ${questions.length} questions)`,
        stored: reply?.text ?? '',
        heard,
        judgement: judge(q, { text: heard }, { dataNumbers: numbers }),
      });
    }
    return { results, turns };
  } finally {
    await (await sttReady.catch(() => undefined))?.close();
  }
}
