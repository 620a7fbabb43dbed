import t from 'tap';
import { startTestApi } from './helpers/app.js';

t.test('bad input is a clear 4xx, never a 500', async (t) => {
  const api = await startTestApi(t, 'sqlite', {
    http: {
      port: 0,
      bindAddress: '127.0.0.1',
      maxBodyBytes: 4096,
      unsubscribedRatePerS: 10_000,
      publicRatePerS: 10_000,
    },
  });
  const a = await api.register('Gateway');
  const tok = { token: a.token };
  const cases: [string, string, Parameters<typeof api.call>[2], number, string][] = [
    [
      'POST',
      '/agents',
      { ...tok, raw: '{"name": ', headers: { 'content-type': 'application/json' } },
      400,
      'malformed_json',
    ],
    ['POST', '/agents', { ...tok, body: { name: 42 } }, 400, 'validation_failed'],
    ['POST', '/agents', { ...tok, body: { name: 'x', surprise: true } }, 400, 'validation_failed'],
    ['POST', '/agents', { ...tok, body: [1, 2] }, 400, 'validation_failed'],
    ['POST', '/agents', { ...tok, body: null }, 400, 'validation_failed'],
    [
      'POST',
      '/agents',
      { ...tok, raw: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'unsupported_media_type',
    ],
    ['POST', '/agents', { ...tok, body: { name: 'x'.repeat(5000) } }, 413, 'payload_too_large'],
    ['POST', '/agents', tok, 400, 'validation_failed'],
    ['GET', '/agents?limit=abc', tok, 400, 'validation_failed'],
    ['GET', '/agents?limit=100000', tok, 400, 'validation_failed'],
    ['GET', '/agents/not-a-uuid', tok, 400, 'validation_failed'],
    ['GET', '/agents/5b1c1f7e-1111-4111-8111-111111111111', tok, 404, 'not_found'],
    ['GET', '/no/such/route', tok, 404, 'not_found'],
    ['PATCH', '/agents', tok, 405, 'method_not_allowed'],
    ['PUT', '/business/profile', { ...tok, body: { timezone: 'Mars/Olympus' } }, 400, 'validation_failed'],
    ['POST', '/auth/login', { body: { email: 'not-an-email', password: 'x' } }, 400, 'validation_failed'],
    [
      'POST',
      '/auth/register',
      { body: { businessName: 'x', email: 'a@b.test', password: 'short' } },
      400,
      'validation_failed',
    ],
    [
      'POST',
      '/agents',
      { ...tok, body: { name: 'x', numbers: ['not a number!'] } },
      400,
      'validation_failed',
    ],
  ];
  for (const [method, path, opts, status, code] of cases) {
    const r = await api.call<{ error: { code: string; message: string } }>(method, path, opts);
    t.equal(r.status, status, `${method} ${path} -> ${status}`);
    t.equal(r.body?.error?.code, code, `code ${code}`);
    t.type(r.body?.error?.message, 'string', 'a message');
  }
  // Random JSON bodies of every shape: never a 5xx.
  let seed = 7;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const values = [null, true, 1, -1.5, 'x', '', [], {}, ['a'], { a: 1 }, 'x'.repeat(300), 1e308];
  const keys = [
    'name',
    'greeting',
    'language',
    'numbers',
    'voice',
    'facts',
    'faqs',
    'intents',
    'behaviour',
    'personality',
    'zzz',
  ];
  for (let i = 0; i < 150; i++) {
    const body: Record<string, unknown> = {};
    for (const k of keys) if (rnd() < 0.4) body[k] = values[Math.floor(rnd() * values.length)];
    const r = await api.call('POST', '/agents', { ...tok, body });
    t.ok(r.status < 500, `random body ${i} -> ${r.status}`);
  }
});

t.test('per-plan rate limits answer 429 with Retry-After', async (t) => {
  const api = await startTestApi(t, 'sqlite', {
    http: { port: 0, bindAddress: '127.0.0.1', unsubscribedRatePerS: 2, publicRatePerS: 1000 },
  });
  const a = await api.register('Limited');
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  for (let i = 0; i < 80; i++) {
    const r = await api.call('GET', '/agents', { token: a.token });
    statuses.push(r.status);
    if (r.status === 429) retryAfter ??= r.headers.get('retry-after');
  }
  t.ok(statuses.includes(200));
  t.ok(statuses.includes(429), 'limited after the burst');
  t.ok(Number(retryAfter) >= 1, 'Retry-After present');
});

t.test('OpenAPI document, health and metrics', async (t) => {
  const api = await startTestApi(t);
  const h = await api.call('GET', '/healthz');
  t.equal(h.status, 200);
  const doc = await api.call<{
    openapi: string;
    paths: Record<
      string,
      Record<string, { responses: object; requestBody?: object; parameters: { name: string }[] }>
    >;
  }>('GET', '/api/v1/openapi.json');
  t.equal(doc.status, 200);
  t.equal(doc.body.openapi, '3.1.0');
  for (const p of [
    '/auth/register',
    '/auth/login',
    '/business/profile',
    '/business/plans',
    '/business/subscribe',
    '/agents',
    '/agents/{id}',
    '/agents/{id}/train',
    '/agents/{id}/status',
    '/api-keys',
    '/api-keys/{id}/rotate',
    '/users',
  ])
    t.ok(doc.body.paths[p], `documents ${p}`);
  t.ok(doc.body.paths['/agents']?.post?.requestBody, 'request body schema present');
  t.same(
    doc.body.paths['/agents/{id}']?.get?.parameters.map((p) => p.name),
    ['id'],
  );
  const createSchema = JSON.stringify(doc.body.paths['/agents']?.post?.requestBody);
  t.match(createSchema, /"additionalProperties":false/, 'unknown fields are documented as refused');
  const m = await api.call<string>('GET', '/metrics');
  t.equal(m.status, 200);
  t.match(m.body, /http_requests_total\{method="GET",route="\/api\/v1\/openapi.json"|http_requests_total/);
  t.match(m.body, /http_request_duration_seconds_bucket/);
});
