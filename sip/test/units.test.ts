import t from 'tap';
import { DigestVerifier, buildAuthorization, digestResponse, parseChallenge } from '../auth/digest.js';
import { parseDtmfInfo } from '../call/dtmf-info.js';
import { buildAnswer, buildOffer, negotiateOffer, newSessionVersion } from '../sdp/offer-answer.js';
import { TrunkSecurity } from '../security.js';
import { StreamFramer } from '../transport/framing.js';
import { responseDestination, stampTopVia } from '../transport/route.js';
import { sdpOffer } from './helpers/raw-peer.js';

t.test('digest: RFC 2617 §3.5 vector, SHA-256, challenge parsing, verifier', async (t) => {
  // RFC 2617 §3.5 example (MD5, qop=auth).
  t.equal(
    digestResponse({
      algorithm: 'MD5',
      username: 'Mufasa',
      realm: 'testrealm@host.com',
      password: 'Circle Of Life',
      method: 'GET',
      uri: '/dir/index.html',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      qop: 'auth',
      nc: '00000001',
      cnonce: '0a4f113b',
    }),
    '6629fae49393a05397450978507c4ef1',
  );
  // RFC 7616 §3.9.1 example (SHA-256).
  t.equal(
    digestResponse({
      algorithm: 'SHA-256',
      username: 'Mufasa',
      realm: 'http-auth@example.org',
      password: 'Circle of Life',
      method: 'GET',
      uri: '/dir/index.html',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      qop: 'auth',
      nc: '00000001',
      cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
    }),
    '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
  );
  const ch = parseChallenge(
    'Digest realm="pbx", nonce="abc", qop="auth,auth-int", algorithm=SHA-256, opaque="o"',
  );
  t.same(ch, { realm: 'pbx', nonce: 'abc', opaque: 'o', algorithm: 'SHA-256', qop: 'auth', stale: false });
  t.equal(parseChallenge('Basic realm="x"'), null);
  t.equal(parseChallenge('Digest realm="x", nonce="n", qop="auth-int"'), null, 'auth-int only is unusable');
  const v = new DigestVerifier({ username: 'u', password: 'p', realm: 'r' });
  for (const alg of ['MD5', 'SHA-256'] as const) {
    const c = parseChallenge(v.challenge(alg));
    t.ok(c);
    if (!c) continue;
    t.equal(
      v.verify(buildAuthorization(c, { username: 'u', password: 'p' }, 'INVITE', 'sip:x@y'), 'INVITE'),
      'ok',
      alg,
    );
    t.equal(
      v.verify(buildAuthorization(c, { username: 'u', password: 'x' }, 'INVITE', 'sip:x@y'), 'INVITE'),
      'bad',
    );
    t.equal(
      v.verify(buildAuthorization(c, { username: 'u', password: 'p' }, 'INVITE', 'sip:x@y'), 'BYE'),
      'bad',
      'method bound',
    );
  }
  const forged = parseChallenge('Digest realm="r", nonce="123.AAAAAAAAAAAAAAAAAAAAAA", qop="auth"');
  if (forged)
    t.equal(
      v.verify(buildAuthorization(forged, { username: 'u', password: 'p' }, 'INVITE', 'sip:x'), 'INVITE'),
      'bad',
      'forged nonce',
    );
  t.equal(v.verify('garbage', 'INVITE'), 'bad');
});

t.test('SDP offer/answer', async (t) => {
  const r = negotiateOffer(sdpOffer(4000, '8 0 9 101'), ['PCMU', 'PCMA', 'G722'], true);
  t.ok(r.ok);
  if (r.ok) {
    t.same(r.media, {
      remoteRtpAddress: '127.0.0.1',
      remoteRtpPort: 4000,
      codec: { name: 'PCMU', payloadType: 0, clockRateHz: 8000 },
      dtmfPayloadType: 101,
      ptimeMs: 20,
      direction: 'sendrecv',
    });
    const answer = buildAnswer({ rtpAddress: '10.0.0.5', rtpPort: 30000 }, newSessionVersion(), r.media);
    t.match(answer, /c=IN IP4 10\.0\.0\.5\r\n/);
    t.match(answer, /m=audio 30000 RTP\/AVP 0 101\r\n/);
    t.match(answer, /a=rtpmap:101 telephone-event\/8000/);
  }
  const offererOrder = negotiateOffer(sdpOffer(4000, '8 0'), ['PCMU', 'PCMA'], false);
  t.equal(offererOrder.ok && offererOrder.media.codec.name, 'PCMA', "offerer's order when asked");
  const g722 = negotiateOffer(sdpOffer(4000, '9'), ['G722'], true);
  t.same(g722.ok && g722.media.codec, { name: 'G722', payloadType: 9, clockRateHz: 8000 });
  const none = negotiateOffer(sdpOffer(4000, '18'), ['PCMU'], true);
  t.same(none, { ok: false, error: { kind: 'no-common-codec' } });
  t.same(negotiateOffer('garbage', ['PCMU']), { ok: false, error: { kind: 'unparseable' } });
  const hold = negotiateOffer(sdpOffer(4000, '0', 'inactive'), ['PCMU']);
  t.equal(hold.ok && hold.media.direction, 'inactive');
  const v6 = negotiateOffer(
    'v=0\r\no=- 1 1 IN IP6 ::1\r\ns=-\r\nc=IN IP6 2001:db8::5\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n',
    ['PCMU'],
  );
  t.equal(v6.ok && v6.media.remoteRtpAddress, '2001:db8::5');
  t.match(
    buildOffer({ rtpAddress: '127.0.0.1', rtpPort: 1234 }, newSessionVersion(), ['PCMA', 'PCMU']),
    /m=audio 1234 RTP\/AVP 8 0 101/,
  );
});

