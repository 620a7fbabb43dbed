import t from 'tap';
import { forEachDialect } from '../../test/helpers/dialects.js';
import type { AppError } from '../../errors.js';
import { addDnc } from '../dnc.js';
import { campaignReport } from '../report.js';
import { nextState, retryDelayS } from '../state-machine.js';
import { getCampaignRow, listNumbers } from '../store.js';
import {
  Clock,
  flush,
  newScheduler,
  queuedEvents,
  ScriptedDialer,
  seedBusiness,
  seedCampaign,
} from './fixtures.js';

const start = new Date('2026-03-09T14:00:00Z');
const [n1, n2, n3, n4, n5, n6] = [
  '+4930100001',
  '+4930100002',
  '+4930100003',
  '+4930100004',
  '+4930100005',
  '+4930100006',
];

t.test('the state machine: legal moves, 409 for the rest', async (t) => {
  t.equal(nextState('draft', 'start'), 'running');
  t.equal(nextState('running', 'pause'), 'paused');
  t.equal(nextState('paused', 'resume'), 'running');
  t.equal(nextState('running', 'complete'), 'completed');
  t.equal(nextState('paused', 'cancel'), 'cancelled');
  for (const [from, action] of [
    ['draft', 'pause'],
    ['draft', 'resume'],
    ['running', 'start'],
    ['paused', 'complete'],
    ['completed', 'resume'],
    ['cancelled', 'start'],
    ['completed', 'cancel'],
  ] as const) {
    const err = t.throws(() => nextState(from, action)) as AppError;
    t.equal(err.httpStatus, 409, `${from} -> ${action}`);
  }
  t.same(
    [1, 2, 3].map((a) => retryDelayS(600, a)),
    [600, 1200, 2400],
    'backoff doubles per attempt',
  );
});

forEachDialect(t, 'concurrency, retries with backoff, DNC, completion, report and events', async (t, db) => {
  const clock = new Clock(start);
  const { businessId, agentId } = await seedBusiness(db, start);
  await addDnc(db.kysely, businessId, [n4], start);
  const id = await seedCampaign(db, businessId, agentId, [n1, n2, n3, n4, n5, n6], start);
  const dialer = new ScriptedDialer().script(n2, 'no-answer', 'voicemail').script(n3, 'busy', 'busy', 'busy');
  const s = newScheduler(db, clock, dialer);
  const numbers = async () =>
    new Map(
      (await listNumbers(db.kysely, businessId, id, { limit: 50, offset: 0 })).items.map((n) => [
        n.number,
        n,
      ]),
    );

  t.equal((await numbers()).get(n4)?.status, 'dnc-skipped', 'on the DNC list at upload');
  await s.transition(businessId, id, 'start');

  dialer.hold = true;
  await s.tick();
  await flush();
  t.same(
    dialer.calls.map((c) => c.number),
    [n1, n2],
    'two calls at concurrency 2, in list order',
  );
  t.match(dialer.calls[0], {
    campaignId: id,
    businessId,
    agentId,
    voicemailMessage: 'Please call us back.',
    amd: true,
  });
  await s.tick();
  await flush();
  t.equal(dialer.calls.length, 2, 'no third call while two are up');
  t.equal((await numbers()).get(n1)?.status, 'dialing');
  dialer.hold = false;
  dialer.release();
  await s.settle();
  let ns = await numbers();
  t.match(ns.get(n1), {
    status: 'done',
    outcome: 'answered',
    attempts: 1,
    lastCallId: 'call-1',
    durationS: 60,
  });
  t.match(ns.get(n2), {
    status: 'retry',
    outcome: 'no-answer',
    attempts: 1,
    nextAttemptAt: new Date(start.getTime() + 600_000).toISOString(),
  });

  await s.tick();
  await s.settle();
  t.same(
    dialer.calls.slice(2).map((c) => c.number),
    [n3, n5],
    'n2 is not due yet; the next two pending numbers go',
  );
  await addDnc(db.kysely, businessId, [n6], clock.now());
  await s.tick();
  await s.settle();
  t.equal(dialer.calls.length, 4, 'n6 went on the DNC list after the upload: never dialed');
  t.equal((await numbers()).get(n6)?.status, 'dnc-skipped');

  clock.advanceS(600);
  await s.tick();
  await s.settle();
  ns = await numbers();
  t.match(ns.get(n2), { status: 'done', outcome: 'voicemail', attempts: 2 });
  t.match(ns.get(n3), {
    status: 'retry',
    outcome: 'busy',
    attempts: 2,
    nextAttemptAt: new Date(clock.now().getTime() + 1_200_000).toISOString(),
  });
  clock.advanceS(1199);
  await s.tick();
  await s.settle();
  t.equal(dialer.calls.length, 6, 'the third attempt waits for the doubled backoff');
  clock.advanceS(1);
  await s.tick();
  await s.settle();
  t.equal(dialer.calls.length, 7);
  t.match(
    (await numbers()).get(n3),
    { status: 'done', outcome: 'busy', attempts: 3 },
    'gave up after maxAttempts',
  );
  t.equal(
    (await getCampaignRow(db.kysely, businessId, id))?.status,
    'completed',
    'completed with the last result',
  );
  t.equal(dialer.maxLive, 2, 'concurrency never exceeded');

  // Hand-worked: done n1 answered (60 s), n2 voicemail (20 s), n3 busy, n5 answered (60 s);
  // n4, n6 skipped. Attempts 1 + 2 + 3 + 1 = 7; rates over the 4 done; 140 s = 2.3 min.
  t.same(await campaignReport(db.kysely, businessId, id), {
    campaignId: id,
    numbers: 6,
    byState: { pending: 0, dialing: 0, retry: 0, done: 4, 'dnc-skipped': 2, cancelled: 0 },
    byOutcome: { answered: 2, voicemail: 1, 'no-answer': 0, busy: 1, failed: 0 },
    attempts: 7,
    dialed: 4,
    answerRate: 0.5,
    voicemailRate: 0.25,
    minutes: 2.3,
  });

  const events = await queuedEvents(db, businessId);
  const of = (type: string) => events.filter((e) => e.type === type);
  t.equal(of('campaign.started').length, 1);
  t.same(
    of('campaign.number.completed')
      .map((e) => e.data.number)
      .sort(),
    [n1, n2, n3, n5],
  );
  t.match(of('campaign.number.completed').find((e) => e.data.number === n3)?.data, {
    outcome: 'busy',
    attempts: 3,
  });
  t.equal(of('campaign.completed').length, 1);
  t.match(of('campaign.completed')[0]?.data, {
    campaignId: id,
    status: 'completed',
    report: { attempts: 7 },
  });
});

