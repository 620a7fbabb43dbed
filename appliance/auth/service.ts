import type { Kysely } from 'kysely';
import type { Context } from 'koa';
import { audit } from '../audit.js';
import type { AppContext } from '../context.js';
import type { Database } from '../db/index.js';
import { AppError } from '../errors.js';
import type { Principal } from '../http/route.js';
import { newId, type BusinessId, type UserId } from '../ids.js';
import { verifyApiKey } from './api-keys.js';
import { assertBusinessIpAllowed } from './ip-policy.js';
import {
  beginSetup,
  confirmSetup,
  issueChallenge,
  mfaStateOf,
  readChallenge,
  verifySecondFactor,
} from './mfa.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { isRole } from './roles.js';
import { randomToken, sha256Hex } from './tokens.js';

export interface RegisterInput {
  businessName: string;
  email: string;
  password: string;
  name?: string | undefined;
  timezone?: string | undefined;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresInS: number;
  businessId: string;
  userId: string;
}

/** Creates a business and its owner in one transaction. */
export async function register(app: AppContext, input: RegisterInput, ip: string): Promise<TokenPair> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const now = app.now();
  const businessId = newId<BusinessId>();
  const userId = newId<UserId>();
  await app.db.kysely.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    // Generic on purpose: neither the address nor that an account has it is named (enumeration).
    if (existing)
      throw new AppError(
        'conflict',
        'registration could not be completed with these details; if you already have an account, sign in',
      );
    await trx
      .insertInto('businesses')
      .values({
        id: businessId,
        name: input.businessName.trim(),
        email,
        phone: null,
        address: null,
        timezone: input.timezone ?? 'UTC',
        website: null,
        description: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    await trx
      .insertInto('users')
      .values({
        id: userId,
        business_id: businessId,
        email,
        name: input.name ?? null,
        password_hash: passwordHash,
        role: 'owner',
        disabled: 0,
        created_at: now.toISOString(),
        last_login_at: null,
      })
      .execute();
    await audit(
      trx,
      {
        businessId,
        actor: { kind: 'user', businessId, userId, role: 'owner' },
        action: 'business.register',
        ip,
      },
      now,
    );
  });
  return issuePair(app, businessId, userId, newId(), 0, now.toISOString());
}

/** The password step's answer when a second factor is due (`totp`) or must first be set up (`enroll`). */
export interface MfaChallenge {
  mfaRequired: true;
  method: 'totp' | 'enroll';
  challengeToken: string;
  expiresInS: number;
}

export async function login(
  app: AppContext,
  emailRaw: string,
  password: string,
  ip: string,
): Promise<TokenPair | MfaChallenge> {
  const email = emailRaw.trim().toLowerCase();
  const key = `${email}|${ip}`;
  app.throttle.check(key);
  const user = await app.db.kysely
    .selectFrom('users')
    .select(['id', 'business_id', 'password_hash', 'disabled', 'token_version', 'role'])
    .where('email', '=', email)
    .executeTakeFirst();
  const ok = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
  if (!user || !ok || user.disabled) {
    await app.throttle.failure(key);
    await audit(
      app.db.kysely,
      {
        businessId: user?.business_id ?? null,
        actor: { kind: 'anonymous' },
        action: 'auth.login_failed',
        ip,
      },
      app.now(),
    );
    throw new AppError('invalid_credentials', 'email or password is wrong');
  }
  await app.throttle.success(key);
  await assertIpForLogin(app, user.business_id, user.id, ip);
  const mfa = await mfaStateOf(app.db.kysely, user.id, user.role, user.business_id);
  if (mfa !== 'none') {
    const challengeToken = await issueChallenge(app, {
      userId: user.id as UserId,
      businessId: user.business_id as BusinessId,
      kind: mfa,
      tokenVersion: user.token_version,
    });
    return { mfaRequired: true, method: mfa, challengeToken, expiresInS: 300 };
  }
  return completeLogin(app, user.business_id, user.id, user.token_version, ip);
}

/** The per-business allow-list at sign-in: refused attempts are audited (the password was right). */
async function assertIpForLogin(
  app: AppContext,
  businessId: string,
  userId: string,
  ip: string,
): Promise<void> {
  try {
    await assertBusinessIpAllowed(app, businessId, ip);
  } catch (err) {
    await audit(
      app.db.kysely,
      {
        businessId,
        actor: { kind: 'anonymous' },
        action: 'auth.login_refused_ip',
        target: { type: 'user', id: userId },
        ip,
      },
      app.now(),
    );
    throw err;
  }
}

