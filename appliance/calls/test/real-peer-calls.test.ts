/**
 * A real SIP peer calls the appliance: SIPp's uac_pcap scenario (../shared/speech/sipp) dials an
 * agent's number and plays recorded speech (JFK, G.711 A-law RTP). The appliance answers through
 * its own SIP stack and media engine, and its encrypted recording, downloaded through the API,
 * must hold the caller's audio on the left channel: the same audio as the source after G.711.
 * A baresip softphone does the same with a WAV as its microphone, over PCMU and over G.722
 * (wideband: the recording is 16 kHz and keeps the band above 4 kHz).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import type { t as tap } from 'tap';
import { decodePcma, encodePcma, parseWav, resample } from '../../../media/index.js';
import { sharedDir } from '../../test/helpers/shared.js';
import { runSippUac, startCallsApi } from './helpers/calls-api.js';
import {
  baresipSkipReason,
  haveBaresipModule,
  runBaresipCall,
  type BaresipCallOutcome,
} from './helpers/baresip-call.js';
import { compareAudio } from './helpers/compare.js';
import { highPass } from './helpers/high-pass.js';

const speechDir = path.join(sharedDir(), 'speech');
const scenario = path.join(speechDir, 'sipp', 'uac_jfk_pcma.xml');
const sourceWav = path.join(speechDir, 'whisper.cpp', 'jfk.wav');
if (spawnSync('sipp', ['-v']).error || !existsSync(scenario) || !existsSync(sourceWav)) {
  t.plan(0, 'sipp or ../shared/speech is missing');
  process.exit(0);
}

t.test('SIPp plays recorded speech into a call; the appliance records it intact', async (t) => {
  const { api, sipPort } = await startCallsApi(t, { rtpPortMin: 33000, allowFrom: ['127.0.0.1'] });
  t.ok(sipPort > 0, 'telephony started');
  const biz = await api.register('Liberty Hall');
  await api.call('POST', '/business/subscribe', { token: biz.token, body: { planId: 'enterprise' } });
  const agent = await api.call<{ id: string }>('POST', '/agents', {
    token: biz.token,
    body: { name: 'Front desk', numbers: ['7000'] },
  });
  t.equal(agent.status, 201);

  const sipp = await runSippUac(t, { scenario, cwd: speechDir, service: '7000', sipPort });
  const code = await sipp.exited;
  // The scenario keeps the call up 10 s after the speech. The agent may legitimately end it
  // earlier (it heard something it took for a goodbye); SIPp then fails on the unexpected BYE.
  const completed = code === 0;
  t.ok(completed || /BYE/.test(sipp.output()), `SIPp call answered and ended (exit ${code})`);
  if (!completed) t.comment(`the appliance ended the call early: ${sipp.output().slice(-600)}`);

  type Rec = { id: string; agentId: string; durationMs: number };
  let recs: Rec[] = [];
  const deadline = Date.now() + 20_000;
  while (recs.length === 0 && Date.now() < deadline) {
    const r = await api.call<{ items: Rec[] }>('GET', '/voice/recordings', { token: biz.token });
    recs = r.body.items ?? [];
    if (recs.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  t.equal(recs.length, 1, 'the recording is listed');
  const rec = recs[0];
  if (!rec) return;
  t.equal(rec.agentId, agent.body.id);
  const res = await fetch(`${api.baseUrl}/api/v1/voice/recordings/${rec.id}/audio`, {
    headers: { authorization: `Bearer ${biz.token}` },
  });
  t.equal(res.status, 200);
  t.match(res.headers.get('content-type') ?? '', /audio\/wav/);
  const wav = parseWav(Buffer.from(await res.arrayBuffer()));
  t.equal(wav.channels, 2, 'stereo: caller left, agent right');
  const caller = wav.channelData[0] ?? new Int16Array();

  // The source as the line carries it: 16 kHz -> 8 kHz -> A-law -> linear.
  const src = parseWav(readFileSync(sourceWav));
  const ref = decodePcma(
    encodePcma(resample(src.channelData[0] ?? new Int16Array(), src.sampleRateHz, wav.sampleRateHz)),
  );
  const full = compareAudio(ref, caller, wav.sampleRateHz);
  // Compare what the call carried: all of the speech, or (ended early) what came before the end.
  const speechS = ref.length / wav.sampleRateHz;
  const heardS = Math.min(speechS, full.coveredS);
  const cmp =
    heardS >= speechS
      ? full
      : compareAudio(ref.subarray(0, Math.floor(heardS) * wav.sampleRateHz), caller, wav.sampleRateHz);
  t.comment(`probe ${cmp.probe.toFixed(3)}; 1 s windows ${cmp.windows.map((w) => w.toFixed(2)).join(' ')}`);
  t.ok(cmp.offsetS > -0.1, `speech found in the recording at ${cmp.offsetS.toFixed(2)} s`);
  t.ok(
    cmp.median > 0.9,
    `caller channel matches the source audio (median window correlation ${cmp.median.toFixed(4)})`,
  );
  if (completed) t.ok(full.coveredS >= speechS * 0.98, 'the whole utterance was recorded');
  else
    t.ok(
      heardS >= 4,
      `at least 4 s of speech recorded before the agent ended the call (${heardS.toFixed(1)} s)`,
    );
});

const osrWav = path.join(speechDir, 'osr', 'OSR_us_000_0034_8k.wav');
// 4507-16021-0012 ("why should one halt on the way") is left out: the agent hears "... go bye"
// in it and ends the call.
const libriWavs = ['2830-3980-0043', '8455-210777-0068'].map((f) =>
  path.join(speechDir, 'librispeech', `${f}.wav`),
);
const baresipSkip = baresipSkipReason();
/**
 * Least median correlation of the band above 4.5 kHz. Measured: G.722 through the appliance 0.92;
 * the same speech through an 8 kHz u-law leg 0.04 (while its full-band correlation is still 0.93,
 * so only this check tells wideband from narrowband).
 */
