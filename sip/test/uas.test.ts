import dgram from 'node:dgram';
import { Registry } from 'prom-client';
import t, { type Test } from 'tap';
import { buildAuthorization, parseChallenge } from '../auth/digest.js';
import type { CallEvent, IncomingCall } from '../call-control.js';
import { type SipStackOptions, createSipStack } from '../stack.js';
import { RawPeer, request, sdpOffer } from './helpers/raw-peer.js';

async function setup(t: Test, opts: Partial<SipStackOptions> = {}) {
  const stack = await createSipStack({
    bindAddress: '127.0.0.1',
    port: 0,
    timers: { t1Ms: 50, t2Ms: 400, t4Ms: 200 },
    route: ({ dialedNumber }) =>
      dialedNumber === '1000'
        ? { action: 'accept', route: 'agent-1' }
        : dialedNumber === 'busy'
          ? { action: 'reject', status: 503 }
          : { action: 'reject', status: 404 },
    ...opts,
  });
  const rtp = dgram.createSocket('udp4');
  await new Promise<void>((r) => rtp.bind(0, '127.0.0.1', () => r()));
  const peer = await RawPeer.udp(stack.port);
  t.teardown(async () => {
    peer.close();
    rtp.close();
    await stack.stop();
  });
  return { stack, peer, rtpPort: rtp.address().port };
}

function ackFor(
  peer: RawPeer,
  ok: { header(n: string): string | undefined },
  callId: string,
  cseq = 1,
): string {
  const toTag = /tag=([^;>\s]+)/.exec(ok.header('to') ?? '')?.[1] ?? '';
  return request(peer, 'ACK', { callId, cseq, fromTag: 'caller', toTag });
}

t.test(
  'inbound call: 100 at once, 180, 200 with SDP answer, ACK, INFO DTMF, re-INVITE hold, BYE',
  async (t) => {
    const { stack, peer, rtpPort } = await setup(t);
    const events: CallEvent[] = [];
    let incoming: IncomingCall | undefined;
    stack.onIncomingCall(async (call) => {
      incoming = call;
      call.on((e) => events.push(e));
      call.ringing();
      await call.answer({ rtpAddress: '127.0.0.1', rtpPort });
    });
    const callId = 'flow-1';
    const started = Date.now();
    peer.send(request(peer, 'INVITE', { callId, fromTag: 'caller', body: sdpOffer(40000, '8 0 101') }));
    await peer.status(100, callId);
    t.ok(Date.now() - started < 200, '100 Trying within 200 ms');
    await peer.status(180, callId);
    const ok = await peer.status(200, callId);
    t.match(
      ok.text,
      /m=audio \d+ RTP\/AVP 0 101/,
      'answer uses our preferred codec (PCMU) + telephone-event',
    );
    t.match(ok.text, new RegExp(`m=audio ${rtpPort} `), 'answer carries the RTP port given by the appliance');
    t.equal(incoming?.dialedNumber, '1000');
    t.equal(incoming?.callerNumber, '5551234');
    t.equal(incoming?.route, 'agent-1');
    t.same(incoming?.offer?.codec, { name: 'PCMU', payloadType: 0, clockRateHz: 8000 });
    t.equal(incoming?.offer?.dtmfPayloadType, 101);
    t.equal(incoming?.offer?.remoteRtpPort, 40000);
    peer.send(ackFor(peer, ok, callId));
    await new Promise((r) => setTimeout(r, 100));
    t.ok(
      events.some((e) => e.kind === 'confirmed'),
      'ACK confirms the call',
    );
    const toTag = /tag=([^;>\s]+)/.exec(ok.header('to') ?? '')?.[1] ?? '';

    peer.send(
      request(peer, 'INFO', {
        callId,
        cseq: 2,
        fromTag: 'caller',
        toTag,
        contentType: 'application/dtmf-relay',
        body: 'Signal=5\r\nDuration=160\r\n',
      }),
    );
    await peer.status(200, callId);
    peer.send(
      request(peer, 'INFO', {
        callId,
        cseq: 3,
        fromTag: 'caller',
        toTag,
        contentType: 'application/dtmf',
        body: '#',
      }),
    );
    await peer.status(200, callId);
    t.same(
      events.filter((e) => e.kind === 'dtmf').map((e) => (e.kind === 'dtmf' ? e.digit : '')),
      ['5', '#'],
      'both INFO DTMF formats delivered',
    );
    peer.send(
      request(peer, 'INFO', {
        callId,
        cseq: 4,
        fromTag: 'caller',
        toTag,
        contentType: 'text/plain',
        body: 'x',
      }),
    );
    const r415 = await peer.status(415, callId);
    t.match(r415.header('accept') ?? '', /application\/dtmf-relay/);

    peer.send(
      request(peer, 'INVITE', {
        callId,
        cseq: 5,
        fromTag: 'caller',
        toTag,
        body: sdpOffer(40002, '0 101', 'sendonly'),
      }),
    );
    const reOk = await peer.status(200, callId);
    t.match(reOk.text, /a=recvonly/, 'hold: answer is recvonly');
    peer.send(ackFor(peer, reOk, callId, 5));
    await new Promise((r) => setTimeout(r, 50));
    const re = events.find((e) => e.kind === 'reinvite');
    t.equal(re?.kind === 'reinvite' ? re.media.direction : undefined, 'recvonly');
    t.equal(re?.kind === 'reinvite' ? re.media.remoteRtpPort : undefined, 40002);

    peer.send(request(peer, 'BYE', { callId, cseq: 6, fromTag: 'caller', toTag }));
    await peer.status(200, callId);
    t.same(events.at(-1), { kind: 'hangup', by: 'remote', reason: 'bye' });
    t.equal(stack.stats().activeDialogs, 0);
  },
);

