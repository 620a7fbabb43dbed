import t from 'tap';
import { allowList, forgetBusinessAllowList } from '../auth/ip-policy.js';
import { base32Decode, totp } from '../auth/totp.js';
import { dialects } from './helpers/dialects.js';
import { startTestApi, type TestApi } from './helpers/app.js';

type Tokens = { accessToken: string; refreshToken: string };
type Challenge = { mfaRequired: true; method: 'totp' | 'enroll'; challengeToken: string };

/** A clock the test moves: TOTP codes are single-use per 30 s step. */
function testClock(): { now: () => Date; advance(s: number): void; unixS(): number } {
  let ms = Date.parse('2026-06-01T12:00:00Z');
  return {
    now: () => new Date(ms),
    advance: (s) => void (ms += s * 1000),
    unixS: () => ms / 1000,
  };
}

async function login(api: TestApi, email: string, password: string) {
  return api.call<Tokens & Challenge>('POST', '/auth/login', { body: { email, password } });
}

for (const dialect of dialects) {
  t.test(
    `MFA: set-up, two-step login, single-use codes, recovery, reset, enforcement [${dialect}]`,
    async (t) => {
      const clock = testClock();
      const api = await startTestApi(t, dialect, {}, clock.now);
      const a = await api.register('Mfa Co');

      t.same((await api.call('GET', '/auth/mfa', { token: a.token })).body, {
        enabled: false,
        recoveryCodesLeft: 0,
      });
      const setup = await api.call<{ secret: string; otpauthUri: string }>('POST', '/auth/mfa/setup', {
        token: a.token,
      });
      t.equal(setup.status, 200);
      t.match(setup.body.otpauthUri, /^otpauth:\/\/totp\/.*secret=/);
      const secret = base32Decode(setup.body.secret);
      const code = (): string => totp(secret, clock.unixS());

      const wrong = await api.call('POST', '/auth/mfa/confirm', {
        token: a.token,
        body: { code: '000000' === code() ? '111111' : '000000' },
      });
      t.equal(wrong.status, 401, 'a wrong first code does not turn MFA on');
      const confirm = await api.call<{ recoveryCodes: string[] }>('POST', '/auth/mfa/confirm', {
        token: a.token,
        body: { code: code() },
      });
      t.equal(confirm.status, 200);
      t.equal(confirm.body.recoveryCodes.length, 10);
      t.equal(new Set(confirm.body.recoveryCodes).size, 10);
      const again = await api.call('POST', '/auth/mfa/setup', { token: a.token });
      t.equal(again.status, 409, 'set-up again needs MFA off first');

      // Recovery codes are stored hashed, never as given.
      const stored = await api.app.ctx.db.kysely
        .selectFrom('mfa_recovery_codes')
        .select('code_hash')
        .execute();
      t.equal(stored.length, 10);
      t.notOk(
        stored.some((r) => confirm.body.recoveryCodes.includes(r.code_hash)),
        'hashed at rest',
      );
      const mfaRow = await api.app.ctx.db.kysely
        .selectFrom('user_mfa')
        .select('secret_enc')
        .executeTakeFirstOrThrow();
      t.notOk(mfaRow.secret_enc.includes(setup.body.secret), 'secret encrypted at rest');

      // Password step -> challenge; no tokens yet.
      const step1 = await login(api, a.email, a.password);
      t.equal(step1.status, 200);
      t.match(step1.body, { mfaRequired: true, method: 'totp' });
      t.notOk('accessToken' in step1.body, 'no session before the second factor');
      const reused = await api.call('POST', '/auth/mfa/verify', {
        body: { challengeToken: step1.body.challengeToken, code: code() },
      });
      t.equal(reused.status, 401, 'the code used to confirm set-up does not work again (same time step)');
      clock.advance(30);
      const step2 = await api.call<Tokens>('POST', '/auth/mfa/verify', {
        body: { challengeToken: step1.body.challengeToken, code: code() },
      });
      t.equal(step2.status, 200, 'challenge + current code = session');
      t.equal((await api.call('GET', '/auth/me', { token: step2.body.accessToken })).status, 200);
      const replay = await api.call('POST', '/auth/mfa/verify', {
        body: { challengeToken: step1.body.challengeToken, code: code() },
      });
      t.equal(replay.status, 401, 'a code works once');
      const forged = await api.call('POST', '/auth/mfa/verify', {
        body: { challengeToken: `${step1.body.challengeToken}x`, code: code() },
      });
      t.equal(forged.status, 401, 'a tampered challenge is refused');

      // A recovery code works once.
      const rc = confirm.body.recoveryCodes[0] ?? '';
      const ch2 = await login(api, a.email, a.password);
      const viaRecovery = await api.call<Tokens>('POST', '/auth/mfa/verify', {
        body: { challengeToken: ch2.body.challengeToken, code: rc.toUpperCase() },
      });
      t.equal(viaRecovery.status, 200, 'recovery code signs in');
      const rcAgain = await api.call('POST', '/auth/mfa/verify', {
        body: { challengeToken: ch2.body.challengeToken, code: rc },
      });
      t.equal(rcAgain.status, 401, 'a recovery code is spent');
      t.equal(
        (
          await api.call<{ recoveryCodesLeft: number }>('GET', '/auth/mfa', {
            token: viaRecovery.body.accessToken,
          })
        ).body.recoveryCodesLeft,
        9,
      );

      // Second-step brute force: throttled per account, the right code waits too.
      const ch3 = await login(api, a.email, a.password);
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++)
        statuses.push(
          (
            await api.call('POST', '/auth/mfa/verify', {
              body: { challengeToken: ch3.body.challengeToken, code: String(100000 + i) },
            })
          ).status,
        );
      t.same(statuses.slice(0, 4), [401, 401, 401, 401], 'first failures answer 401');
      t.ok(
        statuses.slice(5).every((s) => s === 429),
        `then 429 (${statuses.join(',')})`,
      );
      // The next step's code (accepted as clock drift) has never been used: only the throttle stops it.
      const blocked = await api.call('POST', '/auth/mfa/verify', {
        body: { challengeToken: ch3.body.challengeToken, code: totp(secret, clock.unixS() + 30) },
      });
      t.equal(blocked.status, 429, 'the right code waits while throttled');
      t.ok(Number(blocked.headers.get('retry-after')) >= 1);

      // Enforcement: an admin without MFA must enrol; a viewer is not affected.
      const admin = { email: `admin-${dialect}@mfa.test`, password: 'admin correct horse battery' };
      const viewer = { email: `viewer-${dialect}@mfa.test`, password: 'viewer correct horse battery' };
      const owner2 = { email: `owner2-${dialect}@mfa.test`, password: 'owner2 correct horse battery' };
      const token = viaRecovery.body.accessToken;
      const mkUser = async (u: { email: string; password: string }, role: string) =>
        api.call<{ id: string }>('POST', '/users', { token, body: { ...u, role } });
      const adminId = (await mkUser(admin, 'admin')).body.id;
      await mkUser(viewer, 'viewer');
      const owner2Id = (await mkUser(owner2, 'owner')).body.id;
      const req = await api.call<{ mfaRequired: boolean }>('PUT', '/business/security', {
        token,
        body: { mfaRequired: true },
      });
      t.equal(req.status, 200);
      t.equal(req.body.mfaRequired, true);
      const adminStep1 = await login(api, admin.email, admin.password);
      t.match(adminStep1.body, { mfaRequired: true, method: 'enroll' }, 'admin must enrol');
      t.equal(
        (
          await api.call('POST', '/auth/mfa/verify', {
            body: { challengeToken: adminStep1.body.challengeToken, code: '123456' },
          })
        ).status,
        401,
        'an enrol challenge is not a verify challenge',
      );
      const enroll = await api.call<{ secret: string }>('POST', '/auth/mfa/enroll', {
        body: { challengeToken: adminStep1.body.challengeToken },
      });
      t.equal(enroll.status, 200);
      const adminSecret = base32Decode(enroll.body.secret);
      const enrolled = await api.call<Tokens & { recoveryCodes: string[] }>(
        'POST',
        '/auth/mfa/enroll/confirm',
        {
          body: { challengeToken: adminStep1.body.challengeToken, code: totp(adminSecret, clock.unixS()) },
        },
      );
      t.equal(enrolled.status, 200, 'enrolment signs in');
      t.equal(enrolled.body.recoveryCodes.length, 10);
      const disableRefused = await api.call('POST', '/auth/mfa/disable', {
        token: enrolled.body.accessToken,
        body: { code: totp(adminSecret, clock.unixS() + 30) },
      });
      t.equal(disableRefused.status, 403, 'an admin cannot turn MFA off while the business requires it');
      const viewerLogin = await login(api, viewer.email, viewer.password);
      t.ok(viewerLogin.body.accessToken, 'viewers sign in with the password alone');

      // Reset by another owner: owner2 enrols (required), then resets the admin's MFA.
      const o2 = await login(api, owner2.email, owner2.password);
      const o2Secret = base32Decode(
        (
          await api.call<{ secret: string }>('POST', '/auth/mfa/enroll', {
            body: { challengeToken: o2.body.challengeToken },
          })
        ).body.secret,
      );
      const o2Session = await api.call<Tokens>('POST', '/auth/mfa/enroll/confirm', {
        body: { challengeToken: o2.body.challengeToken, code: totp(o2Secret, clock.unixS()) },
      });
      t.equal(o2Session.status, 200);
      t.equal(
        (await api.call('POST', `/users/${a.userId}/mfa/reset`, { token: enrolled.body.accessToken })).status,
        403,
        'an admin cannot reset MFA',
      );
      t.equal(
        (await api.call('POST', `/users/${owner2Id}/mfa/reset`, { token: o2Session.body.accessToken }))
          .status,
        403,
        'nobody resets their own MFA',
      );
      const reset = await api.call('POST', `/users/${adminId}/mfa/reset`, {
        token: o2Session.body.accessToken,
      });
      t.equal(reset.status, 204);
      t.equal(
        (await api.call('GET', '/auth/me', { token: enrolled.body.accessToken })).status,
        401,
        "the admin's sessions end",
      );
      t.match(
        (await login(api, admin.email, admin.password)).body,
        { method: 'enroll' },
        'the admin enrols again',
      );

      // Audit trail of all this, filtered.
      const audit = async (q: string) =>
        api.call<{ items: { action: string; ip: string | null; actorId: string | null }[]; total: number }>(
          'GET',
          `/audit-log?${q}`,
          { token: o2Session.body.accessToken },
        );
      const mfaActions = (await audit('action=mfa.&limit=200')).body.items.map((i) => i.action).sort();
      t.same(
        mfaActions,
        ['mfa.enable', 'mfa.enable', 'mfa.enable', 'mfa.reset', 'mfa.setup_failed'],
        'MFA changes audited',
      );
      const failed = await audit('action=auth.mfa_failed');
      t.equal(failed.body.total, 7, 'every evaluated failed second step audited');
      t.ok(
        failed.body.items.every((i) => i.ip === '127.0.0.1'),
        'with the client address',
      );
      const byOwner2 = await audit(`actorId=${owner2Id}`);
      t.ok(byOwner2.body.items.some((i) => i.action === 'mfa.reset'));
      t.ok(byOwner2.body.items.every((i) => i.actorId === owner2Id));
      t.ok((await audit('action=auth.login')).body.total >= 4, 'sign-ins audited');
      t.ok((await audit('action=auth.mfa_recovery_code_used')).body.total === 1);
      const future = await audit(
        `from=${encodeURIComponent(new Date(clock.now().getTime() + 1000).toISOString())}`,
      );
      t.equal(future.body.total, 0, 'time range filter');
      const page = await audit('limit=2&offset=1');
      t.equal(page.body.items.length, 2);
      t.ok(page.body.total > 2);
      t.equal((await audit('from=yesterday')).status, 400, 'a bad time is a clear 400');
    },
  );

  t.test(`IP allow-lists: per business and box-wide [${dialect}]`, async (t) => {
    const api = await startTestApi(t, dialect);
    const a = await api.register('Allow Co');
    const b = await api.register('Other Co');
    const put = (body: unknown) => api.call('PUT', '/business/security', { token: a.token, body });
    t.equal(
      (await put({ ipAllowList: ['10.0.0.0/8'] })).status,
      400,
      'a list that locks the caller out is refused',
    );
    t.equal((await put({ ipAllowList: ['not-an-ip'] })).status, 400);
    t.equal((await put({ ipAllowList: ['10.0.0.0/33'] })).status, 400);
    const ok = await api.call<{ ipAllowList: string[] }>('PUT', '/business/security', {
      token: a.token,
      body: { ipAllowList: ['127.0.0.1/32', '2001:db8::/32'] },
    });
    t.equal(ok.status, 200);
    t.same(ok.body.ipAllowList, ['127.0.0.1/32', '2001:db8::/32']);
    t.equal((await api.call('GET', '/auth/me', { token: a.token })).status, 200, 'allowed address passes');

    // Another owner, elsewhere, narrows the list to their office: this client is now outside.
    await api.app.ctx.db.kysely
      .updateTable('businesses')
      .set({ ip_allow_list: JSON.stringify(['192.0.2.0/24']) })
      .where('id', '=', a.businessId)
      .execute();
    forgetBusinessAllowList(a.businessId);
    const refused = await api.call('GET', '/auth/me', { token: a.token });
    t.equal(refused.status, 403);
    t.match(refused.body, { error: { details: { reason: 'ip_not_allowed' } } });
    const key = await api.call('POST', '/auth/refresh', { body: { refreshToken: a.refreshToken } });
    t.equal(key.status, 403, 'refresh refused too');
    const lg = await login(api, a.email, a.password);
    t.equal(lg.status, 403, 'sign-in refused from outside the list');
    t.equal(
      (await api.call('GET', '/auth/me', { token: b.token })).status,
      200,
      'other businesses unaffected',
    );
    const entries = await api.app.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'ip'])
      .where('business_id', '=', a.businessId)
      .where('action', '=', 'auth.login_refused_ip')
      .execute();
    t.same(
      entries,
      [{ action: 'auth.login_refused_ip', ip: '127.0.0.1' }],
      'refusal audited with the address',
    );
  });
}

