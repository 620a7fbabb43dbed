/**
 * Issue 23 item 7, on both dialects against the full appliance: an INVITE whose SDP names port
 * 99999999 (or a connection address that is no IP) used to leave its call row `ringing` forever,
 * counted against the plan. Now bad SDP gets 488 before any call row exists, and rows that never
 * reached a final state are swept (ended 'stale', plan admission given back).
 */
import t from 'tap';
import { RawPeer, request } from '../../../sip/test/helpers/raw-peer.js';
import { dialects } from '../../test/helpers/dialects.js';
import { recordInboundCall } from '../call-records.js';
import { startCallsApi } from './helpers/calls-api.js';

const sdp = (port: string, address = '127.0.0.1'): string =>
  [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    `c=IN IP4 ${address}`,
    't=0 0',
    `m=audio ${port} RTP/AVP 0 101`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    '',
  ].join('\r\n');

for (const [i, dialect] of dialects.entries()) {
  t.test(`malformed INVITE: 488, no call row; stale rows swept [${dialect}]`, async (t) => {
    const { api, calls, sipPort } = await startCallsApi(t, { rtpPortMin: 37000 + 1000 * i, dialect });
    const owner = await api.register('Malformed');
    t.equal(
      (await api.call('POST', '/business/subscribe', { token: owner.token, body: { planId: 'starter' } }))
        .status,
      201,
    );
    t.equal(
      (await api.call('POST', '/agents', { token: owner.token, body: { name: 'A', numbers: ['7001'] } }))
        .status,
      201,
    );
    const usedCalls = async (): Promise<number> =>
      (await api.call<{ current: { calls: number } }>('GET', '/business/usage', { token: owner.token })).body
        .current.calls;
    const db = api.app.ctx.db.kysely;
    const rows = async () => db.selectFrom('calls').select(['id', 'state', 'end_reason']).execute();

    const peer = await RawPeer.udp(sipPort);
    t.teardown(() => peer.close());
    for (const [name, body] of [
      ['port 99999999', sdp('99999999')],
      ['port 65536', sdp('65536')],
      ['a host name as connection address', sdp('4000', 'pbx.invalid')],
    ] as const) {
      const callId = `bad-sdp-${name.replace(/\W/g, '')}-${dialect}`;
      peer.send(request(peer, 'INVITE', { uri: 'sip:7001@127.0.0.1', callId, body }));
      const res = await peer.waitFor((r) => (r.status ?? 0) >= 200 && r.header('call-id') === callId, 10_000);
      t.equal(res.status, 488, `${name}: 488 Not Acceptable Here`);
      peer.send(request(peer, 'ACK', { uri: 'sip:7001@127.0.0.1', callId, cseqMethod: 'ACK' }));
    }
    t.same(await rows(), [], 'no call row was written');
    t.equal(await usedCalls(), 0, 'nothing counted against the plan');

    // A row that never reached a final state (admitted, then the process failed before answering).
    const at = new Date();
    const sweepAt = new Date(at.getTime() + 10 * 60_000); // staleRingingS is 300 s
    const agentId = (await db.selectFrom('agents').select('id').executeTakeFirstOrThrow()).id;
    const admitted = await recordInboundCall(db, {
      id: `stuck-${dialect}`,
      businessId: owner.businessId,
      agentId,
      caller: '5551234',
      dialed: '7001',
      at,
    });
    t.ok(admitted.admitted, 'the stuck call was admitted');
    const fresh = await recordInboundCall(db, {
      id: `fresh-${dialect}`,
      businessId: owner.businessId,
      agentId,
      caller: '5551234',
      dialed: '7001',
      at: new Date(at.getTime() + 8 * 60_000),
    });
    t.ok(fresh.admitted);
    t.equal(await usedCalls(), 2, 'both count against the plan');
    t.equal(await calls.sweepStaleCalls(sweepAt), 1, 'the sweep ends the stale one');
    t.equal(await calls.sweepStaleCalls(sweepAt), 0, 'and only once');
    const after = await rows();
    t.match(
      after.find((r) => r.id === `stuck-${dialect}`),
      { state: 'ended', end_reason: 'stale' },
    );
    t.match(
      after.find((r) => r.id === `fresh-${dialect}`),
      { state: 'ringing' },
      'a call ringing for 2 min is left alone',
    );
    t.equal(await usedCalls(), 1, 'its plan admission is given back');
  });
}
