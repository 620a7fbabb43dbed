/**
 * Node drain on a real appliance (cluster front door): while draining, OPTIONS and new INVITEs get
 * 503 + Retry-After (so Kamailio's dispatcher takes the node out and fails INVITEs over) and the
 * live call goes on; at `sip.maxConcurrentCalls` OPTIONS says 503 too; undrained, calls are taken.
 */
import t from 'tap';
import { RawPeer, request, sdpOffer } from '../../../sip/test/helpers/raw-peer.js';
import { startCallsApi } from './helpers/calls-api.js';
import { waitFor } from './helpers/caller.js';

/** The 200 for our BYE (not a retransmitted 200 of the INVITE). */
const byeOk = (peer: RawPeer, callId: string) =>
  peer.waitFor(
    (r) => r.status === 200 && r.header('call-id') === callId && /BYE/.test(r.header('cseq') ?? ''),
    10_000,
  );

t.test('draining: OPTIONS and new INVITEs 503 + Retry-After, the live call goes on', async (t) => {
  const { api, calls, sipPort } = await startCallsApi(t, {
    rtpPortMin: 34200,
    config: { calls: { overloadRetryAfterS: 9 } },
  });
  const b = await api.register('Drain Box');
  await api.call('POST', '/business/subscribe', { token: b.token, body: { planId: 'enterprise' } });
  const agent = await api.call('POST', '/agents', {
    token: b.token,
    body: { name: 'Drain agent', numbers: ['7300'], behaviour: { silenceTimeoutMs: 20_000 } },
  });
  t.equal(agent.status, 201);
  const peer = await RawPeer.udp(sipPort);
  t.teardown(() => peer.close());

  peer.send(request(peer, 'OPTIONS', { callId: 'o-1' }));
  t.ok(await peer.status(200, 'o-1', 10_000), 'accepting: OPTIONS 200');

  // A live call first.
  peer.send(
    request(peer, 'INVITE', {
      callId: 'live-1',
      fromTag: 'caller',
      uri: `sip:7300@127.0.0.1:${sipPort}`,
      body: sdpOffer(40100),
    }),
  );
  const ok = await peer.status(200, 'live-1', 20_000);
  const toTag = /tag=([^;>\s]+)/.exec(ok.header('to') ?? '')?.[1] ?? '';
  peer.send(
    request(peer, 'ACK', {
      callId: 'live-1',
      fromTag: 'caller',
      toTag,
      uri: `sip:7300@127.0.0.1:${sipPort}`,
    }),
  );
  t.equal(calls.liveCalls, 1);

  calls.drain();
  t.ok(calls.draining);
  peer.send(request(peer, 'OPTIONS', { callId: 'o-2' }));
  const busy = await peer.status(503, 'o-2', 10_000);
  t.match(busy.text, /^SIP\/2\.0 503 Draining/m, 'OPTIONS 503 Draining');
  t.match(busy.text, /^Retry-After: 9\r?$/m, 'with Retry-After (calls.overloadRetryAfterS)');
  peer.send(
    request(peer, 'INVITE', {
      callId: 'new-1',
      fromTag: 'c2',
      uri: `sip:7300@127.0.0.1:${sipPort}`,
      body: sdpOffer(40102),
    }),
  );
  const refused = await peer.status(503, 'new-1', 10_000);
  t.match(refused.text, /^Retry-After: 9\r?$/m, 'a new INVITE: 503 with Retry-After');
  t.equal(calls.liveCalls, 1, 'the live call is still there');

  // The live call ends with the caller's BYE, answered 200.
  peer.send(
    request(peer, 'BYE', {
      callId: 'live-1',
      fromTag: 'caller',
      toTag,
      cseq: 2,
      uri: `sip:7300@127.0.0.1:${sipPort}`,
    }),
  );
  t.ok(await byeOk(peer, 'live-1'), 'BYE of the live call: 200');
  t.ok(await waitFor(() => calls.liveCalls === 0, 10_000), 'no live call left');

  calls.undrain();
  peer.send(request(peer, 'OPTIONS', { callId: 'o-3' }));
  t.ok(await peer.status(200, 'o-3', 10_000), 'undrained: OPTIONS 200');
  peer.send(
    request(peer, 'INVITE', {
      callId: 'new-2',
      fromTag: 'c3',
      uri: `sip:7300@127.0.0.1:${sipPort}`,
      body: sdpOffer(40104),
    }),
  );
  const again = await peer.status(200, 'new-2', 20_000);
  const tag2 = /tag=([^;>\s]+)/.exec(again.header('to') ?? '')?.[1] ?? '';
  peer.send(
    request(peer, 'ACK', {
      callId: 'new-2',
      fromTag: 'c3',
      toTag: tag2,
      uri: `sip:7300@127.0.0.1:${sipPort}`,
    }),
  );
  peer.send(
    request(peer, 'BYE', {
      callId: 'new-2',
      fromTag: 'c3',
      toTag: tag2,
      cseq: 2,
      uri: `sip:7300@127.0.0.1:${sipPort}`,
    }),
  );
  t.ok(await byeOk(peer, 'new-2'), 'a new call is taken again');
});

t.test('full box: OPTIONS 503 Full at sip.maxConcurrentCalls', async (t) => {
  const { api, calls, sipPort } = await startCallsApi(t, {
    rtpPortMin: 34400,
    config: {
      sip: {
        enabled: true,
        port: 0,
        bindAddress: '127.0.0.1',
        publicAddress: '127.0.0.1',
        allowFrom: [],
        maxConcurrentCalls: 1,
      },
    },
  });
  const b = await api.register('Full Box');
  await api.call('POST', '/business/subscribe', { token: b.token, body: { planId: 'enterprise' } });
  await api.call('POST', '/agents', {
    token: b.token,
    body: { name: 'Full agent', numbers: ['7301'], behaviour: { silenceTimeoutMs: 20_000 } },
  });
  const peer = await RawPeer.udp(sipPort);
  t.teardown(() => peer.close());
  peer.send(
    request(peer, 'INVITE', {
      callId: 'f-1',
      fromTag: 'caller',
      uri: `sip:7301@127.0.0.1:${sipPort}`,
      body: sdpOffer(40110),
    }),
  );
  const ok = await peer.status(200, 'f-1', 20_000);
  const toTag = /tag=([^;>\s]+)/.exec(ok.header('to') ?? '')?.[1] ?? '';
  peer.send(
    request(peer, 'ACK', { callId: 'f-1', fromTag: 'caller', toTag, uri: `sip:7301@127.0.0.1:${sipPort}` }),
  );
  t.equal(calls.liveCalls, 1);
  peer.send(request(peer, 'OPTIONS', { callId: 'f-o' }));
  const full = await peer.status(503, 'f-o', 10_000);
  t.match(full.text, /^SIP\/2\.0 503 Full/m, 'one call on a one-call box: OPTIONS 503 Full');
  peer.send(
    request(peer, 'BYE', {
      callId: 'f-1',
      fromTag: 'caller',
      toTag,
      cseq: 2,
      uri: `sip:7301@127.0.0.1:${sipPort}`,
    }),
  );
  await byeOk(peer, 'f-1');
  t.ok(await waitFor(() => calls.liveCalls === 0, 10_000));
  peer.send(request(peer, 'OPTIONS', { callId: 'f-o2' }));
  t.ok(await peer.status(200, 'f-o2', 10_000), 'a free slot: OPTIONS 200');
});