t.test('box-wide allow-list: API and UI refused outside it, /healthz open', async (t) => {
  const outside = await startTestApi(t, 'sqlite', {
    http: {
      port: 0,
      bindAddress: '127.0.0.1',
      shutdownGraceMs: 500,
      unsubscribedRatePerS: 1000,
      publicRatePerS: 1000,
      allowFrom: ['10.0.0.0/8', 'fd00::/8'],
    },
  });
  const r = await outside.call('POST', '/auth/login', { body: { email: 'x@y.test', password: 'whatever' } });
  t.equal(r.status, 403);
  t.match(r.body, { error: { details: { reason: 'ip_not_allowed' } } });
  t.equal((await outside.call('GET', '/admin/')).status, 403, 'admin UI too');
  t.equal((await outside.call('GET', '/healthz')).status, 200, 'health stays open');
  const inside = await startTestApi(t, 'sqlite', {
    http: {
      port: 0,
      bindAddress: '127.0.0.1',
      shutdownGraceMs: 500,
      unsubscribedRatePerS: 1000,
      publicRatePerS: 1000,
      allowFrom: ['::ffff:127.0.0.1'],
    },
  });
  t.equal(
    (await inside.call('POST', '/auth/login', { body: { email: 'x@y.test', password: 'whatever' } })).status,
    401,
    'a v4-mapped entry admits the IPv4 client',
  );
});