t.test('2xx is retransmitted until ACK; no ACK -> BYE and hangup(ack-timeout)', async (t) => {
  const { stack, peer, rtpPort } = await setup(t);
  const events: CallEvent[] = [];
  stack.onIncomingCall(async (call) => {
    call.on((e) => events.push(e));
    await call.answer({ rtpAddress: '127.0.0.1', rtpPort });
  });
  peer.send(request(peer, 'INVITE', { callId: 'noack', fromTag: 'caller', body: sdpOffer(40000) }));
  await peer.status(200, 'noack');
  await peer.status(200, 'noack', 1000);
  await peer.status(200, 'noack', 1000);
  t.pass('200 OK retransmitted (T1 = 50 ms)');
  const bye = await peer.waitFor((r) => r.method === 'BYE', 6000);
  t.ok(bye, 'BYE sent after 64*T1 without ACK');
  t.same(events.at(-1), { kind: 'hangup', by: 'local', reason: 'ack-timeout' });
});

t.test('error responses', async (t) => {
  const { stack, peer } = await setup(t);
  stack.onIncomingCall(() => undefined);
  const cases: [string, string, number, RegExp?][] = [
    [
      'route 404',
      request(peer, 'INVITE', { uri: 'sip:9999@127.0.0.1', callId: 'e404', body: sdpOffer(4000) }),
      404,
    ],
    [
      'route 503',
      request(peer, 'INVITE', { uri: 'sip:busy@127.0.0.1', callId: 'e503', body: sdpOffer(4000) }),
      503,
    ],
    ['no codec 488', request(peer, 'INVITE', { callId: 'e488', body: sdpOffer(4000, '18') }), 488],
    ['REGISTER 405', request(peer, 'REGISTER', { callId: 'e405' }), 405, /^Allow: .*INVITE/m],
    ['unknown 501', request(peer, 'FOO', { callId: 'e501' }), 501, /^Allow: /m],
    [
      'bad body 415',
      request(peer, 'INVITE', { callId: 'e415', body: 'hi', contentType: 'text/plain' }),
      415,
      /^Accept: application\/sdp/m,
    ],
    ['scheme 416', request(peer, 'OPTIONS', { uri: 'mailto:a@b', callId: 'e416' }), 416],
    [
      'Require 420',
      request(peer, 'INVITE', { callId: 'e420', headers: ['Require: foo, 100rel'], body: sdpOffer(4000) }),
      420,
      /^Unsupported: foo, 100rel/m,
    ],
    ['no dialog 481', request(peer, 'BYE', { callId: 'e481', toTag: 'nope' }), 481],
    [
      'Max-Forwards 483',
      request(peer, 'INVITE', { callId: 'e483', body: sdpOffer(4000) }).replace(
        'Max-Forwards: 70',
        'Max-Forwards: 0',
      ),
      483,
    ],
    ['version 505', request(peer, 'OPTIONS', { callId: 'e505', version: 'SIP/3.0' }), 505],
    [
      'malformed 400',
      request(peer, 'OPTIONS', { callId: 'e400' }).replace('CSeq: 1 OPTIONS', 'CSeq: x OPTIONS'),
      400,
      /^Warning: 399/m,
    ],
    [
      'OPTIONS 200',
      request(peer, 'OPTIONS', { callId: 'e200' }),
      200,
      /^Allow: INVITE, ACK, BYE, CANCEL, OPTIONS/m,
    ],
  ];
  for (const [name, msg, status, re] of cases) {
    peer.send(msg);
    const callId = /Call-ID: (\S+)/.exec(msg)?.[1];
    const got = await peer.status(status, callId);
    t.ok(got, `${name}`);
    if (re) t.match(got.text, re, `${name}: header`);
  }
  const before = stack.stats().messagesReceived;
  peer.send(Buffer.from([0, 1, 2, 255, 13, 10, 13, 10]));
  peer.send('garbage\r\n\r\n');
  peer.send(request(peer, 'OPTIONS', { callId: 'alive' }));
  await peer.status(200, 'alive');
  t.ok(stack.stats().messagesReceived >= before + 3);
  t.ok(Object.keys(stack.stats().messagesDropped).length > 0, 'garbage counted as dropped');
});

