/**
 * The spoken suite without calls (`npm run bench:spoken -- --offline`): each question is spoken
 * by a caller voice, put through G.711 u-law at 8 kHz as a call delivers it, and heard by the
 * caller side of a call exactly as `call-session.ts` runs it: the call VAD (CALL_VAD, 20 ms
 * frames), utterance parts finalized at 200 ms pauses (`utterance.ts`), the appliance's STT port
 * with the agent's trained phrases (interpolated per-agent LM, `speech.ts`) and the heard-term
 * mapper (`brain.ts`). The transcript is then asked through the chat API in a fresh conversation
 * and judged by the suite's scorer against the question as written. Asking the written text
 * the same way gives the ceiling, so a miss splits into STT loss and answer loss.
 *
 * What differs from a real call: no RTP jitter or packet loss, no greeting playing while the
 * decoders warm, and each question in its own conversation (as in the text suite).
 */
import type { Appliance } from '../../../app.js';
import { agentBrain } from '../../../calls/brain.js';
import { CALL_VAD } from '../../../calls/call-session.js';
import { speechFromEngines } from '../../../calls/speech.js';
import { Utterance } from '../../../calls/utterance.js';
import { decodePcmu, encodePcmu, resample, Resampler } from '../../../../media/index.js';
import { sttChannel, wordErrorRate, type SttChannel, type TtsEngine } from '../../../../models/index.js';
import { heardTermMapper } from '../../stt-terms.js';
import { dataNumbers, judge, type Judgement } from './scorer.js';
import type { SuiteAgent } from './runner.js';
import type { SuiteQuestion } from './spec.js';

/** G.711's rate, Hz; the call path's VAD and STT run at 16 kHz. */
const PHONE_HZ = 8000;
const MODEL_HZ = 16000;
/** A VAD frame at or above this probability counts as voiced (call-session.ts VOICED_PROBABILITY). */
const VOICED_PROBABILITY = 0.35;
/** Quiet around each question, s: the caller's line before and after speaking. */
const LEAD_S = 0.5;
const TAIL_S = 1.2;

/** `pcm` as a call hands it over: resampled to 8 kHz and through a u-law round trip. */
export function overG711(pcm: Int16Array, rateHz: number): Int16Array {
  return decodePcmu(encodePcmu(resample(pcm, rateHz, PHONE_HZ)));
}

export interface HeardQuestion {
  /** What the STT returned, parts joined (before the heard-term mapper). */
  raw: string;
  /** What the agent was asked (after the mapper). */
  text: string;
  /** Utterances the VAD found (a question split in two is answered as two turns in a call). */
  utterances: number;
  /** Utterances whose STT failed (engine error: the call would say it did not catch that). */
  failed: number;
}

/** The call-side hearing of one agent: the app's STT/VAD engines and the agent's phrases. */
export interface CallEar {
  /**
   * `channel`: the call the question is asked in (its recogniser state, e.g. the cepstral mean
   * its earlier utterances left), one per call as call-session.ts keeps it. Without one the
   * engine-wide state is used, which other agents' questions running at the same time change,
   * so the result depends on their order.
   */
  hear(phone8k: Int16Array, channel?: SttChannel): Promise<HeardQuestion>;
}

