/**
 * A real SIP peer calls the appliance: SIPp's uac_pcap scenario (../shared/speech/sipp) dials an
 * agent's number and plays recorded speech (JFK, G.711 u-law RTP). The appliance answers through
 * its own SIP stack and media engine, and its encrypted recording, downloaded through the API,
 * must hold the caller's audio on the left channel: the same audio as the source after G.711.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { decodePcmu, encodePcmu, parseWav, resample } from '../../../media/index.js';
import { freePort } from '../../test/helpers/postgres.js';
import { startTestApi } from '../../test/helpers/app.js';
import { sharedDir } from '../../test/helpers/shared.js';
import { isCallsModule } from '../index.js';
import { waitFor } from './helpers/caller.js';

const speechDir = path.join(sharedDir(), 'speech');
const scenario = path.join(speechDir, 'sipp', 'uac_jfk_pcmu.xml');
const sourceWav = path.join(speechDir, 'whisper.cpp', 'jfk.wav');
if (spawnSync('sipp', ['-v']).error || !existsSync(scenario) || !existsSync(sourceWav)) {
  t.plan(0, 'sipp or ../shared/speech is missing');
  process.exit(0);
}

/** Normalised correlation of a and b with b delayed by lag samples, over their overlap. */
function correlation(a: Int16Array, b: Int16Array, lag: number, from = 0, length = Infinity): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  const end = Math.min(a.length, b.length - lag, from + length);
  for (let i = from; i < end; i++) {
    const x = a[i] ?? 0;
    const y = b[i + lag] ?? 0;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

t.test('SIPp plays recorded speech into a call; the appliance records it intact', async (t) => {
  const api = await startTestApi(t, 'sqlite', {
    sip: {
      enabled: true,
      port: 0,
      bindAddress: '127.0.0.1',
      publicAddress: '127.0.0.1',
      allowFrom: ['127.0.0.1'],
      maxConcurrentCalls: 4,
    },
    rtp: { portMin: 33000, portMax: 33999, inactivityTimeoutMs: 30_000 },
    models: {
      warmOnStart: false,
      cacheDir: path.join(os.tmpdir(), 'appliance-model-cache'),
      prefer: { stt: 'pocketsphinx', tts: 'flite' },
      llm: {},
    },
  });
  const calls = api.app.modules.get('calls');
  if (!isCallsModule(calls)) throw new Error('calls module missing');
  t.ok(await waitFor(() => calls.sipPort > 0, 60_000, 100), 'telephony started');
  const biz = await api.register('Liberty Hall');
  await api.call('POST', '/business/subscribe', { token: biz.token, body: { planId: 'enterprise' } });
  const agent = await api.call<{ id: string }>('POST', '/agents', {
    token: biz.token,
    body: { name: 'Front desk', numbers: ['7000'] },
  });
  t.equal(agent.status, 201);

  const sipLocalPort = await freePort();
  const mediaPort = 40000 + 2 * Math.floor(Math.random() * 9000);
  const sipp = spawn(
    'sipp',
    [
      '-sf',
      scenario,
      '-i',
      '127.0.0.1',
      '-mi',
      '127.0.0.1',
      '-p',
      String(sipLocalPort),
      '-mp',
      String(mediaPort),
      '-s',
      '7000',
      '-m',
      '1',
      '-timeout',
      '60s',
      '-nostdin',
      `127.0.0.1:${calls.sipPort}`,
    ],
    { cwd: speechDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  sipp.stdout.on('data', (d: Buffer) => (out += d.toString()));
  sipp.stderr.on('data', (d: Buffer) => (out += d.toString()));
  t.teardown(() => {
    if (sipp.exitCode === null) sipp.kill('SIGKILL');
  });
  const code = await new Promise<number | null>((resolve) => sipp.once('exit', resolve));
  t.equal(code, 0, `SIPp completed its call (exit ${code})`);
  if (code !== 0) t.comment(out.slice(-2000));

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

  // The source as the line carries it: 16 kHz -> 8 kHz -> u-law -> linear.
  const src = parseWav(readFileSync(sourceWav));
  const ref = decodePcmu(
    encodePcmu(resample(src.channelData[0] ?? new Int16Array(), src.sampleRateHz, wav.sampleRateHz)),
  );
  // Find where the speech starts in the recording (the caller starts playing after the ACK).
  let best = { lag: 0, r: -1 };
  const probe = ref.subarray(8000, 8000 + 2 * wav.sampleRateHz);
  for (let lag = 0; lag + probe.length < caller.length && lag < 8 * wav.sampleRateHz; lag += 1) {
    const r = correlation(probe, caller.subarray(lag + 0), 0, 0, probe.length);
    if (r > best.r) best = { lag, r };
  }
  const offset = best.lag - 8000;
  t.ok(
    offset > -0.1 * wav.sampleRateHz,
    `speech found in the recording at ${(offset / wav.sampleRateHz).toFixed(2)} s`,
  );
  // Compare 1 s windows, each at its best lag within +-200 ms of the expected position: a
  // real-time path may shift timing slightly (jitter buffer adaptation), never the content.
  const rate = wav.sampleRateHz;
  const windows: number[] = [];
  for (let from = 0; from + rate <= ref.length; from += rate) {
    let w = -1;
    for (let d = -0.2 * rate; d <= 0.2 * rate; d += 4) {
      const lag = offset + d;
      if (from + lag < 0) continue;
      w = Math.max(w, correlation(ref.subarray(from, from + rate), caller.subarray(from + lag), 0));
    }
    windows.push(w);
  }
  windows.sort((a, b) => a - b);
  const median = windows[Math.floor(windows.length / 2)] ?? 0;
  t.comment(
    `probe correlation ${best.r.toFixed(3)}; window correlations ${windows.map((w) => w.toFixed(2)).join(' ')}`,
  );
  t.ok(
    median > 0.9,
    `caller channel matches the source audio (median 1 s window correlation ${median.toFixed(4)})`,
  );
  const speechMs = (ref.length / wav.sampleRateHz) * 1000;
  t.ok(
    ((caller.length - offset) / wav.sampleRateHz) * 1000 >= speechMs * 0.98,
    'the whole utterance was recorded',
  );
});
