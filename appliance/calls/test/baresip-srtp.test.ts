/**
 * Issue 16 with a real third-party peer: baresip calls the appliance over SIP TLS (port 5061,
 * trusting the appliance's self-signed certificate as its CA) with mandatory SRTP (SDES,
 * AES_CM_128_HMAC_SHA1_80; the appliance's trunk policy is `require`), asks a spoken question and
 * must hear the answer intact. tshark captures every UDP datagram in the test's network namespace
 * during the call: the media must carry no clear G.711 (payload bytes look random, never the
 * silence or speech byte patterns PCMU has).
 */
import t from 'tap';
import { decodePcmu, encodePcmu, looksLikeRtcp, parseRtcp, resample } from '../../../media/index.js';
import { createModelRuntime } from '../../../models/index.js';
import { sharedModelsDir } from '../../test/helpers/shared.js';
import { baresipSkipReason, haveBaresipModule, runBaresipCall } from './helpers/baresip-call.js';
import { festivalSpeech, haveFestival } from './helpers/caller.js';
import { compareAudio } from './helpers/compare.js';
import { spawnSync } from 'node:child_process';

const skip =
  baresipSkipReason() ||
  (!haveBaresipModule('srtp.so') && "baresip's srtp module is missing") ||
  (!haveBaresipModule('sndfile.so') && "baresip's sndfile module (the caller's ears) is missing") ||
  (!haveFestival() && 'festival (text2wave) is not installed: no caller voice') ||
  (spawnSync('tshark', ['-v'], { timeout: 10_000 }).error !== undefined && 'tshark is not installed');

const RATE_HZ = 16000;
const LEAD_S = 5;
const ANSWER_S = 8;
const GREETING = 'Hello, Harbour Bakery.';
const QUESTION = 'What are your opening hours?';

/** Shannon entropy of a byte distribution, bits per byte (8 for uniform random bytes). */
function entropy(bytes: Uint8Array[]): number {
  const counts = new Array<number>(256).fill(0);
  let n = 0;
  for (const b of bytes)
    for (const x of b) {
      counts[x] = (counts[x] ?? 0) + 1;
      n++;
    }
  return -counts.reduce((h, c) => (c > 0 ? h + (c / n) * Math.log2(c / n) : h), 0);
}

