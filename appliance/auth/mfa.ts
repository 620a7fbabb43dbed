import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Kysely } from 'kysely';
import { audit } from '../audit.js';
import type { AppContext } from '../context.js';
import type { Database } from '../db/index.js';
import { AppError, forbidden } from '../errors.js';
import type { Principal } from '../http/route.js';
import { newId, type BusinessId, type UserId } from '../ids.js';
import { base32Encode, newTotpSecret, otpauthUri, verifyTotp } from './totp.js';
import { sha256Hex } from './tokens.js';

/**
 * MFA by TOTP with single-use recovery codes. Sign-in is two steps: the password step answers a
 * short-lived challenge token instead of tokens when the user has MFA (or must enrol because the
 * business requires it for owners and admins); the second step turns the challenge plus a code
 * into a session. Second-step failures are throttled per user (not per address: whoever has the
 * password could spread guesses over addresses), and every outcome is audited.
 */
export const RECOVERY_CODES = 10;
/** A challenge lives 5 min: time to open the authenticator app, too short to be worth stealing. */
const challengeTtlS = 300;

export type ChallengeKind = 'totp' | 'enroll';
export interface Challenge {
  userId: UserId;
  businessId: BusinessId;
  kind: ChallengeKind;
  tokenVersion: number;
}

function mfaKey(app: AppContext): Buffer {
  return app.masterKey.derive('mfa');
}

function encryptSecret(app: AppContext, secret: Buffer): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', mfaKey(app), iv);
  const ct = Buffer.concat([c.update(secret), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64url');
}

function decryptSecret(app: AppContext, enc: string): Buffer {
  const raw = Buffer.from(enc, 'base64url');
  const d = createDecipheriv('aes-256-gcm', mfaKey(app), raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]);
}

/** Whether a user must pass MFA (confirmed secret) or must enrol (business requires it, none yet). */
export async function mfaStateOf(
  db: Kysely<Database>,
  userId: string,
  role: string,
  businessId: string,
): Promise<ChallengeKind | 'none'> {
  const row = await db
    .selectFrom('user_mfa')
    .select('confirmed_at')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (row?.confirmed_at) return 'totp';
  if (role !== 'owner' && role !== 'admin') return 'none';
  const b = await db
    .selectFrom('businesses')
    .select('mfa_required')
    .where('id', '=', businessId)
    .executeTakeFirst();
  return b?.mfa_required ? 'enroll' : 'none';
}

export async function issueChallenge(app: AppContext, c: Challenge): Promise<string> {
  return new SignJWT({ bid: c.businessId, typ: 'mfa', kind: c.kind, tv: c.tokenVersion })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(c.userId)
    .setIssuer('appliance')
    .setAudience('appliance-mfa')
    .setIssuedAt()
    .setExpirationTime(`${challengeTtlS}s`)
    .sign(app.masterKey.derive('mfa-challenge'));
}

/** A valid, unexpired challenge whose user still has the token version it was issued for. */
export async function readChallenge(app: AppContext, token: string, kind: ChallengeKind): Promise<Challenge> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, app.masterKey.derive('mfa-challenge'), {
      issuer: 'appliance',
      audience: 'appliance-mfa',
      algorithms: ['HS256'],
    }));
  } catch {
    throw new AppError('unauthenticated', 'the sign-in challenge is invalid or expired; sign in again');
  }
  if (payload.typ !== 'mfa' || payload.kind !== kind || typeof payload.sub !== 'string')
    throw new AppError('unauthenticated', 'not a sign-in challenge for this step');
  const user = await app.db.kysely
    .selectFrom('users')
    .select(['token_version', 'disabled'])
    .where('id', '=', payload.sub)
    .executeTakeFirst();
  if (!user || user.disabled || user.token_version !== payload.tv)
    throw new AppError('unauthenticated', 'the sign-in challenge is no longer valid; sign in again');
  return {
    userId: payload.sub as UserId,
    businessId: payload.bid as BusinessId,
    kind,
    tokenVersion: user.token_version,
  };
}

