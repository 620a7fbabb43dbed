import { randomUUID } from 'node:crypto';
import t from 'tap';
import { dialects } from './helpers/dialects.js';
import { startTestApi } from './helpers/app.js';
import { insertCall, insertCallEvent } from '../calls/store.js';

type Doc = { paths: Record<string, Record<string, { security?: unknown[]; requestBody?: unknown }>> };

/** Valid bodies for routes that take one, so a request reaches the tenant check, not validation. */
const sampleBodies: Record<string, unknown> = {
  'put /agents/{id}': { greeting: 'Hijacked greeting' },
  'put /users/{id}': { name: 'Hijacked' },
  'post /agents/{id}/chat': { message: 'What are your opening hours?' },
  'put /webhooks/{id}': { events: ['call.ended'] },
  'put /integrations/{id}': { name: 'Hijacked' },
  'post /gaps/{id}/answer': { answer: 'Hijacked answer' },
};

/**
 * The isolation matrix: business B's owner calls every authenticated endpoint, found from the
 * OpenAPI document (so a new route is covered automatically), against business A's resources.
 * Every answer must be 403 or 404, no list may reveal an id of A's, and A's data is unchanged.
 */
for (const dialect of dialects) {
  t.test(`tenant isolation over every endpoint [${dialect}]`, async (t) => {
    // A's webhook and CRM point at loopback (never reachable from tenants unless the box
    // operator allows it): allowed here so that they can be created.
    const api = await startTestApi(t, dialect, { outbound: { allowNetworks: ['127.0.0.1'] } });
    const a = await api.register('Alpha');
    const b = await api.register('Bravo');
    const agentA = await api.call<{ id: string }>('POST', '/agents', {
      token: a.token,
      body: { name: 'Alpha agent', numbers: ['4001'] },
    });
    const keyA = await api.call<{ key: string; apiKey: { id: string } }>('POST', '/api-keys', {
      token: a.token,
      body: { name: 'k', role: 'viewer' },
    });
    const userA = await api.call<{ id: string }>('POST', '/users', {
      token: a.token,
      body: { email: `u${process.pid}@alpha.test`, password: 'long enough password', role: 'editor' },
    });
    await api.call('POST', '/agents', { token: b.token, body: { name: 'Bravo agent' } });
    await api.call('POST', '/business/subscribe', { token: a.token, body: { planId: 'starter' } });
    const invoicesA = await api.call<{ items: { id: string }[] }>('GET', '/business/invoices', {
      token: a.token,
    });
    const webhookA = await api.call<{ id: string }>('POST', '/webhooks', {
      token: a.token,
      body: { url: 'http://127.0.0.1:9/alpha', events: ['call.ended'] },
    });
    const deliveryA = await api.call<{ deliveryId: string }>('POST', `/webhooks/${webhookA.body.id}/test`, {
      token: a.token,
    });
    const integrationA = await api.call<{ id: string }>('POST', '/integrations', {
      token: a.token,
      body: { name: 'Alpha CRM', config: { baseUrl: 'http://127.0.0.1:9/crm' } },
    });
    const knowledgeA = await api.call<{ items: { id: string }[] }>('POST', '/knowledge/upload', {
      token: a.token,
      body: { title: 'Alpha FAQ', text: 'Q: When do you open?\nA: We open at 9 every weekday.' },
    });

    const chatA = await api.call<{ conversationId: string }>('POST', `/agents/${agentA.body.id}/chat`, {
      token: a.token,
      body: { message: 'Hello' },
    });
    // A knowledge gap of A's: a question A's agent could not answer (GET /gaps, POST /gaps/{id}/answer).
    await api.call('POST', `/agents/${agentA.body.id}/chat`, {
      token: a.token,
      body: { message: 'Do you sell alpha gift vouchers?', conversationId: chatA.body.conversationId },
    });
    const gapsA = await api.call<{ items: { id: string }[] }>('GET', '/gaps', { token: a.token });
    // A campaign of A's and a number on A's do-not-call list (campaigns module).
    const campaignA = await api.call<{ campaign: { id: string } }>('POST', '/campaigns', {
      token: a.token,
      body: { name: 'Alpha reminders', agentId: agentA.body.id, numbers: ['+15550004777'] },
    });
    t.equal(campaignA.status, 201, "A's campaign");
    t.equal(
      (await api.call('POST', '/dnc', { token: a.token, body: { numbers: ['+15550004888'] } })).status,
      200,
      "A's do-not-call entry",
    );
    // A recording of A's (calls module): a row is enough, the matrix must never reach the file.
    const recordingA = randomUUID();
    await api.app.ctx.db.kysely
      .insertInto('recordings')
      .values({
        id: recordingA,
        business_id: a.businessId,
        call_id: randomUUID(),
        conversation_id: null,
        agent_id: agentA.body.id,
        file: `recordings/${a.businessId}/${recordingA}.vrec`,
        bytes: 0,
        duration_ms: 0,
        sample_rate_hz: 8000,
        created_at: new Date().toISOString(),
      })
      .execute();
    // A finished call of A's with a keypad digit (GET /voice/calls/{id}/events).
    const callA = randomUUID();
    const at = new Date().toISOString();
    await insertCall(api.app.ctx.db.kysely, {
      id: callA,
      businessId: a.businessId,
      agentId: agentA.body.id,
      direction: 'inbound',
      caller: '+15550004001',
      dialed: '4001',
      state: 'ended',
      billing: 'included',
      startedAt: at,
    });
    await insertCallEvent(api.app.ctx.db.kysely, {
      businessId: a.businessId,
      callId: callA,
      conversationId: null,
      event: 'dtmf',
      occurredAt: at,
      receivedAt: at,
      payload: { digit: '7', source: 'rfc4733' },
    });
    const idsOfA: Record<string, string> = {
      '/voice/recordings/': recordingA,
      '/voice/calls/': callA,
      '/conversations/': chatA.body.conversationId,
      '/gaps/': gapsA.body.items[0]?.id ?? '',
      '/campaigns/': campaignA.body.campaign.id,
      '/agents/': agentA.body.id,
      '/api-keys/': keyA.body.apiKey.id,
      '/users/': userA.body.id,
      '/webhooks/': webhookA.body.id,
      '/integrations/': integrationA.body.id,
      '/knowledge/': knowledgeA.body.items[0]?.id ?? '',
      '/business/invoices/': invoicesA.body.items[0]?.id ?? '',
    };
    const otherIdsOfA: Record<string, string> = { '{deliveryId}': deliveryA.body.deliveryId };
    const secretsOfA = [
      a.businessId,
      a.userId,
      agentA.body.id,
      keyA.body.apiKey.id,
      userA.body.id,
      'Alpha',
      webhookA.body.id,
      integrationA.body.id,
      deliveryA.body.deliveryId,
      '15550004777',
      '15550004888',
      ...Object.values(idsOfA),
    ];

    /** Singletons of B's own that answer 404 until B sets them up (the Twilio account). */
    const notConfiguredForB = new Set(['/twilio/account']);
    const doc = (await api.call<Doc>('GET', '/api/v1/openapi.json')).body;
    let walked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (Array.isArray(op.security) && op.security.length === 0) continue; // public route
        let concrete = path;
        if (path.includes('{id}')) {
          const prefix = Object.keys(idsOfA).find((p) => path.startsWith(p));
          t.ok(prefix, `the matrix knows the resource behind ${method.toUpperCase()} ${path}`);
          if (!prefix) continue;
          concrete = path.replace('{id}', idsOfA[prefix] ?? '');
          for (const [param, id] of Object.entries(otherIdsOfA)) concrete = concrete.replace(param, id);
          const body = sampleBodies[`${method} ${path}`];
          const r = await api.call(method.toUpperCase(), concrete, {
            token: b.token,
            ...(body !== undefined ? { body } : {}),
          });
          t.ok(
            [403, 404].includes(r.status),
            `B ${method.toUpperCase()} ${path} on A's resource -> ${r.status}`,
          );
          walked++;
        } else if (method === 'get') {
          const r = await api.call(method.toUpperCase(), concrete, { token: b.token });
          // A per-business singleton B never configured answers 404 (B's own, not A's).
          if (notConfiguredForB.has(path))
            t.ok([200, 404].includes(r.status), `B GET ${path} -> ${r.status}`);
          else t.equal(r.status, 200, `B GET ${path}`);
          const text = JSON.stringify(r.body);
          for (const s of secretsOfA) t.notOk(text.includes(s), `B GET ${path} does not reveal A's ${s}`);
          walked++;
        }
      }
    }
    t.ok(walked >= 10, `walked ${walked} endpoints`);

    // A's resources are untouched.
    const after = await api.call<{ greeting: string; numbers: string[] }>(
      'GET',
      `/agents/${agentA.body.id}`,
      { token: a.token },
    );
    t.equal(after.status, 200);
    t.notOk(after.body.greeting.includes('Hijacked'));
    t.same(after.body.numbers, ['4001']);
    const gapAfter = await api.call<{ items: { status: string }[] }>('GET', '/gaps', { token: a.token });
    t.same(
      gapAfter.body.items.map((g) => g.status),
      ['open'],
      "A's gap is still open",
    );
    const campaignAfter = await api.call<{ status: string }>(
      'GET',
      `/campaigns/${campaignA.body.campaign.id}`,
      {
        token: a.token,
      },
    );
    t.equal(campaignAfter.body.status, 'draft', "A's campaign was neither started nor cancelled by B");
    await api.call('DELETE', '/dnc/+15550004888', { token: b.token });
    const dncAfter = await api.call('GET', '/dnc', { token: a.token });
    t.match(JSON.stringify(dncAfter.body), /15550004888/, "B's delete does not reach A's do-not-call list");
    t.equal((await api.call('GET', '/agents', { token: keyA.body.key })).status, 200, "A's key still works");
    t.equal(
      (await api.call('GET', `/users/${userA.body.id}`, { token: a.token })).status,
      200,
      "A's user still exists",
    );
    // B cannot take A's number.
    const steal = await api.call('POST', '/agents', {
      token: b.token,
      body: { name: 'thief', numbers: ['4001'] },
    });
    t.equal(steal.status, 409);
    t.notOk(JSON.stringify(steal.body).includes(a.businessId));
  });
}
