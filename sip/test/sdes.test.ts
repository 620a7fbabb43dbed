import { randomBytes } from 'node:crypto';
import t from 'tap';
import { buildAnswer, buildOffer, negotiateOffer, parseAnswer } from '../sdp/offer-answer.js';
import { SDES_SUITE, chooseCrypto, formatCryptoLine, newSdesKey, parseCryptoLine } from '../sdp/sdes.js';

// RFC 4568 section 6.x examples use this 30-byte key.
const KEY = 'PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR';

t.test('a=crypto lines: RFC 4568 forms', (t) => {
  t.same(parseCryptoLine(`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}`), {
    tag: 1,
    suite: SDES_SUITE,
    key: KEY,
  });
  t.same(parseCryptoLine(`7 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31`), {
    tag: 7,
    suite: SDES_SUITE,
    key: KEY,
  });
  // Short lifetime, MKI, several keys, session parameters: parsed, but not usable by us.
  for (const rest of [
    `inline:${KEY}|2^20`,
    `inline:${KEY}|2^20|1:32`,
    `inline:${KEY}|1:4`,
    `inline:${KEY};inline:${KEY}`,
  ]) {
    t.equal((parseCryptoLine(`1 AES_CM_128_HMAC_SHA1_80 ${rest}`) as { key: unknown }).key, undefined, rest);
  }
  t.equal(
    (parseCryptoLine(`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY} UNENCRYPTED_SRTP`) as { key: unknown }).key,
    undefined,
  );
  t.equal(
    (parseCryptoLine('1 AES_CM_128_HMAC_SHA1_80 inline:c2hvcnQ=') as { key: unknown }).key,
    undefined,
    '5-byte key',
  );
  t.equal(parseCryptoLine('x AES_CM_128_HMAC_SHA1_80 inline:abc'), 'bad-tag');
  t.equal(parseCryptoLine('1 AES_CM'), 'syntax');
  t.equal(parseCryptoLine(''), 'syntax');
  t.equal(formatCryptoLine(3, KEY), `3 AES_CM_128_HMAC_SHA1_80 inline:${KEY}`);
  t.equal(Buffer.from(newSdesKey(), 'base64').length, 30);
  t.same(
    chooseCrypto([
      `1 AES_CM_128_HMAC_SHA1_32 inline:${KEY}`,
      `2 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^20|1:4`,
      `3 AES_CM_128_HMAC_SHA1_80 inline:${KEY}`,
    ]),
    { tag: 3, key: KEY },
    'first usable line wins',
  );
  t.end();
});

