import t from 'tap';
import {
  base32Decode,
  base32Encode,
  hotp,
  otpauthUri,
  totp,
  verifyTotp,
  type TotpAlgorithm,
} from '../totp.js';

// RFC 6238 Appendix B: the seeds are ASCII digits of the hash's output length.
const seeds: Record<TotpAlgorithm, Buffer> = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};
const vectors: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

t.test('RFC 6238 Appendix B test vectors (SHA1, SHA256, SHA512; 8 digits, 30 s)', async (t) => {
  for (const [time, s1, s256, s512] of vectors) {
    t.equal(totp(seeds.sha1, time, { algorithm: 'sha1', digits: 8 }), s1, `SHA1 @${time}`);
    t.equal(totp(seeds.sha256, time, { algorithm: 'sha256', digits: 8 }), s256, `SHA256 @${time}`);
    t.equal(totp(seeds.sha512, time, { algorithm: 'sha512', digits: 8 }), s512, `SHA512 @${time}`);
  }
});

t.test('RFC 4226 Appendix D HOTP values', async (t) => {
  const expect = [
    '755224',
    '287082',
    '359152',
    '969429',
    '338314',
    '254676',
    '287922',
    '162583',
    '399871',
    '520489',
  ];
  expect.forEach((code, i) => t.equal(hotp(seeds.sha1, BigInt(i)), code, `count ${i}`));
});

t.test('verification window, single use, malformed codes', async (t) => {
  const secret = seeds.sha1;
  const now = 1_700_000_000;
  const code = totp(secret, now);
  const step = verifyTotp(secret, code, now);
  t.ok(step !== undefined, 'current code');
  t.ok(verifyTotp(secret, totp(secret, now - 30), now) !== undefined, 'previous step accepted (drift)');
  t.equal(verifyTotp(secret, totp(secret, now - 90), now), undefined, 'three steps old refused');
  t.equal(verifyTotp(secret, code, now, { afterStep: step }), undefined, 'a used step is refused');
  for (const bad of ['', '12345', '1234567', 'abcdef', ' 123456', '12345\n'])
    t.equal(verifyTotp(secret, bad, now), undefined, `malformed ${JSON.stringify(bad)}`);
});

t.test('base32 and otpauth URI', async (t) => {
  t.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI', 'RFC 4648 vector');
  t.same(base32Decode('MZXW6YTBOI'), Buffer.from('foobar'));
  t.same(base32Decode(base32Encode(seeds.sha512)), seeds.sha512);
  t.throws(() => base32Decode('0189'));
  const uri = otpauthUri(seeds.sha1, 'Voice appliance', 'a@b.test');
  t.match(
    uri,
    /^otpauth:\/\/totp\/Voice%20appliance%3Aa%40b\.test\?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Voice\+appliance/,
  );
});
