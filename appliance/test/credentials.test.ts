/**
 * Issue 23 probe cases on credentials (items 4, 5, 9 and weak passwords of 10), on both dialects:
 * API keys capped by their creator's current role and revoked with them; own password change
 * needs the current one; resets of others only by a freshly signed-in person; password, role,
 * removal and logout end outstanding access tokens; generic conflicts on registration and numbers;
 * one canonical form per number; weak passwords refused naming the rule.
 */
import { SignJWT } from 'jose';
import t from 'tap';
import { agentForNumber } from '../agents/service.js';
import { dialects } from './helpers/dialects.js';
import { startTestApi, type TestApi } from './helpers/app.js';

const strong = 'long enough password';

async function addUser(
  api: TestApi,
  token: string,
  email: string,
  role: string,
): Promise<{ id: string; token: string; refreshToken: string }> {
  const r = await api.call<{ id: string }>('POST', '/users', {
    token,
    body: { email, password: strong, role },
  });
  if (r.status !== 201) throw new Error(`add user: ${r.status} ${JSON.stringify(r.body)}`);
  const l = await api.call<{ accessToken: string; refreshToken: string }>('POST', '/auth/login', {
    body: { email, password: strong },
  });
  return { id: r.body.id, token: l.body.accessToken, refreshToken: l.body.refreshToken };
}

async function createKey(api: TestApi, token: string, role: string): Promise<{ key: string; id: string }> {
  const r = await api.call<{ key: string; apiKey: { id: string } }>('POST', '/api-keys', {
    token,
    body: { name: `k-${role}`, role },
  });
  if (r.status !== 201) throw new Error(`create key: ${r.status} ${JSON.stringify(r.body)}`);
  return { key: r.body.key, id: r.body.apiKey.id };
}

