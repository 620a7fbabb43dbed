import t from 'tap';
import { dialects } from '../../test/helpers/dialects.js';
import { Writable } from 'node:stream';
import { createLogger } from '../../log.js';
import { startTestApi } from '../../test/helpers/app.js';
import { emitEvent, verifySignature } from '../index.js';
import { startReceiver, until } from './receiver.js';

// Fast outbox timings (config.outbox, read when the module is built). The receivers listen on
// loopback, which the outbound policy refuses unless the box operator allows it: allowed here.
const fast = {
  outbox: { pollMs: 50, timeoutMs: 1000, backoffBaseMs: 20, backoffMaxMs: 200, maxAttempts: 4 },
  outbound: { allowNetworks: ['127.0.0.0/8', '::1'] },
};

interface Delivery {
  id: string;
  status: string;
  attempts: number;
  log: { statusCode: number | null; error: string | null }[];
}

for (const dialect of dialects) {
  t.test(`deliveries survive failures and timeouts, signed and deduplicable [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect, fast);
    const a = await api.register('Hooks');
    const tok = { token: a.token };
    // Requests 1-3 fail with 500, the 4th hangs past the timeout, then the receiver recovers.
    const rx = await startReceiver(t, (_r, n) => (n <= 3 ? 500 : n === 4 ? 'hang' : 200));
    const created = await api.call<{ id: string; secret: string; events: string[] }>('POST', '/webhooks', {
      ...tok,
      body: { url: `${rx.url}/hook`, events: ['call.ended', 'usage.threshold'] },
    });
    t.equal(created.status, 201);
    t.match(created.body.secret, /^whsec_/, 'a secret is generated and shown once');
    const { id, secret } = created.body;

    const got = await api.call<Record<string, unknown>>('GET', `/webhooks/${id}`, tok);
    t.notOk(JSON.stringify(got.body).includes(secret), 'the secret is never returned again');
    t.notOk('secret' in got.body);
    const row = await api.app.ctx.db.kysely
      .selectFrom('webhooks')
      .select('secret_enc')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    t.notOk(row.secret_enc.includes(secret), 'not stored in plain text');
    t.match(row.secret_enc, /^v1\./);

    // Five events: three through the test endpoint, two emitted in a transaction.
    for (let i = 0; i < 3; i++) t.equal((await api.call('POST', `/webhooks/${id}/test`, tok)).status, 202);
    await api.app.ctx.db.kysely.transaction().execute(async (trx) => {
      t.equal((await emitEvent(trx, a.businessId, 'call.ended', { n: 1 })).length, 1);
      t.equal((await emitEvent(trx, a.businessId, 'call.ended', { n: 2 })).length, 1);
      t.equal((await emitEvent(trx, a.businessId, 'call.started', { n: 3 })).length, 0, 'not subscribed');
    });
    const ok = () => rx.received.filter((r) => r.answered === 200);
    await until(
      'five accepted deliveries',
      () => new Set(ok().map((r) => r.headers['x-appliance-delivery'])).size === 5,
    );
    await new Promise((r) => setTimeout(r, 300)); // anything duplicated would arrive now

    // At-least-once: a delivery may arrive twice (e.g. a reply slower than the timeout), but
    // only ever under the same delivery id with the same body, so receivers can dedupe.
    const byDelivery = new Map<string, string>();
    for (const r of ok()) {
      const d = String(r.headers['x-appliance-delivery']);
      const seen = byDelivery.get(d);
      if (seen !== undefined) t.equal(r.body, seen, `a repeat of ${d} is the same event`);
      byDelivery.set(d, r.body);
      const v = verifySignature({ secret, header: String(r.headers['x-appliance-signature']), body: r.body });
      t.ok(v.ok, `signature verifies for ${d}`);
      const env = JSON.parse(r.body) as { type: string; businessId: string };
      t.equal(env.type, r.headers['x-appliance-event']);
      t.equal(env.businessId, a.businessId);
    }
    const eventIds = [...byDelivery.values()].map((b) => (JSON.parse(b) as { id: string }).id);
    t.equal(new Set(eventIds).size, 5, 'after dedupe by delivery id: the five events, each once');
    t.ok(rx.received.length >= 9, `failed attempts were retried (${rx.received.length} requests)`);
    const tampered = ok()[0];
    if (tampered)
      t.match(
        verifySignature({
          secret,
          header: String(tampered.headers['x-appliance-signature']),
          body: tampered.body + ' ',
        }),
        { ok: false, reason: 'bad_signature' },
      );

    const log = await api.call<{ items: Delivery[]; total: number }>(
      'GET',
      `/webhooks/${id}/deliveries`,
      tok,
    );
    t.equal(log.body.total, 5);
    t.ok(log.body.items.every((d) => d.status === 'delivered'));
    const attempts = log.body.items.flatMap((d) => d.log);
    t.ok(
      attempts.some((x) => x.statusCode === 500 && x.error === 'HTTP 500'),
      'the log has the 500s',
    );
    t.ok(
      attempts.some((x) => x.statusCode === null && /timed out/.test(x.error ?? '')),
      'and the timeout',
    );
  });

  t.test(`dead-lettering and redelivery [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect, fast);
    const a = await api.register('Dead');
    const tok = { token: a.token };
    const rx = await startReceiver(t, () => 503);
    const secret = 'a-secret-of-my-own-choosing-123';
    const h = await api.call<{ id: string; secret: string }>('POST', '/webhooks', {
      ...tok,
      body: { url: rx.url, events: ['message.taken'], secret },
    });
    t.equal(h.body.secret, secret);
    const test = await api.call<{ deliveryId: string }>('POST', `/webhooks/${h.body.id}/test`, tok);
    const deliveryId = test.body.deliveryId;
    const dead = async (): Promise<Delivery | undefined> =>
      (await api.call<{ items: Delivery[] }>('GET', `/webhooks/${h.body.id}/deliveries?status=dead`, tok))
        .body.items[0];
    await until('dead-lettered', async () => (await dead()) !== undefined);
    const d = await dead();
    t.equal(d?.attempts, 4, 'gave up after max attempts');
    t.equal(d?.log.length, 4, 'every attempt recorded');
    t.equal(rx.received.length, 4);

    const early = await api.call('POST', `/webhooks/${h.body.id}/deliveries/${deliveryId}/retry`, {
      ...tok,
    });
    t.equal(early.status, 202);
    const again = await api.call('POST', `/webhooks/${h.body.id}/deliveries/${deliveryId}/retry`, tok);
    t.equal(again.status, 409, 'only a dead delivery can be retried');
    rx.setBehaviour(() => 204);
    await until('redelivered', () => rx.received.some((r) => r.answered === 204));
    await until('marked delivered', async () => {
      const l = await api.call<{ items: Delivery[] }>('GET', `/webhooks/${h.body.id}/deliveries`, tok);
      return l.body.items[0]?.status === 'delivered';
    });
    const last = rx.received.at(-1);
    t.equal(last?.headers['x-appliance-delivery'], deliveryId, 'same delivery id');
    t.ok(
      verifySignature({
        secret,
        header: String(last?.headers['x-appliance-signature']),
        body: last?.body ?? '',
      }).ok,
    );
    const missing = await api.call('POST', `/webhooks/${h.body.id}/deliveries/${a.userId}/retry`, tok);
    t.equal(missing.status, 404);
  });
}

