/**
 * Issue 23.3: one outbound policy for webhooks, CRM connectors, test calls and transfers. Each
 * probe the attacker used is replayed here (loopback in every encoding, private and metadata
 * ranges, names resolving to loopback, port-state leaks in the delivery log).
 */
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import t from 'tap';
import { startTestApi } from '../../test/helpers/app.js';
import { startReceiver, until } from '../../webhooks/test/receiver.js';
import { transferTargetAllowed, vetTestCallTarget } from '../../calls/destinations.js';
import { canonicalAddress, OutboundGuard, OutboundRefused } from '../index.js';

const loopbackEncodings = [
  'http://127.1:9/',
  'http://2130706433:9/',
  'http://0x7f000001:9/',
  'http://0177.0.0.1:9/',
  'http://127.0.0.1:9/',
  'http://127.255.1.2:9/',
  'http://[::1]:9/',
  'http://[::ffff:127.0.0.1]:9/',
  'http://[::ffff:7f00:1]:9/',
  'http://[0:0:0:0:0:0:0:1]:9/',
  'http://[64:ff9b::127.0.0.1]:9/',
  'http://[2002:7f00:1::1]:9/',
  'http://0.0.0.0:9/',
  'http://0:9/',
  'http://[::]:9/',
  'http://localhost:9/',
  'http://LOCALHOST.:9/',
];
const privateTargets = [
  'http://10.1.2.3/',
  'http://172.16.0.1/',
  'http://192.168.1.1/',
  'http://100.64.0.1/',
  'http://[fd00::1]/',
  'http://[fc12:3456::1]/',
  'http://[fec0::1]/',
  'http://224.0.0.1/',
  'http://[ff02::1]/',
  'http://255.255.255.255/',
  'http://198.18.0.1/',
];

t.test('the guard: every encoding of a non-public address is refused, allowances are exact', async (t) => {
  const g = new OutboundGuard();
  for (const url of [...loopbackEncodings, ...privateTargets, 'http://169.254.169.254/']) {
    const host = new URL(url).hostname;
    await t.rejects(g.resolve(host, 80), OutboundRefused, `${url} (${host}) refused`);
  }
  for (const pub of ['93.184.216.34', '2606:4700:4700::1111', '8.8.8.8'])
    t.doesNotThrow(() => g.checkAddress(pub, 443), `${pub} is public`);
  t.same(canonicalAddress('::ffff:7f00:1'), { address: '127.0.0.1', family: 'ipv4' });
  t.same(canonicalAddress('[::ffff:169.254.169.254]'), { address: '169.254.169.254', family: 'ipv4' });

  const allowed = new OutboundGuard({
    allowNetworks: ['127.0.0.1', '10.0.0.0/8', 'crm.lan', 'fd00::/8'],
    selfPorts: [8080],
  });
  t.doesNotThrow(() => allowed.checkAddress('127.0.0.1', 9));
  t.doesNotThrow(() => allowed.checkAddress('::ffff:127.0.0.1', 9), 'the mapped form of an allowed address');
  t.throws(() => allowed.checkAddress('127.0.0.2', 9), OutboundRefused, 'only the address allowed');
  t.doesNotThrow(() => allowed.checkAddress('10.9.8.7', 80));
  t.doesNotThrow(() => allowed.checkAddress('fd00::5', 80));
  t.throws(() => allowed.checkAddress('192.168.0.1', 80), OutboundRefused);
  t.doesNotThrow(() => allowed.checkAddress('192.168.0.1', 80, 'CRM.lan.'), 'an allowed host name');
  t.throws(() => allowed.checkAddress('127.0.0.1', 8080), /appliance itself/, 'never the own HTTP port');
  t.throws(
    () => allowed.checkAddress('93.184.216.34', 5060, undefined, { explicitOnly: true }),
    /operator allows/,
    'test calls: only explicit allowances',
  );

  // Test calls: a number goes to the trunk; a SIP URI only to what the operator lists.
  await vetTestCallTarget(g, '+15550100');
  for (const target of ['sip:x@169.254.169.254', 'sip:x@10.0.0.1', 'sip:x@93.184.216.34', 'sip:x@127.1'])
    await t.rejects(vetTestCallTarget(g, target), { code: 'validation_failed' }, `test call to ${target}`);
  await vetTestCallTarget(new OutboundGuard({ allowNetworks: ['93.184.216.0/24'] }), 'sip:x@93.184.216.34');

  // Transfers: an extension goes to the PBX; a SIP URI must be the PBX or pass the policy.
  t.same(await transferTargetAllowed(g, '200', '10.0.0.5'), { ok: true });
  t.same(await transferTargetAllowed(g, 'sip:200@10.0.0.5', '10.0.0.5'), { ok: true });
  t.match(await transferTargetAllowed(g, 'sip:200@127.0.0.1:5060', '10.0.0.5'), { ok: false });
  t.match(await transferTargetAllowed(g, 'sip:x@169.254.169.254', undefined), { ok: false });
  t.match(await transferTargetAllowed(g, 'sip:x@2130706433', undefined), { ok: false });
});

