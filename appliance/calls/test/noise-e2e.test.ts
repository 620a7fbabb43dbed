/**
 * The per-agent caller-audio setting end to end over real SIP and RTP on 127.0.0.1: an agent with
 * noise reduction on (set through the API) takes a call whose caller speaks over steady street-like
 * noise; the caller's question still gets its answer (the cleaner worker sits in the call path),
 * and the recording's caller channel holds the noise at the level the caller sent it (the
 * recording keeps the original audio; RNNoise would take this noise down by more than 10 dB).
 * And a PBX without echo cancellation: the caller's line carries the agent's own voice back, 12 dB
 * down; the echo guard keeps it from cutting the greeting or being answered as a turn.
 */
import t from 'tap';
import { parseWav, rmsDbfs } from '../../../models/index.js';
import type { TestApi } from '../../test/helpers/app.js';
import { startCallsApi } from './helpers/calls-api.js';
import { frameAgeMs, type MediaEvent } from '../../../media/index.js';
import { festivalSpeech, haveFestival, sleep, TestPeer, waitFor } from './helpers/caller.js';

if (!haveFestival()) {
  t.plan(0, 'festival (text2wave) is not installed: no caller voice');
  process.exit(0);
}

const RATE = 16000;
/** Noise level on the caller's line, dBFS RMS (a car at a loud moment on a phone). */
const NOISE_DBFS = -32;
/** A quiet caller's speech, dBFS RMS (about 20 dB under a normal talker). */
const QUIET_DBFS = -42;
/** The echo test's hybrid drops a frame the test thread reaches later than this after it left the jitter buffer, ms. */
const STALE_ECHO_MS = 100;

let api: TestApi;
let peer: TestPeer;
let sipPort = 0;

/** Low, steady, brown-ish noise (integrated white, leaky): deterministic. */
function streetNoise(samples: number, dbfs: number): Int16Array {
  let seed = 12345;
  const x = new Float64Array(samples);
  let acc = 0;
  for (let i = 0; i < samples; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    acc = 0.98 * acc + (seed / 2 ** 32 - 0.5);
    x[i] = acc;
  }
  let s = 0;
  for (const v of x) s += v * v;
  const g = (32768 * 10 ** (dbfs / 20)) / Math.sqrt(s / samples);
  return Int16Array.from(x, (v) => Math.round(v * g));
}

t.before(async () => {
  peer = await TestPeer.start();
  ({ api, sipPort } = await startCallsApi(t, { rtpPortMin: 31400, inactivityTimeoutMs: 2000 }));
});

t.teardown(async () => {
  await peer?.stop();
});

