/**
 * Runs INSIDE `unshare -rn` with a veth pair (baresip refuses loopback-only hosts) and carries
 * out one BaresipScenario (argv[2]: its JSON file): starts the whole appliance (SIP on
 * 127.0.0.1:5060), creates a business and the scenario's agent through the REST API, uploads
 * its knowledge (waits until ready, trains the agent), then lets baresip dial the agent with the
 * scenario's WAV as its microphone (aufile; baresip hangs up at the end of the file) while its
 * sndfile filter writes the decoded incoming audio, what the caller hears, to a WAV from the
 * start of the audio stream (baresip 1.0's aufile has no player). Afterwards it downloads the
 * encrypted recording and the conversation through the API and writes heard.wav (what baresip
 * heard), recording.wav and result.json into the scenario's outDir.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseWav, resample, wavHeader } from '../../../../media/index.js';
import { startAppliance } from '../../../app.js';
import { loadConfig } from '../../../config/index.js';
import { createLogger } from '../../../log.js';
import { loadOrCreateSelfSigned } from '../../../net/index.js';
import { PocketsphinxEngine } from '../../../../models/index.js';
import {
  codecRateHz,
  type BaresipResult,
  type BaresipScenario,
  type BaresipTurn,
  type TappedSttStream,
} from './baresip-scenario.js';

const scenario = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as BaresipScenario;
const secure = scenario.secure === true;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const dir = mkdtempSync(path.join(os.tmpdir(), 'baresip-call-'));
mkdirSync(scenario.outDir, { recursive: true });
mkdirSync(path.join(dir, 'snd'));

// The microphone at the codec's rate: baresip 1.0's aufile source refuses any other rate.
const micRateHz = codecRateHz[scenario.codec];
const src = parseWav(readFileSync(scenario.micWav));
const mic = resample(src.channelData[0] ?? new Int16Array(), src.sampleRateHz, micRateHz);
writeFileSync(
  path.join(dir, 'in.wav'),
  Buffer.concat([
    wavHeader(micRateHz, 1, mic.byteLength),
    Buffer.from(mic.buffer, mic.byteOffset, mic.byteLength),
  ]),
);
// Secure calls: the appliance's SIP TLS certificate made up front (the appliance loads the same
// files at start), so baresip can trust it as its CA.
const tlsCert = secure
  ? await loadOrCreateSelfSigned({
      dir: path.join(dir, 'data', 'keys'),
      name: 'sip-tls',
      hosts: ['127.0.0.1', 'localhost'],
    })
  : undefined;
writeFileSync(
  path.join(dir, 'config'),
  [
    'poll_method epoll',
    'sip_listen 10.77.0.1:5080',
    'module_path /usr/lib/baresip/modules',
    scenario.codec === 'G722' ? 'module g722.so' : 'module g711.so',
    'module aufile.so',
    // srtp before account: the account's mediaenc must be registered when accounts load.
    ...(secure ? ['module srtp.so'] : []),
    'module account.so',
    'module menu.so',
    // baresip 1.0's aufile is a source only; the sndfile filter dumps the decoded incoming audio
    // (what the caller hears) to <snd_path>/dump-<time>-dec.wav.
    ...(existsSync('/usr/lib/baresip/modules/sndfile.so')
      ? ['module sndfile.so', `snd_path ${path.join(dir, 'snd')}`]
      : []),
    `audio_source aufile,${path.join(dir, 'in.wav')}`,
    ...(tlsCert ? [`sip_cafile ${tlsCert.certFile}`] : []),
  ].join('\n') + '\n',
);
writeFileSync(
  path.join(dir, 'accounts'),
  secure
    ? `<sip:tester@10.77.0.1:5080;transport=tls>;regint=0;audio_codecs=${scenario.codec};mediaenc=srtp-mand\n`
    : `<sip:tester@10.77.0.1:5080>;regint=0;audio_codecs=${scenario.codec}\n`,
);

const config = loadConfig(
  {},
  {
    tls: { mode: 'off' }, // plain HTTP on loopback
    dataDir: path.join(dir, 'data'),
    logLevel: 'silent',
    modelsDir: process.env.APPLIANCE_MODELS_DIR ?? path.join(dir, 'models'),
    models: {
      warmOnStart: false,
      cacheDir: process.env.APPLIANCE_MODEL_CACHE_DIR ?? path.join(os.tmpdir(), 'appliance-model-cache'),
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
      ...(secure ? { tls: { enabled: true, port: 5061 }, srtp: 'require' } : {}),
    },
    rtp: { portMin: 34000, portMax: 34099, inactivityTimeoutMs: 30_000 },
    // Admission by load off, as in calls-api.ts: these tests judge what a call carries, and the
    // training and uploads just before the call (on a busy CI box) would trip the gate.
    calls: { maxEventLoopUtilization: 1, maxEventLoopDelayMs: 0 },
  },
);
// tapStt: every STT stream the call opens, recorded as the engine receives it (same process).
const tapped: Array<TappedSttStream & { pcm: Int16Array[] }> = [];
if (scenario.tapStt) {
  const start = PocketsphinxEngine.prototype.startStream;
  PocketsphinxEngine.prototype.startStream = function (this: PocketsphinxEngine, opts = {}) {
    const s = start.call(this, opts);
    const rec: TappedSttStream & { pcm: Int16Array[] } = {
      mode: opts.bias?.mode ?? 'none',
      text: '',
      rateHz: 0,
      file: `stt-${tapped.length + 1}.wav`,
      pcm: [],
    };
    tapped.push(rec);
    return {
      write: (pcm, rate) => {
        rec.rateHz = rate;
        rec.pcm.push(pcm.slice());
        s.write(pcm, rate);
      },
      end: async () => {
        const t0 = performance.now();
        try {
          const r = await s.end();
          rec.text = r.text;
          return r;
        } catch (err) {
          rec.error = err instanceof Error ? err.message : String(err);
          throw err;
        } finally {
          rec.endMs = Math.round(performance.now() - t0);
        }
      },
      abort: () => s.abort(),
    };
  };
}
const app = await startAppliance(config, { log: createLogger('silent') });
const base = `http://127.0.0.1:${app.httpPort}/api/v1`;
let token = '';
const api = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
  const res = await fetch(base + p, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json().catch(() => ({}))) as T;
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
  return json;
};
/** Polls until `done` returns a value (not undefined), for at most timeoutMs. */
const poll = async <T>(what: string, timeoutMs: number, done: () => Promise<T | undefined>): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await done();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
};