/** Starts (or restarts) set-up: a new unconfirmed secret; a confirmed one must be disabled first. */
export async function beginSetup(
  app: AppContext,
  userId: string,
  businessId: string,
): Promise<{ secret: string; otpauthUri: string }> {
  const existing = await app.db.kysely
    .selectFrom('user_mfa')
    .select('confirmed_at')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (existing?.confirmed_at)
    throw new AppError('conflict', 'MFA is already on; turn it off first to set up a new app');
  const user = await app.db.kysely
    .selectFrom('users')
    .select('email')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const secret = newTotpSecret();
  const now = app.now().toISOString();
  await app.db.kysely.deleteFrom('user_mfa').where('user_id', '=', userId).execute();
  await app.db.kysely
    .insertInto('user_mfa')
    .values({
      user_id: userId,
      business_id: businessId,
      secret_enc: encryptSecret(app, secret),
      confirmed_at: null,
      created_at: now,
    })
    .execute();
  return { secret: base32Encode(secret), otpauthUri: otpauthUri(secret, 'Voice appliance', user.email) };
}

function throttleKey(userId: string): string {
  return `mfa|${userId}`;
}

async function failed(
  app: AppContext,
  userId: string,
  businessId: string,
  ip: string,
  action: string,
): Promise<never> {
  await app.mfaThrottle.failure(throttleKey(userId));
  await audit(
    app.db.kysely,
    { businessId, actor: { kind: 'anonymous' }, action, target: { type: 'user', id: userId }, ip },
    app.now(),
  );
  throw new AppError('invalid_credentials', 'the code is wrong or was already used');
}

/** Confirms set-up with a first code; returns the recovery codes (shown once, stored hashed). */
export async function confirmSetup(
  app: AppContext,
  userId: string,
  businessId: string,
  role: Principal['role'],
  code: string,
  ip: string,
): Promise<string[]> {
  app.mfaThrottle.check(throttleKey(userId));
  const row = await app.db.kysely
    .selectFrom('user_mfa')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new AppError('conflict', 'start MFA set-up first');
  if (row.confirmed_at) throw new AppError('conflict', 'MFA is already on');
  const step = verifyTotp(decryptSecret(app, row.secret_enc), code, app.now().getTime() / 1000);
  if (step === undefined) return failed(app, userId, businessId, ip, 'mfa.setup_failed');
  await app.mfaThrottle.success(throttleKey(userId));
  const codes = Array.from({ length: RECOVERY_CODES }, () =>
    randomBytes(10)
      .toString('hex')
      .replace(/(.{5})(?=.)/g, '$1-'),
  );
  const now = app.now();
  await app.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('user_mfa')
      .set({ confirmed_at: now.toISOString(), last_step: Number(step) })
      .where('user_id', '=', userId)
      .execute();
    await trx.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
    await trx
      .insertInto('mfa_recovery_codes')
      .values(
        codes.map((c) => ({
          id: newId(),
          user_id: userId,
          code_hash: sha256Hex(c),
          used_at: null,
          created_at: now.toISOString(),
        })),
      )
      .execute();
    await audit(
      trx,
      {
        businessId,
        actor: { kind: 'user', businessId: businessId as BusinessId, userId: userId as UserId, role },
        action: 'mfa.enable',
        target: { type: 'user', id: userId },
        ip,
      },
      now,
    );
  });
  return codes;
}

/**
 * Checks a second-step code: a TOTP code (each time step once) or an unused recovery code (then
 * spent). Throttled per user; failures and recovery-code use are audited.
 */
