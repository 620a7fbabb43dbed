import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { audit, auditAction } from '../audit.js';
import type { AppContext } from '../context.js';
import type { Database } from '../db/index.js';
import { AppError, notFound } from '../errors.js';
import type { Principal } from '../http/route.js';
import { newId, type ApiKeyId, type BusinessId, type UserId } from '../ids.js';
import { isRole, roleAtLeast, type Role } from './roles.js';
import { randomToken, sha256Hex } from './tokens.js';

/**
 * API keys look like `vak_<prefix>_<secret>`. The prefix (public, shown in lists) finds the row;
 * only a SHA-256 digest of the whole key is stored: the secret is high-entropy, so a slow KDF
 * adds nothing but latency on every request.
 */
export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

type KeyRow = {
  id: string;
  name: string;
  prefix: string;
  role: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
};

const view = (r: KeyRow): ApiKeyView => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  role: isRole(r.role) ? r.role : 'viewer',
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

const lastUsedWrites = new Map<string, number>();

export async function createApiKey(
  app: AppContext,
  principal: Principal,
  input: { name: string; role: Role; expiresInDays?: number | undefined },
  ip: string,
): Promise<{ key: string; apiKey: ApiKeyView }> {
  if (!roleAtLeast(principal.role, input.role))
    throw new AppError('forbidden', 'an API key cannot have a higher role than its creator');
  const prefix = randomToken(6).replace(/[-_]/g, 'x').slice(0, 8);
  const key = `vak_${prefix}_${randomToken(32)}`;
  const now = app.now();
  // The human behind the key: a key made by a key belongs to that key's owner.
  const ownerUserId = principal.kind === 'user' ? principal.userId : principal.ownerUserId;
  if (!ownerUserId) throw new AppError('forbidden', 'this API key cannot create keys (it has no owner)');
  const row: KeyRow & {
    business_id: string;
    key_hash: string;
    created_by: string | null;
    owner_user_id: string;
  } = {
    id: newId(),
    business_id: principal.businessId,
    name: input.name,
    prefix,
    key_hash: sha256Hex(key),
    role: input.role,
    created_by: principal.kind === 'user' ? principal.userId : principal.keyId,
    owner_user_id: ownerUserId,
    created_at: now.toISOString(),
    expires_at: input.expiresInDays
      ? new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString()
      : null,
    revoked_at: null,
    last_used_at: null,
  };
  await app.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('api_keys').values(row).execute();
    await auditAction(trx, principal, 'api_key.create', now, { target: { type: 'api_key', id: row.id }, ip });
  });
  return { key, apiKey: view(row) };
}

export async function listApiKeys(app: AppContext, businessId: BusinessId): Promise<ApiKeyView[]> {
  const rows = await app.db.kysely
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'role', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('business_id', '=', businessId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(view);
}

async function getKey(app: AppContext, businessId: BusinessId, id: string): Promise<KeyRow> {
  const row = await app.db.kysely
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'role', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('API key');
  return row;
}

export async function revokeApiKey(
  app: AppContext,
  principal: Principal,
  id: string,
  ip: string,
): Promise<ApiKeyView> {
  const row = await getKey(app, principal.businessId, id);
  const now = app.now().toISOString();
  await app.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('api_keys')
      .set({ revoked_at: row.revoked_at ?? now })
      .where('id', '=', id)
      .execute();
    await auditAction(trx, principal, 'api_key.revoke', app.now(), { target: { type: 'api_key', id }, ip });
  });
  return view({ ...row, revoked_at: row.revoked_at ?? now });
}