t.test('fuzz: parseCryptoLine never throws', (t) => {
  const alphabet = '0123456789 AES_CM_128_HMAC_SHA1_80inline:|^;=+/\t';
  for (let i = 0; i < 20000; i++) {
    const n = Math.floor(Math.random() * 90);
    let s = '';
    for (let j = 0; j < n; j++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
    if (i % 3 === 0)
      s = `1 AES_CM_128_HMAC_SHA1_80 inline:${randomBytes(Math.floor(Math.random() * 40)).toString('base64')}${s}`;
    parseCryptoLine(s);
  }
  t.pass('20000 random lines parsed without throwing');
  t.end();
});

function offer(proto: string, crypto: string[] = []): string {
  return [
    'v=0',
    'o=- 1 1 IN IP4 192.0.2.1',
    's=-',
    'c=IN IP4 192.0.2.1',
    't=0 0',
    `m=audio 4000 ${proto} 0 101`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    ...crypto.map((c) => `a=crypto:${c}`),
    '',
  ].join('\r\n');
}

t.test('offer/answer under each policy', (t) => {
  const savp = offer('RTP/SAVP', [
    `1 AES_CM_128_HMAC_SHA1_32 inline:${KEY}`,
    `2 AES_CM_128_HMAC_SHA1_80 inline:${KEY}`,
  ]);
  const avp = offer('RTP/AVP');
  const kinds = (sdp: string, policy: 'require' | 'allow' | 'off', overTls = true): string => {
    const r = negotiateOffer(sdp, ['PCMU'], false, { policy, overTls });
    return r.ok ? (r.media.srtp ? 'srtp' : 'rtp') : r.error.kind;
  };
  // Over UDP/TCP the keys would be readable on the wire: never agreed there (answer RTP/AVP or 488).
  const avpWithCrypto = offer('RTP/AVP', [`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}`]);
  t.equal(kinds(savp, 'allow', false), 'srtp-needs-tls', 'allow: RTP/SAVP offer over UDP/TCP refused');
  t.equal(kinds(avpWithCrypto, 'allow', false), 'rtp', 'allow: a=crypto in an RTP/AVP offer not used');
  t.equal(kinds(avp, 'allow', false), 'rtp');
  t.equal(kinds(savp, 'require', false), 'srtp-needs-tls', 'require: nothing over UDP/TCP');
  t.equal(kinds(avp, 'require', false), 'srtp-needs-tls');
  t.equal(kinds(savp, 'off', false), 'srtp-mismatch');
  t.equal(kinds(avp, 'off', false), 'rtp');
  t.equal(kinds(avpWithCrypto, 'allow'), 'rtp', 'over TLS too, a=crypto counts only with RTP/SAVP');
  t.equal(kinds(savp, 'require'), 'srtp');
  t.equal(kinds(savp, 'allow'), 'srtp');
  t.equal(kinds(savp, 'off'), 'srtp-mismatch');
  t.equal(kinds(avp, 'require'), 'srtp-mismatch');
  t.equal(kinds(avp, 'allow'), 'rtp');
  t.equal(kinds(avp, 'off'), 'rtp');
  t.equal(
    kinds(offer('RTP/SAVP', [`1 AES_CM_128_HMAC_SHA1_32 inline:${KEY}`]), 'allow'),
    'srtp-mismatch',
    'no usable suite',
  );
  t.equal(kinds(offer('RTP/SAVP'), 'allow'), 'srtp-mismatch', 'SAVP without a=crypto');

  const r = negotiateOffer(savp, ['PCMU'], false, { policy: 'allow', overTls: true });
  if (!r.ok || !r.media.srtp) throw new Error('expected srtp');
  t.equal(r.media.srtp.remoteKey, KEY);
  t.equal(r.media.srtp.tag, 2, 'the tag of the chosen line');
  t.not(r.media.srtp.localKey, KEY, 'our own fresh key');
  const answer = buildAnswer(
    { rtpAddress: '192.0.2.9', rtpPort: 5000 },
    { sessionId: 1, version: 1 },
    r.media,
  );
  t.match(answer, /m=audio 5000 RTP\/SAVP 0 101\r\n/);
  t.match(
    answer,
    new RegExp(
      `a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:${r.media.srtp.localKey.replace(/[+/]/g, '\\$&')}\r\n`,
    ),
  );
  t.equal(answer.match(/a=crypto/g)?.length, 1, 'one line in the answer');

  // Re-INVITE: same keys keep ours; new keys are refused (no re-keying of a running session).
  const again = negotiateOffer(savp, ['PCMU'], false, {
    policy: 'allow',
    overTls: true,
    current: r.media.srtp,
  });
  t.ok(again.ok && again.media.srtp?.localKey === r.media.srtp.localKey, 're-INVITE keeps our key');
  const other = offer('RTP/SAVP', [`1 AES_CM_128_HMAC_SHA1_80 inline:${newSdesKey()}`]);
  t.match(negotiateOffer(other, ['PCMU'], false, { policy: 'allow', overTls: true, current: r.media.srtp }), {
    ok: false,
    error: { kind: 'srtp-mismatch' },
  });
  t.end();
});

t.test('our SRTP offer and the answer to it', (t) => {
  const ours = newSdesKey();
  const sdp = buildOffer(
    { rtpAddress: '192.0.2.9', rtpPort: 5000, srtpKey: ours },
    { sessionId: 1, version: 1 },
    ['PCMU'],
  );
  t.match(sdp, /m=audio 5000 RTP\/SAVP /);
  t.match(sdp, /a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:/);
  const theirs = newSdesKey();
  const ok = parseAnswer(offer('RTP/SAVP', [`1 AES_CM_128_HMAC_SHA1_80 inline:${theirs}`]), ['PCMU'], ours);
  t.ok(ok.ok && ok.media.srtp?.localKey === ours && ok.media.srtp.remoteKey === theirs, 'keys crossed');
  t.match(
    parseAnswer(offer('RTP/AVP'), ['PCMU'], ours),
    { ok: false, error: { kind: 'srtp-mismatch' } },
    'plain answer to SRTP offer',
  );
  t.match(
    parseAnswer(offer('RTP/SAVP', [`5 AES_CM_128_HMAC_SHA1_80 inline:${theirs}`]), ['PCMU'], ours),
    { ok: false, error: { kind: 'srtp-mismatch' } },
    'answer tag must be ours',
  );
  t.end();
});
