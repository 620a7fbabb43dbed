/**
 * Interoperability with the reference implementation: libsrtp2 (C, through ctypes in
 * helpers/libsrtp.py) unprotects what SrtpContext protects and the other way round, byte for
 * byte, across a sequence-number wrap (ROC 0 -> 1), with CSRCs, header extensions and padding,
 * for RTP and SRTCP.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import t from 'tap';
import { SrtpContext, serializeRtcp, serializeRtp } from '../index.js';
import { repoRoot } from './helpers.js';

const script = path.join(repoRoot, 'media', 'test', 'helpers', 'libsrtp.py');
const probe = spawnSync('python3', [
  '-c',
  'import ctypes.util,sys; sys.exit(0 if ctypes.util.find_library("srtp2") else 1)',
]);
const skip = probe.status !== 0 && 'python3 with libsrtp2 (libsrtp2-1) is not installed';

const keyB64 = randomBytes(30).toString('base64');
const master = {
  key: Buffer.from(keyB64, 'base64').subarray(0, 16),
  salt: Buffer.from(keyB64, 'base64').subarray(16),
};

function libsrtp(mode: 'protect' | 'unprotect', kind: 'rtp' | 'rtcp', packets: Uint8Array[]): string[] {
  const r = spawnSync('python3', [script, mode, kind, keyB64], {
    input: packets.map((p) => Buffer.from(p).toString('hex')).join('\n') + '\n',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`libsrtp.py failed: ${r.stderr}`);
  return r.stdout.trim().split('\n');
}

function rtpStream(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let n = 65000; n < 65536 + 1000; n++) {
    const odd = n % 97 === 0;
    out.push(
      serializeRtp({
        payloadType: n % 50 === 0 ? 101 : 0,
        marker: n % 200 === 0,
        sequenceNumber: n & 0xffff,
        timestamp: (n * 160) >>> 0,
        ssrc: 0x5eed1234,
        csrcs: odd ? [1, 2] : [],
        ...(odd ? { extension: { profile: 0xbede, data: new Uint8Array([1, 0xaa, 0, 0]) } } : {}),
        paddingBytes: n % 89 === 0 ? 4 : 0,
        payload: randomBytes(n % 50 === 0 ? 4 : 160),
      }),
    );
  }
  return out;
}

t.test('RTP: ours -> libsrtp and libsrtp -> ours, across the sequence wrap', { skip }, (t) => {
  const plain = rtpStream();
  const ours = new SrtpContext(master);
  const sealed = plain.map((p) => ours.protectRtp(p));
  const opened = libsrtp('unprotect', 'rtp', sealed);
  const bad = opened.filter((h, i) => h !== Buffer.from(plain[i]!).toString('hex'));
  t.equal(
    bad.length,
    0,
    `libsrtp unprotected all ${plain.length} of our packets (${bad.slice(0, 2).join(', ')})`,
  );

  const theirs = libsrtp('protect', 'rtp', plain);
  t.same(
    theirs.map((h) => h.length),
    sealed.map((s) => s.length * 2),
    'libsrtp output has our lengths',
  );
  t.equal(theirs.filter((h, i) => h !== sealed[i]!.toString('hex')).length, 0, 'byte-identical to libsrtp');
  const rx = new SrtpContext(master);
  let ok = 0;
  for (const [i, h] of theirs.entries()) {
    if (Buffer.compare(rx.unprotectRtp(Buffer.from(h, 'hex')), Buffer.from(plain[i]!)) === 0) ok++;
  }
  t.equal(ok, plain.length, 'we unprotected all of libsrtp packets');

  const tampered = Buffer.from(sealed[5]!);
  tampered[20] = (tampered[20] ?? 0) ^ 0x40;
  t.match(libsrtp('unprotect', 'rtp', [tampered])[0], /^ERR /, 'libsrtp refuses a packet we tampered with');
  t.end();
});

t.test('SRTCP both ways', { skip }, (t) => {
  const plain = Array.from({ length: 60 }, (_, i) =>
    serializeRtcp([
      {
        kind: 'sr',
        ssrc: 0x5eed1234,
        ntpSec: 3900000000 + i,
        ntpFrac: i * 1000,
        rtpTimestamp: i * 8000,
        packetCount: i * 50,
        octetCount: i * 8000,
        reports: [],
      },
      { kind: 'sdes', chunks: [{ ssrc: 0x5eed1234, items: [{ type: 1, text: `cname-${i}` }] }] },
    ]),
  );
  const ours = new SrtpContext(master);
  // RFC 3711 section 3.4 starts the SRTCP index at 0; libsrtp sends its first packet with index 1.
  // Skip our index 0 so both streams carry the same indices and can be compared byte for byte.
  ours.protectRtcp(plain[0]!);
  const sealed = plain.map((p) => ours.protectRtcp(p));
  const opened = libsrtp('unprotect', 'rtcp', sealed);
  t.equal(
    opened.filter((h, i) => h !== Buffer.from(plain[i]!).toString('hex')).length,
    0,
    'libsrtp unprotected ours',
  );
  const theirs = libsrtp('protect', 'rtcp', plain);
  t.equal(theirs.filter((h, i) => h !== sealed[i]!.toString('hex')).length, 0, 'byte-identical to libsrtp');
  const rx = new SrtpContext(master);
  t.equal(
    theirs.filter(
      (h, i) => Buffer.compare(rx.unprotectRtcp(Buffer.from(h, 'hex')), Buffer.from(plain[i]!)) === 0,
    ).length,
    plain.length,
    'we unprotected all of libsrtp packets',
  );
  t.end();
});