/** Issues a replacement key; the old one keeps working for the configured grace period. */
export async function rotateApiKey(
  app: AppContext,
  principal: Principal,
  id: string,
  ip: string,
): Promise<{ key: string; apiKey: ApiKeyView; previous: ApiKeyView }> {
  const old = await getKey(app, principal.businessId, id);
  if (old.revoked_at) throw new AppError('conflict', 'a revoked key cannot be rotated');
  if (!isRole(old.role)) throw new AppError('internal', 'stored key has an unknown role');
  const created = await createApiKey(app, principal, { name: old.name, role: old.role }, ip);
  const graceEnd = new Date(app.now().getTime() + app.config.auth.apiKeyRotationGraceS * 1000).toISOString();
  const expiresAt = old.expires_at && old.expires_at < graceEnd ? old.expires_at : graceEnd;
  await app.db.kysely.updateTable('api_keys').set({ expires_at: expiresAt }).where('id', '=', id).execute();
  await audit(
    app.db.kysely,
    {
      businessId: principal.businessId,
      actor: principal,
      action: 'api_key.rotate',
      target: { type: 'api_key', id },
      details: { replacement: created.apiKey.id },
      ip,
    },
    app.now(),
  );
  return { ...created, previous: view({ ...old, expires_at: expiresAt }) };
}

/** Lower of two roles. */
const minRole = (a: Role, b: Role): Role => (roleAtLeast(a, b) ? b : a);

/**
 * Resolves a key to its principal. The key works only while its owner (the user who made it, or
 * who made the key that made it) exists, is enabled and belongs to the key's business, and never
 * with more than the owner's current role: demoting the owner caps their keys at once (within the
 * same query, no cache), removing the owner revokes them (users/service.ts).
 */
export async function verifyApiKey(app: AppContext, key: string): Promise<Principal> {
  const m = /^vak_([A-Za-z0-9]{8})_[A-Za-z0-9_-]{20,}$/.exec(key);
  if (!m?.[1]) throw new AppError('unauthenticated', 'malformed API key');
  const row = await app.db.kysely
    .selectFrom('api_keys')
    .leftJoin('users', 'users.id', 'api_keys.owner_user_id')
    .select([
      'api_keys.id',
      'api_keys.business_id',
      'api_keys.key_hash',
      'api_keys.role',
      'api_keys.expires_at',
      'api_keys.revoked_at',
      'api_keys.owner_user_id',
      'users.role as owner_role',
      'users.disabled as owner_disabled',
      'users.business_id as owner_business_id',
    ])
    .where('api_keys.prefix', '=', m[1])
    .executeTakeFirst();
  const digest = Buffer.from(sha256Hex(key), 'hex');
  if (!row || !timingSafeEqual(digest, Buffer.from(row.key_hash, 'hex')))
    throw new AppError('unauthenticated', 'invalid API key');
  const now = app.now();
  if (row.revoked_at) throw new AppError('unauthenticated', 'API key revoked');
  if (row.expires_at && row.expires_at <= now.toISOString())
    throw new AppError('unauthenticated', 'API key expired');
  if (!isRole(row.role)) throw new AppError('unauthenticated', 'API key has an unknown role');
  if (
    !row.owner_user_id ||
    !row.owner_role ||
    !isRole(row.owner_role) ||
    row.owner_disabled !== 0 ||
    row.owner_business_id !== row.business_id
  )
    throw new AppError('unauthenticated', 'the user who created this API key is no longer active');
  // last_used_at is advisory: write it at most once a minute per key, not on every request.
  const last = lastUsedWrites.get(row.id) ?? 0;
  if (now.getTime() - last > 60_000) {
    lastUsedWrites.set(row.id, now.getTime());
    await app.db.kysely
      .updateTable('api_keys')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  return {
    kind: 'api_key',
    businessId: row.business_id as BusinessId,
    keyId: row.id as ApiKeyId,
    role: minRole(row.role, row.owner_role),
    ownerUserId: row.owner_user_id as UserId,
  };
}

/** Revokes every key a user owns (the user is being removed). */
export async function revokeKeysOwnedBy(db: Kysely<Database>, userId: string, at: Date): Promise<number> {
  const r = await db
    .updateTable('api_keys')
    .set({ revoked_at: at.toISOString() })
    .where('owner_user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
