/**
 * No call stays live forever (issue 17): a node's live calls are ended with a reason when the node
 * is lost (heartbeat older than cluster.nodeTimeoutS: ended by the others) or restarts (ended by
 * itself), and their usage is counted exactly once, even with several nodes sweeping together and
 * the owner finishing the call late.
 */
import t from 'tap';
import type { Kysely } from 'kysely';
import {
  finishCallRecords,
  recordCallFailedEarly,
  recordCallStarted,
  recordInboundCall,
} from '../../calls/call-records.js';
import type { Database } from '../../db/index.js';
import { newId } from '../../ids.js';
import { dialects } from '../../test/helpers/dialects.js';
import { startTestApi } from '../../test/helpers/app.js';
import { applianceCli } from '../../backup/test/helpers.js';
import { nodeRows } from '../nodes-cli.js';
import { startNodes, subscribed } from './helpers.js';

/** An inbound call admitted on `nodeId`, answered by the agent when `answered`; returns its ids. */
async function liveCall(
  db: Kysely<Database>,
  businessId: string,
  nodeId: string,
  at: Date,
  answered: boolean,
): Promise<{ callId: string; conversationId: string | null }> {
  const callId = newId();
  const a = await recordInboundCall(db, {
    id: callId,
    businessId,
    agentId: 'agent-x',
    caller: '+15550001111',
    dialed: '5550100',
    at,
    nodeId,
  });
  if (!a.admitted) throw new Error('not admitted');
  if (!answered) return { callId, conversationId: null };
  const conversationId = newId();
  await db
    .insertInto('conversations')
    .values({
      id: conversationId,
      business_id: businessId,
      agent_id: null,
      channel: 'phone',
      caller: null,
      status: 'active',
      started_at: at.toISOString(),
      ended_at: null,
      duration_ms: null,
      state: '{}',
      summary: null,
    })
    .execute();
  await recordCallStarted(
    { db, now: () => at },
    { id: callId, businessId, agentId: 'agent-x', billing: 'included', caller: null, direction: 'inbound' },
    conversationId,
  );
  return { callId, conversationId };
}