t.test('Record-Route of the INVITE is copied, in order, into 180 and 200 (RFC 3261 §12.1.1)', async (t) => {
  const { stack, peer, rtpPort } = await setup(t);
  stack.onIncomingCall(async (call) => {
    call.ringing();
    await call.answer({ rtpAddress: '127.0.0.1', rtpPort });
  });
  const rr = ['Record-Route: <sip:10.0.0.1;lr;ftag=x>', 'Record-Route: <sip:10.0.0.2;lr>, <sip:10.0.0.3;lr>'];
  peer.send(
    request(peer, 'INVITE', { callId: 'rr-1', fromTag: 'caller', headers: rr, body: sdpOffer(40000) }),
  );
  for (const status of [180, 200]) {
    const res = await peer.status(status, 'rr-1');
    const values = res.text
      .split(/\r?\n/)
      .filter((l) => /^Record-Route:/i.test(l))
      .flatMap((l) => l.replace(/^Record-Route:\s*/i, '').split(/\s*,\s*/));
    t.same(
      values,
      ['<sip:10.0.0.1;lr;ftag=x>', '<sip:10.0.0.2;lr>', '<sip:10.0.0.3;lr>'],
      `${status}: route set kept`,
    );
  }
});

t.test('OPTIONS: 503 with Retry-After while the appliance is not accepting, 200 again after', async (t) => {
  let draining = true;
  const { peer } = await setup(t, {
    availability: () =>
      draining ? { accepting: false, retryAfterS: 7, reason: 'Draining' } : { accepting: true },
  });
  peer.send(request(peer, 'OPTIONS', { callId: 'drain-1' }));
  const busy = await peer.status(503, 'drain-1');
  t.match(busy.text, /^SIP\/2\.0 503 Draining\r?$/m, 'reason phrase says why');
  t.match(busy.text, /^Retry-After: 7\r?$/m, 'Retry-After from the hook');
  draining = false;
  peer.send(request(peer, 'OPTIONS', { callId: 'drain-2' }));
  const ok = await peer.status(200, 'drain-2');
  t.match(ok.text, /^Allow: INVITE/m, 'accepting again: 200 with Allow');
});

t.test('CANCEL while the route callback is deciding: 200 for CANCEL, 487 for INVITE', async (t) => {
  let release: () => void = () => undefined;
  const { stack, peer } = await setup(t, {
    route: () => new Promise((r) => (release = () => r({ action: 'accept', route: 1 }))),
  });
  let handled = false;
  stack.onIncomingCall(() => {
    handled = true;
  });
  const branch = 'z9hG4bKcancel1';
  peer.send(request(peer, 'INVITE', { callId: 'cx', fromTag: 'c', branch, body: sdpOffer(4000) }));
  await peer.status(100, 'cx');
  peer.send(request(peer, 'CANCEL', { callId: 'cx', fromTag: 'c', branch }));
  const c200 = await peer.status(200, 'cx');
  t.match(c200.header('cseq') ?? '', /CANCEL/);
  const r487 = await peer.status(487, 'cx');
  t.match(r487.header('cseq') ?? '', /INVITE/);
  release();
  await new Promise((r) => setTimeout(r, 50));
  t.notOk(handled, 'the cancelled call never reaches the appliance');
  peer.send(request(peer, 'CANCEL', { callId: 'unknown', fromTag: 'c', branch: 'z9hG4bKnone' }));
  await peer.status(481, 'unknown');
});