for (const dialect of dialects) {
  t.test(`API keys never exceed their creator's current role [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect);
    const owner = await api.register('KeyOwner');
    const admin = await addUser(api, owner.token, `admin-${dialect}@keys.test`, 'admin');
    const key = await createKey(api, admin.token, 'admin');
    const keyMadeByKey = await createKey(api, key.key, 'editor');
    t.equal(
      (await api.call('GET', '/audit-log', { token: key.key })).status,
      200,
      'admin key reads the audit log',
    );

    // Probe: the creator is demoted; the key kept full access before the fix.
    const demote = await api.call('PUT', `/users/${admin.id}`, {
      token: owner.token,
      body: { role: 'viewer' },
    });
    t.equal(demote.status, 200);
    t.equal(
      (await api.call('GET', '/audit-log', { token: key.key })).status,
      403,
      'demoted creator: the key is capped at viewer (no audit log)',
    );
    t.equal(
      (
        await api.call('POST', '/users', {
          token: key.key,
          body: { email: `new-admin-${dialect}@keys.test`, password: strong, role: 'admin' },
        })
      ).status,
      403,
      'demoted creator: the key cannot create an admin',
    );
    t.equal((await api.call('GET', '/agents', { token: key.key })).status, 200, 'viewer rights remain');
    t.equal(
      (await api.call('POST', '/agents', { token: keyMadeByKey.key, body: { name: 'x' } })).status,
      403,
      'a key made by the key is capped by the same human',
    );

    // Probe: the creator is removed; the key kept working before the fix.
    t.equal((await api.call('DELETE', `/users/${admin.id}`, { token: owner.token })).status, 204);
    t.equal(
      (await api.call('GET', '/agents', { token: key.key })).status,
      401,
      'removed creator: key refused',
    );
    t.equal(
      (await api.call('GET', '/agents', { token: keyMadeByKey.key })).status,
      401,
      "removed creator: the key's own key refused",
    );
    const list = await api.call<{ items: { id: string; revokedAt: string | null }[] }>('GET', '/api-keys', {
      token: owner.token,
    });
    for (const k of [key, keyMadeByKey])
      t.ok(list.body.items.find((i) => i.id === k.id)?.revokedAt, 'listed as revoked');
    const audit = await api.call<{ items: { action: string; details: { apiKeysRevoked?: number } }[] }>(
      'GET',
      '/audit-log',
      { token: owner.token },
    );
    t.equal(audit.body.items.find((e) => e.action === 'user.delete')?.details.apiKeysRevoked, 2);
  });

  t.test(`credential changes need proof and end outstanding tokens [${dialect}]`, async (t) => {
    let clock = Date.now();
    const api = await startTestApi(t, dialect, {}, () => new Date(clock));
    const owner = await api.register('Creds');

    // Own password change: the current password is required and checked.
    const noCurrent = await api.call('PUT', `/users/${owner.userId}`, {
      token: owner.token,
      body: { password: 'a brand new secret' },
    });
    t.equal(noCurrent.status, 400, 'no current password: refused');
    t.match(noCurrent.body, { error: { details: [{ path: 'currentPassword' }] } });
    const wrongCurrent = await api.call('PUT', `/users/${owner.userId}`, {
      token: owner.token,
      body: { password: 'a brand new secret', currentPassword: 'not my password' },
    });
    t.equal(wrongCurrent.status, 400, 'wrong current password: refused');
    const changed = await api.call('PUT', `/users/${owner.userId}`, {
      token: owner.token,
      body: { password: 'a brand new secret', currentPassword: owner.password },
    });
    t.equal(changed.status, 200, 'right current password: changed');
    t.equal(
      (await api.call('GET', '/agents', { token: owner.token })).status,
      401,
      'the access token from before the change no longer works',
    );
    t.equal(
      (await api.call('POST', '/auth/refresh', { body: { refreshToken: owner.refreshToken } })).status,
      401,
      'nor the refresh token',
    );
    const relog = await api.call<{ accessToken: string; refreshToken: string }>('POST', '/auth/login', {
      body: { email: owner.email, password: 'a brand new secret' },
    });
    t.equal(relog.status, 200, 'the new password signs in');
    const ownerToken = relog.body.accessToken;

    // Logout ends outstanding access tokens.
    const session = await api.call<{ accessToken: string; refreshToken: string }>('POST', '/auth/login', {
      body: { email: owner.email, password: 'a brand new secret' },
    });
    t.equal((await api.call('GET', '/agents', { token: session.body.accessToken })).status, 200);
    await api.call('POST', '/auth/logout', { body: { refreshToken: session.body.refreshToken } });
    t.equal(
      (await api.call('GET', '/agents', { token: session.body.accessToken })).status,
      401,
      'after logout the access token is refused',
    );
    const again = await api.call<{ accessToken: string; refreshToken: string }>('POST', '/auth/refresh', {
      body: { refreshToken: relog.body.refreshToken },
    });
    t.equal(again.status, 200, 'another sign-in renews through its refresh token');
    const fresh = again.body.accessToken;

    // An owner-role API key cannot reset the owner's (or anyone's) password.
    const ownerKey = await createKey(api, fresh, 'owner');
    const byKey = await api.call('PUT', `/users/${owner.userId}`, {
      token: ownerKey.key,
      body: { password: 'taken over by a key' },
    });
    t.equal(byKey.status, 403, "an owner key cannot reset the owner's password");
    const login = await api.call('POST', '/auth/login', {
      body: { email: owner.email, password: 'taken over by a key' },
    });
    t.equal(login.status, 401, 'the password did not change');

    // Resetting another user's password: a fresh sign-in is needed.
    const viewer = await addUser(api, fresh, `viewer-${dialect}@creds.test`, 'viewer');
    clock += 11 * 60_000; // past auth.freshLoginS (600 s)
    const renewed = await api.call<{ accessToken: string }>('POST', '/auth/refresh', {
      body: { refreshToken: again.body.refreshToken },
    });
    t.equal(renewed.status, 200);
    const stale = await api.call('PUT', `/users/${viewer.id}`, {
      token: renewed.body.accessToken,
      body: { password: 'reset by the owner' },
    });
    t.equal(stale.status, 403, 'a refreshed token is not a fresh sign-in');
    t.match(stale.body, { error: { details: { reason: 'fresh_login_required' } } });
    const newLogin = await api.call<{ accessToken: string }>('POST', '/auth/login', {
      body: { email: owner.email, password: 'a brand new secret' },
    });
    const reset = await api.call('PUT', `/users/${viewer.id}`, {
      token: newLogin.body.accessToken,
      body: { password: 'reset by the owner' },
    });
    t.equal(reset.status, 200, 'after signing in again the reset works');
    t.equal(
      (await api.call('GET', '/agents', { token: viewer.token })).status,
      401,
      "the reset ends the user's access tokens",
    );

    // A role change ends the user's access tokens too.
    const editor = await addUser(api, newLogin.body.accessToken, `editor-${dialect}@creds.test`, 'editor');
    t.equal((await api.call('GET', '/agents', { token: editor.token })).status, 200);
    await api.call('PUT', `/users/${editor.id}`, {
      token: newLogin.body.accessToken,
      body: { role: 'viewer' },
    });
    t.equal(
      (await api.call('GET', '/agents', { token: editor.token })).status,
      401,
      'role change: token refused',
    );
    t.equal(
      (await api.call('POST', '/auth/refresh', { body: { refreshToken: editor.refreshToken } })).status,
      401,
      'role change: refresh token refused',
    );

    // Removal: the removed user's token is refused.
    const gone = await addUser(api, newLogin.body.accessToken, `gone-${dialect}@creds.test`, 'editor');
    await api.call('DELETE', `/users/${gone.id}`, { token: newLogin.body.accessToken });
    t.equal((await api.call('GET', '/agents', { token: gone.token })).status, 401, 'removed: token refused');
    t.equal(
      (await api.call('GET', '/agents', { token: ownerToken })).status,
      401,
      'unrelated old tokens stay dead',
    );
  });

  t.test(`no account or number enumeration; one form per number [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect);
    const a = await api.register('Alpha');
    const b = await api.register('Beta');
    const dup = await api.call<{ error: { message: string; details?: unknown } }>('POST', '/auth/register', {
      body: { businessName: 'Probe', email: a.email, password: 'another long password' },
    });
    t.equal(dup.status, 409);
    t.notOk(JSON.stringify(dup.body).includes(a.email), 'the email is not named');
    t.notMatch(dup.body.error.message, /exist/i, 'nor that an account has it');
    const dupUser = await api.call('POST', '/users', {
      token: b.token,
      body: { email: a.email, password: strong, role: 'viewer' },
    });
    t.equal(dupUser.status, 409);
    t.notMatch(
      JSON.stringify(dupUser.body),
      /exist|alpha/i,
      "adding another business's address says nothing of it",
    );

    const agentA = await api.call<{ id: string; numbers: string[] }>('POST', '/agents', {
      token: a.token,
      body: { name: 'A', numbers: ['+1 (555) 010-0100'] },
    });
    t.equal(agentA.status, 201);
    t.same(agentA.body.numbers, ['15550100100'], 'stored in canonical form');
    for (const variant of ['15550100100', '+15550100100', '1.555.010.0100.', '1-555-010-0100']) {
      const claim = await api.call<{ error: { message: string; details?: unknown } }>('POST', '/agents', {
        token: b.token,
        body: { name: 'B', numbers: [variant] },
      });
      t.equal(claim.status, 409, `another business cannot claim ${variant}`);
      t.notOk(JSON.stringify(claim.body).includes('5550100100'), 'the number is not named');
      t.equal(claim.body.error.details, undefined, 'no details');
      t.notMatch(claim.body.error.message, /already|assigned to another agent/);
    }
    const own = await api.call<{ error: { details: { numbers: string[] } } }>('POST', '/agents', {
      token: a.token,
      body: { name: 'A2', numbers: ['+1 555 010 0100'] },
    });
    t.equal(own.status, 409);
    t.same(own.body.error.details.numbers, ['15550100100'], 'within one business the clash is named');
    for (const dialed of ['15550100100', '+15550100100', '+1-555-010-0100', '+15550100100;phone-context=x'])
      t.equal(
        (await agentForNumber(api.app.ctx, dialed))?.agentId,
        agentA.body.id,
        `a call to ${dialed} routes to the agent`,
      );
    t.equal(await agentForNumber(api.app.ctx, '5550100100'), undefined, 'a different number does not');
  });
}

