import { randomBytes } from 'node:crypto';
import t from 'tap';
import { metricsAccessCheck } from '../http/metrics.js';
import { startTestApi } from './helpers/app.js';

/** The series of one metric family in Prometheus text. */
const seriesOf = (text: string, name: string): string[] =>
  text.split('\n').filter((l) => l.startsWith(`${name}{`));

t.test('/metrics stays bounded whatever paths and methods clients send (issue 23.1)', async (t) => {
  const api = await startTestApi(t);
  const a = await api.register('Metrics');
  // Warm every fixed label a normal client produces, then measure.
  await api.call('GET', '/healthz');
  await api.call('GET', '/agents', { token: a.token });
  const before = await api.call<string>('GET', '/metrics');
  t.equal(before.status, 200);
  const sizeBefore = before.body.length;

  const methods = ['PROPFIND', 'OPTIONS', 'GET', 'POST', 'DELETE', 'PATCH', 'MKCOL', 'FOO'];
  const long = (): string => randomBytes(2000).toString('hex'); // 4000 chars
  const paths = [
    () => `/x/${long()}`,
    () => `/api/v1/agents/${long()}`,
    () => `/api/v1/${long()}`,
    () => `/admin/${long()}`,
    () => `/${long()}/${long()}`,
  ];
  let statuses = new Set<number>();
  for (let i = 0; i < 250; i++) {
    const method = methods[i % methods.length] as string;
    const path = (paths[i % paths.length] as () => string)();
    const r = await fetch(api.baseUrl + path, { method });
    await r.arrayBuffer();
    statuses = statuses.add(r.status);
  }
  t.ok(statuses.size > 1, `the probes got varied answers (${[...statuses].join(', ')})`);

  const after = await api.call<string>('GET', '/metrics');
  const series = seriesOf(after.body, 'http_requests_total');
  t.ok(series.length < 80, `http_requests_total has ${series.length} series`);
  t.ok(
    after.body.length - sizeBefore < 40_000,
    `/metrics grew by ${after.body.length - sizeBefore} bytes (was ${sizeBefore})`,
  );
  const labels = series.map((l) => /route="([^"]*)"/.exec(l)?.[1] ?? '');
  t.ok(
    labels.every((r) => r.length < 100),
    'no raw path in a route label',
  );
  t.ok(labels.includes('unmatched'), 'unrouted requests count as unmatched');
  t.ok(labels.includes('/api/v1/agents'), 'routed requests count by template');
  const ms = new Set(series.map((l) => /method="([^"]*)"/.exec(l)?.[1]));
  t.notOk(ms.has('PROPFIND') || ms.has('FOO') || ms.has('MKCOL'), 'unknown methods are not labels');
  t.ok(ms.has('other'), 'they count as other');
});

t.test('/metrics needs the configured token and an allowed address', async (t) => {
  const token = 'scrape-token-0123456789';
  const api = await startTestApi(t, 'sqlite', { metrics: { token } });
  const none = await api.call('GET', '/metrics');
  t.equal(none.status, 401, 'no token: 401');
  t.match(none.headers.get('www-authenticate'), /^Bearer/);
  t.equal(
    (await api.call('GET', '/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789' } }))
      .status,
    401,
  );
  const ok = await api.call<string>('GET', '/metrics', { headers: { authorization: `Bearer ${token}` } });
  t.equal(ok.status, 200);
  t.match(ok.body, /http_requests_total/);
  t.equal((await api.call('GET', '/healthz')).status, 200, '/healthz stays open');

  const fenced = await startTestApi(t, 'sqlite', { metrics: { allowFrom: ['192.0.2.0/24'] } });
  t.equal((await fenced.call('GET', '/metrics')).status, 401, 'a source outside allowFrom is refused');
  const local = await startTestApi(t, 'sqlite', { metrics: { allowFrom: ['127.0.0.0/8'] } });
  t.equal((await local.call('GET', '/metrics')).status, 200, 'an allowed source scrapes without a token');

  // Nothing configured: loopback only. The check itself, for a source a loopback test cannot be.
  const check = metricsAccessCheck({ token: '', allowFrom: [] });
  const from = (remoteAddress: string) =>
    ({ req: { socket: { remoteAddress } }, get: () => '' }) as unknown as Parameters<typeof check>[0];
  t.equal(check(from('127.0.0.1')), true, 'default: loopback scrapes');
  t.equal(check(from('::1')), true, 'default: IPv6 loopback scrapes');
  t.equal(check(from('10.1.2.3')), false, 'default: a LAN address is refused');
  t.equal(check(from('::ffff:192.0.2.7')), false, 'default: a mapped outside address is refused');
});

t.test('JSON API answers carry nosniff and are not cached (issue 23.10)', async (t) => {
  const api = await startTestApi(t);
  const a = await api.register('Headers');
  for (const [path, token, status] of [
    ['/agents', a.token, 200],
    ['/agents', undefined, 401],
    ['/no-such-thing', undefined, 404],
  ] as const) {
    const r = await api.call('GET', path, token ? { token } : {});
    t.equal(r.status, status, path);
    t.equal(r.headers.get('x-content-type-options'), 'nosniff', `${path} ${status}: nosniff`);
    t.equal(r.headers.get('cache-control'), 'no-store', `${path} ${status}: no-store`);
    t.match(r.headers.get('content-type'), /^application\/json/);
  }
  const h = await api.call('GET', '/healthz');
  t.equal(h.headers.get('x-content-type-options'), 'nosniff');
});
