import dgram from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import {
  createMediaEngine,
  encodePcmu,
  G722Encoder,
  readWav,
  type MediaEngine,
  type MediaEvent,
  type MediaSession,
  parseRtcp,
  parseRtp,
  type RtpPacket,
  serializeRtcp,
  serializeRtp,
  serializeTelephoneEvent,
} from '../index.js';
import { randomPortRange, tone } from './helpers.js';

const PCMU = { name: 'PCMU', payloadType: 0, clockRateHz: 8000 } as const;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Peer {
  sock: dgram.Socket;
  port: number;
  rtp: RtpPacket[];
  rtcp: Uint8Array[];
  send(buf: Uint8Array, port: number): void;
}

async function peer(t: { teardown: (fn: () => void) => void }): Promise<Peer> {
  const sock = dgram.createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  const p: Peer = {
    sock,
    port: sock.address().port,
    rtp: [],
    rtcp: [],
    send: (buf, port) => sock.send(buf, port, '127.0.0.1'),
  };
  sock.on('message', (m) => {
    const b = new Uint8Array(m);
    if ((b[1] ?? 0) >= 200 && (b[1] ?? 0) <= 204) p.rtcp.push(b);
    else p.rtp.push(parseRtp(b));
  });
  t.teardown(() => sock.close());
  return p;
}

function rtp(seq: number, ts: number, ssrc: number, payload: Uint8Array, pt = 0, marker = false): Uint8Array {
  return serializeRtp({
    payloadType: pt,
    marker,
    sequenceNumber: seq,
    timestamp: ts,
    ssrc,
    csrcs: [],
    paddingBytes: 0,
    payload,
  });
}

function collect(s: MediaSession): MediaEvent[] {
  const ev: MediaEvent[] = [];
  s.on('event', (e: MediaEvent) => ev.push(e));
  return ev;
}

let engine: MediaEngine;
t.before(async () => {
  engine = await createMediaEngine({ bindAddress: '127.0.0.1', ...randomPortRange(20) });
});
t.teardown(() => engine.close());

t.test('outbound: continuous packets, timestamps, marker on talkspurt, played event, flush', async (t) => {
  const p = await peer(t);
  const alloc = await engine.allocate();
  const s = await engine.start(alloc.sessionId, {
    remoteAddress: '127.0.0.1',
    remotePort: p.port,
    codec: PCMU,
  });
  const ev = collect(s);
  await sleep(200);
  const id1 = s.play(tone(440, 8000, 1600), 8000); // 200 ms
  await sleep(500);
  const id2 = s.play(tone(440, 24000, 24000 * 5), 24000); // 5 s, resampled to 8 kHz
  await sleep(300);
  const cut = await s.flush();
  await sleep(100);
  const res = await s.stop();
  const pk = p.rtp;
  t.ok(pk.length > 40, `received ${pk.length} packets`);
  let seqOk = true;
  let tsOk = true;
  for (let i = 1; i < pk.length; i++) {
    const a = pk[i - 1] as RtpPacket;
    const b = pk[i] as RtpPacket;
    if (((a.sequenceNumber + 1) & 0xffff) !== b.sequenceNumber) seqOk = false;
    // +160 per packet; after a scheduler stall the pacer skips frames instead of bursting, so the
    // timestamp then jumps by a whole number of frames (still following real time).
    const d = (b.timestamp - a.timestamp) >>> 0;
    if (d === 0 || d % 160 !== 0 || d > 160 * 100) tsOk = false;
  }
  t.ok(seqOk, 'sequence numbers consecutive');
  t.ok(tsOk, 'timestamps advance by 160 per 20 ms frame (also across silence)');
  t.ok(
    pk.every((x) => x.payload.length === 160 && x.payloadType === 0),
    '20 ms PCMU payloads',
  );
  const markers = pk.filter((x) => x.marker).length;
  t.equal(markers, 3, 'marker on first packet and on each of the two talkspurts');
  t.match(
    ev.filter((e) => e.kind === 'played'),
    [{ kind: 'played', playId: id1, durationMs: 200 }],
    'played only for the finished item',
  );
  t.same(cut.cutPlayIds, [id2]);
  t.ok(cut.unplayedMs > 3000 && cut.unplayedMs < 5000, `unplayed ${cut.unplayedMs} ms`);
  t.ok(cut.playedMs > 0 && cut.playedMs < 2000, `played ${cut.playedMs} ms before barge-in`);
  t.equal(Math.round(cut.playedMs + cut.unplayedMs), 5000, 'played + unplayed = queued');
  t.equal(res.stats.packetsSent, pk.length);
});