/** Both steps passed: the session starts (audited as `auth.login`). */
async function completeLogin(
  app: AppContext,
  businessId: string,
  userId: string,
  tokenVersion: number,
  ip: string,
): Promise<TokenPair> {
  const now = app.now();
  const user = await app.db.kysely
    .selectFrom('users')
    .select('role')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  await app.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ last_login_at: now.toISOString() })
      .where('id', '=', userId)
      .execute();
    await audit(
      trx,
      {
        businessId,
        actor: {
          kind: 'user',
          businessId: businessId as BusinessId,
          userId: userId as UserId,
          role: isRole(user.role) ? user.role : 'viewer',
        },
        action: 'auth.login',
        ip,
      },
      now,
    );
  });
  return issuePair(app, businessId as BusinessId, userId as UserId, newId(), tokenVersion, now.toISOString());
}

/** Second step: the challenge from the password step plus a TOTP or recovery code. */
export async function loginWithMfa(
  app: AppContext,
  challengeToken: string,
  code: string,
  ip: string,
): Promise<TokenPair> {
  const c = await readChallenge(app, challengeToken, 'totp');
  await assertIpForLogin(app, c.businessId, c.userId, ip);
  await verifySecondFactor(app, c.userId, c.businessId, code, ip);
  return completeLogin(app, c.businessId, c.userId, c.tokenVersion, ip);
}

/** Enrolment forced by the business: the challenge lets the user fetch a new secret... */
export async function enrollBegin(
  app: AppContext,
  challengeToken: string,
): Promise<{ secret: string; otpauthUri: string }> {
  const c = await readChallenge(app, challengeToken, 'enroll');
  return beginSetup(app, c.userId, c.businessId);
}

/** ... and confirm it with a first code, which signs them in and shows the recovery codes once. */
export async function enrollConfirm(
  app: AppContext,
  challengeToken: string,
  code: string,
  ip: string,
): Promise<TokenPair & { recoveryCodes: string[] }> {
  const c = await readChallenge(app, challengeToken, 'enroll');
  await assertIpForLogin(app, c.businessId, c.userId, ip);
  const user = await app.db.kysely
    .selectFrom('users')
    .select('role')
    .where('id', '=', c.userId)
    .executeTakeFirstOrThrow();
  const recoveryCodes = await confirmSetup(
    app,
    c.userId,
    c.businessId,
    isRole(user.role) ? user.role : 'viewer',
    code,
    ip,
  );
  return { ...(await completeLogin(app, c.businessId, c.userId, c.tokenVersion, ip)), recoveryCodes };
}

/**
 * A token pair for a sign-in. `authenticatedAt` (ISO) is when that sign-in checked the password;
 * refreshes carry it along so only a real login counts as fresh (`auth.freshLoginS`).
 */
async function issuePair(
  app: AppContext,
  businessId: BusinessId,
  userId: UserId,
  familyId: string,
  tokenVersion: number,
  authenticatedAt: string | null,
): Promise<TokenPair> {
  const refreshToken = `vrt_${randomToken(32)}`;
  const now = app.now();
  await app.db.kysely
    .insertInto('refresh_tokens')
    .values({
      id: newId(),
      user_id: userId,
      business_id: businessId,
      token_hash: sha256Hex(refreshToken),
      family_id: familyId,
      expires_at: new Date(now.getTime() + app.config.auth.refreshTokenTtlS * 1000).toISOString(),
      revoked_at: null,
      created_at: now.toISOString(),
      authenticated_at: authenticatedAt,
    })
    .execute();
  const accessToken = await app.tokens.issueAccess({
    userId,
    businessId,
    tokenVersion,
    authTimeS: authenticatedAt ? Math.floor(Date.parse(authenticatedAt) / 1000) : 0,
  });
  return {
    accessToken,
    refreshToken,
    tokenType: 'Bearer',
    expiresInS: app.tokens.accessTtlS,
    businessId,
    userId,
  };
}

/**
 * Refresh-token rotation: each refresh token works once. Presenting a used one again means it
 * leaked, so the whole family (every token descended from that login) is revoked.
 */