let baresipLog = '';
try {
  token = (
    await api<{ accessToken: string }>('POST', '/auth/register', {
      businessName: 'Baresip Caller Test',
      email: 'b@baresip.test',
      password: 'long enough password',
    })
  ).accessToken;
  await api('POST', '/business/subscribe', { planId: 'enterprise' });
  const agent = await api<{ id: string }>('POST', '/agents', scenario.agent);
  // Telephony (and the knowledge embedder) start once the model runtime is loaded.
  const calls = app.modules.calls as { sipPort?: number } | undefined;
  await poll('telephony', 60_000, () => Promise.resolve(calls?.sipPort ? true : undefined));

  if (scenario.knowledge?.length || scenario.files?.length) {
    for (const doc of scenario.knowledge ?? []) await api('POST', '/knowledge/upload', doc);
    for (const f of scenario.files ?? []) {
      const form = new FormData();
      form.append('file', new Blob([readFileSync(f.path)], { type: f.contentType }), f.name);
      const res = await fetch(`${base}/knowledge/upload`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      if (res.status !== 201) throw new Error(`upload ${f.name}: ${res.status} ${await res.text()}`);
    }
    await poll('knowledge ingestion', 60_000, async () => {
      const s = await api<{ items: { title: string; status: string; error: string | null }[] }>(
        'GET',
        '/knowledge/status',
      );
      const failed = s.items.find((d) => d.status === 'failed');
      if (failed) throw new Error(`knowledge "${failed.title}" failed: ${failed.error}`);
      return s.items.every((d) => d.status === 'ready') ? true : undefined;
    });
    // Training stores the STT phrase list with the knowledge titles, as a business would.
    await api('POST', `/agents/${agent.id}/train`);
    await poll('training', 60_000, async () => {
      const s = await api<{ status: string; error: string | null }>('GET', `/agents/${agent.id}/status`);
      if (s.status === 'failed') throw new Error(`training failed: ${s.error}`);
      return s.status === 'ready' ? true : undefined;
    });
  }

  const number = scenario.agent.numbers[0] ?? '';
  // Secure calls: every UDP datagram in this namespace (RTP both ways) goes to capture.pcap.
  const tshark = secure
    ? spawn(
        'tshark',
        ['-i', 'any', '-f', 'udp', '-F', 'pcap', '-w', path.join(scenario.outDir, 'capture.pcap')],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      )
    : undefined;
  if (tshark) {
    let said = '';
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      tshark.stderr?.on('data', (d: Buffer) => {
        said += d.toString();
        if (/Capturing on/.test(said)) {
          clearTimeout(timer);
          resolve();
        }
      });
      tshark.once('close', (code) => {
        clearTimeout(timer);
        if (!/Capturing on/.test(said)) process.stderr.write(`tshark ended early (${code}): ${said}\n`);
        resolve();
      });
    });
  }
  const target = secure ? `sip:${number}@127.0.0.1:5061;transport=tls` : `sip:${number}@127.0.0.1:5060`;
  const child = spawn(
    'baresip',
    ['-f', dir, '-e', `/dial ${target}`, '-t', String(Math.ceil(scenario.callS))],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.on('data', (d: Buffer) => (baresipLog += d.toString()));
  child.stderr.on('data', (d: Buffer) => (baresipLog += d.toString()));
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), (scenario.callS + 10) * 1000);
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });

  if (tshark && tshark.exitCode === null) {
    const closed = new Promise((r) => tshark.once('close', r));
    tshark.kill('SIGINT');
    await closed;
  }
  const securityMetrics = secure
    ? (await (await fetch(`http://127.0.0.1:${app.httpPort}/metrics`)).text())
        .split('\n')
        .filter((l) => /^(media_srtp_dropped_total|sip_messages_dropped_total\{reason="tls)/.test(l))
    : undefined;
  // The recording is listed once the call is finished and its recording encrypted.
  type Listed = { id: string; sampleRateHz: number };
  const recordings = await poll('the recording', 20_000, async () => {
    const items = (await api<{ items: Listed[] }>('GET', '/voice/recordings')).items ?? [];
    return items.length > 0 ? items : undefined;
  }).catch(() => [] as Listed[]);
  let recordingRateHz = 0;
  if (recordings[0]) {
    const res = await fetch(`${base}/voice/recordings/${recordings[0].id}/audio`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const wav = Buffer.from(await res.arrayBuffer());
    recordingRateHz = parseWav(wav).sampleRateHz;
    writeFileSync(path.join(scenario.outDir, 'recording.wav'), wav);
  }
  const conversations = await api<{ items: { id: string }[] }>('GET', '/conversations?channel=voice');
  const conversationId = conversations.items[0]?.id ?? null;
  const turns = conversationId
    ? (await api<{ turns: BaresipTurn[] }>('GET', `/conversations/${conversationId}`)).turns.map(
        (x): BaresipTurn => ({
          speaker: x.speaker,
          text: x.text,
          intent: x.intent,
          startedAt: x.startedAt,
          interrupted: x.interrupted,
        }),
      )
    : [];
  const dumped = readdirSync(path.join(dir, 'snd')).find((f) => f.endsWith('-dec.wav'));
  if (dumped) copyFileSync(path.join(dir, 'snd', dumped), path.join(scenario.outDir, 'heard.wav'));
  const result: BaresipResult = {
    recordings: recordings.length,
    recordingRateHz,
    recordingListedRateHz: recordings[0]?.sampleRateHz ?? 0,
    callerChannel: 0,
    micRateHz,
    conversationId,
    turns,
    baresipLog: baresipLog.slice(-2000),
    ...(securityMetrics ? { securityMetrics, rtpPorts: [34000, 34099] as [number, number] } : {}),
    ...(scenario.tapStt
      ? {
          sttStreams: tapped.map(({ pcm, ...meta }) => {
            const all = Buffer.concat(pcm.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
            writeFileSync(
              path.join(scenario.outDir, meta.file),
              Buffer.concat([wavHeader(meta.rateHz || 16000, 1, all.length), all]),
            );
            return meta;
          }),
        }
      : {}),
  };
  writeFileSync(path.join(scenario.outDir, 'result.json'), JSON.stringify(result, null, 1));
} finally {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
}
// Telephony and model helpers may keep handles open: leave now that everything is written.
process.exit(0);