t.test('CANCEL after the call was offered to the appliance emits cancelled', async (t) => {
  const { stack, peer } = await setup(t);
  const events: CallEvent[] = [];
  stack.onIncomingCall((call) => {
    call.on((e) => events.push(e));
    call.ringing();
  });
  const branch = 'z9hG4bKcancel2';
  peer.send(request(peer, 'INVITE', { callId: 'cy', fromTag: 'c', branch, body: sdpOffer(4000) }));
  await peer.status(180, 'cy');
  peer.send(request(peer, 'CANCEL', { callId: 'cy', fromTag: 'c', branch }));
  await peer.status(487, 'cy');
  t.same(events, [{ kind: 'cancelled' }]);
  t.equal(stack.stats().activeDialogs, 0);
});

t.test('trunk security: allow-list 403 without state; digest 401 challenge and verification', async (t) => {
  const { stack, peer } = await setup(t, { allowFrom: ['10.0.0.0/8'] });
  stack.onIncomingCall(() => undefined);
  peer.send(request(peer, 'INVITE', { callId: 'sec1', body: sdpOffer(4000) }));
  await peer.status(403, 'sec1');
  t.equal(stack.stats().transactions, 0, 'no transaction state for a forbidden source');
  t.equal(stack.securityMode, 'allow-list');

  const s2 = await setup(t, {
    allowFrom: ['10.0.0.0/8'],
    inboundCredentials: { username: 'pbx', password: 's3cret' },
  });
  s2.stack.onIncomingCall(() => undefined);
  t.equal(s2.stack.securityMode, 'allow-list-or-digest');
  s2.peer.send(request(s2.peer, 'OPTIONS', { callId: 'sec2' }));
  const ch = await s2.peer.status(401, 'sec2');
  const challenge = parseChallenge(ch.header('www-authenticate') ?? '');
  t.ok(challenge, 'valid Digest challenge');
  if (!challenge) return;
  const auth = buildAuthorization(
    challenge,
    { username: 'pbx', password: 's3cret' },
    'OPTIONS',
    'sip:1000@127.0.0.1',
  );
  s2.peer.send(request(s2.peer, 'OPTIONS', { callId: 'sec2', cseq: 2, headers: [`Authorization: ${auth}`] }));
  await s2.peer.status(200, 'sec2');
  const bad = buildAuthorization(
    challenge,
    { username: 'pbx', password: 'wrong' },
    'OPTIONS',
    'sip:1000@127.0.0.1',
  );
  s2.peer.send(request(s2.peer, 'OPTIONS', { callId: 'sec3', headers: [`Authorization: ${bad}`] }));
  await s2.peer.status(403, 'sec3');
});

t.test('TCP: large request, Content-Length framing, conflicting Content-Length closes', async (t) => {
  const { stack } = await setup(t);
  stack.onIncomingCall(() => undefined);
  const peer = await RawPeer.tcp(stack.port);
  t.teardown(() => peer.close());
  const big = request(peer, 'OPTIONS', {
    callId: 'tcpbig',
    transport: 'TCP',
    headers: [`X-Pad: ${'p'.repeat(2000)}`],
  });
  t.ok(big.length > 1300);
  // Split into two writes to exercise reassembly.
  peer.send(big.slice(0, 700));
  await new Promise((r) => setTimeout(r, 30));
  peer.send(big.slice(700));
  await peer.status(200, 'tcpbig');
  peer.send(
    request(peer, 'OPTIONS', { callId: 'p1', transport: 'TCP' }) +
      request(peer, 'OPTIONS', { callId: 'p2', transport: 'TCP' }),
  );
  await peer.status(200, 'p1');
  await peer.status(200, 'p2');
  peer.send(
    request(peer, 'OPTIONS', { callId: 'bad', transport: 'TCP' }).replace(
      'Content-Length: 0',
      'Content-Length: 0\r\nContent-Length: 5',
    ),
  );
  await new Promise((r) => setTimeout(r, 200));
  t.ok(peer.closed, 'connection closed on conflicting Content-Length');
});

