import net from 'node:net';
import t from 'tap';
import { CallFailedError, type IncomingCall } from '../call-control.js';
import { createSipStack, type SipStack } from '../stack.js';
import { certificateFingerprint } from '../transport/tcp.js';
import { newSdesKey } from '../sdp/sdes.js';
import { RawPeer, request } from './helpers/raw-peer.js';
import { testCert } from '../../lib/test/helpers/tls-cert.js';

const server = testCert('appliance');
const client = testCert('pbx');
const stranger = testCert('stranger');
t.teardown(() => [server, client, stranger].forEach((c) => c.cleanup()));

const timers = { t1Ms: 50, t2Ms: 400, t4Ms: 200 };

async function tlsStack(extra: Partial<Parameters<typeof createSipStack>[0]> = {}): Promise<SipStack> {
  const stack = await createSipStack({
    bindAddress: '127.0.0.1',
    port: 0,
    publicAddress: '127.0.0.1',
    timers,
    tls: { port: 0, cert: server.cert, key: server.key },
    ...extra,
  });
  stack.onIncomingCall((call: IncomingCall) => {
    void call.answer({ rtpAddress: '127.0.0.1', rtpPort: 30000 }).catch(() => undefined);
  });
  return stack;
}

function savpOffer(key: string): string {
  return [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'm=audio 40000 RTP/SAVP 0 101',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${key}`,
    '',
  ].join('\r\n');
}

const waitUntil = async (cond: () => boolean, ms = 3000): Promise<boolean> => {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return cond();
};

t.test('INVITE over TLS: answered on the same connection, Contact transport=tls, SDES keys', async (t) => {
  const stack = await tlsStack({ srtp: 'require' });
  t.teardown(() => stack.stop());
  t.ok(stack.tlsPort > 0 && stack.tlsPort !== stack.port, `TLS on its own port ${stack.tlsPort}`);
  const peer = await RawPeer.tls(stack.tlsPort);
  t.teardown(() => peer.close());
  const key = newSdesKey();
  const callId = 'tls-call-1';
  peer.send(request(peer, 'INVITE', { callId, transport: 'TLS', body: savpOffer(key) }));
  const ok = await peer.status(200, callId);
  t.match(ok.header('via') ?? '', /^SIP\/2\.0\/TLS /, 'Via echoed');
  t.equal(ok.header('contact'), `<sip:appliance@127.0.0.1:${stack.tlsPort};transport=tls>`);
  t.match(ok.text, /m=audio 30000 RTP\/SAVP 0 101\r\n/);
  const crypto = /a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:(\S+)\r\n/.exec(ok.text);
  t.ok(crypto && Buffer.from(crypto[1] ?? '', 'base64').length === 30 && crypto[1] !== key, 'our own key');
  t.equal(stack.stats().tlsConnections, 1);

  // Policy require: a plain RTP offer gets 488 with warning 306.
  peer.send(
    request(peer, 'INVITE', {
      callId: 'tls-call-2',
      transport: 'TLS',
      body: savpOffer(key)
        .replace('RTP/SAVP', 'RTP/AVP')
        .replace(/a=crypto.*\r\n/, ''),
    }),
  );
  const refused = await peer.status(488, 'tls-call-2');
  t.match(refused.header('warning') ?? '', /^306 .*srtp-mismatch/);
});

t.test('stack to stack over sips: with SRTP required both ways; keys crossed', async (t) => {
  const uas = await tlsStack({ srtp: 'require', transports: ['udp'] });
  t.teardown(() => uas.stop());
  let inbound: IncomingCall | undefined;
  uas.onIncomingCall(async (call) => {
    inbound = call;
    await call.answer({ rtpAddress: '127.0.0.1', rtpPort: 30002 });
  });
  const uac = await createSipStack({
    bindAddress: '127.0.0.1',
    port: 0,
    publicAddress: '127.0.0.1',
    timers,
    srtp: 'require',
    tls: { port: 0, cert: client.cert, key: client.key, ca: server.cert },
  });
  t.teardown(() => uac.stop());
  const call = await uac.placeCall({
    target: `sips:100@127.0.0.1:${uas.tlsPort}`,
    media: { rtpAddress: '127.0.0.1', rtpPort: 30004 },
  });
  const ours = call.media?.srtp;
  const theirs = inbound?.media?.srtp;
  t.ok(ours && theirs, 'both sides negotiated SRTP');
  t.equal(ours?.localKey, theirs?.remoteKey, 'what we encrypt with, they decrypt with');
  t.equal(ours?.remoteKey, theirs?.localKey);
  t.equal(uac.stats().tlsConnections, 1, 'one connection, reused for ACK');
  await call.hangup();
  t.ok(await waitUntil(() => inbound?.state === 'ended'), 'BYE over the same TLS connection');
  t.equal(uac.stats().tlsConnections, 1, 'still one connection');
});

t.test('bad handshakes are dropped and counted; the listener keeps serving', async (t) => {
  const stack = await tlsStack();
  t.teardown(() => stack.stop());
  // Plain SIP (not a ClientHello) sent to the TLS port.
  const plain = net.connect({ host: '127.0.0.1', port: stack.tlsPort });
  plain.on('error', () => undefined);
  plain.write('OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nContent-Length: 0\r\n\r\n');
  // Random bytes, and a connection that closes mid-handshake.
  const junk = net.connect({ host: '127.0.0.1', port: stack.tlsPort });
  junk.on('error', () => undefined);
  junk.write(Buffer.from([0x16, 0x03, 0x01, 0xff, 0xff, 1, 2, 3, 4]));
  t.ok(
    await waitUntil(() => (stack.stats().messagesDropped['tls-handshake-failed'] ?? 0) >= 2),
    `handshake failures counted (${stack.stats().messagesDropped['tls-handshake-failed']})`,
  );
  plain.destroy();
  junk.destroy();
  const peer = await RawPeer.tls(stack.tlsPort);
  t.teardown(() => peer.close());
  peer.send(request(peer, 'OPTIONS', { callId: 'after-junk', transport: 'TLS' }));
  await peer.status(200, 'after-junk');
});

t.test('pinning: inbound peers must present a pinned certificate', async (t) => {
  const stack = await tlsStack({
    tls: { port: 0, cert: server.cert, key: server.key, pinSha256: [certificateFingerprint(client.cert)] },
  });
  t.teardown(() => stack.stop());
  const good = await RawPeer.tls(stack.tlsPort, { cert: client.cert, key: client.key });
  t.teardown(() => good.close());
  good.send(request(good, 'OPTIONS', { callId: 'pinned', transport: 'TLS' }));
  await good.status(200, 'pinned');
  for (const secure of [{ cert: stranger.cert, key: stranger.key }, {}]) {
    const bad = await RawPeer.tls(stack.tlsPort, secure).catch(() => undefined);
    bad?.send(request(bad, 'OPTIONS', { callId: 'unpinned', transport: 'TLS' }));
    await waitUntil(() => bad?.closed ?? true);
    t.ok(bad?.closed ?? true, 'connection closed');
    t.notOk(
      bad?.inbox.some((m) => m.status === 200),
      'no answer',
    );
  }
  t.equal(stack.stats().messagesDropped['tls-pin-mismatch'], 2, 'both counted');
});

t.test('outbound: an untrusted or unpinned server certificate fails the call, counted', async (t) => {
  const uas = await tlsStack({ transports: ['udp'] });
  t.teardown(() => uas.stop());
  const cases = [
    { name: 'no CA for the self-signed certificate', tls: { port: 0, cert: client.cert, key: client.key } },
    {
      name: 'pinned to another certificate',
      tls: {
        port: 0,
        cert: client.cert,
        key: client.key,
        pinSha256: [certificateFingerprint(stranger.cert)],
      },
    },
  ];
  for (const c of cases) {
    const uac = await createSipStack({ bindAddress: '127.0.0.1', port: 0, timers, tls: c.tls });
    t.teardown(() => uac.stop());
    const err = await uac
      .placeCall({
        target: `sips:100@127.0.0.1:${uas.tlsPort}`,
        media: { rtpAddress: '127.0.0.1', rtpPort: 30006 },
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    t.ok(err instanceof CallFailedError, `${c.name}: call failed (${String(err)})`);
    const drops = uac.stats().messagesDropped;
    t.ok((drops['tls-handshake-failed'] ?? 0) + (drops['tls-pin-mismatch'] ?? 0) >= 1, `${c.name}: counted`);
  }
  // Pinned to the right certificate: a self-signed PBX certificate is then enough.
  const pinned = await createSipStack({
    bindAddress: '127.0.0.1',
    port: 0,
    timers,
    tls: { port: 0, cert: client.cert, key: client.key, pinSha256: [certificateFingerprint(server.cert)] },
  });
  t.teardown(() => pinned.stop());
  const call = await pinned.placeCall({
    target: `sips:100@127.0.0.1:${uas.tlsPort}`,
    media: { rtpAddress: '127.0.0.1', rtpPort: 30008 },
  });
  t.equal(call.state, 'active', 'pinned self-signed server accepted');
  await call.hangup();
});
