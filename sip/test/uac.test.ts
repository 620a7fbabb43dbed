import t, { type Test } from 'tap';
import { digestResponse, parseAuthParams } from '../auth/digest.js';
import { CallFailedError, type CallEvent } from '../call-control.js';
import { createSipStack } from '../stack.js';
import { RawPeer, type Received, sdpOffer } from './helpers/raw-peer.js';

/** Response to a request received by the raw peer (acting as PBX/registrar). */
function respond(
  req: Received,
  status: number,
  reason: string,
  extra: string[] = [],
  body = '',
  toTag = 'pbxtag',
): string {
  const to = req.header('to') ?? '';
  return [
    `SIP/2.0 ${status} ${reason}`,
    ...req.text
      .slice(0, req.text.indexOf('\r\n\r\n'))
      .split('\r\n')
      .filter((l) => /^via\s*:/i.test(l)),
    `From: ${req.header('from')}`,
    `To: ${status > 100 && !/tag=/.test(to) ? `${to};tag=${toTag}` : to}`,
    `Call-ID: ${req.header('call-id')}`,
    `CSeq: ${req.header('cseq')}`,
    ...extra,
    ...(body ? ['Content-Type: application/sdp'] : []),
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

function checkDigest(t: Test, authz: string | undefined, method: string, password: string): void {
  const p = parseAuthParams((authz ?? '').replace(/^Digest\s+/i, ''));
  const expected = digestResponse({
    algorithm: (p.get('algorithm') ?? 'MD5') as 'MD5' | 'SHA-256',
    username: p.get('username') ?? '',
    realm: p.get('realm') ?? '',
    password,
    method,
    uri: p.get('uri') ?? '',
    nonce: p.get('nonce') ?? '',
    qop: 'auth',
    nc: p.get('nc') ?? '',
    cnonce: p.get('cnonce') ?? '',
  });
  t.equal(p.get('response'), expected, `${method} digest response is correct`);
  t.equal(p.get('qop'), 'auth');
}

async function pbxAndStack(t: Test, register: boolean) {
  // The peer's port must be known before the stack's trunk config: bind the peer first.
  const peer = await RawPeer.udp(1); // target fixed below
  const stack = await createSipStack({
    bindAddress: '127.0.0.1',
    port: 0,
    timers: { t1Ms: 50, t2Ms: 400, t4Ms: 200 },
    trunk: {
      registrarUri: `sip:127.0.0.1:${peer.port}`,
      username: 'alice',
      password: 's3cret',
      expiresS: 300,
      register,
    },
  });
  peer.targetPort = stack.port;
  t.teardown(async () => {
    peer.close();
    await stack.stop();
  });
  return { peer, stack };
}

t.test('REGISTER: 401 challenge (SHA-256), refresh before expiry, back-off after failure', async (t) => {
  const { peer, stack } = await pbxAndStack(t, true);
  const r1 = await peer.waitFor((r) => r.method === 'REGISTER');
  t.equal(r1.header('expires'), '300');
  t.match(r1.header('contact') ?? '', /^<sip:alice@127\.0\.0\.1:\d+>$/);
  peer.send(
    respond(r1, 401, 'Unauthorized', [
      'WWW-Authenticate: Digest realm="pbx", nonce="n1", qop="auth", algorithm=SHA-256',
    ]),
  );
  const r2 = await peer.waitFor((r) => r.method === 'REGISTER');
  checkDigest(t, r2.header('authorization'), 'REGISTER', 's3cret');
  t.not(r2.header('cseq'), r1.header('cseq'), 'CSeq incremented on the authenticated retry');
  peer.send(respond(r2, 200, 'OK', [`Contact: ${r2.header('contact')};expires=2`]));
  t.ok(await stack.nextRegistrationOutcome(), 'registered');
  t.equal(stack.registrationState, 'registered');
  const started = Date.now();
  const r3 = await peer.waitFor((r) => r.method === 'REGISTER', 3000);
  t.ok(Date.now() - started < 1800, 'refresh at half of a short lifetime');
  peer.send(respond(r3, 503, 'Service Unavailable'));
  t.notOk(await stack.nextRegistrationOutcome());
  t.equal(stack.registrationState, 'failed');
  const r4 = await peer.waitFor((r) => r.method === 'REGISTER', 4000);
  peer.send(respond(r4, 200, 'OK', ['Expires: 600']));
  t.ok(await stack.nextRegistrationOutcome(), 're-registered after back-off');
});

t.test('placeCall through the trunk: 407 challenge, ringing, 200, ACK, remote BYE', async (t) => {
  const { peer, stack } = await pbxAndStack(t, false);
  const events: CallEvent[] = [];
  const pending = stack.placeCall({ target: '1000', media: { rtpAddress: '127.0.0.1', rtpPort: 30000 } });
  const inv1 = await peer.waitFor((r) => r.method === 'INVITE');
  t.match(inv1.text, /^INVITE sip:1000@127\.0\.0\.1:\d+ SIP\/2\.0/);
  t.match(inv1.text, /m=audio 30000 RTP\/AVP 0 8 9 101/);
  peer.send(
    respond(inv1, 407, 'Proxy Authentication Required', [
      'Proxy-Authenticate: Digest realm="pbx", nonce="n2", qop="auth"',
    ]),
  );
  await peer.waitFor((r) => r.method === 'ACK', 2000);
  const inv2 = await peer.waitFor((r) => r.method === 'INVITE');
  checkDigest(t, inv2.header('proxy-authorization'), 'INVITE', 's3cret');
  peer.send(respond(inv2, 180, 'Ringing'));
  peer.send(
    respond(inv2, 200, 'OK', [`Contact: <sip:pbx@127.0.0.1:${peer.port}>`], sdpOffer(42000, '8 101')),
  );
  const call = await pending;
  call.on((e) => events.push(e));
  const ack = await peer.waitFor((r) => r.method === 'ACK');
  t.match(ack.text, /^ACK sip:pbx@127\.0\.0\.1:\d+ SIP\/2\.0/, 'ACK goes to the Contact (remote target)');
  t.equal(call.media?.codec.name, 'PCMA');
  t.equal(call.media?.remoteRtpPort, 42000);
  const ourTag = /tag=([^;>\s]+)/.exec(inv2.header('from') ?? '')?.[1];
  peer.send(
    [
      `BYE sip:appliance@127.0.0.1:${stack.port} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${peer.port};branch=z9hG4bKbye1`,
      'From: <sip:1000@127.0.0.1>;tag=pbxtag',
      `To: ${inv2.header('from')}`,
      `Call-ID: ${inv2.header('call-id')}`,
      'CSeq: 1 BYE',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
  );
  const ok = await peer.status(200);
  t.match(ok.header('cseq') ?? '', /BYE/);
  t.same(events, [{ kind: 'hangup', by: 'remote', reason: 'bye' }]);
  t.ok(ourTag);
});

t.test('placeCall: CANCEL via AbortSignal; 486 rejects with CallFailedError', async (t) => {
  const { peer, stack } = await pbxAndStack(t, false);
  const ac = new AbortController();
  const pending = stack.placeCall({
    target: '1000',
    media: { rtpAddress: '127.0.0.1', rtpPort: 30000 },
    signal: ac.signal,
  });
  const inv = await peer.waitFor((r) => r.method === 'INVITE');
  peer.send(respond(inv, 180, 'Ringing'));
  await new Promise((r) => setTimeout(r, 50));
  ac.abort();
  const cancel = await peer.waitFor((r) => r.method === 'CANCEL');
  t.equal(
    /branch=([^;,\s]+)/.exec(cancel.header('via') ?? '')?.[1],
    /branch=([^;,\s]+)/.exec(inv.header('via') ?? '')?.[1],
    'CANCEL uses the INVITE branch',
  );
  peer.send(respond(cancel, 200, 'OK'));
  peer.send(respond(inv, 487, 'Request Terminated'));
  await t.rejects(pending, new CallFailedError(487, 'Request Terminated'));
  await peer.waitFor((r) => r.method === 'ACK');

  const busy = stack.placeCall({
    target: 'sip:2000@127.0.0.1:' + peer.port,
    media: { rtpAddress: '127.0.0.1', rtpPort: 30000 },
  });
  const inv3 = await peer.waitFor((r) => r.method === 'INVITE');
  peer.send(respond(inv3, 486, 'Busy Here'));
  await t.rejects(busy, { name: 'CallFailedError', status: 486 });
});