t.test('weak passwords are refused naming the rule', async (t) => {
  const api = await startTestApi(t);
  const cases: [string, string][] = [
    ['aaaaaaaaaa', 'repetition'],
    ['abcabcabcabc', 'repetition'],
    ['1234567890', 'sequence'],
    ['qwertyuiop', 'sequence'],
    ['password123', 'common-password'],
    ['Superman2024!', 'common-password'],
    ['aabbaabbab', 'variety'],
    ['short', 'length'],
  ];
  for (const [password, rule] of cases) {
    const r = await api.call<{
      error: { code: string; message: string; details: { issues: { path: string; message: string }[] } };
    }>('POST', '/auth/register', {
      body: { businessName: 'Weak', email: `weak-${rule}-${password.length}@pw.test`, password },
    });
    t.equal(r.status, 400, `${password}: 400`);
    const issue = r.body.error.details.issues.find((d) => d.path === 'password');
    if (rule !== 'length') t.match(r.body.error.message, `rule: ${rule}`, 'the message names the rule');
    t.ok(
      rule === 'length' ? issue : issue?.message.includes(`rule: ${rule}`),
      `${password}: names rule ${rule} (${issue?.message})`,
    );
  }
  const owner = await api.register('Strong');
  const weakUser = await api.call('POST', '/users', {
    token: owner.token,
    body: { email: 'weak@pw.test', password: 'aaaaaaaaaa', role: 'viewer' },
  });
  t.equal(weakUser.status, 400, 'adding a user with a weak password: 400');
  const weakChange = await api.call('PUT', `/users/${owner.userId}`, {
    token: owner.token,
    body: { password: '1234567890', currentPassword: owner.password },
  });
  t.equal(weakChange.status, 400, 'changing to a weak password: 400');
  t.equal(
    (await api.call('POST', '/auth/login', { body: { email: owner.email, password: owner.password } }))
      .status,
    200,
    'existing passwords still sign in (the rules apply to new ones)',
  );
});