forEachDialect(
  t,
  'the plan limit pauses the campaign, before dialing and when the dialer refuses',
  async (t, db) => {
    const clock = new Clock(start);
    const { businessId, agentId } = await seedBusiness(db, start, { plan: 'starter' });
    const id = await seedCampaign(db, businessId, agentId, [n1, n2], start);
    const dialer = new ScriptedDialer().script(n1, 'plan');
    const s = newScheduler(db, clock, dialer);
    await s.transition(businessId, id, 'start');

    // At the Starter plan's 100 included calls (no per-call price): nothing is dialed.
    const atLimit = (calls: number) =>
      db.kysely.updateTable('usage_periods').set({ calls }).where('business_id', '=', businessId).execute();
    await atLimit(100);
    await s.tick();
    await s.settle();
    t.equal(dialer.calls.length, 0, 'no call placed');
    t.match(await getCampaignRow(db.kysely, businessId, id), {
      status: 'paused',
      pause_reason: 'plan-limit',
    });
    t.match(
      (await queuedEvents(db, businessId)).filter((e) => e.type === 'campaign.paused'),
      [{ data: { campaignId: id, reason: 'plan-limit' } }],
    );

    // Room again (e.g. a new period); the dialer's own admission refuses the first call.
    await atLimit(0);
    await s.transition(businessId, id, 'resume');
    await s.tick();
    await s.settle();
    t.equal(dialer.calls[0]?.number, n1);
    t.match(await getCampaignRow(db.kysely, businessId, id), {
      status: 'paused',
      pause_reason: 'plan-limit',
    });
    const n = (await listNumbers(db.kysely, businessId, id, { limit: 10, offset: 0 })).items;
    t.match(n[0], { number: n1, status: 'pending', attempts: 0 }, 'the refused call is not an attempt');
    t.equal((await queuedEvents(db, businessId)).filter((e) => e.type === 'campaign.paused').length, 2);
  },
);

