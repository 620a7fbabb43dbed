/**
 * The box's call slots survive a CANCEL that races the route callback: the database is held busy
 * (SQLite: another transaction holds the only connection; PostgreSQL: the agent numbers table is
 * locked) while an INVITE is being routed, a raw SIP peer CANCELs it, then the database is let
 * go and the route's late accept must give its slot back. Afterwards every one of the N slots
 * takes a real call.
 */
import { sql } from 'kysely';
import t from 'tap';
import { RawPeer, request, sdpOffer } from '../../../sip/test/helpers/raw-peer.js';
import { dialects } from '../../test/helpers/dialects.js';
import { startCallsApi } from './helpers/calls-api.js';
import { sleep, TestPeer, waitFor } from './helpers/caller.js';

const SLOTS = 2;

for (const [i, dialect] of dialects.entries()) {
  t.test(`a CANCEL while routing awaits the database loses no call slot [${dialect}]`, async (t) => {
    const { api, calls, sipPort } = await startCallsApi(t, {
      rtpPortMin: 37000 + i * 500,
      dialect,
      config: {
        sip: {
          enabled: true,
          port: 0,
          bindAddress: '127.0.0.1',
          publicAddress: '127.0.0.1',
          allowFrom: [],
          maxConcurrentCalls: SLOTS,
        },
      },
    });
    const manager = calls.manager;
    if (!manager) throw new Error('no call manager');
    const biz = await api.register('Slots');
    const agent = await api.call('POST', '/agents', {
      token: biz.token,
      body: { name: 'Desk', greeting: 'Hello.', numbers: ['7000'] },
    });
    t.equal(agent.status, 201);
    const sub = await api.call('POST', '/business/subscribe', {
      token: biz.token,
      body: { planId: 'enterprise' },
    });
    t.equal(sub.status, 201);

    // Hold the database busy until `letGo`.
    let letGo: () => void = () => undefined;
    const gate = new Promise<void>((r) => (letGo = r));
    let holding = false;
    const busy = api.app.ctx.db.kysely.transaction().execute(async (trx) => {
      if (dialect === 'postgres') await sql`lock table agent_numbers in access exclusive mode`.execute(trx);
      else await trx.selectFrom('agent_numbers').select('number').execute();
      holding = true;
      await gate;
    });
    t.teardown(() => letGo());
    await waitFor(() => holding, 10_000);

    const raw = await RawPeer.udp(sipPort);
    t.teardown(() => raw.close());
    const branch = 'z9hG4bKslow1';
    const invite = { uri: `sip:7000@127.0.0.1:${sipPort}`, callId: 'slow-1', fromTag: 'pbx', branch };
    raw.send(request(raw, 'INVITE', { ...invite, body: sdpOffer(40000, '0 101') }));
    await raw.status(100, 'slow-1', 5000);
    await sleep(300); // the route callback is now waiting for the database
    raw.send(request(raw, 'CANCEL', invite));
    await raw.status(487, 'slow-1', 5000);
    letGo();
    await busy;
    await sleep(1000); // the route callback's query runs and its late accept returns
    t.equal(manager.activeCount, 0, 'the cancelled call holds no slot');

    // Every slot takes a call.
    const peer = await TestPeer.start();
    t.teardown(() => peer.stop());
    const results = await Promise.allSettled(Array.from({ length: SLOTS }, () => peer.dial('7000', sipPort)));
    t.same(
      results.map((r) => (r.status === 'fulfilled' ? 'answered' : String(r.reason))),
      Array.from({ length: SLOTS }, () => 'answered'),
      `all ${SLOTS} slots answer`,
    );
    for (const r of results) if (r.status === 'fulfilled') await r.value.call.hangup();
    t.ok(await waitFor(() => manager.activeCount === 0, 10_000), 'all slots free again after hang-up');
  });
}