t.test('JWT handling the probe found sound stays so', async (t) => {
  const api = await startTestApi(t);
  const owner = await api.register('Jwt');
  const [, payloadB64] = owner.token.split('.');
  const payload = JSON.parse(Buffer.from(payloadB64 ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
  const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const status = async (token: string): Promise<number> =>
    (await api.call('GET', '/agents', { token })).status;
  t.equal(await status(owner.token), 200, 'the real token works');
  t.equal(await status(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`), 401, 'alg none refused');
  const wrongKey = await new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new Uint8Array(32).fill(7));
  t.equal(await status(wrongKey), 401, 'another key refused');
  const key = api.app.ctx.masterKey.derive('jwt');
  const hs512 = await new SignJWT(payload).setProtectedHeader({ alg: 'HS512' }).sign(key);
  t.equal(await status(hs512), 401, 'another algorithm (even with the right key) refused');
  const nowS = Math.floor(Date.now() / 1000);
  const expired = await new SignJWT({ ...payload, iat: nowS - 1000, exp: nowS - 10 })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(key);
  const exp = await api.call('GET', '/agents', { token: expired });
  t.equal(exp.status, 401, 'expired refused');
  t.match(exp.body, { error: { code: 'token_expired' } });
  const forged = await new SignJWT({ ...payload, tv: Number(payload.tv) + 1 })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new Uint8Array(32));
  t.equal(await status(forged), 401, 'claims cannot be changed without the key');
});
