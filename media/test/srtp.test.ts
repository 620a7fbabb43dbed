import t from 'tap';
import { randomBytes } from 'node:crypto';
import {
  SrtpContext,
  SrtpError,
  aesCmKeystream,
  deriveSessionKeys,
  serializeRtcp,
  serializeRtp,
  parseRtp,
  srtpIv,
} from '../index.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

// RFC 3711 appendix B.3 master key and salt (libsrtp's test driver uses the same pair).
const MASTER = { key: hex('E1F97A0D3E018BE0D64FA32C06DE4139'), salt: hex('0EC675AD498AFEEBB6960B3AABE6') };

t.test('RFC 3711 B.3: key derivation', (t) => {
  const k = deriveSessionKeys(MASTER, false);
  t.equal(toHex(k.encKey), 'C61E7A93744F39EE10734AFE3FF7A087');
  t.equal(toHex(k.salt), '30CBBC08863D8C85D49DB34A9AE1');
  t.equal(toHex(k.authKey), 'CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4');
  t.end();
});

t.test('RFC 3711 B.2: AES-CM keystream and IV', (t) => {
  const key = hex('2B7E151628AED2A6ABF7158809CF4F3C');
  const iv = srtpIv(hex('F0F1F2F3F4F5F6F7F8F9FAFBFCFD'), 0, 0n);
  t.equal(toHex(iv), 'F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000');
  const ks = aesCmKeystream(key, iv, 0xff02 * 16);
  const block = (n: number): string => toHex(ks.subarray(n * 16, n * 16 + 16));
  t.equal(block(0), 'E03EAD0935C95E80E166B16DD92B4EB4');
  t.equal(block(1), 'D23513162B02D0F72A43A2FE4A5F97AB');
  t.equal(block(2), '41E95B3BB0A2E8DD477901E4FCA894C0');
  t.equal(block(0xfeff), 'EC8CDF7398607CB0F2D21675EA9EA1E4');
  t.equal(block(0xff00), '362B7C3C6773516318A077D7FC5073AE');
  t.equal(block(0xff01), '6A2CC3787889374FBEB4C81B17BA6C44');
  t.end();
});

t.test('IV places SSRC and the 48-bit index', (t) => {
  const iv = srtpIv(Buffer.alloc(14), 0xcafebabe, 0x123456789abcn);
  t.equal(toHex(iv), '00000000CAFEBABE123456789ABC0000');
  t.end();
});

t.test("libsrtp's reference packet protects byte-exactly and round-trips", (t) => {
  const plain = hex('800f1234 decafbad cafebabe abababab abababab abababab abababab');
  const sealed = new SrtpContext(MASTER).protectRtp(plain);
  t.equal(
    toHex(sealed),
    toHex(hex('800f1234 decafbad cafebabe 4e55dc4c e79978d8 8ca4d215 949d2402 b78d6acc 99ea179b 8dbb')),
  );
  t.same(toHex(new SrtpContext(MASTER).unprotectRtp(sealed)), toHex(plain));
  t.end();
});

function rtp(seq: number, ssrc = 0x11223344, payload = Buffer.alloc(160, 0xd5)): Uint8Array {
  return serializeRtp({
    payloadType: 0,
    marker: false,
    sequenceNumber: seq & 0xffff,
    timestamp: (seq * 160) >>> 0,
    ssrc,
    csrcs: [],
    paddingBytes: 0,
    payload,
  });
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return err instanceof SrtpError ? err.code : `unexpected ${String(err)}`;
  }
}

t.test('RTP: payload is encrypted, header clear; tamper, replay and too-old are refused', (t) => {
  const tx = new SrtpContext(MASTER);
  const rx = new SrtpContext(MASTER);
  const p = rtp(10);
  const s = tx.protectRtp(p);
  t.equal(s.length, p.length + 10);
  t.same(s.subarray(0, 12), Buffer.from(p.subarray(0, 12)), 'header in clear');
  t.not(toHex(s.subarray(12, p.length)), toHex(p.subarray(12)), 'payload encrypted');
  t.same(rx.unprotectRtp(s), Buffer.from(p));
  t.equal(
    codeOf(() => rx.unprotectRtp(s)),
    'replay',
  );
  const bad = Buffer.from(tx.protectRtp(rtp(11)));
  bad[20] = (bad[20] ?? 0) ^ 1;
  t.equal(
    codeOf(() => rx.unprotectRtp(bad)),
    'auth-failed',
  );
  // The forged packet did not advance the window: the genuine one still passes.
  bad[20] = (bad[20] ?? 0) ^ 1;
  t.equal(
    codeOf(() => rx.unprotectRtp(bad)),
    'ok',
  );
  const late: Buffer[] = [];
  for (let seq = 12; seq < 200; seq++) {
    const pk = tx.protectRtp(rtp(seq));
    if (seq === 100 || seq === 150) late.push(pk);
    else
      t.equal(
        codeOf(() => rx.unprotectRtp(pk)),
        'ok',
      );
  }
  t.equal(
    codeOf(() => rx.unprotectRtp(late[1]!)),
    'ok',
    'reordered within 64 packets',
  );
  t.equal(
    codeOf(() => rx.unprotectRtp(late[0]!)),
    'too-old',
    'beyond the window',
  );
  t.equal(
    codeOf(() => new SrtpContext({ key: randomBytes(16), salt: randomBytes(14) }).unprotectRtp(s)),
    'auth-failed',
  );
  t.end();
});