t.test('noise reduction on: the noisy caller is answered, the recording keeps the noise', async (t) => {
  const b = await api.register('Noisy Garage');
  const sub = await api.call('POST', '/business/subscribe', {
    token: b.token,
    body: { planId: 'enterprise' },
  });
  t.equal(sub.status, 201);
  const a = await api.call<{ id: string; behaviour: { denoise: boolean; agc: boolean } }>('POST', '/agents', {
    token: b.token,
    body: {
      name: 'Garage agent',
      greeting: 'Hello, thank you for calling.',
      numbers: ['3100'],
      facts: {
        hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], open: '09:00', close: '17:00' }],
      },
      behaviour: { silenceTimeoutMs: 20_000, maxCallDurationS: 120, denoise: true, agc: false },
    },
  });
  t.equal(a.status, 201, 'agent created');
  t.equal(a.body.behaviour.denoise, true, 'the agent stores noise reduction on');
  const off = await api.call<{ behaviour: { denoise: boolean } }>('PUT', `/agents/${a.body.id}`, {
    token: b.token,
    body: { behaviour: { denoise: false } },
  });
  t.equal(off.body.behaviour?.denoise, false, 'and it can be turned off');
  await api.call('PUT', `/agents/${a.body.id}`, { token: b.token, body: { behaviour: { denoise: true } } });

  const pc = await peer.dial('3100', sipPort);
  t.teardown(() => (pc.call.state === 'ended' ? undefined : pc.call.hangup()));
  t.ok(
    await waitFor(
      () => pc.heard.loudAt.length > 0 && performance.now() - (pc.heard.loudAt.at(-1) ?? 0) > 700,
      15_000,
    ),
    'greeting heard',
  );
  // 1.5 s of noise alone, then the question with the noise going on under it (about 12 dB SNR).
  const question = festivalSpeech('What are your opening hours?');
  const lead = RATE * 1.5;
  const line = streetNoise(lead + question.length + RATE, NOISE_DBFS);
  for (let i = 0; i < question.length; i++) {
    const v = (line[lead + i] as number) + (question[i] as number);
    line[lead + i] = Math.max(-32768, Math.min(32767, v));
  }
  const loudBefore = pc.heard.loudAt.length;
  pc.media.play(line, RATE);
  t.ok(
    await waitFor(
      () =>
        pc.heard.loudAt.length > loudBefore + 5 && performance.now() - (pc.heard.loudAt.at(-1) ?? 0) > 1200,
      25_000,
    ),
    'an answer heard',
  );
  await pc.call.hangup();

  const conv = await api.call<{ items: Array<{ id: string }> }>('GET', '/conversations', { token: b.token });
  const detail = await api.call<{ turns: Array<{ speaker: string; text: string }> }>(
    'GET',
    `/conversations/${conv.body.items[0]?.id}`,
    { token: b.token },
  );
  const agentTurns = detail.body.turns.filter((x) => x.speaker === 'agent').map((x) => x.text);
  t.match(
    agentTurns.slice(1).join(' '),
    /9|nine|open/i,
    `answered the hours through the noise: ${agentTurns[1]}`,
  );

  let rec: { id: string } | undefined;
  for (let i = 0; i < 50 && !rec; i++) {
    const rl = await api.call<{ items: Array<{ id: string }> }>('GET', '/voice/recordings', {
      token: b.token,
    });
    rec = rl.body.items[0];
    if (!rec) await sleep(100);
  }
  t.ok(rec, 'recording listed');
  const res = await fetch(`${api.baseUrl}/api/v1/voice/recordings/${rec?.id}/audio`, {
    headers: { authorization: `Bearer ${b.token}` },
  });
  const wav = Buffer.from(await res.arrayBuffer());
  t.equal(wav.readUInt16LE(22), 2, 'stereo: caller left, agent right');
  // The caller channel: half-seconds near the noise's level are the noise alone (1.5 s before the
  // question); their median, since a half-second that straddles the call's start or the question
  // reads a few dB off. Denoised audio would be far below the band (RNNoise takes > 10 dB off).
  const stereo = parseWavStereoLeft(wav);
  const seconds: number[] = [];
  for (let i = 0; i + stereo.rateHz <= stereo.left.length; i += stereo.rateHz / 2)
    seconds.push(rmsDbfs(stereo.left.subarray(i, i + stereo.rateHz / 2)));
  const band = seconds.filter((d) => d > NOISE_DBFS - 6 && d < NOISE_DBFS + 6).sort((x, y) => x - y);
  const noiseOnly = band[Math.floor(band.length / 2)];
  t.ok(
    noiseOnly !== undefined && Math.abs(noiseOnly - NOISE_DBFS) < 3,
    `recorded caller noise ${noiseOnly?.toFixed(1)} dBFS, sent ${NOISE_DBFS} dBFS: the original, not the denoised audio`,
  );
});