t.test(
  'baresip over TLS with mandatory SRTP asks a question and hears the answer; no clear G.711 on the wire',
  { skip },
  async (t) => {
    const sttReady = createModelRuntime({
      modelsDir: sharedModelsDir(),
      prefer: { stt: 'pocketsphinx', tts: 'espeak-ng' },
    });
    t.teardown(async () => {
      await (await sttReady.catch(() => undefined))?.close();
    });
    const silence = (s: number): Int16Array => new Int16Array(Math.round(s * RATE_HZ));
    const question = festivalSpeech(QUESTION);
    const parts = [silence(LEAD_S), question, silence(ANSWER_S)];
    const mic = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
    mic.set(question, silence(LEAD_S).length);
    const answerFromS = (silence(LEAD_S).length + question.length) / RATE_HZ;

    const out = await runBaresipCall(
      {
        mic,
        micRateHz: RATE_HZ,
        codec: 'PCMU',
        callS: mic.length / RATE_HZ + 6,
        secure: true,
        agent: {
          name: 'Harbour Bakery desk',
          numbers: ['1000'],
          greeting: GREETING,
          voice: { engine: 'flite' },
          facts: {
            hours: [
              { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], open: '07:00', close: '15:00' },
            ],
          },
          behaviour: { silenceTimeoutMs: 20_000, maxCallDurationS: 120 },
        },
      },
      110_000,
    );
    t.equal(out.code, 0, `runner finished (${out.stderr.slice(-800)})`);
    const log = out.result.baresipLog;
    t.comment(`security metrics: ${(out.result.securityMetrics ?? []).join(' | ')}`);

    // Inbound SRTP intact, independent of speech recognition: the appliance's recording (caller
    // channel, decrypted and decoded by the appliance) holds the question as baresip sent it.
    const rec = out.recording;
    if (rec) {
      const ref = decodePcmu(encodePcmu(resample(question, RATE_HZ, rec.sampleRateHz)));
      const cmp = compareAudio(
        ref,
        rec.channelData[out.result.callerChannel] ?? new Int16Array(),
        rec.sampleRateHz,
        10,
      );
      t.ok(
        cmp.median > 0.9,
        `the question arrived intact through SRTP (median window correlation ${cmp.median.toFixed(3)})`,
      );
      // Outbound: what baresip decrypted and heard holds the agent's answer as the appliance sent it.
      const sent = rec.channelData[1 - out.result.callerChannel] ?? new Int16Array();
      const heardPcm = out.heard?.channelData[0];
      const from = Math.floor(answerFromS * rec.sampleRateHz);
      if (heardPcm && out.heard?.sampleRateHz === rec.sampleRateHz) {
        const back = compareAudio(sent.subarray(from), heardPcm, rec.sampleRateHz, 14);
        t.comment(
          `outbound: offset ${back.offsetS.toFixed(2)} s, windows ${back.windows.map((w) => w.toFixed(2)).join(' ')}`,
        );
        t.ok(
          back.median > 0.9,
          `baresip heard the answer as sent (median window correlation ${back.median.toFixed(3)})`,
        );
      } else t.fail('no heard.wav at the recording rate');
    } else t.fail('no recording');

    // The call itself: greeting, the question heard, the answer stored with the fact.
    const turns = out.result.turns;
    t.comment(turns.map((x) => `${x.speaker}: ${x.text}`).join(' | '));
    t.equal(turns[0]?.text, GREETING, `the call was answered over TLS + SRTP (${log.slice(-600)})`);
    const asked = turns.find((x) => x.speaker === 'caller');
    t.ok(asked, `the appliance heard the caller through SRTP: "${asked?.text}"`);
    const answer = asked
      ? turns.slice(turns.indexOf(asked) + 1).find((x) => x.speaker === 'agent')
      : undefined;
    t.match(answer?.text ?? '', /\b7\b.*\b3\b/, `the stored answer holds the hours: ${answer?.text}`);

    // What baresip heard after the question, decrypted by baresip's libsrtp: the hours.
    const heard = out.heard;
    if (!heard || !answer) return void t.fail(`nothing heard (${log.slice(-600)})`);
    const stt = await sttReady;
    const pcm = heard.channelData[0] ?? new Int16Array();
    const rate = heard.sampleRateHz;
    const segment = pcm.subarray(Math.floor(answerFromS * rate));
    const phrase = (s: string): string =>
      s
        .toLowerCase()
        .replace(/[.,;:!?]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    const r = await stt.stt.transcribe(
      { pcm: resample(segment, rate, 16000), sampleRateHz: 16000 },
      {
        bias: {
          phrases: [
            answer.text,
            GREETING,
            "I'm sorry, I don't have information about that. Would you like to leave a message?",
          ].map(phrase),
          mode: 'grammar',
        },
      },
    );
    t.match(r.text, /\bseven\b.*\bthree\b/, `the caller heard the answer intact: "${r.text}"`);

    // The wire: RTP to and from the appliance's media ports carries encrypted payloads.
    const [lo, hi] = out.result.rtpPorts ?? [0, 0];
    const rtp = (out.capture ?? []).filter(
      (p) =>
        ((p.srcPort >= lo && p.srcPort <= hi) || (p.dstPort >= lo && p.dstPort <= hi)) &&
        p.payload.length > 12 + 10 &&
        (p.payload[0] ?? 0) >> 6 === 2 &&
        ((p.payload[1] ?? 0) & 0x7f) === 0,
    );
    const toUs = rtp.filter((p) => p.dstPort >= lo && p.dstPort <= hi);
    const fromUs = rtp.filter((p) => p.srcPort >= lo && p.srcPort <= hi);
    t.ok(
      toUs.length > 200 && fromUs.length > 200,
      `captured RTP both ways (${toUs.length} in, ${fromUs.length} out)`,
    );
    const body = (p: { payload: Uint8Array }): Uint8Array => p.payload.subarray(12, p.payload.length - 10);
    t.ok(
      toUs.every((p) => p.payload.length === 12 + 160 + 10),
      'inbound: 160 bytes of 20 ms PCMU plus the 10-byte tag',
    );
    t.ok(
      fromUs.every((p) => p.payload.length === 12 + 160 + 10),
      'outbound: 160 bytes plus the 10-byte tag',
    );
    // Clear G.711 of speech and silence is far from uniform (silence is one or two byte values):
    // the same audio as PCMU, as a reference that this measure tells the two apart.
    const clearRef = entropy([encodePcmu(resample(pcm, rate, 8000))]);
    const hIn = entropy(toUs.map(body));
    const hOut = entropy(fromUs.map(body));
    t.ok(clearRef < 7, `reference: the heard audio as clear PCMU has ${clearRef.toFixed(2)} bits/byte`);
    t.ok(hIn > 7.9, `caller -> appliance payloads look random (${hIn.toFixed(3)} bits/byte)`);
    t.ok(hOut > 7.9, `appliance -> caller payloads look random (${hOut.toFixed(3)} bits/byte)`);
    const refBytes = encodePcmu(resample(pcm, rate, 8000));
    const needle = Buffer.from(
      refBytes.subarray(Math.floor(refBytes.length / 2), Math.floor(refBytes.length / 2) + 32),
    );
    t.notOk(
      fromUs.some((p) => Buffer.from(body(p)).includes(needle)),
      'no 32-byte run of what the caller heard appears in clear on the wire',
    );
    // baresip 1.0 sends some RTCP unprotected (an APP "PING" at the start, the BYE at the end):
    // those are rightly dropped. Every protected packet of the genuine peer must pass.
    const plainRtcp = (out.capture ?? []).filter((p) => {
      if (p.dstPort < lo || p.dstPort > hi || !looksLikeRtcp(p.payload)) return false;
      try {
        parseRtcp(p.payload); // a whole plain compound packet: no SRTCP index or tag after it
        return true;
      } catch {
        return false;
      }
    }).length;
    const failed = Number(
      /auth-failed"} (\d+)/.exec((out.result.securityMetrics ?? []).join('\n'))?.[1] ?? 0,
    );
    t.ok(
      failed <= plainRtcp,
      `SRTP auth failures (${failed}) are only baresip's unprotected RTCP packets (${plainRtcp})`,
    );
  },
);
