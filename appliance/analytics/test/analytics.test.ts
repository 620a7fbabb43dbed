import t from 'tap';
import { ConversationStore } from '../../conversations/index.js';
import { rollFinalDays } from '../module.js';
import { analytics } from '../queries.js';
import { newId } from '../../ids.js';
import { dialects } from '../../test/helpers/dialects.js';
import { startTestApi, type TestApi } from '../../test/helpers/app.js';

interface Figures {
  calls: number;
  minutes: number;
  contained: number;
  containment: number | null;
  transfers: number;
  messages: number;
  unanswered: number;
  p50Ms: number | null;
  p95Ms: number | null;
}
interface AnalyticsBody {
  from: string;
  to: string;
  bucket: string;
  agentId: string | null;
  totals: Figures;
  buckets: (Figures & { start: string })[];
  topIntents: { intent: string; count: number }[];
  busiestHours: { hour: number; calls: number }[];
}

const at = (s: string, plusS = 0): string => new Date(Date.parse(s) + plusS * 1000).toISOString();

/**
 * Known calls and turns, written as the appliance writes them (turns through the conversation
 * store, so the unanswered question becomes a gap on the way), with figures worked out by hand.
 */
async function seed(api: TestApi, businessId: string, a1: string, a2: string): Promise<void> {
  const db = api.app.ctx.db.kysely;
  const call = async (c: {
    agentId: string;
    start: string;
    talkS?: number;
    reason: string;
    billing?: string;
    message?: boolean;
    business?: string;
  }): Promise<void> => {
    await db
      .insertInto('calls')
      .values({
        id: newId(),
        business_id: c.business ?? businessId,
        agent_id: c.agentId,
        conversation_id: null,
        direction: 'inbound',
        caller: '15550100',
        dialed: '100',
        state: 'ended',
        billing: c.billing ?? 'included',
        started_at: at(c.start),
        answered_at: c.talkS === undefined ? null : at(c.start, 2),
        ended_at: at(c.start, 2 + (c.talkS ?? 0)),
        end_reason: c.reason,
        message: c.message ? JSON.stringify({ name: 'Jo', text: 'call me' }) : null,
        external_status: null,
        channel: 'sip',
        external_id: null,
        node_id: null,
      })
      .execute();
  };
  await call({ agentId: a1, start: '2026-11-30T09:10:00Z', talkS: 120, reason: 'agent-hangup' });
  await call({ agentId: a1, start: '2026-11-30T09:30:00Z', talkS: 60, reason: 'transferred' });
  await call({
    agentId: a2,
    start: '2026-11-30T14:05:00Z',
    talkS: 180,
    reason: 'caller-hangup',
    message: true,
  });
  await call({ agentId: a1, start: '2026-12-01T09:45:00Z', talkS: 30, reason: 'caller-hangup' });
  await call({ agentId: a1, start: '2026-12-01T10:00:00Z', reason: 'caller-hangup' }); // never answered
  await call({
    agentId: a1,
    start: '2026-12-01T11:00:00Z',
    talkS: 10,
    reason: 'agent-hangup',
    billing: 'test',
  });
  await call({
    agentId: a1,
    start: '2026-12-07T23:59:00Z',
    talkS: 90,
    reason: 'agent-hangup',
    billing: 'refused',
  });
  await call({ agentId: a1, start: '2026-12-08T00:00:00Z', talkS: 90, reason: 'agent-hangup' }); // after `to`

  const store = new ConversationStore(db);
  const conv = async (
    agentId: string,
    start: string,
    turns: { caller: string; intent: string; v2v: number }[],
  ): Promise<void> => {
    const id = await store.create({
      businessId,
      agentId,
      channel: 'voice',
      caller: null,
      startedAt: start,
      state: {},
    });
    let seq = 1;
    for (const [i, x] of turns.entries()) {
      const when = at(start, 10 * i);
      // A caller turn never carries voice-to-voice; one that did would move every percentile.
      await store.appendTurn({
        conversationId: id,
        businessId,
        seq: seq++,
        speaker: 'caller',
        text: x.caller,
        startedAt: when,
        latency: { voiceToVoiceMs: 99_999 },
      });
      await store.appendTurn({
        conversationId: id,
        businessId,
        seq: seq++,
        speaker: 'agent',
        text: 'reply',
        intent: x.intent,
        startedAt: when,
        latency: { voiceToVoiceMs: x.v2v },
        meta: { sources: [], grounded: x.intent !== 'unknown' },
      });
    }
  };
  await conv(a1, '2026-11-30T09:10:00.000Z', [
    { caller: 'when are you open', intent: 'hours', v2v: 200 },
    { caller: 'and on saturday', intent: 'hours', v2v: 100 },
    { caller: 'how much is a check up', intent: 'price', v2v: 400 },
    { caller: 'and a cleaning', intent: 'price', v2v: 300 },
    { caller: 'do you sell gift vouchers', intent: 'unknown', v2v: 1000 },
  ]);
  await conv(a2, '2026-12-01T09:45:00.000Z', [{ caller: 'are you open now', intent: 'hours', v2v: 500 }]);
}

