/**
 * Shared state across nodes (issue 17): several real appliances on ONE PostgreSQL database, each
 * with its own connection pool, data dir and node id. Plan admission is exact across them, an
 * API rate limit holds for the business as a whole, and no webhook event is delivered twice.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { encodeWav } from '../../../models/index.js';
import { finishCallRecords, recordInboundCall, recordTestCall } from '../../calls/call-records.js';
import { plaintextDir } from '../../calls/recordings.js';
import { sharedFilesDir } from '../../config/index.js';
import { newId } from '../../ids.js';
import { query, upload, waitAllFinal } from '../../knowledge/test/helpers.js';
import { emitEvent } from '../../webhooks/index.js';
import { startReceiver, until } from '../../webhooks/test/receiver.js';
import { startNodes, subscribed } from './helpers.js';

t.test('concurrent admissions spread over three nodes admit exactly the remaining calls', async (t) => {
  const at = new Date();
  const { nodes } = await startNodes(t, 'postgres', 3);
  const dbs = nodes.map((n) => n.app.ctx.db.kysely);
  const db = dbs[0]!;
  const b = await subscribed(nodes[0]!, db, 'Admit', at);
  const admit = (i: number) =>
    recordInboundCall(dbs[i % dbs.length]!, {
      id: newId(),
      businessId: b,
      agentId: 'agent-x',
      caller: null,
      dialed: '5550100',
      at,
      nodeId: nodes[i % nodes.length]!.app.ctx.nodeId,
    });
  // The starter plan includes 100 calls: 93 used, then 60 race for the last 7 on three nodes.
  for (let i = 0; i < 93; i++) await admit(i);
  const results = await Promise.all(Array.from({ length: 60 }, (_, i) => admit(i)));
  t.equal(results.filter((r) => r.admitted).length, 7, 'exactly the 7 remaining calls are admitted');
  const u = await db
    .selectFrom('usage_periods')
    .select('calls')
    .where('business_id', '=', b)
    .executeTakeFirstOrThrow();
  t.equal(Number(u.calls), 100);
  const rows = await db
    .selectFrom('calls')
    .select(['billing', 'node_id'])
    .where('business_id', '=', b)
    .execute();
  t.equal(
    rows.filter((r) => r.billing !== 'refused').length,
    100,
    'the count never drifts from the call rows',
  );
  t.same(
    [...new Set(rows.map((r) => r.node_id))].sort(),
    ['node-1', 'node-2', 'node-3'],
    'each row names its node',
  );
});

t.test('a business’s API rate limit holds across nodes', async (t) => {
  const http = { port: 0, bindAddress: '127.0.0.1', shutdownGraceMs: 2000, publicRatePerS: 1000 };
  // A business without a plan gets http.unsubscribedRatePerS: 1 request/s, a burst of 60.
  const { nodes } = await startNodes(t, 'postgres', 2, { http: { ...http, unsubscribedRatePerS: 1 } });
  const [n1, n2] = [nodes[0]!, nodes[1]!];
  const a = await n1.register('Rate');
  const t0 = Date.now();
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  // 100 requests, alternating nodes, a few at a time.
  for (let i = 0; i < 100; i += 4) {
    const rs = await Promise.all(
      [0, 1, 2, 3].map((k) => (k % 2 ? n2 : n1).call('GET', '/business/profile', { token: a.token })),
    );
    for (const r of rs) {
      statuses.push(r.status);
      if (r.status === 429) retryAfter ??= r.headers.get('retry-after');
    }
  }
  const elapsedS = (Date.now() - t0) / 1000;
  const ok = statuses.filter((s) => s === 200).length;
  // Registering took requests too (public bucket, not the business's); the business's bucket
  // holds 60 and refills 1 per second.
  t.ok(
    ok >= 55 && ok <= 60 + Math.ceil(elapsedS) + 1,
    `${ok} of 100 passed in ${elapsedS.toFixed(1)} s (burst 60 + 1/s)`,
  );
  t.equal(statuses.filter((s) => s === 429).length, 100 - ok, 'the rest are 429');
  t.ok(Number(retryAfter) >= 1, 'with Retry-After');
});

t.test('two nodes never deliver the same webhook event twice; an expired lease is taken over', async (t) => {
  const overrides = {
    outbox: { pollMs: 20, timeoutMs: 2000, backoffBaseMs: 20, backoffMaxMs: 200, maxAttempts: 4 },
    outbound: { allowNetworks: ['127.0.0.0/8'] },
  };
  const { nodes } = await startNodes(t, 'postgres', 2, overrides);
  const db = nodes[0]!.app.ctx.db.kysely;
  const rx = await startReceiver(t, () => 200);
  const a = await nodes[0]!.register('Outbox');
  const hook = await nodes[0]!.call('POST', '/webhooks', {
    token: a.token,
    body: { url: `${rx.url}/hook`, events: ['call.ended'] },
  });
  t.equal(hook.status, 201);
  const n = 60;
  // One transaction: no node sees the events before the first is set up as a dead node's claim
  // (delivering, its lease ended a moment ago).
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i++)
      await emitEvent(trx, a.businessId, 'call.ended', { callId: `c${i}` }, new Date());
    const stuck = await trx
      .selectFrom('outbox')
      .select('id')
      .where('business_id', '=', a.businessId)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('outbox')
      .set({ status: 'delivering', lease_until: new Date(Date.now() - 1000).toISOString(), attempts: 1 })
      .where('id', '=', stuck.id)
      .execute();
  });
  await until('every event delivered', async () => {
    const left = await db
      .selectFrom('outbox')
      .select('id')
      .where('business_id', '=', a.businessId)
      .where('status', '!=', 'delivered')
      .execute();
    return left.length === 0;
  });
  await new Promise((r) => setTimeout(r, 300));
  const ids = rx.received.map((r) => (JSON.parse(r.body) as { data: { callId: string } }).data.callId);
  t.equal(ids.length, n, `${n} deliveries for ${n} events`);
  t.equal(new Set(ids).size, n, 'each event delivered once');
  const attempts = await db
    .selectFrom('outbox_attempts')
    .select('outbox_id')
    .where('business_id', '=', a.businessId)
    .execute();
  t.equal(attempts.length, n, 'one attempt recorded per event');
});

t.test('a node notices knowledge added on another node and rebuilds its own index', async (t) => {
  const { nodes } = await startNodes(t, 'postgres', 2);
  const [n1, n2] = [nodes[0]!, nodes[1]!];
  const a = await n1.register('Knowledge');
  // Node 2 loads its (empty) index of this business first.
  t.same(await query(n2, a.token, 'when is the pizzeria open'), [], 'nothing known yet');
  const up = await upload(n1, a.token, [
    {
      name: 'hours.txt',
      bytes: Buffer.from('Bella Napoli pizzeria is open from noon to eleven at night, Tuesday to Sunday.\n'),
    },
  ]);
  t.equal(up.status, 201);
  t.same(
    (await waitAllFinal(n1, a.token)).map((d) => d.status),
    ['ready'],
  );
  // Node 2 checks the version at query time (at most every 2 s) and rebuilds in the background.
  let hits: Awaited<ReturnType<typeof query>> = [];
  await until('node 2 answers from the new document', async () => {
    hits = await query(n2, a.token, 'when is the pizzeria open');
    return hits.length > 0;
  });
  t.match(hits[0]?.text, /noon to eleven/, 'node 2 finds the passage uploaded on node 1');
});

t.test('a recording made on one node plays from another through the shared directory', async (t) => {
  const sharedDir = mkdtempSync(path.join(os.tmpdir(), 'appliance-shared-'));
  t.teardown(() => rmSync(sharedDir, { recursive: true, force: true }));
  const { nodes } = await startNodes(t, 'postgres', 2, { cluster: { sharedDir } });
  const [n1, n2] = [nodes[0]!, nodes[1]!];
  const ctx = n1.app.ctx;
  const a = await n1.register('Recording');
  const callId = newId();
  await recordTestCall(ctx.db.kysely, {
    id: callId,
    businessId: a.businessId,
    agentId: 'agent-x',
    dialed: '5550100',
    startedAt: ctx.now().toISOString(),
    nodeId: ctx.nodeId,
  });
  // The call manager's records: the plaintext WAV local to node 1, the encrypted file shared.
  const wav = path.join(plaintextDir(ctx.config.dataDir), `${callId}.wav`);
  mkdirSync(path.dirname(wav), { recursive: true });
  const pcm = new Int16Array(8000).map((_, i) => Math.round(8000 * Math.sin(i / 5)));
  writeFileSync(wav, encodeWav(pcm, 8000));
  await finishCallRecords(
    {
      db: ctx.db.kysely,
      now: ctx.now,
      log: ctx.log,
      masterKey: ctx.masterKey,
      dataDir: sharedFilesDir(ctx.config),
    },
    {
      id: callId,
      businessId: a.businessId,
      agentId: 'agent-x',
      billing: 'test',
      caller: null,
      direction: 'outbound',
      startedAt: ctx.now().toISOString(),
    },
    null,
    {
      reason: 'caller-hangup',
      durationMs: 1000,
      media: {
        recordingPath: wav,
        recordingDurationMs: 1000,
        recordingSampleRateHz: 8000,
        stats: undefined as never,
      },
      teardownMs: 0,
      stored: Promise.resolve(),
    },
  );
  const list = await n2.call<{ items: { id: string }[] }>('GET', '/voice/recordings', { token: a.token });
  t.equal(list.status, 200);
  const id = list.body.items[0]?.id;
  t.ok(id, 'node 2 lists the recording');
  const res = await fetch(`${n2.baseUrl}/api/v1/voice/recordings/${id}/audio`, {
    headers: { authorization: `Bearer ${a.token}` },
  });
  t.equal(res.status, 200, 'node 2 serves it');
  const body = Buffer.from(await res.arrayBuffer());
  t.ok(body.equals(encodeWav(pcm, 8000)), 'the same audio, decrypted with the shared master key');
});