t.test('webhook URLs: loopback and private targets refused in every encoding (no allow-list)', async (t) => {
  const api = await startTestApi(t);
  const a = await api.register('Probe');
  for (const url of [...loopbackEncodings, ...privateTargets]) {
    const r = await api.call<{ error: { code: string; details: { reason: string } } }>('POST', '/webhooks', {
      token: a.token,
      body: { url, events: ['call.ended'] },
    });
    t.equal(r.status, 400, `${url} refused`);
    t.match(r.body.error?.details?.reason, /^(private|self)$/, `${url}: ${r.body.error?.details?.reason}`);
  }
  // A row that points at loopback anyway (written before the policy, or rebinding) is refused
  // when it is delivered: the loopback receiver never sees a request.
  const rx = await startReceiver(t, () => 200);
  const ok = await api.call<{ id: string }>('POST', '/webhooks', {
    token: a.token,
    body: { url: 'http://93.184.216.34:9/', events: ['call.ended'] },
  });
  t.equal(ok.status, 201, 'a public address is accepted');
  await api.app.ctx.db.kysely
    .updateTable('webhooks')
    .set({ url: `${rx.url}/hook` })
    .where('id', '=', ok.body.id)
    .execute();
  await api.call('POST', `/webhooks/${ok.body.id}/test`, { token: a.token });
  await until('the delivery is refused', async () => {
    const l = await api.call<{ items: { log: { error: string | null }[] }[] }>(
      'GET',
      `/webhooks/${ok.body.id}/deliveries`,
      { token: a.token },
    );
    return (l.body.items[0]?.log.length ?? 0) > 0 && /refused/.test(l.body.items[0]?.log[0]?.error ?? '');
  });
  t.equal(rx.received.length, 0, 'the loopback receiver was never contacted');
});

async function listen(s: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

t.test('the delivery log does not tell open, closed and silent ports apart', async (t) => {
  const api = await startTestApi(t, 'sqlite', {
    outbox: { pollMs: 50, timeoutMs: 300, backoffBaseMs: 20, backoffMaxMs: 50, maxAttempts: 1 },
    // The probed "internal services" are on loopback, which the operator allows for this test.
    outbound: { allowNetworks: ['127.0.0.1'] },
  });
  const a = await api.register('Ports');
  // A closed port (listen, note the port, close), a port that accepts and says nothing, and one
  // that accepts and resets at once.
  const closedSrv = createTcpServer();
  const closed = await listen(closedSrv);
  await new Promise<void>((r) => closedSrv.close(() => r()));
  const silentSrv = createTcpServer(() => undefined);
  const silent = await listen(silentSrv);
  const resetSrv = createTcpServer((s) => s.resetAndDestroy());
  const reset = await listen(resetSrv);
  const garbage = createServer();
  t.teardown(() => {
    silentSrv.close();
    resetSrv.close();
    garbage.close();
  });
  silentSrv.on('connection', (s) => t.teardown(() => s.destroy()));
  const errors: string[] = [];
  for (const port of [closed, silent, reset]) {
    const h = await api.call<{ id: string }>('POST', '/webhooks', {
      token: a.token,
      body: { url: `http://127.0.0.1:${port}/`, events: ['call.ended'] },
    });
    t.equal(h.status, 201);
    await api.call('POST', `/webhooks/${h.body.id}/test`, { token: a.token });
    let error = '';
    await until(`delivery to port ${port} settled`, async () => {
      const l = await api.call<{ items: { status: string; log: { error: string | null }[] }[] }>(
        'GET',
        `/webhooks/${h.body.id}/deliveries`,
        { token: a.token },
      );
      error = l.body.items[0]?.log[0]?.error ?? '';
      return l.body.items[0]?.status === 'dead';
    });
    errors.push(error);
  }
  t.equal(new Set(errors).size, 1, `one message for all three: ${JSON.stringify(errors)}`);
  t.notMatch(errors[0] ?? '', /ECONN|hang up|refused|reset/i, 'no socket error names');
});

t.test('CRM connector: loopback base URLs refused, and never called at call time', async (t) => {
  const api = await startTestApi(t);
  const a = await api.register('Crm Probe');
  let hits = 0;
  const crm = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ name: 'Internal Service Secret' }));
  });
  const port = await listen(crm);
  t.teardown(() => crm.close());
  for (const baseUrl of [`http://127.0.0.1:${port}`, `http://127.1:${port}`, `http://[::1]:${port}`]) {
    const r = await api.call('POST', '/integrations', {
      token: a.token,
      body: { name: 'Probe', config: { baseUrl, lookupPath: '/c/{phone}' } },
    });
    t.equal(r.status, 400, `${baseUrl} refused`);
  }
  const ok = await api.call<{ id: string }>('POST', '/integrations', {
    token: a.token,
    body: { name: 'Public', config: { baseUrl: 'http://93.184.216.34:9', lookupPath: '/c/{phone}' } },
  });
  t.equal(ok.status, 201);
  await api.app.ctx.db.kysely
    .updateTable('integrations')
    .set({
      config: JSON.stringify({
        baseUrl: `http://127.0.0.1:${port}`,
        lookupPath: '/c/{phone}',
        summaryPath: null,
        authHeader: 'Authorization',
        authPrefix: 'Bearer ',
        nameField: 'name',
      }),
    })
    .where('id', '=', ok.body.id)
    .execute();
  const mod = api.app.modules.integrations;
  t.equal(await mod.lookupCaller(a.businessId, '+15550100', 2000), undefined, 'no name from loopback');
  t.equal(hits, 0, 'the loopback service was never called');
});