t.test('webhook URLs that are refused', async (t) => {
  const api = await startTestApi(t, 'sqlite', fast);
  const a = await api.register('Refuse');
  const tok = { token: a.token };
  const self = api.app.httpPort;
  const cases: [string, string][] = [
    ['ftp://example.test/hook', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['not a url', 'invalid'],
    ['http://user:pw@127.0.0.1:9/x', 'credentials'],
    ['http://169.254.169.254/latest/meta-data/', 'link_local'],
    ['http://169.254.1.1:8080/', 'link_local'],
    ['http://[fe80::1]/', 'link_local'],
    ['http://[::ffff:169.254.169.254]/', 'link_local'],
    ['http://100.100.100.200/', 'link_local'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'metadata'],
    ['http://METADATA.google.internal./', 'metadata'],
    [`http://127.0.0.1:${self}/api/v1/agents`, 'self'],
    [`http://localhost:${self}/`, 'self'],
    [`http://0.0.0.0:${self}/`, 'self'],
    [`http://[::1]:${self}/`, 'self'],
    [`http://127.1.2.3:${self}/`, 'self'],
  ];
  for (const [url, reason] of cases) {
    const r = await api.call<{ error: { code: string; details: { reason: string } } }>('POST', '/webhooks', {
      ...tok,
      body: { url, events: ['call.ended'] },
    });
    t.equal(r.status, 400, `${url} refused`);
    t.equal(r.body.error.details.reason, reason, `${url}: ${reason}`);
  }
  const okHook = await api.call<{ id: string }>('POST', '/webhooks', {
    ...tok,
    body: { url: 'http://127.0.0.1:9/other-port-is-fine', events: ['call.ended'] },
  });
  t.equal(okHook.status, 201, 'another loopback port is allowed');
  const upd = await api.call('PUT', `/webhooks/${okHook.body.id}`, {
    ...tok,
    body: { url: 'http://169.254.169.254/' },
  });
  t.equal(upd.status, 400, 'refused on update too');
  const badEvent = await api.call('POST', '/webhooks', {
    ...tok,
    body: { url: 'http://127.0.0.1:9/', events: ['call.exploded'] },
  });
  t.equal(badEvent.status, 400);
  const extra = await api.call('POST', '/webhooks', {
    ...tok,
    body: { url: 'http://127.0.0.1:9/', events: ['call.ended'], surprise: 1 },
  });
  t.equal(extra.status, 400, 'unknown fields are refused');
  // Re-checked at delivery time: a URL that now leads to a refused address (as after a DNS
  // rebinding) is never contacted.
  await api.app.ctx.db.kysely
    .updateTable('webhooks')
    .set({ url: `http://localhost:${self}/api/v1/auth/register` })
    .where('id', '=', okHook.body.id)
    .execute();
  await api.call('POST', `/webhooks/${okHook.body.id}/test`, tok);
  await until('the delivery is dead-lettered', async () => {
    const l = await api.call<{ items: Delivery[] }>(
      'GET',
      `/webhooks/${okHook.body.id}/deliveries?status=dead`,
      tok,
    );
    return l.body.items.length === 1;
  });
  const l = await api.call<{ items: Delivery[] }>('GET', `/webhooks/${okHook.body.id}/deliveries`, tok);
  t.ok(
    l.body.items[0]?.log.every((x) => x.statusCode === null && /appliance itself/.test(x.error ?? '')),
    'refused at connect time',
  );
  const viewer = await api.call('DELETE', `/webhooks/${okHook.body.id}`, tok);
  t.equal(viewer.status, 204);
  t.equal((await api.call('GET', `/webhooks/${okHook.body.id}`, tok)).status, 404);
});

for (const dialect of dialects) {
  t.test(
    `deleting a webhook while a delivery is in flight logs no error [${dialect}] (issue 23.10)`,
    async (t) => {
      const lines: { level: number; msg: string; err?: unknown }[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _enc, cb) {
          for (const l of chunk.toString('utf8').split('\n').filter(Boolean))
            lines.push(JSON.parse(l) as (typeof lines)[number]);
          cb();
        },
      });
      const api = await startTestApi(
        t,
        dialect,
        fast,
        undefined,
        createLogger('debug', { destination: sink }),
      );
      const a = await api.register('Deleting');
      const tok = { token: a.token };
      // The receiver holds the request past the delivery timeout (1 s): the webhook goes meanwhile.
      const rx = await startReceiver(t, () => 'hang');
      const h = await api.call<{ id: string }>('POST', '/webhooks', {
        ...tok,
        body: { url: rx.url, events: ['call.ended'] },
      });
      t.equal((await api.call('POST', `/webhooks/${h.body.id}/test`, tok)).status, 202);
      await until('the delivery is in flight', () => rx.received.length === 1);
      t.equal((await api.call('DELETE', `/webhooks/${h.body.id}`, tok)).status, 204);
      await new Promise((r) => setTimeout(r, 1800)); // the attempt times out and is settled
      const bad = lines.filter((l) => l.level >= 50);
      t.same(
        bad.map((l) => l.msg),
        [],
        'nothing logged at error level (no foreign-key failure)',
      );
      t.notOk(
        lines.some((l) => /FOREIGN KEY|foreign key/i.test(JSON.stringify(l))),
        'no foreign-key message anywhere in the log',
      );
      const left = await api.app.ctx.db.kysely
        .selectFrom('outbox_attempts')
        .select('id')
        .where('business_id', '=', a.businessId)
        .execute();
      t.equal(left.length, 0, 'no attempt row outlives its delivery');
    },
  );
}
