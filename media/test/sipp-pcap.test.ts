/**
 * Real peer: SIPp places a call to a SIPp UAS whose SDP advertises our media session's port, then plays
 * G.711 speech pcaps (shared test data) and RFC 2833 DTMF pcaps (Debian sip-tester) into the session.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import {
  createMediaEngine,
  decodePcma,
  decodePcmu,
  type MediaEvent,
  type MediaEngine,
  parseRtp,
  readWav,
} from '../index.js';
import {
  bestCorrelation,
  envelope,
  freeUdpPort,
  randomPortRange,
  sharedFile,
  windowedCorrelation,
} from './helpers.js';
import { readPcapUdp } from './pcap.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const hasSipp = spawnSync('sipp', ['-v'], { stdio: 'ignore' }).error === undefined;
const DTMF_DIR = '/usr/share/sip-tester';

function runSipp(args: string[], cwd: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn('sipp', [...args, '-nostdin', '-i', '127.0.0.1', '-mi', '127.0.0.1', '-m', '1'], {
      cwd,
      stdio: 'ignore',
    });
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('error', reject);
    p.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? -1);
    });
  });
}

/** One call: UAS (advertising `mediaPort`) + UAC playing `plays` (pcap paths with a pause after each). */
async function callWithPcaps(
  t: { teardown: (fn: () => Promise<void>) => void },
  mediaPort: number,
  plays: { pcap: string; pauseMs: number }[],
): Promise<{ uas: number; uac: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sipp-media-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const template = await readFile(path.join(fixtures, 'uac_play_pcap.xml.in'), 'utf8');
  // The template has one play + pause; repeat that block for each pcap.
  const block = /( *<nop>[\s\S]*?<pause milliseconds="@PAUSE_MS@"\/>\n)/.exec(template)?.[1] ?? '';
  const blocks = plays
    .map((p) => block.replace('@PCAP@', p.pcap).replace('@PAUSE_MS@', String(p.pauseMs)))
    .join('');
  const uacFile = path.join(dir, 'uac.xml');
  await writeFile(uacFile, template.replace(block, blocks));
  const uasPort = await freeUdpPort();
  const uacPort = await freeUdpPort();
  const uasMedia = await freeUdpPort(true);
  const uacMedia = await freeUdpPort(true);
  const total = plays.reduce((s, p) => s + p.pauseMs, 0) + 15000;
  const uas = runSipp(
    [
      '-sf',
      path.join(fixtures, 'uas_media_port.xml'),
      '-p',
      String(uasPort),
      '-mp',
      String(uasMedia),
      '-key',
      'engine_port',
      String(mediaPort),
    ],
    dir,
    total,
  );
  await new Promise((r) => setTimeout(r, 300));
  const uac = runSipp(
    ['-sf', uacFile, '-p', String(uacPort), '-mp', String(uacMedia), `127.0.0.1:${uasPort}`],
    dir,
    total,
  );
  return { uas: await uas, uac: await uac };
}

// The calls use independent SIP/RTP ports: run them concurrently.
t.jobs = 3;

let engine: MediaEngine;
t.before(async () => {
  engine = await createMediaEngine({ bindAddress: '127.0.0.1', ...randomPortRange(6) });
});
t.teardown(() => engine.close());

