/**
 * The media thread dies mid-call with a real SIP peer in the call: the appliance sends BYE to the
 * PBX, the call row ends with reason `media-failed` and a `media-failed` call event is stored, and
 * once the engine has restarted its thread a new call is answered and heard again.
 */
import t from 'tap';
import { dialects } from '../../test/helpers/dialects.js';
import { startCallsApi } from './helpers/calls-api.js';
import { TestPeer, waitFor } from './helpers/caller.js';

for (const [i, dialect] of dialects.entries()) {
  t.test(`the media thread dies mid-call [${dialect}]`, async (t) => {
    const { api, calls, sipPort } = await startCallsApi(t, { rtpPortMin: 38000 + i * 500, dialect });
    const db = api.app.ctx.db.kysely;
    const biz = await api.register('Media Crash');
    t.equal(
      (await api.call('POST', '/business/subscribe', { token: biz.token, body: { planId: 'enterprise' } }))
        .status,
      201,
    );
    const agent = await api.call('POST', '/agents', {
      token: biz.token,
      body: {
        name: 'Desk',
        greeting: 'Hello, thank you for calling. How can I help you today?',
        numbers: ['8000'],
        behaviour: { silenceTimeoutMs: 20_000, maxCallDurationS: 120 },
      },
    });
    t.equal(agent.status, 201);
    const peer = await TestPeer.start();
    t.teardown(() => peer.stop());

    const pc = await peer.dial('8000', sipPort);
    t.teardown(() => (pc.call.state === 'ended' ? undefined : pc.call.hangup()));
    t.ok(await waitFor(() => pc.heard.loudAt.length > 0, 20_000), 'the greeting is heard');
    const media = calls.media;
    if (!media) throw new Error('no media engine');

    media.killWorkerForTest('throw');
    t.ok(
      await waitFor(() => pc.hangups.length > 0, 10_000),
      `the appliance hangs up: ${JSON.stringify(pc.hangups)}`,
    );
    t.match(pc.hangups[0], { by: 'remote', reason: 'bye' }, 'with BYE');
    const ended = async () =>
      db
        .selectFrom('calls')
        .select(['id', 'state', 'end_reason'])
        .where('business_id', '=', biz.businessId)
        .executeTakeFirst();
    let row = await ended();
    for (let n = 0; n < 100 && row?.state !== 'ended'; n++) {
      await new Promise((r) => setTimeout(r, 100));
      row = await ended();
    }
    t.match(row, { state: 'ended', end_reason: 'media-failed' }, 'the call row ends with the reason');
    const ev = await db
      .selectFrom('call_events')
      .select(['event', 'payload'])
      .where('call_id', '=', row?.id ?? '')
      .execute();
    t.same(
      ev.filter((e) => e.event === 'media-failed').map((e) => JSON.parse(e.payload) as unknown),
      [{ reason: 'worker-died' }],
      'the media-failed event is stored',
    );

    t.ok(await waitFor(() => media.state === 'running', 30_000), 'the media engine restarted');
    const pc2 = await peer.dial('8000', sipPort);
    t.teardown(() => (pc2.call.state === 'ended' ? undefined : pc2.call.hangup()));
    t.equal(pc2.call.state, 'active', 'a new call is answered');
    t.ok(await waitFor(() => pc2.heard.loudAt.length > 0, 20_000), 'and its greeting is heard');
    await pc2.call.hangup();
    t.ok(await waitFor(() => calls.manager?.activeCount === 0, 10_000), 'no call left');
  });
}