t.test(
  'symmetric RTP latching, SSRC change, malformed input, injected DTMF, RFC 4733 across wrap',
  async (t) => {
    const silent = await peer(t); // what SDP said
    const real = await peer(t); // where packets really come from (NAT)
    const alloc = await engine.allocate();
    const s = await engine.start(alloc.sessionId, {
      remoteAddress: '127.0.0.1',
      remotePort: silent.port,
      codec: PCMU,
      dtmfPayloadType: 101,
    });
    const ev = collect(s);
    const payload = encodePcmu(tone(500, 8000, 160));
    let seq = 65530;
    let ts = 1000;
    const ssrc = 0xabc;
    for (let i = 0; i < 5; i++) {
      real.send(rtp(seq, ts, ssrc, payload), alloc.localPort);
      seq = (seq + 1) & 0xffff;
      ts += 160;
      await sleep(20);
    }
    // Garbage of all kinds must not disturb the session.
    for (const junk of [
      Uint8Array.of(1, 2, 3),
      new Uint8Array(2000).fill(0xff),
      Uint8Array.of(0x80),
      new Uint8Array(12),
    ]) {
      real.send(junk, alloc.localPort);
      real.send(junk, alloc.localPort + 1);
    }
    // DTMF '3' crossing the sequence wrap, end packet sent 3 times.
    const dtmfTs = ts;
    for (const [dur, end] of [
      [160, false],
      [320, false],
      [480, true],
      [480, true],
      [480, true],
    ] as const) {
      real.send(
        rtp(
          seq,
          dtmfTs,
          ssrc,
          serializeTelephoneEvent({ event: 3, end, volume: 10, duration: dur }),
          101,
          dur === 160,
        ),
        alloc.localPort,
      );
      seq = (seq + 1) & 0xffff;
      await sleep(5);
    }
    s.injectDtmf('#', 'info');
    // New SSRC (e.g. the PBX re-anchored media).
    for (let i = 0; i < 3; i++) {
      real.send(rtp(100 + i, 5000 + i * 160, 0xdef, payload), alloc.localPort);
      await sleep(20);
    }
    await sleep(300);
    const stats = await s.getStats();
    await s.stop();
    t.match(
      ev.find((e) => e.kind === 'remote-changed'),
      { kind: 'remote-changed', port: real.port, previousPort: silent.port },
    );
    t.ok(real.rtp.length > 5, `outbound follows the latched source (${real.rtp.length} packets)`);
    t.ok(silent.rtp.length < 20, 'SDP address no longer used after latching');
    t.same(
      ev.filter((e) => e.kind === 'dtmf').map((e) => e.kind === 'dtmf' && `${e.digit}/${e.source}`),
      ['3/rfc4733', '#/info'],
      'each digit exactly once',
    );
    t.match(
      ev.find((e) => e.kind === 'ssrc-changed'),
      { previousSsrc: 0xabc, ssrc: 0xdef },
    );
    t.ok(stats.malformedPackets >= 6, `malformed counted (${stats.malformedPackets})`);
    t.equal(stats.ssrcChanges, 1);
    t.ok(
      ev.some((e) => e.kind === 'audio'),
      'decoded audio delivered',
    );
    const audio = ev.find((e) => e.kind === 'audio');
    t.ok(
      audio?.kind === 'audio' && audio.pcm.length === 320 && audio.sampleRateHz === 16000,
      '20 ms @ 16 kHz frames',
    );
  },
);

