import t from 'tap';
import { dialects } from './helpers/dialects.js';
import { startTestApi } from './helpers/app.js';

type Doc = { paths: Record<string, Record<string, { security?: unknown[]; requestBody?: unknown }>> };

/** Valid bodies for routes that take one, so a request reaches the tenant check, not validation. */
const sampleBodies: Record<string, unknown> = {
  'put /agents/{id}': { greeting: 'Hijacked greeting' },
  'put /users/{id}': { name: 'Hijacked' },
};

/**
 * The isolation matrix: business B's owner calls every authenticated endpoint, found from the
 * OpenAPI document (so a new route is covered automatically), against business A's resources.
 * Every answer must be 403 or 404, no list may reveal an id of A's, and A's data is unchanged.
 */
for (const dialect of dialects) {
  t.test(`tenant isolation over every endpoint [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect);
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

    const idsOfA: Record<string, string> = {
      '/agents/': agentA.body.id,
      '/api-keys/': keyA.body.apiKey.id,
      '/users/': userA.body.id,
    };
    const secretsOfA = [a.businessId, a.userId, agentA.body.id, keyA.body.apiKey.id, userA.body.id, 'Alpha'];

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
          t.equal(r.status, 200, `B GET ${path}`);
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
