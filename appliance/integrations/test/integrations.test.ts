import t from 'tap';
import { dialects } from '../../test/helpers/dialects.js';
import { startTestApi } from '../../test/helpers/app.js';
import { startReceiver, until } from '../../webhooks/test/receiver.js';

// Fast outbox timings (config.outbox) so a failed summary is retried within the test. The CRMs
// here listen on loopback, which the outbound policy refuses unless the box operator allows it.
const fast = {
  outbox: { pollMs: 50, backoffBaseMs: 20, backoffMaxMs: 100 },
  outbound: { allowNetworks: ['127.0.0.1'] },
};

const token = 'crm-token-7f3a9c1e5b2d4608';

for (const dialect of dialects) {
  t.test(`REST CRM connector: lookup, summaries, sealed credentials [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect, fast);
    const a = await api.register('Crm User');
    const tok = { token: a.token };
    // The CRM: knows one number (with the right token), is slow for another, fails the first summary.
    let summaries = 0;
    const crm = await startReceiver(t, (r) => {
      if (r.headers.authorization !== `Bearer ${token}`) return 401;
      if (r.path === '/api/contacts?phone=%2B15550101') return 200;
      if (r.path.startsWith('/api/contacts?phone=%2B15550199')) return 'hang';
      if (r.path === '/api/calls') return ++summaries === 1 ? 500 : 201;
      return 404;
    });
    const created = await api.call<{ id: string; hasCredentials: boolean; config: Record<string, unknown> }>(
      'POST',
      '/integrations',
      {
        ...tok,
        body: {
          name: 'My CRM',
          config: {
            baseUrl: `${crm.url}/api`,
            lookupPath: '/contacts?phone={phone}',
            summaryPath: '/calls',
            nameField: 'name',
          },
          credentials: { token },
        },
      },
    );
    t.equal(created.status, 201);
    t.equal(created.body.hasCredentials, true);
    t.notOk(JSON.stringify(created.body).includes(token), 'credentials never returned');
    const list = await api.call('GET', '/integrations', tok);
    t.notOk(JSON.stringify(list.body).includes(token));
    const row = await api.app.ctx.db.kysely
      .selectFrom('integrations')
      .selectAll()
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    t.notOk(JSON.stringify(row).includes(token), 'not in the database in plain text');
    t.match(row.credentials_enc, /^v1\./);

    const mod = api.app.modules.integrations;
    // The test receiver answers 200 with '{}' (no name field): no name to greet with.
    t.equal(await mod.lookupCaller(a.businessId, '+15550101'), undefined, 'no name in the answer');
    const t0 = Date.now();
    t.equal(await mod.lookupCaller(a.businessId, '+15550199', 300), undefined, 'a slow CRM is skipped');
    t.ok(Date.now() - t0 < 3000, 'bounded by the timeout');
    const asked = crm.received.find((r) => r.path.startsWith('/api/contacts?phone=%2B15550101'));
    t.equal(asked?.headers.authorization, `Bearer ${token}`, 'the credential is sent');

    await api.app.ctx.db.kysely.transaction().execute(async (trx) => {
      const n = await mod.postCallSummary(trx, a.businessId, {
        conversationId: a.userId,
        caller: '+15550101',
        startedAt: '2026-01-01T10:00:00.000Z',
        endedAt: '2026-01-01T10:02:00.000Z',
        durationMs: 120_000,
        summary: 'Booked a table for two, Friday 8 pm.',
      });
      t.equal(n, 1);
    });
    await until('the summary is accepted after a retry', () => summaries >= 2);
    const posts = crm.received.filter((r) => r.path === '/api/calls');
    t.equal(posts.length, 2);
    t.equal(posts[0]?.headers['idempotency-key'], posts[1]?.headers['idempotency-key'], 'same key on retry');
    t.match(JSON.parse(posts[1]?.body ?? '{}'), {
      type: 'call.summary',
      data: { summary: /Booked a table/ },
    });

    // Removing the credential, then changing the base URL to a refused address.
    const upd = await api.call<{ hasCredentials: boolean }>('PUT', `/integrations/${created.body.id}`, {
      ...tok,
      body: { credentials: null },
    });
    t.equal(upd.body.hasCredentials, false);
    const refused = await api.call('PUT', `/integrations/${created.body.id}`, {
      ...tok,
      body: { config: { baseUrl: 'http://169.254.169.254/latest' } },
    });
    t.equal(refused.status, 400);
    const noPhone = await api.call('POST', '/integrations', {
      ...tok,
      body: { name: 'x', config: { baseUrl: crm.url, lookupPath: '/contacts' } },
    });
    t.equal(noPhone.status, 400, 'the lookup path needs {phone}');
    t.equal((await api.call('DELETE', `/integrations/${created.body.id}`, tok)).status, 204);
    t.equal((await api.call('GET', `/integrations/${created.body.id}`, tok)).status, 404);
  });
}

t.test('caller names come from the configured field', async (t) => {
  const api = await startTestApi(t, 'sqlite', fast);
  const a = await api.register('Names');
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        req.url?.includes('%2B4930')
          ? [{ contact: { fullName: ' Ada\u0007 Lovelace ' } }]
          : { contact: { fullName: 42 } },
      ),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => server.close(() => r())));
  const port = (server.address() as { port: number }).port;
  const c = await api.call('POST', '/integrations', {
    token: a.token,
    body: {
      name: 'Nested',
      config: {
        baseUrl: `http://127.0.0.1:${port}`,
        lookupPath: '/find/{phone}',
        nameField: 'contact.fullName',
      },
    },
  });
  t.equal(c.status, 201);
  const mod = api.app.modules.integrations;
  t.same(
    await mod.lookupCaller(a.businessId, '+4930123'),
    { name: 'Ada Lovelace' },
    'control characters dropped',
  );
  t.equal(await mod.lookupCaller(a.businessId, '+1999'), undefined, 'a non-text name is ignored');
  const other = await api.register('Other');
  t.equal(
    await mod.lookupCaller(other.businessId, '+4930123'),
    undefined,
    "another business's CRM is not asked",
  );
});