for (const dialect of dialects) {
  t.test(`analytics in the database, per day and week, per agent, CSV [${dialect}]`, async (t) => {
    // Days end final 24 h after they end (rollup.ts): at this moment 30 Nov and 1 Dec are rolled
    // up by the first request, the rest of the range is read live.
    const api = await startTestApi(t, dialect, {}, () => new Date('2026-12-03T12:00:00Z'));
    const owner = await api.register('Elm Clinic');
    const other = await api.register('Other Shop');
    const tok = { token: owner.token };
    const mk = async (name: string, token: string): Promise<string> =>
      (await api.call<{ id: string }>('POST', '/agents', { token, body: { name } })).body.id;
    const a1 = await mk('Front desk', owner.token);
    const a2 = await mk('After hours', owner.token);
    const theirs = await mk('Shop', other.token);
    await seed(api, owner.businessId, a1, a2);
    // Another business's call on a busy day: never in these figures.
    await api.app.ctx.db.kysely
      .insertInto('calls')
      .values({
        id: newId(),
        business_id: other.businessId,
        agent_id: theirs,
        conversation_id: null,
        direction: 'inbound',
        caller: null,
        dialed: '200',
        state: 'ended',
        billing: 'included',
        started_at: '2026-11-30T09:00:00.000Z',
        answered_at: '2026-11-30T09:00:01.000Z',
        ended_at: '2026-11-30T09:10:01.000Z',
        end_reason: 'transferred',
        message: null,
        external_status: null,
        channel: 'sip',
        external_id: null,
        node_id: null,
      })
      .execute();

    const range = 'from=2026-11-30T00:00:00Z&to=2026-12-08T00:00:00Z';
    const day = await api.call<AnalyticsBody>('GET', `/analytics?${range}`, tok);
    t.equal(day.status, 200);
    t.equal(day.body.bucket, 'day');
    t.same(day.body.totals, {
      calls: 6,
      minutes: 8,
      contained: 3,
      containment: 0.6,
      transfers: 1,
      messages: 1,
      unanswered: 1,
      p50Ms: 300,
      p95Ms: 1000,
    });
    t.same(
      day.body.buckets.map((b) => [
        b.start,
        b.calls,
        b.minutes,
        b.contained,
        b.containment,
        b.transfers,
        b.messages,
        b.unanswered,
        b.p50Ms,
        b.p95Ms,
      ]),
      [
        ['2026-11-30', 3, 6, 2, 0.667, 1, 1, 1, 300, 1000],
        ['2026-12-01', 2, 0.5, 1, 1, 0, 0, 0, 500, 500],
        ['2026-12-07', 1, 1.5, 0, 0, 0, 0, 0, null, null],
      ],
      'per day: test calls, later calls and other businesses left out',
    );
    t.same(day.body.topIntents, [
      { intent: 'hours', count: 3 },
      { intent: 'price', count: 2 },
      { intent: 'unknown', count: 1 },
    ]);
    t.equal(day.body.busiestHours.length, 24);
    t.same(
      day.body.busiestHours.filter((h) => h.calls > 0),
      [
        { hour: 9, calls: 3 },
        { hour: 10, calls: 1 },
        { hour: 14, calls: 1 },
        { hour: 23, calls: 1 },
      ],
    );

    const rolled = await api.app.ctx.db.kysely
      .selectFrom('analytics_rolled')
      .select('day')
      .where('business_id', '=', owner.businessId)
      .orderBy('day')
      .execute();
    t.same(
      rolled.map((d) => d.day),
      ['2026-11-30', '2026-12-01'],
      'final days rolled up, later ones read live',
    );
    const allLive = await analytics(
      api.app.ctx.db,
      {
        businessId: owner.businessId,
        from: '2026-11-30T00:00:00.000Z',
        to: '2026-12-08T00:00:00.000Z',
        bucket: 'day',
      },
      new Date('2026-11-01T00:00:00Z'),
    );
    t.same(
      { ...allLive, from: day.body.from, to: day.body.to },
      day.body,
      'the rolled-up days give exactly what the raw rows give',
    );

    // The background pass rolls up what became final since (here: up to 5 Dec, as of 7 Dec noon).
    t.equal(await rollFinalDays({ db: api.app.ctx.db, now: () => new Date('2026-12-07T12:00:00Z') }), 2);
    const rolledLater = await api.app.ctx.db.kysely
      .selectFrom('analytics_rolled')
      .select('day')
      .where('business_id', '=', owner.businessId)
      .where('day', '>=', '2026-11-30')
      .orderBy('day')
      .execute();
    t.same(
      rolledLater.map((d) => d.day),
      ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05'],
      'the background pass rolled the days that became final',
    );
    const again = await api.call<AnalyticsBody>('GET', `/analytics?${range}`, tok);
    t.same(again.body, day.body, 'the same figures from more rolled days');

    const week = await api.call<AnalyticsBody>('GET', `/analytics?${range}&bucket=week`, tok);
    t.same(
      week.body.buckets.map((b) => [b.start, b.calls, b.minutes, b.unanswered, b.p50Ms, b.p95Ms]),
      [
        ['2026-11-30', 5, 6.5, 1, 300, 1000],
        ['2026-12-07', 1, 1.5, 0, null, null],
      ],
      'weeks start on Monday',
    );

    const one = await api.call<AnalyticsBody>('GET', `/analytics?${range}&agentId=${a2}`, tok);
    t.equal(one.body.agentId, a2);
    t.same(one.body.totals, {
      calls: 1,
      minutes: 3,
      contained: 1,
      containment: 1,
      transfers: 0,
      messages: 1,
      unanswered: 0,
      p50Ms: 500,
      p95Ms: 500,
    });
    t.same(one.body.topIntents, [{ intent: 'hours', count: 1 }]);

    const csv = await api.call<string>('GET', `/analytics?${range}&format=csv`, tok);
    t.equal(csv.status, 200);
    t.match(csv.headers.get('content-type'), /text\/csv/);
    t.equal(
      csv.body,
      'day,calls,minutes,contained,containment,transfers,messages,unanswered,p50Ms,p95Ms\r\n' +
        '2026-11-30,3,6,2,0.667,1,1,1,300,1000\r\n' +
        '2026-12-01,2,0.5,1,1,0,0,0,500,500\r\n' +
        '2026-12-07,1,1.5,0,0,0,0,0,,\r\n' +
        'total,6,8,3,0.6,1,1,1,300,1000\r\n',
    );

    const gaps = await api.call<{ items: { question: string; count: number }[] }>(
      'GET',
      `/gaps?agentId=${a1}`,
      tok,
    );
    t.same(
      gaps.body.items.map((g) => [g.question, g.count]),
      [['do you sell gift vouchers', 1]],
      'the unanswered turn became a gap',
    );

    const empty = await api.call<AnalyticsBody>('GET', `/analytics?${range}`, { token: other.token });
    t.equal(empty.body.totals.calls, 1, 'the other business sees only its own call');
    t.equal(empty.body.totals.transfers, 1);
    t.equal(
      (await api.call('GET', '/analytics?from=2026-12-08T00:00:00Z&to=2026-11-30T00:00:00Z', tok)).status,
      400,
      'from after to',
    );
    t.equal((await api.call('GET', `/analytics?${range}`)).status, 401);
  });
}