t.test('gain control on: a quiet caller is answered, the recording keeps the quiet level', async (t) => {
  const b = await api.register('Quiet Line');
  await api.call('POST', '/business/subscribe', { token: b.token, body: { planId: 'enterprise' } });
  const a = await api.call<{ id: string; behaviour: { agc: boolean } }>('POST', '/agents', {
    token: b.token,
    body: {
      name: 'Quiet agent',
      greeting: 'Hello, thank you for calling.',
      numbers: ['3300'],
      facts: {
        hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], open: '09:00', close: '17:00' }],
      },
      behaviour: { silenceTimeoutMs: 20_000, maxCallDurationS: 120, denoise: true, agc: true },
    },
  });
  t.equal(a.status, 201, 'agent created');
  t.equal(a.body.behaviour.agc, true, 'the agent stores gain control on');
  const pc = await peer.dial('3300', sipPort);
  t.teardown(() => (pc.call.state === 'ended' ? undefined : pc.call.hangup()));
  const quiet = (text: string): Int16Array => {
    const pcm = festivalSpeech(text);
    // A caller far from the mouthpiece: speech at QUIET_DBFS RMS (festival speaks near -20).
    const g = 10 ** ((QUIET_DBFS - rmsDbfs(pcm)) / 20);
    return Int16Array.from(pcm, (v) => Math.round(v * g));
  };
  const quietSpell = async (text: string, what: string): Promise<void> => {
    const before = pc.heard.loudAt.length;
    pc.media.play(quiet(text), RATE);
    t.ok(
      await waitFor(
        () => pc.heard.loudAt.length > before + 5 && performance.now() - (pc.heard.loudAt.at(-1) ?? 0) > 1200,
        25_000,
      ),
      what,
    );
  };
  t.ok(
    await waitFor(
      () => pc.heard.loudAt.length > 0 && performance.now() - (pc.heard.loudAt.at(-1) ?? 0) > 700,
      15_000,
    ),
    'greeting heard',
  );
  // The first words lift the gain (6 dB/s while the caller speaks); the question comes after.
  await quietSpell(
    'Hello there. I would like to ask you something about your business please.',
    'a reply heard',
  );
  await quietSpell('What are your opening hours?', 'an answer heard');
  await pc.call.hangup();
  const conv = await api.call<{ items: Array<{ id: string }> }>('GET', '/conversations', { token: b.token });
  const detail = await api.call<{ turns: Array<{ speaker: string; text: string }> }>(
    'GET',
    `/conversations/${conv.body.items[0]?.id}`,
    { token: b.token },
  );
  // Each quiet utterance is detected and transcribed as its own turn, and answered. What it is
  // heard as is not asserted: pocketsphinx normalises level itself, and on this caller the gain
  // made the question worse ("opening hand" without, "health and" with), which is why the gain
  // control is off by default (the note has the figures).
  const heard = detail.body.turns.filter((x) => x.speaker === 'caller').map((x) => x.text);
  const agentTurns = detail.body.turns.filter((x) => x.speaker === 'agent');
  t.equal(heard.length, 2, `both quiet utterances were turns: ${heard.join(' | ')}`);
  t.ok(
    heard.every((x) => x.split(' ').length >= 3),
    'each was transcribed (words, not a click or a fragment)',
  );
  t.equal(agentTurns.length, 3, 'the greeting and a reply to each');
  let rec: { id: string } | undefined;
  for (let i = 0; i < 50 && !rec; i++) {
    const rl = await api.call<{ items: Array<{ id: string }> }>('GET', '/voice/recordings', {
      token: b.token,
    });
    rec = rl.body.items[0];
    if (!rec) await sleep(100);
  }
  const res = await fetch(`${api.baseUrl}/api/v1/voice/recordings/${rec?.id}/audio`, {
    headers: { authorization: `Bearer ${b.token}` },
  });
  const stereo = parseWavStereoLeft(Buffer.from(await res.arrayBuffer()));
  // The caller's loudest half-second: their speech as sent, some 6 dB over its mean (festival's
  // stressed syllables); the gain, at +17 dB by the second utterance, would put it near -20.
  let loudest = -120;
  for (let i = 0; i + stereo.rateHz / 2 <= stereo.left.length; i += stereo.rateHz / 4)
    loudest = Math.max(loudest, rmsDbfs(stereo.left.subarray(i, i + stereo.rateHz / 2)));
  t.ok(
    loudest < QUIET_DBFS + 10,
    `recorded caller speech at most ${loudest.toFixed(1)} dBFS, sent ${QUIET_DBFS} dBFS: the original level`,
  );
});