const HIGH_BAND_MIN = 0.5;
/**
 * Where the microphone may start in the recording, s: both start with the call's media (measured
 * ~0.02 s). A bound keeps the brute-force lag search short at 16 kHz.
 */
const BARESIP_MAX_OFFSET_S = 2;

/** Mono PCM of a WAV's first channel, resampled to rateHz. */
function speechAt(file: string, rateHz: number): Int16Array {
  const w = parseWav(readFileSync(file));
  return resample(w.channelData[0] ?? new Int16Array(), w.sampleRateHz, rateHz);
}

/**
 * The recording's caller channel against what baresip's microphone played (at the codec's rate):
 * found, matching window by window, and complete.
 */
function assertArrivedIntact(
  t: Pick<typeof tap, 'ok' | 'equal' | 'comment' | 'fail'>,
  out: BaresipCallOutcome,
  speech: Int16Array,
  rateHz: number,
): void {
  t.equal(out.code, 0, `runner finished (${out.stderr.slice(-800)})`);
  t.equal(out.result.recordings, 1, 'the call was recorded');
  const rec = out.recording;
  if (!rec) return void t.fail(`no recording (${out.result.baresipLog.slice(-600)})`);
  t.equal(rec.sampleRateHz, rateHz, `recorded at the codec's rate (${rec.sampleRateHz} Hz)`);
  t.equal(out.result.recordingListedRateHz, rec.sampleRateHz, "the API lists the WAV's rate");
  const caller = rec.channelData[out.result.callerChannel] ?? new Int16Array();
  const ref = rec.sampleRateHz === rateHz ? speech : resample(speech, rateHz, rec.sampleRateHz);
  const cmp = compareAudio(ref, caller, rec.sampleRateHz, BARESIP_MAX_OFFSET_S);
  t.comment(
    `offset ${cmp.offsetS.toFixed(3)} s, recorded ${cmp.coveredS.toFixed(2)} s of ${(ref.length / rec.sampleRateHz).toFixed(2)} s; ` +
      `probe ${cmp.probe.toFixed(3)}; 1 s windows ${cmp.windows.map((w) => w.toFixed(2)).join(' ')}`,
  );
  t.ok(
    cmp.median > 0.9,
    `baresip's audio arrived intact (median window correlation ${cmp.median.toFixed(4)})`,
  );
  t.ok(
    cmp.coveredS >= (ref.length / rec.sampleRateHz) * 0.98,
    `all of it was recorded (the call: ${out.result.turns.map((x) => `${x.speaker} ${x.intent ?? ''}`).join(', ')})`,
  );
}

t.test(
  'a baresip softphone plays a WAV into a call (PCMU); it arrives intact',
  { skip: baresipSkip || (!existsSync(osrWav) && 'the OSR recording is missing') },
  async (t) => {
    // The first 6 s of the recording, then 4 s of silence so the call stays up while the last
    // packets are recorded (baresip hangs up at the end of its microphone file).
    const speech = speechAt(osrWav, 8000).subarray(0, 6 * 8000);
    const mic = new Int16Array(speech.length + 4 * 8000);
    mic.set(speech);
    const out = await runBaresipCall(
      { mic, micRateHz: 8000, codec: 'PCMU', callS: 20, agent: { name: 'Desk', numbers: ['1000'] } },
      90_000,
    );
    assertArrivedIntact(t, out, speech, 8000);
  },
);

t.test(
  'a baresip softphone calls with G.722: wideband audio arrives intact at 16 kHz',
  {
    skip:
      baresipSkip ||
      (!haveBaresipModule('g722.so') && "baresip's g722 module is missing") ||
      (!libriWavs.every((f) => existsSync(f)) && 'the LibriSpeech recordings are missing'),
  },
  async (t) => {
    // Two 16 kHz LibriSpeech utterances (real speech with energy above 4 kHz) 0.5 s apart,
    // then 3 s of silence.
    const gap = new Int16Array(8000);
    const parts = libriWavs.flatMap((f) => [speechAt(f, 16000), gap]);
    const speech = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (speech.set(p, at), at + p.length), 0);
    const mic = new Int16Array(speech.length + 3 * 16000);
    mic.set(speech);
    const out = await runBaresipCall(
      { mic, micRateHz: 16000, codec: 'G722', callS: 20, agent: { name: 'Desk', numbers: ['1000'] } },
      90_000,
    );
    assertArrivedIntact(t, out, speech, 16000);
    // Wideband for real: the band above 4.5 kHz, which a narrowband (8 kHz) path removes, must
    // arrive too (median over the 1 s windows; those with a gap score lower).
    const rec = out.recording;
    if (rec?.sampleRateHz !== 16000) return;
    const high = compareAudio(
      highPass(speech, 16000, 4500),
      highPass(rec.channelData[out.result.callerChannel] ?? new Int16Array(), 16000, 4500),
      16000,
      BARESIP_MAX_OFFSET_S,
    );
    t.comment(`above 4.5 kHz: 1 s windows ${high.windows.map((w) => w.toFixed(2)).join(' ')}`);
    t.ok(high.median > HIGH_BAND_MIN, `the band above 4.5 kHz arrived (median ${high.median.toFixed(3)})`);
  },
);