export async function verifySecondFactor(
  app: AppContext,
  userId: string,
  businessId: string,
  code: string,
  ip: string,
): Promise<void> {
  const key = throttleKey(userId);
  app.mfaThrottle.check(key);
  const row = await app.db.kysely
    .selectFrom('user_mfa')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row?.confirmed_at)
    throw new AppError('unauthenticated', 'MFA is not set up for this account; sign in again');
  const trimmed = code.trim().toLowerCase();
  if (/^\d{6}$/.test(trimmed)) {
    const step = verifyTotp(decryptSecret(app, row.secret_enc), trimmed, app.now().getTime() / 1000, {
      afterStep: BigInt(row.last_step),
    });
    if (step !== undefined) {
      // Conditional on the old value: two racing requests with the same code cannot both pass.
      const r = await app.db.kysely
        .updateTable('user_mfa')
        .set({ last_step: Number(step) })
        .where('user_id', '=', userId)
        .where('last_step', '<', Number(step))
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) {
        await app.mfaThrottle.success(key);
        return;
      }
    }
    return failed(app, userId, businessId, ip, 'auth.mfa_failed');
  }
  const spent = await app.db.kysely
    .updateTable('mfa_recovery_codes')
    .set({ used_at: app.now().toISOString() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', sha256Hex(trimmed))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) return failed(app, userId, businessId, ip, 'auth.mfa_failed');
  await app.mfaThrottle.success(key);
  await audit(
    app.db.kysely,
    {
      businessId,
      actor: { kind: 'anonymous' },
      action: 'auth.mfa_recovery_code_used',
      target: { type: 'user', id: userId },
      ip,
    },
    app.now(),
  );
}

export async function mfaStatus(
  app: AppContext,
  userId: string,
): Promise<{ enabled: boolean; recoveryCodesLeft: number }> {
  const row = await app.db.kysely
    .selectFrom('user_mfa')
    .select('confirmed_at')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const left = await app.db.kysely
    .selectFrom('mfa_recovery_codes')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { enabled: Boolean(row?.confirmed_at), recoveryCodesLeft: Number(left.n) };
}

/** Removes a user's MFA (secret and recovery codes) inside `db`'s transaction. */
async function removeMfa(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('user_mfa').where('user_id', '=', userId).execute();
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
}

/**
 * Turns one's own MFA off with a current code. Refused while the business requires MFA for an
 * owner or admin (they would be sent straight back to enrolment).
 */
export async function disableOwn(app: AppContext, p: Principal, code: string, ip: string): Promise<void> {
  if (p.kind !== 'user') throw forbidden('an API key has no MFA');
  if (p.role === 'owner' || p.role === 'admin') {
    const b = await app.db.kysely
      .selectFrom('businesses')
      .select('mfa_required')
      .where('id', '=', p.businessId)
      .executeTakeFirst();
    if (b?.mfa_required) throw forbidden('your business requires MFA for owners and admins');
  }
  await verifySecondFactor(app, p.userId, p.businessId, code, ip);
  await app.db.kysely.transaction().execute(async (trx) => {
    await removeMfa(trx, p.userId);
    await audit(
      trx,
      {
        businessId: p.businessId,
        actor: p,
        action: 'mfa.disable',
        target: { type: 'user', id: p.userId },
        ip,
      },
      app.now(),
    );
  });
}

/**
 * An owner resets another user's MFA (lost phone): secret and recovery codes go, and that user's
 * sessions end. Like a password reset it needs a person signed in recently (auth.freshLoginS).
 */
export async function resetOther(app: AppContext, p: Principal, targetId: string, ip: string): Promise<void> {
  if (p.kind !== 'user' || p.role !== 'owner')
    throw forbidden('only an owner (a person, not an API key) can reset MFA');
  if (targetId === p.userId)
    throw forbidden('another owner must reset your MFA; you can turn your own off with a code');
  const ageS = app.now().getTime() / 1000 - (p.authTimeS ?? 0);
  if (!p.authTimeS || ageS > app.config.auth.freshLoginS)
    throw new AppError('forbidden', 'sign in again to reset MFA', {
      details: { reason: 'fresh_login_required' },
    });
  const target = await app.db.kysely
    .selectFrom('users')
    .select('id')
    .where('id', '=', targetId)
    .where('business_id', '=', p.businessId)
    .executeTakeFirst();
  if (!target) throw new AppError('not_found', 'no such user');
  const now = app.now();
  await app.db.kysely.transaction().execute(async (trx) => {
    await removeMfa(trx, targetId);
    await trx
      .updateTable('users')
      .set((eb) => ({ token_version: eb('token_version', '+', 1) }))
      .where('id', '=', targetId)
      .execute();
    await trx
      .updateTable('refresh_tokens')
      .set({ revoked_at: now.toISOString() })
      .where('user_id', '=', targetId)
      .where('revoked_at', 'is', null)
      .execute();
    await audit(
      trx,
      { businessId: p.businessId, actor: p, action: 'mfa.reset', target: { type: 'user', id: targetId }, ip },
      now,
    );
  });
  await app.mfaThrottle.success(throttleKey(targetId));
}