async function usage(db: Kysely<Database>, businessId: string): Promise<{ calls: number; seconds: number }> {
  const u = await db
    .selectFrom('usage_periods')
    .select(['calls', 'call_seconds'])
    .where('business_id', '=', businessId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return { calls: Number(u.calls), seconds: Number(u.call_seconds) };
}

const call = (db: Kysely<Database>, id: string) =>
  db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

for (const dialect of dialects) {
  t.test(`the live calls of a lost node are ended once, by the other nodes [${dialect}]`, async (t) => {
    let clock = new Date('2026-12-04T10:00:00.000Z');
    const now = (): Date => clock;
    // Two live nodes on one PostgreSQL database (SQLite is one node's embedded file: one node).
    const { nodes, databaseUrl, dataDirs } = await startNodes(
      t,
      dialect,
      dialect === 'postgres' ? 2 : 1,
      { cluster: { heartbeatMs: 600_000, nodeTimeoutS: 15 } },
      now,
    );
    const n1 = nodes[0]!;
    const n2 = nodes[1] ?? n1;
    const db = n1.app.ctx.db.kysely;
    const b = await subscribed(n1, db, 'Lost Node', clock);
    // A third node that dies: its row with a heartbeat at 10:00:20, then nothing.
    const dead = 'node-dead';
    await db
      .insertInto('nodes')
      .values({
        id: dead,
        address: 'x',
        started_at: clock.toISOString(),
        heartbeat_at: '2026-12-04T10:00:20.000Z',
        state: 'running',
      })
      .execute();
    const answered = await liveCall(db, b, dead, new Date('2026-12-04T10:00:05.000Z'), true);
    const ringing = await liveCall(db, b, dead, new Date('2026-12-04T10:00:19.000Z'), false);
    const mine = await liveCall(db, b, n1.app.ctx.nodeId, new Date('2026-12-04T10:00:10.000Z'), true);
    t.same(await usage(db, b), { calls: 3, seconds: 0 });

    // 10 s after its last heartbeat the node is not lost yet.
    clock = new Date('2026-12-04T10:00:30.000Z');
    // Every live node beats; n1's heartbeat is what keeps its own call live.
    t.equal(await n1.app.modules.cluster.tick(), 0, 'within the timeout nothing is ended');
    t.equal(await n2.app.modules.cluster.tick(), 0);
    t.equal((await call(db, answered.callId)).state, 'active');

    // 25 s after: both live nodes sweep at once; each call is ended exactly once.
    clock = new Date('2026-12-04T10:00:45.000Z');
    // What the operator sees first (`appliance cluster nodes`): the dead node lost, with its calls.
    const rows = await nodeRows(db, 15, clock);
    t.same(
      rows.find((x) => x.id === dead),
      {
        id: dead,
        health: 'lost',
        address: 'x',
        heartbeatAgeS: 25,
        startedAt: '2026-12-04T10:00:00.000Z',
        liveCalls: 2,
      },
      'the dead node: lost 25 s after its last heartbeat, 2 live calls',
    );
    t.match(
      rows.find((x) => x.id === n1.app.ctx.nodeId),
      { health: 'running', liveCalls: 1 },
    );
    // The real command, as an operator runs it against this database (its own clock: now).
    const cli = await applianceCli(['cluster', 'nodes', '--json'], {
      APPLIANCE_DATA_DIR: dataDirs[0]!,
      APPLIANCE_DATABASE_URL: databaseUrl,
      APPLIANCE_MODELS_DIR: n1.app.ctx.config.modelsDir,
    });
    t.equal(cli.code, 1, `exit 1: a node is lost ${cli.err}`);
    const listed = JSON.parse(cli.out) as Array<{ id: string; health: string; liveCalls: number }>;
    t.match(
      listed.find((x) => x.id === dead),
      { health: 'lost', liveCalls: 2 },
      'the CLI lists the dead node as lost, with its 2 live calls',
    );
    t.equal(listed.length, rows.length, 'every node listed');
    // Both nodes must keep beating to stay live themselves.
    const [e1, e2] = await Promise.all([n1.app.modules.cluster.tick(), n2.app.modules.cluster.tick()]);
    t.equal(e1 + e2, 2, 'the dead node’s two live calls are ended once between the sweepers');
    const a = await call(db, answered.callId);
    t.equal(a.state, 'ended');
    t.equal(a.end_reason, 'node_lost');
    t.equal(a.ended_at, '2026-12-04T10:00:20.000Z', 'ended as of the lost node’s last heartbeat');
    const r = await call(db, ringing.callId);
    t.equal(r.end_reason, 'node_lost');
    t.equal((await call(db, mine.callId)).state, 'active', 'a live node’s call stays live');
    const conv = await db
      .selectFrom('conversations')
      .select(['status', 'duration_ms'])
      .where('id', '=', answered.conversationId!)
      .executeTakeFirstOrThrow();
    t.same(conv, { status: 'ended', duration_ms: 15_000 }, 'its conversation ended with its duration');
    t.same(
      await usage(db, b),
      { calls: 2, seconds: 15 },
      'the answered call counts once with its 15 s; the ringing one gives its admission back',
    );
    const events = await db
      .selectFrom('outbox')
      .select(['event_type', 'body'])
      .where('business_id', '=', b)
      .where('event_type', 'in', ['call.ended', 'transcript.ready'])
      .execute();
    t.same(events.map((e) => e.event_type).sort(), ['call.ended', 'transcript.ready']);
    t.match(JSON.parse(events.find((e) => e.event_type === 'call.ended')!.body), {
      data: { callId: answered.callId, reason: 'node_lost', durationMs: 15_000 },
    });

    // Swept again, and the "dead" node coming back late to finish its call: nothing counts twice.
    t.equal(await n1.app.modules.cluster.tick(), 0);
    await finishCallRecords(
      { db, now, log: n1.app.ctx.log, masterKey: n1.app.ctx.masterKey, dataDir: n1.app.ctx.config.dataDir },
      {
        id: answered.callId,
        businessId: b,
        agentId: 'agent-x',
        billing: 'included',
        caller: null,
        direction: 'inbound',
        startedAt: '2026-12-04T10:00:05.000Z',
      },
      answered.conversationId,
      { reason: 'caller-hangup', durationMs: 60_000 } as never,
    );
    t.same(
      await usage(db, b),
      { calls: 2, seconds: 15 },
      'a late finish by the lost node is not counted again',
    );
    t.equal((await call(db, answered.callId)).end_reason, 'node_lost');
    // ... nor does its ringing call failing late give the admission back a second time.
    await recordCallFailedEarly({ db, now }, b, ringing.callId, {
      billing: 'included',
      at: '2026-12-04T10:00:19.000Z',
    });
    t.same(await usage(db, b), { calls: 2, seconds: 15 }, 'a late failure is not released twice');
    t.equal((await call(db, ringing.callId)).end_reason, 'node_lost');
  });

  t.test(`a node at restart ends the calls its previous run left live [${dialect}]`, async (t) => {
    let clock = new Date('2026-12-04T11:00:00.000Z');
    const now = (): Date => clock;
    const first = await startTestApi(t, dialect, { cluster: { nodeId: 'box-a', heartbeatMs: 600_000 } }, now);
    const db = first.app.ctx.db.kysely;
    const { databaseUrl, dataDir } = first.app.ctx.config;
    const b = await subscribed(first, db, 'Restart', clock);
    const live = await liveCall(db, b, 'box-a', new Date('2026-12-04T11:00:01.000Z'), true);
    clock = new Date('2026-12-04T11:00:31.000Z');
    await first.app.modules.cluster.tick(); // last heartbeat of the first run at 11:00:31
    // The process dies (no clean stop: its rows stay as they were) and comes back 5 min later.
    await db.updateTable('nodes').set({ state: 'running' }).where('id', '=', 'box-a').execute();
    clock = new Date('2026-12-04T11:05:00.000Z');
    const second = await startTestApi(
      t,
      dialect,
      { databaseUrl, dataDir, cluster: { nodeId: 'box-a' } },
      now,
    );
    const db2 = second.app.ctx.db.kysely;
    const c = await call(db2, live.callId);
    t.equal(c.state, 'ended', 'the previous run’s call is ended at start');
    t.equal(c.end_reason, 'node_restart');
    t.equal(c.ended_at, '2026-12-04T11:00:31.000Z', 'as of the previous run’s last heartbeat');
    t.same(await usage(db2, b), { calls: 1, seconds: 30 }, 'its 30 s counted once');
    const node = await db2
      .selectFrom('nodes')
      .selectAll()
      .where('id', '=', 'box-a')
      .executeTakeFirstOrThrow();
    t.equal(node.started_at, '2026-12-04T11:05:00.000Z', 'the node registered its new run');
  });
}

t.test('a node id is stable per install and host', async (t) => {
  const { resolveNodeId } = await import('../index.js');
  t.equal(resolveNodeId('edge-1', '/var/lib/a'), 'edge-1', 'a configured id is used as is');
  const a = resolveNodeId('', '/var/lib/a', 'box.example');
  t.equal(resolveNodeId('', '/var/lib/a', 'box.example'), a, 'same install, same id');
  t.not(resolveNodeId('', '/var/lib/b', 'box.example'), a, 'another data dir on the host, another id');
  t.match(a, /^box\.example-[0-9a-f]{8}$/);
});
