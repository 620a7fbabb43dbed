import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t, { type Test } from 'tap';
import {
  createMediaEngine,
  type MediaEngine,
  type MediaEvent,
  type NegotiatedCodec,
  readWav,
  resample,
} from '../index.js';
import {
  bestCorrelation,
  concat,
  envelope,
  randomPortRange,
  sharedFile,
  windowedCorrelation,
} from './helpers.js';

const jfk = sharedFile('speech', 'whisper.cpp', 'jfk.wav');

/**
 * Align `rx` to `ref` (coarse envelope lag), then correlate 200 ms windows, each re-aligned locally so
 * a jitter-buffer stretch (an underrun on a loaded machine) does not count as a mismatch; median.
 */
function matchScore(ref: Int16Array, rx: Int16Array, rateHz: number): number {
  const block = rateHz / 100;
  const coarse = bestCorrelation(envelope(ref, block), envelope(rx, block), 200);
  return windowedCorrelation(ref, rx, coarse.lag * block, rateHz / 5, 3 * block).median;
}

async function source(): Promise<{ pcm: Int16Array; rateHz: number }> {
  if (jfk) {
    const w = await readWav(jfk);
    return { pcm: (w.channelData[0] as Int16Array).slice(0, 16000 * 2.5), rateHz: w.sampleRateHz };
  }
  // Fallback without shared data: an amplitude-modulated tone sweep.
  const pcm = new Int16Array(40000).map((_, i) =>
    Math.round(8000 * Math.sin(i / 7 + i * i * 1e-6) * Math.sin(i / 3000)),
  );
  return { pcm, rateHz: 16000 };
}

const codecs: NegotiatedCodec[] = [
  { name: 'PCMU', payloadType: 0, clockRateHz: 8000 },
  { name: 'PCMA', payloadType: 8, clockRateHz: 8000 },
  { name: 'G722', payloadType: 9, clockRateHz: 8000 },
];

// One engine, the three codec pairs run concurrently (keeps the file fast; also exercises several
// sessions in one worker).
t.test('two sessions per codec talk to each other through the worker engine', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'media-loop-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const engine = await createMediaEngine({ bindAddress: '127.0.0.1', ...randomPortRange(8) });
  t.teardown(() => engine.close());
  const src = await source();
  t.jobs = codecs.length;
  await Promise.all(codecs.map((codec) => t.test(codec.name, (t) => pair(t, engine, codec, dir, src))));
});

async function pair(
  t: Test,
  engine: MediaEngine,
  codec: NegotiatedCodec,
  dir: string,
  src: { pcm: Int16Array; rateHz: number },
): Promise<void> {
  const a = await engine.allocate();
  const b = await engine.allocate();
  t.not(a.localPort, b.localPort);
  t.equal(a.localPort % 2, 0, 'RTP port is even');
  const common = { codec, dtmfPayloadType: 101, remoteAddress: '127.0.0.1' };
  const sa = await engine.start(a.sessionId, { ...common, remotePort: b.localPort });
  const sb = await engine.start(b.sessionId, {
    ...common,
    remotePort: a.localPort,
    recordPath: path.join(dir, `${codec.name}.wav`),
  });
  const got: Int16Array[] = [];
  const events: MediaEvent[] = [];
  sb.on('event', (e: MediaEvent) => {
    events.push(e);
    if (e.kind === 'audio') got.push(e.pcm);
  });
  const played = new Promise<MediaEvent>((resolve) => sa.once('played', resolve));
  const playId = sa.play(src.pcm.slice(), src.rateHz);
  t.match(await played, { kind: 'played', playId }, 'played event for the play id');
  sa.sendDtmf('7');
  await new Promise((r) => setTimeout(r, 600));
  t.same(
    events.filter((e) => e.kind === 'dtmf').map((e) => e.kind === 'dtmf' && e.digit),
    ['7'],
    'one DTMF digit received',
  );
  // What B decoded (16 kHz) against the source passed through the codec's band limit.
  const rateHz = codec.name === 'G722' ? 16000 : 8000;
  const band = resample(src.pcm, src.rateHz, rateHz);
  const ref16 = rateHz === 16000 ? band : resample(band, 8000, 16000);
  const corr = matchScore(ref16, concat(got), 16000);
  t.ok(corr > 0.9, `decoded audio matches the source (corr ${corr.toFixed(4)})`);
  // Stop the receiver first: once A stops, B would (rightly) start concealing.
  const rb = await sb.stop();
  const ra = await sa.stop();
  t.ok(ra.stats.packetsSent > 100, 'A sent packets');
  t.equal(rb.stats.packetsLost, 0, 'no loss on loopback');
  const rec = await readWav(rb.recordingPath as string);
  t.equal(rec.channels, 2);
  t.equal(rec.sampleRateHz, rateHz, 'recording at the codec rate');
  t.equal(rb.recordingSampleRateHz, rateHz, 'StopResult reports the recording rate');
  t.ok(rec.durationMs > 2500, `recording covers the call (${rec.durationMs} ms)`);
  const recCorr = matchScore(band, rec.channelData[0] as Int16Array, rateHz);
  t.ok(recCorr > 0.9, `caller channel of the recording matches (corr ${recCorr.toFixed(4)})`);
}