t.test('echo of the agent on the line: no barge-in, no turn', async (t) => {
  const b = await api.register('Echo Line');
  await api.call('POST', '/business/subscribe', { token: b.token, body: { planId: 'enterprise' } });
  const greeting =
    'Hello and welcome to the echo line. We are glad you called today. Our team handles orders, deliveries, ' +
    'opening hours and general questions. Please tell me what you need.';
  const a = await api.call<{ id: string }>('POST', '/agents', {
    token: b.token,
    body: {
      name: 'Echo agent',
      greeting,
      numbers: ['3200'],
      behaviour: { silenceTimeoutMs: 20_000, maxCallDurationS: 120 },
    },
  });
  t.equal(a.status, 201);
  const pc = await peer.dial('3200', sipPort);
  t.teardown(() => (pc.call.state === 'ended' ? undefined : pc.call.hangup()));
  // The PBX's hybrid: every frame the caller hears goes back on the line, 12 dB down. A hybrid
  // echoes what is on the wire now: a frame this test's thread gets to late (a stall of the busy
  // process that runs both ends; 900 ms seen under load at the call's start) is not echoed, or the
  // peer's send queue would keep that stall as a second of echo delay for the rest of the call.
  const loss = 10 ** (-12 / 20);
  pc.media.on('event', (e: MediaEvent) => {
    if (e.kind !== 'audio' || pc.call.state === 'ended' || frameAgeMs(e.atMs) > STALE_ECHO_MS) return;
    pc.media.play(
      Int16Array.from(e.pcm, (v) => Math.round(v * loss)),
      e.sampleRateHz,
    );
  });
  t.ok(await waitFor(() => pc.heard.loudAt.length > 50, 10_000), 'greeting playing');
  t.ok(
    await waitFor(() => performance.now() - (pc.heard.loudAt.at(-1) ?? 0) > 1500, 30_000),
    'greeting over',
  );
  await pc.call.hangup();
  let turns: Array<{ speaker: string; interrupted: boolean }> = [];
  for (let i = 0; i < 50; i++) {
    const list = await api.call<{ items: Array<{ id: string; status: string }> }>('GET', '/conversations', {
      token: b.token,
    });
    const c = list.body.items[0];
    if (c?.status === 'ended') {
      const d = await api.call<{ turns: Array<{ speaker: string; interrupted: boolean }> }>(
        'GET',
        `/conversations/${c.id}`,
        { token: b.token },
      );
      turns = d.body.turns;
      break;
    }
    await sleep(100);
  }
  t.equal(turns[0]?.speaker, 'agent', 'the greeting is stored');
  t.equal(turns[0]?.interrupted, false, 'the echo did not cut the greeting');
  t.same(
    turns.filter((x) => x.speaker === 'caller'),
    [],
    'and was not answered as a caller turn',
  );
});

/** The left (caller) channel of a 16-bit stereo WAV. */
function parseWavStereoLeft(wav: Buffer): { left: Int16Array; rateHz: number } {
  const mono = parseWav(wav); // validates the format; averages channels
  const rateHz = mono.sampleRateHz;
  let off = 12;
  while (off + 8 <= wav.length && wav.toString('ascii', off, off + 4) !== 'data')
    off += 8 + wav.readUInt32LE(off + 4);
  const data = wav.subarray(off + 8, off + 8 + wav.readUInt32LE(off + 4));
  const left = new Int16Array(Math.floor(data.length / 4));
  for (let i = 0; i < left.length; i++) left[i] = data.readInt16LE(i * 4);
  return { left, rateHz };
}
