import t from 'tap';
import {
  PacketError,
  parseRtcp,
  parseRtp,
  parseTelephoneEvent,
  serializeRtcp,
  serializeRtp,
  serializeTelephoneEvent,
  looksLikeRtcp,
  type RtcpPacket,
} from '../index.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

t.test('RTP header with CSRC, extension and padding', (t) => {
  // prettier-ignore
  const bytes = hex(
    'b2' +        // V=2 P=1 X=1 CC=2
    '80' +        // M=1 PT=0 (PCMU)
    'ffff' +      // seq 65535
    '00012345' +  // timestamp 74565
    'deadbeef' +  // SSRC
    '00000001' +  // CSRC 1
    '00000002' +  // CSRC 2
    'bede' + '0001' + // extension profile 0xBEDE, 1 word
    '10ff0000' +  // extension body
    'd5d5d5' +    // payload 3 bytes
    '000003',     // padding: 3 bytes, last = count
  );
  const p = parseRtp(bytes);
  t.equal(p.payloadType, 0);
  t.equal(p.marker, true);
  t.equal(p.sequenceNumber, 65535);
  t.equal(p.timestamp, 0x12345);
  t.equal(p.ssrc, 0xdeadbeef);
  t.same(p.csrcs, [1, 2]);
  t.equal(p.extension?.profile, 0xbede);
  t.equal(toHex(p.extension?.data ?? new Uint8Array()), '10ff0000');
  t.equal(toHex(p.payload), 'd5d5d5');
  t.equal(p.paddingBytes, 3);
  t.equal(toHex(serializeRtp(p)), toHex(bytes), 'serialize gives the exact bytes back');
  t.end();
});

t.test('minimal RTP header', (t) => {
  const bytes = hex('80 08 0001 000000a0 01020304 ff');
  const p = parseRtp(bytes);
  t.match(p, {
    payloadType: 8,
    marker: false,
    sequenceNumber: 1,
    timestamp: 160,
    ssrc: 0x01020304,
    csrcs: [],
  });
  t.equal(toHex(serializeRtp(p)), toHex(bytes));
  t.notOk(looksLikeRtcp(bytes));
  t.end();
});

t.test('malformed RTP is rejected with typed errors', (t) => {
  const cases: [string, string][] = [
    ['80', 'too-short'],
    ['40000001000000a001020304', 'bad-version'],
    ['82000001000000a001020304', 'too-short'], // CC=2 but no CSRCs
    ['90000001000000a001020304bede', 'bad-extension'],
    ['90000001000000a001020304bede0002aabbccdd', 'bad-extension'],
    ['a0000001000000a00102030400', 'bad-padding'], // padding count 0
    ['a0000001000000a00102030405', 'bad-padding'], // padding longer than packet body
  ];
  for (const [h, code] of cases) {
    t.throws(() => parseRtp(hex(h)), { name: 'PacketError', code }, `${h} -> ${code}`);
    try {
      parseRtp(hex(h));
    } catch (e) {
      t.ok(e instanceof PacketError);
    }
  }
  t.end();
});

t.test('RTCP SR + SDES compound, RR, BYE', (t) => {
  // prettier-ignore
  const sr = hex(
    '81' + 'c8' + '000c' +         // V=2 RC=1 PT=200 length=12 words (52 bytes)
    '11223344' +                   // sender SSRC
    'e3c9a2b1' + '80000000' +      // NTP sec / frac (0.5 s)
    '0000a000' +                   // RTP ts 40960
    '00000064' + '00003e80' +      // 100 packets, 16000 octets
    // report block
    'aabbccdd' +                   // source SSRC
    '40' + 'fffffe' +              // fraction 64/256, cumulative lost -2
    '0001ffff' +                   // ext highest seq (1 cycle, seq 65535)
    '00000010' +                   // jitter 16
    'a2b18000' +                   // LSR
    '00010000',                    // DLSR 1 s
  );
  // prettier-ignore
  const sdes = hex(
    '81' + 'ca' + '0003' +         // SC=1 PT=202 length=3 (16 bytes)
    '11223344' +
    '01' + '05' + '6d65646961' +   // CNAME "media"
    '00',                          // null item terminates the chunk (already 32-bit aligned)
  );
  const compound = new Uint8Array([...sr, ...sdes]);
  t.ok(looksLikeRtcp(compound));
  const pkts = parseRtcp(compound);
  t.equal(pkts.length, 2);
  const [p0, p1] = pkts;
  t.match(p0, {
    kind: 'sr',
    ssrc: 0x11223344,
    ntpSec: 0xe3c9a2b1,
    ntpFrac: 0x80000000,
    rtpTimestamp: 40960,
    packetCount: 100,
    octetCount: 16000,
    reports: [
      {
        ssrc: 0xaabbccdd,
        fractionLost: 64,
        cumulativeLost: -2,
        extendedHighestSeq: 0x1ffff,
        jitter: 16,
        lastSr: 0xa2b18000,
        delaySinceLastSr: 0x10000,
      },
    ],
  });
  t.match(p1, { kind: 'sdes', chunks: [{ ssrc: 0x11223344, items: [{ type: 1, text: 'media' }] }] });
  t.equal(toHex(serializeRtcp(pkts)), toHex(compound), 'compound serializes to the exact bytes');

  const rr: RtcpPacket = { kind: 'rr', ssrc: 5, reports: [] };
  t.equal(toHex(serializeRtcp([rr])), '80c9000100000005', 'empty RR');
  // BYE with reason "bye": SC=1, length 2 words (12 bytes): SSRC, then length-prefixed reason.
  const bye = hex('81cb0002 00000005 03627965');
  const [b] = parseRtcp(bye);
  t.match(b, { kind: 'bye', ssrcs: [5], reason: 'bye' });
  t.equal(toHex(serializeRtcp([{ kind: 'bye', ssrcs: [5], reason: 'bye' }])), toHex(bye));
  t.end();
});

t.test('malformed RTCP', (t) => {
  t.throws(() => parseRtcp(hex('81c8')), { code: 'too-short' });
  t.throws(() => parseRtcp(hex('81c8000c11223344')), { code: 'bad-length' }, 'length beyond datagram');
  t.throws(() => parseRtcp(hex('81c9000100000005')), { code: 'bad-length' }, 'RC=1 without a report block');
  t.throws(() => parseRtcp(hex('41c9000100000005')), { code: 'bad-version' });
  t.throws(() => parseRtcp(hex('80640001 00000005'.replace(/ /g, ''))), { code: 'unknown-rtcp-type' });
  t.end();
});

t.test('RFC 4733 telephone-event payload', (t) => {
  // digit 5, E=1, volume 10, duration 800 (100 ms at 8 kHz)
  const b = hex('05 8a 0320'.replace(/ /g, ''));
  t.same(parseTelephoneEvent(b), { event: 5, end: true, volume: 10, duration: 800 });
  t.equal(toHex(serializeTelephoneEvent({ event: 11, end: false, volume: 10, duration: 160 })), '0b0a00a0');
  t.throws(() => parseTelephoneEvent(hex('05')), { code: 'bad-event' });
  t.end();
});