/** Frequency (100 Hz grid, 100 Hz .. rate/2) with the most energy in `x` (Goertzel). */
function dominantHz(x: Int16Array, rateHz: number): number {
  let best = { hz: 0, power: -1 };
  for (let hz = 100; hz < rateHz / 2; hz += 100) {
    const k = 2 * Math.cos((2 * Math.PI * hz) / rateHz);
    let s1 = 0;
    let s2 = 0;
    for (const v of x) {
      const s0 = v + k * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const power = s1 * s1 + s2 * s2 - k * s1 * s2;
    if (power > best.power) best = { hz, power };
  }
  return best.hz;
}

t.test('a G.722 session records both sides at 16 kHz and says so in StopResult', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'g722-rec-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const p = await peer(t);
  const alloc = await engine.allocate();
  const startedMs = performance.now();
  const s = await engine.start(alloc.sessionId, {
    remoteAddress: '127.0.0.1',
    remotePort: p.port,
    codec: { name: 'G722', payloadType: 9, clockRateHz: 8000 },
    recordPath: path.join(dir, 'call.wav'),
  });
  // Agent side: 1 s of 1 kHz. Caller side: 1 s of 6 kHz, a tone only a 16 kHz recording can hold.
  s.play(tone(1000, 16000, 16000, 8000), 16000);
  const enc = new G722Encoder();
  const caller = tone(6000, 16000, 16000, 8000);
  for (let i = 0; i < 50; i++) {
    // 20 ms = 320 samples at 16 kHz = 160 bytes; the RTP clock is 8000 (RFC 3551), so ts += 160.
    const payload = enc.encode(caller.subarray(i * 320, (i + 1) * 320));
    p.send(rtp(i, i * 160, 0x722, payload, 9), alloc.localPort);
    await sleep(20);
  }
  await sleep(300);
  const res = await s.stop();
  const wallMs = performance.now() - startedMs;
  t.equal(res.recordingSampleRateHz, 16000, 'StopResult carries the 16 kHz recording rate');
  const wav = await readWav(res.recordingPath as string);
  t.equal(wav.sampleRateHz, res.recordingSampleRateHz, 'WAV header agrees with StopResult');
  t.equal(wav.channels, 2);
  // At a wrong rate the duration would be off by a factor of two.
  t.ok(
    wav.durationMs > 1000 && wav.durationMs <= wallMs + 50,
    `recording ${Math.round(wav.durationMs)} ms for a ${Math.round(wallMs)} ms session`,
  );
  t.equal(res.recordingDurationMs, wav.durationMs);
  const [left, right] = wav.channelData as [Int16Array, Int16Array];
  t.equal(dominantHz(left, wav.sampleRateHz), 6000, 'caller channel holds the 6 kHz tone');
  t.equal(dominantHz(right, wav.sampleRateHz), 1000, 'agent channel holds the 1 kHz tone');
});

t.test('inactivity timeout fires once; hold suspends it', async (t) => {
  const p = await peer(t);
  const a1 = await engine.allocate();
  const a2 = await engine.allocate();
  const s1 = await engine.start(a1.sessionId, {
    remoteAddress: '127.0.0.1',
    remotePort: p.port,
    codec: PCMU,
    inactivityTimeoutMs: 300,
  });
  const s2 = await engine.start(a2.sessionId, {
    remoteAddress: '127.0.0.1',
    remotePort: p.port,
    codec: PCMU,
    inactivityTimeoutMs: 300,
  });
  s2.setHold(true);
  const e1 = collect(s1);
  const e2 = collect(s2);
  await sleep(800);
  await s1.stop();
  await s2.stop();
  t.equal(e1.filter((e) => e.kind === 'timeout').length, 1, 'timeout once');
  t.equal(e2.filter((e) => e.kind === 'timeout').length, 0, 'no timeout while on hold');
});

