/**
 * Runs INSIDE `unshare -rn` with a veth pair (baresip refuses loopback-only hosts): starts the
 * whole appliance (SIP on 127.0.0.1:5060), lets baresip dial an agent's number with a recorded
 * WAV as its microphone (aufile; baresip hangs up at the end of the file), then downloads the
 * appliance's encrypted recording through the API and prints the caller channel and the source
 * (both at the recording's rate) as JSON for the test to compare.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseWav, resample, wavHeader } from '../../../../media/index.js';
import { startAppliance } from '../../../app.js';
import { loadConfig } from '../../../config/index.js';
import { createLogger } from '../../../log.js';

const [sourceWav, speechS] = [process.argv[2] ?? '', Number(process.argv[3] ?? 6)];
const dir = mkdtempSync(path.join(os.tmpdir(), 'baresip-call-'));
const src = parseWav(readFileSync(sourceWav));
// The microphone: the first speechS seconds of the source at 8 kHz, then 4 s of silence so the
// call stays up while the last packets are recorded.
const speech = resample(
  (src.channelData[0] ?? new Int16Array()).subarray(0, speechS * src.sampleRateHz),
  src.sampleRateHz,
  8000,
);
const mic = new Int16Array(speech.length + 4 * 8000);
mic.set(speech);
writeFileSync(
  path.join(dir, 'in.wav'),
  Buffer.concat([wavHeader(8000, 1, mic.byteLength), Buffer.from(mic.buffer)]),
);
writeFileSync(
  path.join(dir, 'config'),
  [
    'poll_method epoll',
    'sip_listen 10.77.0.1:5080',
    'module_path /usr/lib/baresip/modules',
    'module g711.so',
    'module aufile.so',
    'module account.so',
    'module menu.so',
    `audio_source aufile,${path.join(dir, 'in.wav')}`,
    `audio_player aufile,${path.join(dir, 'out.wav')}`,
    `audio_alert aufile,${path.join(dir, 'alert.wav')}`,
  ].join('\n') + '\n',
);
writeFileSync(path.join(dir, 'accounts'), '<sip:tester@10.77.0.1:5080>;regint=0;audio_codecs=PCMU\n');

const config = loadConfig(
  {},
  {
    dataDir: path.join(dir, 'data'),
    logLevel: 'silent',
    modelsDir: process.env.APPLIANCE_MODELS_DIR ?? path.join(dir, 'models'),
    models: {
      warmOnStart: false,
      cacheDir: path.join(os.tmpdir(), 'appliance-model-cache'),
      prefer: { stt: 'pocketsphinx', tts: 'flite' },
      llm: {},
    },
    http: {
      port: 0,
      bindAddress: '127.0.0.1',
      shutdownGraceMs: 1000,
      unsubscribedRatePerS: 1000,
      publicRatePerS: 1000,
    },
    sip: {
      enabled: true,
      port: 5060,
      bindAddress: '127.0.0.1',
      publicAddress: '127.0.0.1',
      allowFrom: ['127.0.0.0/8', '10.77.0.0/24'],
      maxConcurrentCalls: 2,
    },
    rtp: { portMin: 34000, portMax: 34099, inactivityTimeoutMs: 30_000 },
  },
);
const app = await startAppliance(config, { log: createLogger('silent') });
const base = `http://127.0.0.1:${app.httpPort}/api/v1`;
const call = async <T>(method: string, p: string, token?: string, body?: unknown): Promise<T> => {
  const res = await fetch(base + p, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return (await res.json()) as T;
};
const reg = await call<{ accessToken: string }>('POST', '/auth/register', undefined, {
  businessName: 'Harvard Sentences',
  email: 'b@baresip.test',
  password: 'long enough password',
});
await call('POST', '/business/subscribe', reg.accessToken, { planId: 'enterprise' });
await call('POST', '/agents', reg.accessToken, { name: 'Desk', numbers: ['1000'] });
// Telephony starts once the speech engines are loaded.
const calls = app.modules.get('calls') as { sipPort?: number } | undefined;
for (let i = 0; i < 600 && !calls?.sipPort; i++) await new Promise((r) => setTimeout(r, 100));

const child = spawn(
  'baresip',
  ['-f', dir, '-e', '/dial sip:1000@127.0.0.1:5060', '-t', String(speechS + 12)],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
let log = '';
child.stdout.on('data', (d: Buffer) => (log += d.toString()));
child.stderr.on('data', (d: Buffer) => (log += d.toString()));
await new Promise<void>((resolve) => {
  const timer = setTimeout(() => child.kill('SIGKILL'), (speechS + 20) * 1000);
  child.on('close', () => {
    clearTimeout(timer);
    resolve();
  });
});

let recordings: { id: string }[] = [];
for (let i = 0; i < 100 && recordings.length === 0; i++) {
  recordings =
    (await call<{ items: { id: string }[] }>('GET', '/voice/recordings', reg.accessToken)).items ?? [];
  if (recordings.length === 0) await new Promise((r) => setTimeout(r, 200));
}
let caller: number[] = [];
let rate = 8000;
if (recordings[0]) {
  const res = await fetch(`${base}/voice/recordings/${recordings[0].id}/audio`, {
    headers: { authorization: `Bearer ${reg.accessToken}` },
  });
  const wav = parseWav(Buffer.from(await res.arrayBuffer()));
  rate = wav.sampleRateHz;
  caller = Array.from(wav.channelData[0] ?? []);
}
await app.stop();
rmSync(dir, { recursive: true, force: true });
// A pipe is written asynchronously: exit only once the whole line is out.
process.stdout.write(
  JSON.stringify({
    recordings: recordings.length,
    rate,
    caller,
    source: Array.from(resample(speech, 8000, rate)),
    log: log.slice(-2000),
  }) + '\n',
  () => process.exit(0),
);