t.test('late offer: INVITE without SDP gets our offer in 200, the answer comes in the ACK', async (t) => {
  const { stack, peer, rtpPort } = await setup(t);
  let answered: Promise<unknown> | undefined;
  stack.onIncomingCall((call) => {
    t.equal(call.offer, null);
    answered = call.answer({ rtpAddress: '127.0.0.1', rtpPort });
  });
  peer.send(request(peer, 'INVITE', { callId: 'late', fromTag: 'caller' }));
  const ok = await peer.status(200, 'late');
  t.match(ok.text, /m=audio \d+ RTP\/AVP 0 8 9 101/, 'offer lists all our codecs');
  const toTag = /tag=([^;>\s]+)/.exec(ok.header('to') ?? '')?.[1] ?? '';
  peer.send(request(peer, 'ACK', { callId: 'late', fromTag: 'caller', toTag, body: sdpOffer(41000, '8') }));
  const media = (await answered) as { codec: { name: string }; remoteRtpPort: number };
  t.equal(media.codec.name, 'PCMA');
  t.equal(media.remoteRtpPort, 41000);
});

t.test('hangup before the ACK: BYE waits for the ACK (RFC 3261 §15)', async (t) => {
  const { stack, peer, rtpPort } = await setup(t);
  stack.onIncomingCall(async (call) => {
    await call.answer({ rtpAddress: '127.0.0.1', rtpPort });
    void call.hangup();
  });
  peer.send(request(peer, 'INVITE', { callId: 'early-bye', fromTag: 'caller', body: sdpOffer(4000) }));
  const ok = await peer.status(200, 'early-bye');
  await new Promise((r) => setTimeout(r, 100));
  t.notOk(
    peer.inbox.some((m) => m.method === 'BYE'),
    'no BYE before the ACK',
  );
  const toTag = /tag=([^;>\s]+)/.exec(ok.header('to') ?? '')?.[1] ?? '';
  peer.send(request(peer, 'ACK', { callId: 'early-bye', fromTag: 'caller', toTag }));
  const bye = await peer.waitFor((m) => m.method === 'BYE');
  t.equal(bye.header('call-id'), 'early-bye');
});