t.test('RTCP: SR/RR with report blocks both ways, RTT, BYE', async (t) => {
  const p = await peer(t);
  const rtcpPeer = await peer(t);
  const alloc = await engine.allocate();
  const s = await engine.start(alloc.sessionId, {
    remoteAddress: '127.0.0.1',
    remotePort: p.port,
    codec: PCMU,
    rtcpIntervalMs: 150,
  });
  const ev = collect(s);
  const payload = encodePcmu(new Int16Array(160));
  // 20 packets with one missing.
  for (let i = 0; i < 20; i++) {
    if (i !== 7) p.send(rtp(i, i * 160, 0x55, payload), alloc.localPort);
    await sleep(10);
  }
  // Peer SR from the RTCP socket.
  const now = Date.now();
  const ntpSec = Math.floor(now / 1000) + 2208988800;
  rtcpPeer.send(
    serializeRtcp([
      {
        kind: 'sr',
        ssrc: 0x55,
        ntpSec,
        ntpFrac: 0,
        rtpTimestamp: 3200,
        packetCount: 19,
        octetCount: 3040,
        reports: [],
      },
    ]),
    alloc.localPort + 1,
  );
  await sleep(400);
  // Answer with an RR about the session's stream, echoing its last SR.
  const ours = rtcpPeer.rtcp.map((b) => parseRtcp(b)).flat();
  // The latest SR: it was sent after our packets and SR arrived (the interval is 75..225 ms).
  const sr = ours.filter((x) => x.kind === 'sr').pop();
  t.ok(sr, 'session sends SR');
  if (sr?.kind === 'sr') {
    const rb = sr.reports[0];
    t.match(
      rb,
      { ssrc: 0x55, cumulativeLost: 1, extendedHighestSeq: 19 },
      'report block about our inbound stream',
    );
    t.ok(rb && rb.lastSr !== 0, 'LSR echoes the peer SR');
    const lsr = (((sr.ntpSec & 0xffff) << 16) | (sr.ntpFrac >>> 16)) >>> 0;
    rtcpPeer.send(
      serializeRtcp([
        {
          kind: 'rr',
          ssrc: 0x55,
          reports: [
            {
              ssrc: sr.ssrc,
              fractionLost: 64,
              cumulativeLost: 3,
              extendedHighestSeq: 100,
              jitter: 80,
              lastSr: lsr,
              delaySinceLastSr: 0,
            },
          ],
        },
        { kind: 'bye', ssrcs: [0x55], reason: 'done' },
      ]),
      alloc.localPort + 1,
    );
  }
  t.ok(
    ours.some((x) => x.kind === 'sdes'),
    'SDES CNAME included',
  );
  await sleep(100);
  const stats = await s.getStats();
  t.match(stats.remote, { fractionLost: 0.25, cumulativeLost: 3, jitterMs: 10 });
  t.ok(
    stats.remote?.rttMs !== undefined && stats.remote.rttMs >= 0 && stats.remote.rttMs < 1000,
    `RTT ${stats.remote?.rttMs} ms`,
  );
  t.match(
    ev.find((e) => e.kind === 'rtcp-bye'),
    { kind: 'rtcp-bye', ssrc: 0x55, reason: 'done' },
  );
  t.equal(stats.packetsLost, 1);
  await s.stop();
  await sleep(50);
  const last = rtcpPeer.rtcp.map((b) => parseRtcp(b)).flat();
  t.ok(
    last.some((x) => x.kind === 'bye'),
    'BYE sent on stop',
  );
});

t.test('bad requests are clear errors', async (t) => {
  await t.rejects(engine.start('nope' as never, { remoteAddress: '127.0.0.1', remotePort: 9, codec: PCMU }), {
    code: 'SESSION_NOT_FOUND',
  });
  const alloc = await engine.allocate();
  await t.rejects(
    engine.start(alloc.sessionId, { remoteAddress: '127.0.0.1', remotePort: 9, codec: PCMU, ptimeMs: 25 }),
    { name: 'SessionParamsError' },
  );
  await engine.release(alloc.sessionId);
  const a2 = await engine.allocate();
  const s = await engine.start(a2.sessionId, { remoteAddress: '127.0.0.1', remotePort: 9, codec: PCMU });
  t.throws(() => s.sendDtmf('1'), /not negotiated/);
  t.throws(() => s.play(new Int16Array(10), 11025), RangeError);
  await s.stop();
  await t.resolves(s.stop(), 'stop is idempotent');
});