forEachDialect(t, 'pause, resume, cancel, box full, and windows', async (t, db) => {
  const clock = new Clock(start); // Monday 14:00Z = 10:00 in New York (EDT)
  const { businessId, agentId } = await seedBusiness(db, start);
  const nums = [n1, n2, n3, n4];
  const id = await seedCampaign(db, businessId, agentId, nums, start, {
    concurrency: 1,
    timeZone: 'America/New_York',
    windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
  });
  const dialer = new ScriptedDialer().script(n2, 'unavailable', 'answered');
  const s = newScheduler(db, clock, dialer);
  await t.rejects(s.transition(businessId, id, 'pause'), { code: 'conflict' }, 'a draft cannot pause');
  const empty = await seedCampaign(db, businessId, agentId, [], start);
  await t.rejects(s.transition(businessId, empty, 'start'), { code: 'conflict' }, 'no numbers, no start');

  await s.transition(businessId, id, 'start');
  await s.tick();
  await s.settle();
  t.equal(dialer.calls.length, 1);
  await s.transition(businessId, id, 'pause');
  t.match(await getCampaignRow(db.kysely, businessId, id), { status: 'paused', pause_reason: 'user' });
  await s.tick();
  await s.settle();
  t.equal(dialer.calls.length, 1, 'paused: nothing dialed');
  await s.transition(businessId, id, 'resume');

  await s.tick();
  await s.settle();
  t.equal(dialer.calls.length, 2, 'n2 tried: the box was full');
  t.match(
    (await listNumbers(db.kysely, businessId, id, { limit: 10, offset: 0 })).items[1],
    { number: n2, status: 'pending', attempts: 0 },
    'no attempt counted when the box has no slot',
  );

  clock.t = new Date('2026-03-09T21:30:00Z'); // 17:30 in New York: closed
  await s.tick();
  await s.settle();
  t.equal(dialer.calls.length, 2, 'window closed: nothing dialed');
  clock.t = new Date('2026-03-10T13:00:00Z'); // Tuesday 09:00
  dialer.hold = true;
  await s.tick();
  await flush();
  t.equal(dialer.calls.length, 3, 'window open again');
  t.equal(dialer.waiting, 1);

  const cancelled = await s.transition(businessId, id, 'cancel');
  t.equal(cancelled.status, 'cancelled');
  t.ok(cancelled.ended_at);
  dialer.release();
  await s.settle();
  const after = (await listNumbers(db.kysely, businessId, id, { limit: 10, offset: 0 })).items;
  t.same(
    after.map((n) => [n.number, n.status]),
    [
      [n1, 'done'],
      [n2, 'done'],
      [n3, 'cancelled'],
      [n4, 'cancelled'],
    ],
    'the call under way was recorded; the rest cancelled',
  );
  await t.rejects(s.transition(businessId, id, 'resume'), { code: 'conflict', httpStatus: 409 });
  t.match(
    (await queuedEvents(db, businessId)).filter((e) => e.type === 'campaign.completed'),
    [{ data: { status: 'cancelled' } }],
  );
});

forEachDialect(t, 'a restart puts back the calls this node left dialing', async (t, db) => {
  const clock = new Clock(start);
  const { businessId, agentId } = await seedBusiness(db, start);
  const id = await seedCampaign(db, businessId, agentId, [n1, n2, n3], start, {
    concurrency: 2,
    maxAttempts: 2,
  });
  const dialer = new ScriptedDialer();
  dialer.hold = true;
  const crashed = newScheduler(db, clock, dialer);
  await crashed.transition(businessId, id, 'start');
  await crashed.tick();
  await flush();
  t.equal(dialer.waiting, 2);
  // n3 is being dialed by another node of the cluster: not this node's to recover.
  await db.kysely
    .updateTable('campaign_numbers')
    .set({ status: 'dialing', dialing_node: 'node-b' })
    .where('number', '=', n3)
    .execute();
  // n2 already had an attempt: the interrupted one is its last.
  await db.kysely.updateTable('campaign_numbers').set({ attempts: 1 }).where('number', '=', n2).execute();

  const restarted = newScheduler(db, clock, new ScriptedDialer());
  t.teardown(() => restarted.stop());
  await restarted.start();
  const ns = new Map(
    (await listNumbers(db.kysely, businessId, id, { limit: 10, offset: 0 })).items.map((n) => [n.number, n]),
  );
  t.match(ns.get(n1), {
    status: 'retry',
    attempts: 1,
    lastReason: 'interrupted',
    nextAttemptAt: start.toISOString(),
  });
  t.match(ns.get(n2), { status: 'done', attempts: 2, outcome: 'failed' }, 'out of attempts');
  t.equal(ns.get(n3)?.status, 'dialing', "another node's call is left alone");
  // The crashed process's calls end late: their results no longer apply.
  dialer.release();
  await crashed.settle();
  t.equal(
    (await listNumbers(db.kysely, businessId, id, { limit: 10, offset: 0 })).items[0]?.attempts,
    1,
    'a result for a number no longer dialing is dropped',
  );
  t.equal(
    (await queuedEvents(db, businessId)).filter((e) => e.type === 'campaign.number.completed').length,
    1,
    'only n2 (out of attempts at the restart) ended; the late results emit nothing',
  );
});