/** The caller side of a call for one agent of a running appliance. */
export async function callEar(app: Appliance, agent: SuiteAgent): Promise<CallEar> {
  const row = await app.ctx.db.kysely
    .selectFrom('agents')
    .select('business_id')
    .where('id', '=', agent.agentId)
    .executeTakeFirst();
  const businessId = row?.business_id;
  if (!businessId) throw new Error(`no agent ${agent.agentId}`);
  const rt = await app.ctx.models.runtime();
  const speech = speechFromEngines(rt);
  const brain = agentBrain(app.modules.agent);
  const phrases = await brain.sttPhrases(businessId, agent.agentId);
  const fix = await heardTermMapper([...phrases]);
  await speech.stt.warm?.(phrases);
  return {
    hear: async (phone8k, channel) => {
      const quiet = (s: number): Int16Array => new Int16Array(Math.round(s * PHONE_HZ));
      const line = new Int16Array(phone8k.length + quiet(LEAD_S).length + quiet(TAIL_S).length);
      line.set(phone8k, quiet(LEAD_S).length);
      // To 16 kHz as the call's media session hands it to the detector (inbound-playout.ts: one
      // resampler over the whole call, default options), in 20 ms frames.
      const audio = new Resampler(PHONE_HZ, MODEL_HZ).process(line);
      const vad = speech.vad.createStream({ ...CALL_VAD });
      const frame = MODEL_HZ / 50;
      let utt: Utterance | undefined;
      let lastVoicedMs = 0;
      const texts: Promise<string>[] = [];
      for (let at = 0; at + frame <= audio.length; at += frame) {
        const nowMs = ((at + frame) / MODEL_HZ) * 1000;
        const events = await vad.push(audio.subarray(at, at + frame), MODEL_HZ);
        const voiced = vad.lastProbability >= VOICED_PROBABILITY;
        if (voiced) lastVoicedMs = nowMs;
        for (const ev of events) {
          if (ev.kind === 'speech-start')
            utt = new Utterance(speech.stt, phrases, ev.pcm, channel ? { channel } : {});
          else if (ev.kind === 'speech-audio') utt?.write(ev.pcm, voiced, voiced ? 0 : nowMs - lastVoicedMs);
          else if (utt) {
            texts.push(utt.end());
            utt = undefined;
          }
        }
      }
      if (utt) texts.push(utt.end()); // the tail's quiet is longer than the endpointer's window
      vad.close();
      const settled = await Promise.allSettled(texts);
      const raw = settled.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : [])).join(' ');
      const failed = settled.filter((r) => r.status === 'rejected').length;
      return { raw, text: fix(raw).text, utterances: texts.length, failed };
    },
  };
}

export interface OfflineResult {
  question: SuiteQuestion;
  voice: string;
  heard: HeardQuestion;
  /** Word errors of the raw transcript against the question, and the question's words. */
  wer: { errors: number; words: number };
  reply: string;
  judgement: Judgement;
}

/**
 * The agent with an API key in place of its 15-minute access token: an offline run over several
 * voices outlasts the token.
 */
export async function withApiKey(baseUrl: string, agent: SuiteAgent): Promise<SuiteAgent> {
  const res = await fetch(`${baseUrl}/api/v1/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.token}` },
    body: JSON.stringify({ name: 'bench-spoken-offline', role: 'admin' }),
  });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`api key: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return { ...agent, token: ((await res.json()) as { key: string }).key };
}

/** Asks `text` for `question` in a fresh chat conversation and judges the reply against the question. */
export async function askAs(
  baseUrl: string,
  agent: SuiteAgent,
  question: SuiteQuestion,
  text: string,
): Promise<{ reply: string; judgement: Judgement }> {
  if (!text.trim())
    // Nothing heard: a call says "sorry, I didn't catch that", which answers nothing.
    return { reply: '', judgement: judge(question, { text: '' }, { dataNumbers: agent.dataNumbers }) };
  const res = await fetch(`${baseUrl}/api/v1/agents/${agent.agentId}/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.token}` },
    body: JSON.stringify({ message: text }),
  });
  if (res.status >= 300) throw new Error(`chat: ${res.status} ${(await res.text()).slice(0, 300)}`);
  const r = (await res.json()) as { reply: string; actions: { action: string }[] };
  const actions = r.actions.map((a) => a.action);
  return {
    reply: r.reply,
    judgement: judge(question, { text: r.reply, actions }, { dataNumbers: agent.dataNumbers }),
  };
}

/**
 * One voice's run over the questions of one agent, heard as one call (as bench:spoken places
 * one call per business and voice): the questions share the call's recogniser state and no
 * other run's, so a run gives the same transcripts whatever runs beside it.
 */
export async function offlineVoice(
  baseUrl: string,
  agent: SuiteAgent,
  ear: CallEar,
  voice: { name: string; make: () => TtsEngine },
  questions: readonly SuiteQuestion[],
): Promise<OfflineResult[]> {
  const tts = voice.make();
  const call = sttChannel();
  const out: OfflineResult[] = [];
  try {
    for (const q of questions) {
      const a = await tts.synthesize(q.text);
      const heard = await ear.hear(overG711(a.pcm, a.sampleRateHz), call);
      const { reply, judgement } = await askAs(baseUrl, agent, q, heard.text).catch((err: unknown) => ({
        reply: `(chat failed: ${(err as Error).message.slice(0, 200)})`,
        judgement: judge(q, { text: '' }, { dataNumbers: agent.dataNumbers }),
      }));
      out.push({
        question: q,
        voice: voice.name,
        heard,
        wer: wordErrorRate(q.text, heard.raw),
        reply,
        judgement,
      });
    }
  } finally {
    await tts.close();
  }
  return out;
}

export { dataNumbers };
