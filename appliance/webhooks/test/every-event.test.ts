/**
 * Every event a webhook can subscribe to (`webhookEvents`) has an emitter: each is caused here the
 * way the product causes it (an upload that reaches ready, one that fails, a call admitted past
 * 80 % of the plan, a call's records through its life, a message taken) and arrives over HTTP at a
 * receiver on 127.0.0.1 with a signature that verifies under the webhook's secret.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { encodeWav } from '../../../models/index.js';
import { messageRecorder } from '../../calls/call-events.js';
import { finishCallRecords, recordCallStarted, recordInboundCall } from '../../calls/call-records.js';
import { plaintextDir } from '../../calls/recordings.js';
import { CampaignScheduler } from '../../campaigns/index.js';
import { newId } from '../../ids.js';
import { upload, waitAllFinal } from '../../knowledge/test/helpers.js';
import { startTestApi } from '../../test/helpers/app.js';
import { dialects } from '../../test/helpers/dialects.js';
import { verifySignature, webhookEvents, type WebhookEventType } from '../index.js';
import { startReceiver, until } from './receiver.js';

/** The appliance configuration of this test, in one place: fast outbox timings. */
const testConfig = {
  outbox: { pollMs: 50, timeoutMs: 2000, backoffBaseMs: 20, backoffMaxMs: 200, maxAttempts: 4 },
  // The receiver listens on loopback, which the outbound guard refuses unless the operator allows it.
  outbound: { allowNetworks: ['127.0.0.0/8', '::1'] },
};