t.test('DTMF INFO bodies', async (t) => {
  t.same(parseDtmfInfo('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n'), {
    digit: '5',
    durationMs: 160,
  });
  t.same(parseDtmfInfo('application/dtmf-relay', 'Signal= *\nDuration= 250'), {
    digit: '*',
    durationMs: 250,
  });
  t.same(
    parseDtmfInfo('application/dtmf-relay', 'Signal=11'),
    { digit: '#', durationMs: undefined },
    'event code 11',
  );
  t.same(parseDtmfInfo('application/dtmf', '7'), { digit: '7', durationMs: undefined });
  t.equal(parseDtmfInfo('application/dtmf-relay', 'Signal=Z'), null);
  t.equal(parseDtmfInfo('text/plain', '1'), null);
});

t.test('trunk security modes and CIDR matching', async (t) => {
  const open = new TrunkSecurity([], false);
  t.equal(open.mode, 'open');
  t.equal(open.check('203.0.113.9'), 'accept');
  const list = new TrunkSecurity(['192.0.2.0/24', '2001:db8::/32', '198.51.100.7'], false);
  t.equal(list.check('192.0.2.77'), 'accept');
  t.equal(list.check('::ffff:192.0.2.1'), 'accept', 'IPv4-mapped IPv6 source');
  t.equal(list.check('2001:db8::1'), 'accept');
  t.equal(list.check('198.51.100.8'), 'forbid');
  t.equal(new TrunkSecurity([], true).check('192.0.2.1'), 'challenge');
  t.equal(new TrunkSecurity(['192.0.2.1'], true).check('192.0.2.2'), 'challenge');
  t.throws(() => new TrunkSecurity(['not-an-ip'], false));
  t.throws(() => new TrunkSecurity(['10.0.0.0/33'], false));
});

t.test('stream framing', async (t) => {
  const msg = (body: string, cl = String(Buffer.byteLength(body))) =>
    `OPTIONS sip:a@b SIP/2.0\r\nl: ${cl}\r\n\r\n${body}`;
  const f = new StreamFramer(1000);
  const all = Buffer.from('\r\n\r\n' + msg('abc') + msg(''));
  const events = [...f.push(all.subarray(0, 10)), ...f.push(all.subarray(10))];
  t.same(
    events.map((e) => e.kind),
    ['keepalive', 'message', 'message'],
  );
  t.same(
    new StreamFramer().push(Buffer.from(msg('', '-1'))).map((e) => e.kind === 'error' && e.reason),
    ['bad-content-length'],
  );
  t.same(
    new StreamFramer()
      .push(Buffer.from('OPTIONS sip:a SIP/2.0\r\nX: 1\r\n\r\n'))
      .map((e) => e.kind === 'error' && e.reason),
    ['missing-content-length'],
  );
  const conflict = 'OPTIONS sip:a SIP/2.0\r\nContent-Length: 1\r\nl: 2\r\n\r\nxx';
  t.same(
    new StreamFramer().push(Buffer.from(conflict)).map((e) => e.kind === 'error' && e.reason),
    ['conflicting-content-length'],
  );
  const small = new StreamFramer(100);
  t.same(
    small.push(Buffer.alloc(200, 0x41)).map((e) => e.kind === 'error' && e.reason),
    ['buffer-overflow'],
  );
  const partial = new StreamFramer();
  t.same(partial.push(Buffer.from(msg('abc', '10'))), []);
  t.ok(partial.pending, 'waits for the rest of the body');
});

t.test('response routing (RFC 3261 §18.2.2, RFC 3581)', async (t) => {
  const src = { transport: 'udp' as const, address: '192.0.2.9', port: 40000 };
  const stamped = stampTopVia(
    [{ name: 'via', value: 'SIP/2.0/UDP host.example;branch=z9hG4bK1;rport, SIP/2.0/UDP b;branch=z9hG4bK2' }],
    src,
  );
  t.equal(
    stamped[0]?.value,
    'SIP/2.0/UDP host.example;branch=z9hG4bK1;rport=40000;received=192.0.2.9, SIP/2.0/UDP b;branch=z9hG4bK2',
  );
  t.same(
    responseDestination('SIP/2.0/UDP host.example;branch=z9hG4bK1;rport=40000;received=192.0.2.9', src),
    { transport: 'udp', address: '192.0.2.9', port: 40000 },
  );
  t.same(
    responseDestination('SIP/2.0/UDP 255.255.255.255:5070;branch=z9hG4bK1;maddr=224.0.0.1', src),
    { transport: 'udp', address: '192.0.2.9', port: 5070 },
    'never the Via host or maddr',
  );
  t.same(responseDestination('SIP/2.0/UDP h;branch=z9hG4bK1', src), {
    transport: 'udp',
    address: '192.0.2.9',
    port: 5060,
  });
});