t.test('allowList matcher: CIDR, IPv6, v4-mapped, bad entries', async (t) => {
  const m = allowList(['192.0.2.0/24', '2001:db8::/32', '::ffff:198.51.100.7']);
  t.ok(m('192.0.2.200'));
  t.ok(m('::ffff:192.0.2.1'), 'v4-mapped client matches an IPv4 entry');
  t.ok(m('198.51.100.7'), 'v4-mapped entry matches the IPv4 client');
  t.ok(m('2001:db8:1::5'));
  t.notOk(m('192.0.3.1'));
  t.notOk(m('2001:db9::1'));
  t.notOk(m('garbage'));
  t.ok(allowList([])('203.0.113.9'), 'empty: everyone');
  t.throws(() => allowList(['10.0.0.0/abc']));
  t.throws(() => allowList(['1.2.3.4/33']));
  t.throws(() => allowList(['host.example']));
});

t.test('brute force on the password step: throttling holds for the whole run', async (t) => {
  // The throttle runs on the appliance clock: frozen here, so a slow machine cannot let the block lapse.
  const clock = testClock();
  const api = await startTestApi(t, 'sqlite', { auth: { loginFailuresBeforeThrottle: 5 } }, clock.now);
  const a = await api.register('Brute');
  const statuses: number[] = [];
  for (let i = 0; i < 40; i++) statuses.push((await login(api, a.email, `guess number ${i}!`)).status);
  t.same(statuses.slice(0, 5), [401, 401, 401, 401, 401], 'five free failures');
  t.ok(
    statuses.slice(5).every((s) => s === 429),
    'every later guess is refused before the password is checked',
  );
  const right = await login(api, a.email, a.password);
  t.equal(right.status, 429, 'the right password too, while blocked');
  const failures = await api.app.ctx.db.kysely
    .selectFrom('audit_log')
    .select('ip')
    .where('action', '=', 'auth.login_failed')
    .execute();
  t.equal(failures.length, 5, 'only evaluated guesses are logged as failed sign-ins');
  clock.advance(2);
  t.equal(
    (await login(api, a.email, a.password)).status,
    200,
    'once the block (1 s after 5 failures) ends the owner gets in',
  );
});