t.test(
  'limits and metrics: transaction cap gives a stateless 503; drops are counted on the registry',
  async (t) => {
    const registry = new Registry();
    const { stack, peer } = await setup(t, { limits: { maxTransactions: 1 }, registry });
    stack.onIncomingCall(() => undefined);
    peer.send(request(peer, 'OPTIONS', { callId: 'l1' }));
    await peer.status(200, 'l1');
    peer.send(request(peer, 'OPTIONS', { callId: 'l2' }));
    const busy = await peer.status(503, 'l2');
    t.ok(busy.header('retry-after'), 'Retry-After given');
    peer.send('not sip at all\r\n\r\n');
    await new Promise((r) => setTimeout(r, 50));
    const text = await registry.metrics();
    t.match(text, /sip_messages_dropped_total\{reason="overload"\} 1/);
    t.match(text, /sip_messages_dropped_total\{reason="parse-/);
    t.match(text, /sip_messages_received_total\{type="request"\} 2/);
  },
);

t.test('sendDtmfInfo and graceful stop (BYE for live calls)', async (t) => {
  const { stack, peer, rtpPort } = await setup(t);
  const calls: IncomingCall[] = [];
  stack.onIncomingCall(async (call) => {
    calls.push(call);
    await call.answer({ rtpAddress: '127.0.0.1', rtpPort });
  });
  peer.send(request(peer, 'INVITE', { callId: 'dtmf-out', fromTag: 'caller', body: sdpOffer(4000) }));
  const ok = await peer.status(200, 'dtmf-out');
  const toTag = /tag=([^;>\s]+)/.exec(ok.header('to') ?? '')?.[1] ?? '';
  peer.send(request(peer, 'ACK', { callId: 'dtmf-out', fromTag: 'caller', toTag }));
  await new Promise((r) => setTimeout(r, 50));
  const sent = calls[0]?.sendDtmfInfo('7', 200);
  const info = await peer.waitFor((m) => m.method === 'INFO');
  t.equal(info.header('content-type'), 'application/dtmf-relay');
  t.match(info.text, /\r\n\r\nSignal=7\r\nDuration=200\r\n$/);
  t.match(info.header('to') ?? '', /tag=caller/, 'in-dialog request: To carries the remote tag');
  peer.send(
    [
      'SIP/2.0 200 OK',
      `Via: ${info.header('via')}`,
      `From: ${info.header('from')}`,
      `To: ${info.header('to')}`,
      `Call-ID: ${info.header('call-id')}`,
      `CSeq: ${info.header('cseq')}`,
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
  );
  t.equal(await sent, 200);
  const stopping = stack.stop();
  const bye = await peer.waitFor((m) => m.method === 'BYE');
  t.equal(bye.header('call-id'), 'dtmf-out', 'stop() hangs up live calls');
  await stopping;
});

t.test("an accepted route's release is called exactly once on every path", async (t) => {
  // Each INVITE's route reserves a slot; `releases` counts the stack's release calls per call.
  const releases = new Map<string, number>();
  let gate: Promise<void> = Promise.resolve();
  let routing = 0;
  const { stack, peer, rtpPort } = await setup(t, {
    route: async ({ callerNumber }) => {
      void callerNumber;
      const id = `r${++routing}`;
      releases.set(id, 0);
      await gate;
      return {
        action: 'accept',
        route: id,
        release: () => releases.set(id, (releases.get(id) ?? 0) + 1),
      };
    },
  });
  let handler: (call: IncomingCall) => void | Promise<void> = () => undefined;
  stack.onIncomingCall((c) => handler(c));
  const settle = () => new Promise((r) => setTimeout(r, 100));

  // 1. CANCEL while the route callback awaits (e.g. the database): 487, then the late accept is released.
  let open: () => void = () => undefined;
  gate = new Promise((r) => (open = r));
  let handed = false;
  handler = () => void (handed = true);
  const b1 = 'z9hG4bKrel1';
  peer.send(request(peer, 'INVITE', { callId: 'rel1', fromTag: 'c', branch: b1, body: sdpOffer(4000) }));
  await peer.status(100, 'rel1');
  peer.send(request(peer, 'CANCEL', { callId: 'rel1', fromTag: 'c', branch: b1 }));
  await peer.status(487, 'rel1');
  open();
  await settle();
  t.notOk(handed, 'the cancelled call is never handed over');
  t.equal(releases.get('r1'), 1, 'CANCEL during routing: released once');

  // 2. The handler rejects after the route accepted (4xx).
  gate = Promise.resolve();
  handler = (c) => c.reject(486);
  peer.send(request(peer, 'INVITE', { callId: 'rel2', fromTag: 'c', body: sdpOffer(4000) }));
  await peer.status(486, 'rel2');
  await settle();
  t.equal(releases.get('r2'), 1, 'rejected after routing: released once');

  // 3. The handler throws: 500.
  handler = () => {
    throw new Error('boom');
  };
  peer.send(request(peer, 'INVITE', { callId: 'rel3', fromTag: 'c', body: sdpOffer(4000) }));
  await peer.status(500, 'rel3');
  await settle();
  t.equal(releases.get('r3'), 1, 'handler error: released once');

  // 4. Answered, ACKed, then BYE from the caller.
  handler = async (c) => void (await c.answer({ rtpAddress: '127.0.0.1', rtpPort }));
  peer.send(request(peer, 'INVITE', { callId: 'rel4', fromTag: 'caller', body: sdpOffer(4000) }));
  const ok4 = await peer.status(200, 'rel4');
  peer.send(ackFor(peer, ok4, 'rel4'));
  await settle();
  t.equal(releases.get('r4'), 0, 'held while the call is up');
  const toTag = /tag=([^;>\s]+)/.exec(ok4.header('to') ?? '')?.[1] ?? '';
  peer.send(request(peer, 'BYE', { callId: 'rel4', cseq: 2, fromTag: 'caller', toTag }));
  await peer.status(200, 'rel4');
  await settle();
  t.equal(releases.get('r4'), 1, 'BYE: released once');

  // 5. Answered but never ACKed: the ACK timeout (64*T1 = 3.2 s here) ends it.
  peer.send(request(peer, 'INVITE', { callId: 'rel5', fromTag: 'caller', body: sdpOffer(4000) }));
  await peer.status(200, 'rel5');
  await peer.waitFor((r) => r.method === 'BYE' && r.header('call-id') === 'rel5', 8000);
  t.equal(releases.get('r5'), 1, 'ACK timeout: released once');

  // 6. The stack stops while a route callback awaits.
  gate = new Promise((r) => (open = r));
  peer.send(request(peer, 'INVITE', { callId: 'rel6', fromTag: 'c', body: sdpOffer(4000) }));
  await peer.status(100, 'rel6');
  await stack.stop();
  open();
  await settle();
  t.equal(releases.get('r6'), 1, 'stack stopped during routing: released once');
  t.same(
    [...releases.values()].filter((n) => n !== 1),
    [],
    'no reservation lost, none released twice',
  );
});
