import dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import t from 'tap';
import { Registry } from 'prom-client';
import {
  SrtpContext,
  createMediaEngine,
  looksLikeRtcp,
  parseRtp,
  type MediaEvent,
  type NegotiatedCodec,
} from '../index.js';
import { bestCorrelation, concat, envelope, randomPortRange, tone } from './helpers.js';

const PCMU: NegotiatedCodec = { name: 'PCMU', payloadType: 0, clockRateHz: 8000 };
const keyA = randomBytes(30).toString('base64');
const keyB = randomBytes(30).toString('base64');
const master = (b64: string): { key: Buffer; salt: Buffer } => {
  const k = Buffer.from(b64, 'base64');
  return { key: k.subarray(0, 16), salt: k.subarray(16) };
};

t.test(
  'SRTP sessions in the worker: audio intact, wire encrypted, forgeries and replays dropped and counted',
  async (t) => {
    const registry = new Registry();
    const engine = await createMediaEngine({ bindAddress: '127.0.0.1', ...randomPortRange(8), registry });
    t.teardown(() => engine.close());
    const a = await engine.allocate();
    const b = await engine.allocate();
    // A -> tap -> B, so the test sees (and can replay and forge) what A puts on the wire.
    const tap = dgram.createSocket('udp4');
    await new Promise<void>((r) => tap.bind(0, '127.0.0.1', r));
    t.teardown(() => tap.close());
    const wire: Buffer[] = [];
    tap.on('message', (msg) => {
      if (!looksLikeRtcp(msg)) wire.push(msg);
      tap.send(msg, b.localPort, '127.0.0.1');
    });
    const srtp = (local: string, remote: string) =>
      ({ suite: 'AES_CM_128_HMAC_SHA1_80', localKey: local, remoteKey: remote }) as const;
    const sa = await engine.start(a.sessionId, {
      codec: PCMU,
      remoteAddress: '127.0.0.1',
      remotePort: tap.address().port,
      symmetricRtp: false,
      srtp: srtp(keyA, keyB),
    });
    const sb = await engine.start(b.sessionId, {
      codec: PCMU,
      remoteAddress: '127.0.0.1',
      remotePort: a.localPort,
      symmetricRtp: false,
      srtp: srtp(keyB, keyA),
    });
    const got: Int16Array[] = [];
    sb.on('event', (e: MediaEvent) => {
      if (e.kind === 'audio') got.push(e.pcm);
    });
    // Amplitude-modulated sweep: an envelope to correlate against.
    const src = new Int16Array(12000).map((_, i) =>
      Math.round(8000 * Math.sin(i / 7 + i * i * 1e-6) * Math.sin(i / 1500)),
    );
    const played = new Promise((r) => sa.once('played', r));
    sa.play(src.slice(), 8000);
    await played;
    await new Promise((r) => setTimeout(r, 300));

    // Replays of genuine packets and forgeries (right header, random body and tag) go to B directly.
    const attacker = dgram.createSocket('udp4');
    t.teardown(() => attacker.close());
    const replays = wire.slice(0, 20);
    for (const p of replays) attacker.send(p, b.localPort, '127.0.0.1');
    const first = wire[0]!;
    for (let i = 0; i < 30; i++) {
      const forged = Buffer.concat([first.subarray(0, 12), randomBytes(first.length - 12)]);
      forged.writeUInt16BE((first.readUInt16BE(2) + 5000 + i) & 0xffff, 2);
      attacker.send(forged, b.localPort, '127.0.0.1');
    }
    await new Promise((r) => setTimeout(r, 300));
    const rb = await sb.stop();
    const ra = await sa.stop();

    t.ok(wire.length > 50, `captured ${wire.length} SRTP packets`);
    const clear = new SrtpContext(master(keyA));
    let samePayload = 0;
    for (const p of wire) {
      const plain = clear.unprotectRtp(p);
      if (p.length !== plain.length + 10) t.fail('each packet carries the 80-bit tag');
      if (Buffer.compare(parseRtp(p.subarray(0, p.length - 10)).payload, parseRtp(plain).payload) === 0)
        samePayload++;
    }
    t.equal(samePayload, 0, 'no packet carries its clear PCMU payload');
    const rx = concat(got);
    const corr = bestCorrelation(envelope(src, 80), envelope(rx, 160), 100).corr;
    t.ok(rx.length > 16000, `B decoded ${rx.length} samples`);
    t.ok(corr > 0.8, `decoded audio follows the tone envelope (corr ${corr.toFixed(3)})`);
    t.equal(rb.stats.srtpReplays, 20, 'the 20 replays were dropped as replays');
    t.equal(rb.stats.srtpAuthFailures, 30, 'the 30 forgeries failed authentication');
    t.ok(ra.stats.rtcpSent >= 1 || ra.stats.packetsSent > 50, 'A kept sending');
    const metric = await registry.getSingleMetricAsString('media_srtp_dropped_total');
    t.match(metric, /reason="auth-failed"} 30/, 'counted in media_srtp_dropped_total');
    t.match(metric, /reason="replay"} 20/);
  },
);

t.test('a session with the wrong key hears nothing and counts every packet', async (t) => {
  const engine = await createMediaEngine({ bindAddress: '127.0.0.1', ...randomPortRange(4) });
  t.teardown(() => engine.close());
  const a = await engine.allocate();
  const b = await engine.allocate();
  const base = { codec: PCMU, remoteAddress: '127.0.0.1' } as const;
  const sa = await engine.start(a.sessionId, {
    ...base,
    remotePort: b.localPort,
    srtp: { suite: 'AES_CM_128_HMAC_SHA1_80', localKey: keyA, remoteKey: keyB },
  });
  const sb = await engine.start(b.sessionId, {
    ...base,
    remotePort: a.localPort,
    srtp: { suite: 'AES_CM_128_HMAC_SHA1_80', localKey: keyB, remoteKey: keyB },
  });
  sa.play(tone(440, 8000, 4000), 8000);
  await new Promise((r) => setTimeout(r, 800));
  const rb = await sb.stop();
  await sa.stop();
  t.equal(rb.stats.packetsReceived, 0, 'nothing accepted');
  t.ok(rb.stats.srtpAuthFailures > 20, `${rb.stats.srtpAuthFailures} packets failed authentication`);
});

t.test('bad SRTP keys are refused when the session starts', async (t) => {
  const engine = await createMediaEngine({ bindAddress: '127.0.0.1', ...randomPortRange(2) });
  t.teardown(() => engine.close());
  const a = await engine.allocate();
  await t.rejects(
    engine.start(a.sessionId, {
      codec: PCMU,
      remoteAddress: '127.0.0.1',
      remotePort: 4000,
      srtp: { suite: 'AES_CM_128_HMAC_SHA1_80', localKey: 'c2hvcnQ=', remoteKey: keyA },
    }),
    /30 bytes/,
  );
});
