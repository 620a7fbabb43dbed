import dgram from 'node:dgram';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import t from 'tap';
import { createMediaEngine, encodePcmu, serializeRtp } from '../index.js';
import { randomPortRange } from './helpers.js';

t.test('metrics on the given registry, logs keep DTMF digits in pii, hold stops sending', async (t) => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split('\n'))
        if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const registry = new Registry();
  const engine = await createMediaEngine({
    bindAddress: '127.0.0.1',
    ...randomPortRange(4),
    logger,
    registry,
  });
  t.teardown(() => engine.close());
  const peer = dgram.createSocket('udp4');
  await new Promise<void>((r) => peer.bind(0, '127.0.0.1', () => r()));
  t.teardown(() => peer.close());
  let received = 0;
  peer.on('message', () => received++);
  const alloc = await engine.allocate();
  const s = await engine.start(alloc.sessionId, {
    remoteAddress: '127.0.0.1',
    remotePort: peer.address().port,
    codec: { name: 'PCMU', payloadType: 0, clockRateHz: 8000 },
    dtmfPayloadType: 101,
  });
  for (let i = 0; i < 10; i++) {
    const pkt = serializeRtp({
      payloadType: 0,
      marker: false,
      sequenceNumber: i,
      timestamp: i * 160,
      ssrc: 9,
      csrcs: [],
      paddingBytes: 0,
      payload: encodePcmu(new Int16Array(160)),
    });
    peer.send(pkt, alloc.localPort, '127.0.0.1');
  }
  s.injectDtmf('5', 'info');
  await new Promise((r) => setTimeout(r, 300));
  s.setHold(true);
  await new Promise((r) => setTimeout(r, 100));
  const before = received;
  await new Promise((r) => setTimeout(r, 300));
  t.equal(received, before, 'no RTP sent while on hold');
  s.setHold(false);
  await new Promise((r) => setTimeout(r, 200));
  t.ok(received > before + 5, 'sending resumes after hold');
  t.equal(engine.activeSessions, 1);
  await s.stop();
  t.equal(engine.activeSessions, 0);
  const text = await registry.metrics();
  const value = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  t.ok(value('media_rtp_packets_sent_total') > 10, 'packets sent counted');
  t.equal(value('media_rtp_packets_received_total'), 10, 'packets received counted');
  t.equal(value('media_sessions_active'), 0);
  const dtmfLog = lines.find((l) => l.msg === 'DTMF received');
  t.same(dtmfLog?.pii, { digit: '5' }, 'digit only inside pii');
  t.notOk(
    lines.some((l) => typeof l.msg === 'string' && /\b5\b/.test(l.msg)),
    'no digit in any message string',
  );
});

t.test('port exhaustion is a clear, typed error and is counted', async (t) => {
  const registry = new Registry();
  // One pair only; retry on another random range if something else holds it.
  for (let attempt = 0; attempt < 10; attempt++) {
    const engine = await createMediaEngine({ bindAddress: '127.0.0.1', ...randomPortRange(1), registry });
    try {
      const a = await engine.allocate().catch(() => undefined);
      if (!a) continue;
      await t.rejects(engine.allocate(), { code: 'PORTS_EXHAUSTED', message: /no free RTP port pair/ });
      await engine.release(a.sessionId);
      const again = await engine.allocate();
      t.equal(again.localPort, a.localPort, 'released pair is reusable');
      t.match(await registry.metrics(), /media_port_exhausted_total 1/);
      return;
    } finally {
      await engine.close();
    }
  }
  t.fail('could not find a free port range');
});