t.test('RTP: the rollover counter follows sequence wrap on both sides, with loss and reordering', (t) => {
  const tx = new SrtpContext(MASTER);
  const rx = new SrtpContext(MASTER);
  const sealed: Buffer[] = [];
  for (let n = 65000; n < 65536 + 3000; n++) sealed.push(tx.protectRtp(rtp(n)));
  // Lose every 7th packet, swap neighbours around the wrap.
  const order = sealed.map((_, i) => i).filter((i) => i % 7 !== 3);
  const w = order.indexOf(536);
  [order[w], order[w + 1]] = [order[w + 1]!, order[w]!];
  let ok = 0;
  for (const i of order) {
    const out = rx.unprotectRtp(sealed[i]!);
    t.equal(parseRtp(out).payload[0], 0xd5);
    ok++;
  }
  t.equal(ok, order.length, 'all packets across the wrap authenticate (ROC 0 -> 1)');
  // A packet of ROC 2 encrypted by another sender would need the right ROC; here the second wrap:
  for (let n = 65536 + 3000; n < 2 * 65536 + 100; n++) rx.unprotectRtp(tx.protectRtp(rtp(n)));
  t.pass('second wrap (ROC 1 -> 2)');
  t.end();
});

t.test('RTP with CSRCs and a header extension keeps both in clear', (t) => {
  const p = serializeRtp({
    payloadType: 8,
    marker: true,
    sequenceNumber: 7,
    timestamp: 1,
    ssrc: 5,
    csrcs: [1, 2],
    extension: { profile: 0xbede, data: new Uint8Array([1, 2, 3, 4]) },
    paddingBytes: 4,
    payload: Buffer.alloc(20, 0x55),
  });
  const s = new SrtpContext(MASTER).protectRtp(p);
  t.same(s.subarray(0, 12 + 8 + 8), Buffer.from(p.subarray(0, 28)));
  t.same(new SrtpContext(MASTER).unprotectRtp(s), Buffer.from(p));
  t.end();
});

t.test('SRTCP: encrypted after the first 8 bytes, E flag and index, replay refused', (t) => {
  const tx = new SrtpContext(MASTER);
  const rx = new SrtpContext(MASTER);
  const p = serializeRtcp([
    { kind: 'rr', ssrc: 0xcafebabe, reports: [] },
    { kind: 'sdes', chunks: [{ ssrc: 0xcafebabe, items: [{ type: 1, text: 'secret-cname' }] }] },
  ]);
  const s0 = tx.protectRtcp(p);
  const s1 = tx.protectRtcp(p);
  t.equal(s0.length, p.length + 14);
  t.same(s0.subarray(0, 8), Buffer.from(p.subarray(0, 8)));
  t.notOk(s0.includes(Buffer.from('secret-cname')), 'SDES text encrypted');
  t.equal(s0.readUInt32BE(p.length), 0x80000000, 'E=1, index 0');
  t.equal(s1.readUInt32BE(p.length), 0x80000001, 'index 1');
  t.same(rx.unprotectRtcp(s1), Buffer.from(p));
  t.same(rx.unprotectRtcp(s0), Buffer.from(p), 'older index inside the window');
  t.equal(
    codeOf(() => rx.unprotectRtcp(s0)),
    'replay',
  );
  const bad = Buffer.from(tx.protectRtcp(p));
  bad[p.length + 3] = (bad[p.length + 3] ?? 0) ^ 4; // index changed: tag covers it
  t.equal(
    codeOf(() => rx.unprotectRtcp(bad)),
    'auth-failed',
  );
  t.end();
});

t.test('fuzz: unprotect never throws anything but SrtpError and never accepts a forgery', (t) => {
  const tx = new SrtpContext(MASTER);
  const rx = new SrtpContext(MASTER);
  const seen = new Set<string>();
  let accepted = 0;
  for (let i = 0; i < 20000; i++) {
    let input: Buffer;
    const mode = i % 4;
    if (mode === 0) input = randomBytes(Math.floor(Math.random() * 120));
    else if (mode === 1) {
      input = Buffer.from(randomBytes(Math.floor(Math.random() * 120)));
      input[0] = 0x80 | ((input[0] ?? 0) & 0x3f);
    } else {
      // A genuine packet with one byte changed, or truncated.
      input = Buffer.from(
        mode === 2
          ? tx.protectRtp(rtp(i))
          : tx.protectRtcp(serializeRtcp([{ kind: 'rr', ssrc: 9, reports: [] }])),
      );
      if (Math.random() < 0.2) input = input.subarray(0, Math.floor(Math.random() * input.length));
      else {
        // One changed byte (XOR with 1..255), so the flips cannot cancel out.
        const at = Math.floor(Math.random() * input.length);
        input[at] = (input[at] ?? 0) ^ (1 + Math.floor(Math.random() * 255));
      }
    }
    for (const fn of [() => rx.unprotectRtp(input), () => rx.unprotectRtcp(input)]) {
      const c = codeOf(fn);
      if (c === 'ok') accepted++;
      seen.add(c);
    }
  }
  t.equal(accepted, 0, 'no random or tampered packet authenticates');
  t.notOk(
    [...seen].some((c) => c.startsWith('unexpected')),
    `only SrtpError codes: ${[...seen].join(',')}`,
  );
  t.ok(seen.has('auth-failed') && seen.has('too-short'));
  t.end();
});
