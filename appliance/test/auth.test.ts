import t from 'tap';
import { dialects } from './helpers/dialects.js';
import { startTestApi } from './helpers/app.js';

for (const dialect of dialects) {
  t.test(`register, login, refresh rotation and logout [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect);
    const a = await api.register('Acme');
    const profile = await api.call<{ name: string; id: string }>('GET', '/business/profile', {
      token: a.token,
    });
    t.equal(profile.status, 200);
    t.equal(profile.body.name, 'Acme');
    t.equal(profile.body.id, a.businessId);

    const dup = await api.call('POST', '/auth/register', {
      body: { businessName: 'X', email: a.email, password: 'another long password' },
    });
    t.equal(dup.status, 409, 'an email registers once');

    const bad = await api.call('POST', '/auth/login', {
      body: { email: a.email, password: 'wrong password!' },
    });
    t.equal(bad.status, 401);
    t.match(bad.body, { error: { code: 'invalid_credentials' } });
    const nobody = await api.call('POST', '/auth/login', {
      body: { email: 'nobody@x.test', password: 'whatever12345' },
    });
    t.equal(nobody.status, 401, 'unknown account looks the same as a wrong password');

    const ok = await api.call<{ accessToken: string; refreshToken: string }>('POST', '/auth/login', {
      body: { email: a.email.toUpperCase(), password: a.password },
    });
    t.equal(ok.status, 200, 'email is case-insensitive');

    const r1 = await api.call<{ accessToken: string; refreshToken: string }>('POST', '/auth/refresh', {
      body: { refreshToken: ok.body.refreshToken },
    });
    t.equal(r1.status, 200);
    t.not(r1.body.refreshToken, ok.body.refreshToken, 'refresh rotates the token');
    t.equal(
      (await api.call('GET', '/agents', { token: r1.body.accessToken })).status,
      200,
      'new access token works',
    );
    const replay = await api.call('POST', '/auth/refresh', { body: { refreshToken: ok.body.refreshToken } });
    t.equal(replay.status, 401, 'a used refresh token is refused');
    const afterReplay = await api.call('POST', '/auth/refresh', {
      body: { refreshToken: r1.body.refreshToken },
    });
    t.equal(afterReplay.status, 401, 'reuse revokes the whole family');

    const other = await api.call<{ refreshToken: string }>('POST', '/auth/login', {
      body: { email: a.email, password: a.password },
    });
    t.equal(
      (await api.call('POST', '/auth/logout', { body: { refreshToken: other.body.refreshToken } })).status,
      204,
    );
    t.equal(
      (await api.call('POST', '/auth/refresh', { body: { refreshToken: other.body.refreshToken } })).status,
      401,
      'logged out',
    );

    t.equal((await api.call('GET', '/agents')).status, 401, 'no token');
    t.equal((await api.call('GET', '/agents', { token: 'garbage' })).status, 401, 'garbage token');
    const tampered = a.token.slice(0, -3) + (a.token.endsWith('AAA') ? 'BBB' : 'AAA');
    t.equal((await api.call('GET', '/agents', { token: tampered })).status, 401, 'tampered token');
  });
}

t.test('login throttling answers 429 with Retry-After after repeated failures', async (t) => {
  const api = await startTestApi(t, 'sqlite', { auth: { loginFailuresBeforeThrottle: 3 } });
  const a = await api.register('Throttle');
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++)
    statuses.push(
      (await api.call('POST', '/auth/login', { body: { email: a.email, password: 'wrong password!' } }))
        .status,
    );
  t.same(statuses.slice(0, 3), [401, 401, 401]);
  const blocked = await api.call('POST', '/auth/login', { body: { email: a.email, password: a.password } });
  t.equal(blocked.status, 429, 'even the right password waits while throttled');
  t.ok(Number(blocked.headers.get('retry-after')) >= 1, 'Retry-After given');
  t.match(blocked.body, { error: { code: 'too_many_attempts' } });
});

t.test('API keys: create once-shown, list prefix only, revoke, rotate with grace', async (t) => {
  let clock = Date.parse('2026-03-01T10:00:00Z');
  const api = await startTestApi(
    t,
    'sqlite',
    { auth: { apiKeyRotationGraceS: 3600 } },
    () => new Date(clock),
  );
  const a = await api.register('Keys');
  const created = await api.call<{ key: string; apiKey: { id: string; prefix: string } }>(
    'POST',
    '/api-keys',
    { token: a.token, body: { name: 'crm', role: 'editor' } },
  );
  t.equal(created.status, 201);
  t.match(created.body.key, /^vak_[A-Za-z0-9]{8}_/);
  const list = await api.call<{ items: Record<string, unknown>[] }>('GET', '/api-keys', { token: a.token });
  t.equal(list.body.items.length, 1);
  t.notOk(JSON.stringify(list.body).includes(created.body.key), 'the key itself is never listed');
  t.equal(list.body.items[0]?.prefix, created.body.apiKey.prefix);

  const viaKey = await api.call('GET', '/agents', { token: created.body.key });
  t.equal(viaKey.status, 200, 'the key authenticates');
  const viaHeader = await api.call('GET', '/agents', { headers: { 'x-api-key': created.body.key } });
  t.equal(viaHeader.status, 200, 'X-API-Key works too');
  t.equal(
    (await api.call('POST', '/api-keys', { token: created.body.key, body: { name: 'x' } })).status,
    403,
    'an editor key cannot make keys',
  );
  t.equal(
    (await api.call('GET', '/agents', { token: created.body.key.slice(0, -2) + 'zz' })).status,
    401,
    'a wrong secret fails',
  );

  const rotated = await api.call<{ key: string; previous: { expiresAt: string } }>(
    'POST',
    `/api-keys/${created.body.apiKey.id}/rotate`,
    { token: a.token },
  );
  t.equal(rotated.status, 201);
  t.equal(rotated.body.previous.expiresAt, new Date(clock + 3600_000).toISOString());
  t.equal(
    (await api.call('GET', '/agents', { token: created.body.key })).status,
    200,
    'old key works during grace',
  );
  t.equal((await api.call('GET', '/agents', { token: rotated.body.key })).status, 200, 'new key works');
  clock += 3601_000;
  t.equal(
    (await api.call('GET', '/agents', { token: created.body.key })).status,
    401,
    'old key expires after grace',
  );
  t.equal((await api.call('GET', '/agents', { token: rotated.body.key })).status, 200, 'new key still works');

  const newId = (
    await api.call<{ items: { id: string; revokedAt: string | null }[] }>('GET', '/api-keys', {
      token: a.token,
    })
  ).body.items.find((k) => k.revokedAt === null && k.id !== created.body.apiKey.id)?.id;
  t.ok(newId);
  t.equal((await api.call('DELETE', `/api-keys/${newId}`, { token: a.token })).status, 200);
  t.equal(
    (await api.call('GET', '/agents', { token: rotated.body.key })).status,
    401,
    'revoked key fails at once',
  );
});

t.test('RBAC: each role is held to its routes', async (t) => {
  const api = await startTestApi(t);
  const owner = await api.register('Roles');
  const tokens: Record<string, string> = {};
  for (const role of ['viewer', 'editor', 'admin'] as const) {
    const email = `${role}@roles.test`;
    const r = await api.call('POST', '/users', {
      token: owner.token,
      body: { email, password: 'long enough password', role },
    });
    t.equal(r.status, 201, `owner creates ${role}`);
    const l = await api.call<{ accessToken: string }>('POST', '/auth/login', {
      body: { email, password: 'long enough password' },
    });
    tokens[role] = l.body.accessToken;
  }
  tokens.owner = owner.token;
  const agent = await api.call<{ id: string }>('POST', '/agents', {
    token: owner.token,
    body: { name: 'A' },
  });
  const expect: [string, string, unknown, Record<string, number>][] = [
    ['GET', '/agents', undefined, { viewer: 200, editor: 200, admin: 200, owner: 200 }],
    ['POST', '/agents', { name: 'B' }, { viewer: 403, editor: 201, admin: 201, owner: 201 }],
    [
      'PUT',
      `/agents/${agent.body.id}`,
      { greeting: 'Hi there' },
      { viewer: 403, editor: 200, admin: 200, owner: 200 },
    ],
    [
      'POST',
      `/agents/${agent.body.id}/train`,
      undefined,
      { viewer: 403, editor: 202, admin: 202, owner: 202 },
    ],
    [
      'PUT',
      '/business/profile',
      { phone: '+1 555 0100' },
      { viewer: 403, editor: 403, admin: 200, owner: 200 },
    ],
    ['GET', '/api-keys', undefined, { viewer: 403, editor: 403, admin: 200, owner: 200 }],
    ['GET', '/users', undefined, { viewer: 403, editor: 403, admin: 200, owner: 200 }],
    ['GET', '/audit-log', undefined, { viewer: 403, editor: 403, admin: 200, owner: 200 }],
    [
      'POST',
      '/business/subscribe',
      { planId: 'starter' },
      { viewer: 403, editor: 403, admin: 403, owner: 201 },
    ],
  ];
  for (const [method, path, body, byRole] of expect) {
    for (const [role, status] of Object.entries(byRole)) {
      const r = await api.call(method, path, {
        token: tokens[role],
        ...(body !== undefined ? { body } : {}),
      });
      t.equal(r.status, status, `${role} ${method} ${path}`);
    }
  }
  const adminMakesOwner = await api.call('POST', '/users', {
    token: tokens.admin,
    body: { email: 'o2@roles.test', password: 'long enough password', role: 'owner' },
  });
  t.equal(adminMakesOwner.status, 403, 'an admin cannot create an owner');
  const users = await api.call<{ items: { id: string; role: string }[] }>('GET', '/users', {
    token: owner.token,
  });
  const ownerId = users.body.items.find((u) => u.role === 'owner')?.id;
  t.equal(
    (await api.call('DELETE', `/users/${ownerId}`, { token: tokens.admin })).status,
    403,
    'an admin cannot remove the owner',
  );
  const audit = await api.call<{ items: { action: string }[] }>('GET', '/audit-log', { token: owner.token });
  t.ok(
    audit.body.items.some((e) => e.action === 'agent.create'),
    'changes are audited',
  );
  t.notOk(JSON.stringify(audit.body).includes('long enough password'), 'no secrets in the audit log');
});