for (const [file, codec] of [
  ['jfk_pcmu.pcap', { name: 'PCMU', payloadType: 0, clockRateHz: 8000 }],
  ['jfk_pcma.pcap', { name: 'PCMA', payloadType: 8, clockRateHz: 8000 }],
] as const) {
  const pcap = sharedFile('speech', 'pcap', file);
  t.test(
    `SIPp plays ${file} into a session`,
    { skip: !hasSipp ? 'sipp not installed' : !pcap ? `${file} not in shared data` : false },
    async (t) => {
      const dir = await mkdtemp(path.join(tmpdir(), 'media-rec-'));
      t.teardown(() => rm(dir, { recursive: true, force: true }));
      // Reference: decode the pcap's RTP payloads ourselves.
      const recs = readPcapUdp(pcap as string).map((r) => parseRtp(r.payload));
      const ref8k = (codec.name === 'PCMU' ? decodePcmu : decodePcma)(
        Buffer.concat(recs.map((r) => r.payload)),
      );
      const durationMs = (ref8k.length / 8000) * 1000;

      const alloc = await engine.allocate();
      // The remote address/port is a placeholder: symmetric RTP latches onto SIPp's real media source.
      const session = await engine.start(alloc.sessionId, {
        remoteAddress: '127.0.0.1',
        remotePort: 9,
        codec,
        dtmfPayloadType: 101,
        recordPath: path.join(dir, 'call.wav'),
      });
      const events: MediaEvent[] = [];
      session.on('event', (e: MediaEvent) => events.push(e));
      const codes = await callWithPcaps(t, alloc.localPort, [
        { pcap: pcap as string, pauseMs: Math.ceil(durationMs) + 500 },
      ]);
      const res = await session.stop();
      t.same(codes, { uas: 0, uac: 0 }, 'both SIPp ends completed the call');
      t.equal(res.stats.packetsReceived, recs.length, 'every RTP packet of the pcap arrived');
      t.equal(res.stats.packetsLost, 0);
      t.ok(
        events.some((e) => e.kind === 'remote-changed'),
        'latched to the SIPp media source',
      );
      const wav = await readWav(res.recordingPath as string);
      const caller = wav.channelData[0] as Int16Array;
      // Align (coarse envelope then fine), then compare the whole utterance.
      const coarse = bestCorrelation(envelope(ref8k, 80), envelope(caller, 80), 400);
      const start = Math.max(0, coarse.lag * 80 - 160);
      // 0.2 s windows, each re-aligned: the sender (SIPp) runs ~2-4% slow, so the jitter buffer stretches
      // playout now and then; a window containing such an insertion correlates poorly, hence the median.
      const fine = windowedCorrelation(ref8k, caller, start, 1600, 480);
      t.ok(
        fine.median > 0.95 && fine.mean > 0.8,
        `recording matches the pcap audio (median corr ${fine.median.toFixed(4)}, energy-weighted mean ` +
          `${fine.mean.toFixed(4)} over ${fine.windows} windows; jitter buffer underruns ${res.stats.jitterBuffer.underruns})`,
      );
      // Length of the received speech: span of non-zero samples (includes <= 60 ms of loss-concealment
      // tail after the last packet) against the same span of the reference.
      const span = (x: Int16Array): number => {
        let first = x.findIndex((v) => v !== 0);
        let last = x.length - 1;
        while (last > 0 && x[last] === 0) last--;
        if (first < 0) first = last = 0;
        return last - first + 1;
      };
      const gotLen = span(caller);
      const refLen = span(ref8k);
      t.ok(
        Math.abs(gotLen - refLen) / refLen < 0.02,
        `speech length ${gotLen} vs ${refLen} samples (within 2%)`,
      );
      const audioMs = events.filter((e) => e.kind === 'audio').length * 20;
      t.ok(
        audioMs >= durationMs * 0.98,
        `16 kHz audio events cover the speech (${audioMs} ms >= ${durationMs} ms)`,
      );
    },
  );
}

const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'star', 'pound'] as const;
const dtmfFiles = digits.map((d) => path.join(DTMF_DIR, `dtmf_2833_${d}.pcap`));
t.test(
  'SIPp plays RFC 2833 DTMF pcaps: every digit exactly once',
  {
    skip: !hasSipp
      ? 'sipp not installed'
      : !dtmfFiles.every(existsSync)
        ? `DTMF pcaps not in ${DTMF_DIR}`
        : false,
  },
  async (t) => {
    const alloc = await engine.allocate();
    const session = await engine.start(alloc.sessionId, {
      remoteAddress: '127.0.0.1',
      remotePort: 9,
      codec: { name: 'PCMU', payloadType: 0, clockRateHz: 8000 },
      dtmfPayloadType: 101,
    });
    const events: MediaEvent[] = [];
    session.on('event', (e: MediaEvent) => events.push(e));
    const codes = await callWithPcaps(
      t,
      alloc.localPort,
      dtmfFiles.map((pcap) => ({ pcap, pauseMs: 300 })),
    );
    await new Promise((r) => setTimeout(r, 100));
    await session.stop();
    t.same(codes, { uas: 0, uac: 0 });
    const got = events.flatMap((e) => (e.kind === 'dtmf' ? [e.digit] : []));
    t.same(got, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'], 'digits in order, each once');
    t.ok(
      events.every((e) => e.kind !== 'dtmf' || (e.durationMs > 0 && e.source === 'rfc4733')),
      'durations reported',
    );
  },
);