export async function refresh(app: AppContext, refreshToken: string, ip?: string): Promise<TokenPair> {
  const now = app.now();
  const row = await app.db.kysely
    .selectFrom('refresh_tokens')
    .selectAll()
    .where('token_hash', '=', sha256Hex(refreshToken))
    .executeTakeFirst();
  if (!row) throw new AppError('unauthenticated', 'unknown refresh token');
  if (row.revoked_at) {
    await app.db.kysely
      .updateTable('refresh_tokens')
      .set({ revoked_at: now.toISOString() })
      .where('family_id', '=', row.family_id)
      .where('revoked_at', 'is', null)
      .execute();
    throw new AppError('unauthenticated', 'refresh token was already used; sign in again');
  }
  if (row.expires_at <= now.toISOString())
    throw new AppError('token_expired', 'refresh token expired; sign in again');
  const user = await app.db.kysely
    .selectFrom('users')
    .select(['disabled', 'token_version'])
    .where('id', '=', row.user_id)
    .executeTakeFirst();
  if (!user || user.disabled) throw new AppError('unauthenticated', 'account is disabled');
  if (ip !== undefined) await assertBusinessIpAllowed(app, row.business_id, ip);
  const used = await app.db.kysely
    .updateTable('refresh_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1)
    throw new AppError('unauthenticated', 'refresh token was already used');
  return issuePair(
    app,
    row.business_id as BusinessId,
    row.user_id as UserId,
    row.family_id,
    user.token_version,
    row.authenticated_at,
  );
}

/**
 * Signs out: the refresh token's family is revoked and the user's token version raised, so the
 * access tokens already handed out stop working too (on every device; other sign-ins renew theirs
 * through their refresh token).
 */
export async function logout(app: AppContext, refreshToken: string): Promise<void> {
  const row = await app.db.kysely
    .selectFrom('refresh_tokens')
    .select(['family_id', 'user_id'])
    .where('token_hash', '=', sha256Hex(refreshToken))
    .executeTakeFirst();
  if (!row) return;
  await app.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('refresh_tokens')
      .set({ revoked_at: app.now().toISOString() })
      .where('family_id', '=', row.family_id)
      .where('revoked_at', 'is', null)
      .execute();
    await raiseTokenVersion(trx, row.user_id);
  });
  forgetUser(row.user_id);
}

/** Ends every outstanding access token of a user (they carry the old version). Call forgetUser after commit. */
export async function raiseTokenVersion(db: Kysely<Database>, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ token_version: eb('token_version', '+', 1) }))
    .where('id', '=', userId)
    .execute();
}

/** Revokes every refresh token of a user (all sign-ins). */
export async function revokeRefreshTokens(db: Kysely<Database>, userId: string, at: Date): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: at.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Role and state of recently seen users, so an API request costs no user query. Changes made
 * through this process (role, disable, delete) drop the entry at once (forgetUser); changes made
 * by another node apply within userCacheMs.
 */
const userCacheMs = 2000;
const activeUsers = new Map<
  string,
  { role: string; disabled: number; business_id: string; token_version: number; untilMs: number }
>();
export const forgetUser = (userId: string): void => void activeUsers.delete(userId);

/** Resolves `Authorization: Bearer <JWT | vak_… API key>` (or `X-API-Key`) to a principal. */
export async function authenticate(app: AppContext, ctx: Context): Promise<Principal> {
  const header = ctx.get('authorization');
  const apiKeyHeader = ctx.get('x-api-key');
  let token = apiKeyHeader;
  if (!token) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m?.[1])
      throw new AppError('unauthenticated', 'missing or malformed Authorization header (Bearer token)');
    token = m[1];
  }
  if (token.startsWith('vak_')) {
    const key = await verifyApiKey(app, token);
    await assertBusinessIpAllowed(app, key.businessId, ctx.ip);
    return key;
  }
  const claims = await app.tokens.verifyAccess(token);
  const cached = activeUsers.get(claims.userId);
  const user =
    cached && cached.untilMs > Date.now()
      ? cached
      : await app.db.kysely
          .selectFrom('users')
          .select(['role', 'disabled', 'business_id', 'token_version'])
          .where('id', '=', claims.userId)
          .executeTakeFirst();
  if (user && user !== cached) {
    if (activeUsers.size >= 10_000) activeUsers.clear();
    activeUsers.set(claims.userId, { ...user, untilMs: Date.now() + userCacheMs });
  }
  if (!user || user.disabled || user.business_id !== claims.businessId || !isRole(user.role))
    throw new AppError('unauthenticated', 'account no longer active');
  // Password or role changed, signed out, or disabled since this token was issued.
  if (user.token_version !== claims.tokenVersion)
    throw new AppError('unauthenticated', 'access token revoked; sign in again');
  await assertBusinessIpAllowed(app, claims.businessId, ctx.ip);
  return {
    kind: 'user',
    businessId: claims.businessId,
    userId: claims.userId,
    role: user.role,
    authTimeS: claims.authTimeS,
  };
}
