/**
 * A real SIP peer calls the appliance: SIPp's uac_pcap scenario (../shared/speech/sipp) dials an
 * agent's number and plays recorded speech (JFK, G.711 A-law RTP). The appliance answers through
 * its own SIP stack and media engine, and its encrypted recording, downloaded through the API,
 * must hold the caller's audio on the left channel: the same audio as the source after G.711.
 * A baresip softphone (PCMU) does the same with a WAV as its microphone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { decodePcma, encodePcma, parseWav, resample } from '../../../media/index.js';
import { freePort } from '../../test/helpers/postgres.js';
import { startTestApi } from '../../test/helpers/app.js';
import { sharedDir } from '../../test/helpers/shared.js';
import { isCallsModule } from '../index.js';
import { waitFor } from './helpers/caller.js';
import { compareAudio } from './helpers/compare.js';

const speechDir = path.join(sharedDir(), 'speech');
const scenario = path.join(speechDir, 'sipp', 'uac_jfk_pcma.xml');
const sourceWav = path.join(speechDir, 'whisper.cpp', 'jfk.wav');
if (spawnSync('sipp', ['-v']).error || !existsSync(scenario) || !existsSync(sourceWav)) {
  t.plan(0, 'sipp or ../shared/speech is missing');
  process.exit(0);
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
  // The scenario keeps the call up 10 s after the speech. The agent may legitimately end it
  // earlier (it heard something it took for a goodbye); SIPp then fails on the unexpected BYE.
  const completed = code === 0;
  t.ok(completed || /BYE/.test(out), `SIPp call answered and ended (exit ${code})`);
  if (!completed) t.comment(`the appliance ended the call early: ${out.slice(-600)}`);

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

const canUnshare =
  spawnSync('unshare', ['-rn', 'sh', '-c', 'ip link set lo up'], { timeout: 5000 }).status === 0;
const osrWav = path.join(speechDir, 'osr', 'OSR_us_000_0034_8k.wav');
const baresipSkip =
  spawnSync('baresip', ['-h'], { timeout: 5000 }).error !== undefined
    ? 'baresip is not installed'
    : !canUnshare
      ? 'unshare -rn is not available'
      : !existsSync(osrWav)
        ? 'the OSR recording is missing'
        : false;

t.test('a baresip softphone plays a WAV into a call; it arrives intact', { skip: baresipSkip }, async (t) => {
  // baresip needs a non-loopback interface: the appliance and baresip share a private namespace.
  const root = path.resolve(import.meta.dirname, '..', '..', '..');
  const child = spawn(
    'unshare',
    [
      '-rn',
      'sh',
      '-c',
      `ip link set lo up; ip link add v0 type veth peer name v1 && ip addr add 10.77.0.1/24 dev v0 && ip link set v0 up && ip link set v1 up && exec node --import tsx appliance/calls/test/helpers/baresip-runner.ts '${osrWav}' 6`,
    ],
    {
      cwd: root,
      env: { ...process.env, APPLIANCE_MODELS_DIR: path.join(sharedDir(), 'models') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  t.equal(code, 0, `runner finished (${stderr.slice(-800)})`);
  const out = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
    recordings: number;
    rate: number;
    caller: number[];
    source: number[];
    log: string;
  };
  t.equal(out.recordings, 1, 'the call was recorded');
  const cmp = compareAudio(Int16Array.from(out.source ?? []), Int16Array.from(out.caller ?? []), out.rate);
  t.comment(`probe ${cmp.probe.toFixed(3)}; 1 s windows ${cmp.windows.map((w) => w.toFixed(2)).join(' ')}`);
  t.ok(
    cmp.median > 0.9,
    `baresip's audio arrived intact (median window correlation ${cmp.median.toFixed(4)})`,
  );
  t.ok(cmp.coveredS >= (out.source.length / out.rate) * 0.98, 'all of it was recorded');
});