for (const dialect of dialects) {
  t.test(`every webhook event is emitted and delivered signed [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect, testConfig);
    const { ctx } = api.app;
    const db = ctx.db.kysely;
    const a = await api.register('Every Event');
    const tok = { token: a.token };
    const rx = await startReceiver(t, () => 200);
    const hook = await api.call<{ id: string; secret: string }>('POST', '/webhooks', {
      ...tok,
      body: { url: `${rx.url}/hook`, events: [...webhookEvents] },
    });
    t.equal(hook.status, 201, 'subscribed to every event type');
    const { secret } = hook.body;

    // knowledge.ready and knowledge.failed: one upload that ingests, one whose bytes are a broken PDF.
    const up = await upload(api, a.token, [
      {
        name: 'hours.txt',
        bytes: Buffer.from('We are open from nine to five, Monday to Saturday. Parking is free.\n'),
      },
      { name: 'broken.pdf', bytes: Buffer.from('%PDF-1.4\n1 0 obj garbage') },
    ]);
    t.equal(up.status, 201);
    t.same((await waitAllFinal(api, a.token)).map((d) => d.status).sort(), ['failed', 'ready']);

    // usage.threshold: the starter plan includes 100 calls; the call admitted as the 80th crosses 80 %.
    const sub = await api.call('POST', '/business/subscribe', { ...tok, body: { planId: 'starter' } });
    t.equal(sub.status, 201);
    const agent = await api.call<{ id: string }>('POST', '/agents', {
      ...tok,
      body: { name: 'Front desk', greeting: 'Hello.', numbers: ['5550100'] },
    });
    t.equal(agent.status, 201);
    await db
      .updateTable('usage_periods')
      .set({ calls: 79 })
      .where('business_id', '=', a.businessId)
      .execute();
    const callId = newId();
    const admission = await recordInboundCall(db, {
      id: callId,
      businessId: a.businessId,
      agentId: agent.body.id,
      caller: '5550199',
      dialed: '5550100',
      at: ctx.now(),
      // This node's call: a row with no node is a lost node's, and the cluster's sweep (every
      // heartbeat) ended it as "node_lost" when it ran between start and end on a busy box.
      nodeId: ctx.nodeId,
    });
    t.match(admission, { admitted: true }, 'the 80th call is admitted');

    // call.started, message.taken, call.ended, transcript.ready, recording.ready: the call's records.
    const conversationId = newId();
    await db
      .insertInto('conversations')
      .values({
        id: conversationId,
        business_id: a.businessId,
        agent_id: agent.body.id,
        channel: 'phone',
        caller: '5550199',
        status: 'active',
        started_at: ctx.now().toISOString(),
        ended_at: null,
        duration_ms: null,
        state: '{}',
        summary: null,
      })
      .execute();
    const call = {
      id: callId,
      businessId: a.businessId,
      agentId: agent.body.id,
      billing: admission.admitted ? admission.billing : 'refused',
      caller: '5550199',
      direction: 'inbound' as const,
    };
    const records = {
      db,
      now: ctx.now,
      log: ctx.log,
      masterKey: ctx.masterKey,
      dataDir: ctx.config.dataDir,
    };
    await recordCallStarted(records, call, conversationId);
    const messages = messageRecorder(records, { businessId: a.businessId, callId, conversationId });
    messages.taken({ name: 'Ada', callbackNumber: '5550199', text: 'Please call back.' });
    await messages.flushed();
    const wav = path.join(plaintextDir(ctx.config.dataDir), `${callId}.wav`);
    mkdirSync(path.dirname(wav), { recursive: true });
    writeFileSync(wav, encodeWav(new Int16Array(8000), 8000));
    await finishCallRecords(records, { ...call, startedAt: ctx.now().toISOString() }, conversationId, {
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
    });

    // campaign.*: a campaign started, paused, resumed and its one number dialed to completion by
    // the product's scheduler; the dial is scripted here (no telephony in this test: the real
    // calls are campaigns/test/campaign-e2e.test.ts).
    const camp = await api.call<{ campaign: { id: string } }>('POST', '/campaigns', {
      ...tok,
      body: {
        name: 'Reminders',
        agentId: agent.body.id,
        numbers: ['+15550123456'],
        timeZone: 'UTC',
        windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '24:00' }],
      },
    });
    t.equal(camp.status, 201, 'campaign created');
    const campaignId = camp.body.campaign.id;
    for (const action of ['start', 'pause', 'resume'])
      t.equal((await api.call('POST', `/campaigns/${campaignId}/${action}`, tok)).status, 200, action);
    const scheduler = new CampaignScheduler({
      db,
      log: ctx.log,
      now: ctx.now,
      nodeId: ctx.nodeId,
      dialer: () => ({ dial: () => Promise.resolve({ outcome: 'answered' as const, durationS: 42 }) }),
      intervalMs: 3_600_000,
    });
    for (let i = 0; i < 50; i++) {
      await scheduler.tick();
      const c = await api.call<{ status: string }>('GET', `/campaigns/${campaignId}`, tok);
      if (c.body.status === 'completed') break;
      await new Promise((r) => setTimeout(r, 50));
    }

    const received = (type: WebhookEventType) =>
      rx.received.filter((r) => r.headers['x-appliance-event'] === type);
    await until(
      'one delivery of every event type',
      () => webhookEvents.every((type) => received(type).length > 0),
      30_000,
    ).catch(() => undefined);
    for (const type of webhookEvents) {
      const got = received(type);
      t.ok(got.length > 0, `${type} received over HTTP`);
      for (const r of got) {
        const v = verifySignature({
          secret,
          header: String(r.headers['x-appliance-signature']),
          body: r.body,
        });
        t.ok(v.ok, `${type}: the signature verifies`);
        const env = JSON.parse(r.body) as { type: string; businessId: string; data: Record<string, unknown> };
        t.equal(env.type, type, `${type}: the envelope names it`);
        t.equal(env.businessId, a.businessId);
      }
    }
    const data = (type: WebhookEventType): Record<string, unknown> | undefined => {
      const r = received(type)[0];
      return r ? (JSON.parse(r.body) as { data: Record<string, unknown> }).data : undefined;
    };
    t.match(data('knowledge.ready'), { title: 'hours', chunks: Number });
    t.match(data('knowledge.failed'), { title: 'broken', error: /pdf/i });
    t.match(data('usage.threshold'), { metric: 'calls', thresholdPct: 80, used: 80, limit: 100 });
    t.match(data('message.taken'), { callId, message: { name: 'Ada' } });
    t.match(data('call.ended'), { callId, reason: 'caller-hangup' });
    // The post-call record rides in both end-of-call events (analytics/post-call.ts).
    t.match(data('call.ended'), { postCall: { outcome: 'message_taken', fields: {} } });
    t.match(data('transcript.ready'), { postCall: { outcome: 'message_taken', summary: String } });
    t.match(data('campaign.paused'), { campaignId, reason: 'user' });
    t.match(data('campaign.number.completed'), { campaignId, outcome: 'answered' });
    t.match(data('campaign.completed'), { campaignId });
  });
}