for (const dialect of dialects)
  t.test(`login throttling survives a restart [${dialect}]`, async (t) => {
    const clock = testClock();
    const auth = { auth: { loginFailuresBeforeThrottle: 5 } };
    const first = await startTestApi(t, dialect, auth, clock.now);
    const a = await first.register('Restart Brute');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await login(first, a.email, `guess number ${i}!`)).status);
    t.same(statuses, [401, 401, 401, 401, 401, 429, 429, 429], 'blocked after five failures');
    const rows = await first.app.ctx.db.kysely.selectFrom('login_throttle').selectAll().execute();
    t.equal(rows.length, 1, 'the block is in the database');
    t.notOk(
      rows.some((r) => JSON.stringify(r).includes(a.email.split('@')[0] ?? a.email)),
      'stored without the e-mail address (hashed key)',
    );
    const where = { dataDir: first.app.ctx.config.dataDir, databaseUrl: first.app.ctx.config.databaseUrl };
    await first.app.stop();

    // A new process on the same data: the attacker is not forgiven by a restart.
    const second = await startTestApi(t, dialect, { ...auth, ...where }, clock.now);
    const blocked = await login(second, a.email, a.password);
    t.equal(blocked.status, 429, 'still blocked after the restart, even with the right password');
    clock.advance(2);
    t.equal((await login(second, a.email, 'one more guess!')).status, 401, 'the block (1 s) ended');
    const longer = await login(second, a.email, a.password);
    t.equal(longer.status, 429, 'the sixth failure counted on from five: blocked again');
    t.equal(longer.headers.get('retry-after'), '2', 'for 2 s (2^(6-5))');
    clock.advance(3);
    t.equal((await login(second, a.email, a.password)).status, 200, 'the owner gets in afterwards');
    t.same(
      await second.app.ctx.db.kysely.selectFrom('login_throttle').selectAll().execute(),
      [],
      'a success clears the stored record',
    );
  });

t.test('audit retention purges entries older than retentionDays', async (t) => {
  const clock = testClock();
  const api = await startTestApi(
    t,
    'sqlite',
    { audit: { retentionDays: 30, purgeIntervalMs: 1000 } },
    clock.now,
  );
  await api.register('Old Co');
  const db = api.app.ctx.db.kysely;
  const before = await db.selectFrom('audit_log').select('id').execute();
  t.ok(before.length >= 1);
  clock.advance(31 * 86_400);
  for (let i = 0; i < 40; i++) {
    if ((await db.selectFrom('audit_log').select('id').execute()).length === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  t.equal((await db.selectFrom('audit_log').select('id').execute()).length, 0, 'purged by the job');
});
