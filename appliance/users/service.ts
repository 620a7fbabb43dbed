import { auditAction } from '../audit.js';
import { revokeKeysOwnedBy } from '../auth/api-keys.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { forgetUser, raiseTokenVersion, revokeRefreshTokens } from '../auth/service.js';
import { isRole, roleAtLeast, type Role } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import { AppError, conflict, forbidden, notFound } from '../errors.js';
import type { Principal } from '../http/route.js';
import { newId } from '../ids.js';

export interface UserView {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

type Row = {
  id: string;
  email: string;
  name: string | null;
  role: string;
  disabled: number;
  created_at: string;
  last_login_at: string | null;
};
const cols = ['id', 'email', 'name', 'role', 'disabled', 'created_at', 'last_login_at'] as const;

const view = (r: Row): UserView => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: isRole(r.role) ? r.role : 'viewer',
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  lastLoginAt: r.last_login_at,
});

export async function listUsers(app: AppContext, p: Principal): Promise<UserView[]> {
  const rows = await app.db.kysely
    .selectFrom('users')
    .select(cols)
    .where('business_id', '=', p.businessId)
    .orderBy('created_at')
    .execute();
  return rows.map(view);
}

export async function getUser(app: AppContext, p: Principal, id: string): Promise<UserView> {
  const r = await app.db.kysely
    .selectFrom('users')
    .select(cols)
    .where('business_id', '=', p.businessId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) throw notFound('user');
  return view(r);
}

/** Nobody grants a role above their own; only an owner makes owners. */
function assertCanGrant(p: Principal, role: Role): void {
  if (!roleAtLeast(p.role, role)) throw forbidden(`you cannot grant the ${role} role`);
}

export async function createUser(
  app: AppContext,
  p: Principal,
  input: { email: string; password: string; name?: string | undefined; role: Role },
  ip: string,
): Promise<UserView> {
  assertCanGrant(p, input.role);
  const email = input.email.trim().toLowerCase();
  const hash = await hashPassword(input.password);
  const now = app.now();
  const row = {
    id: newId(),
    business_id: p.businessId,
    email,
    name: input.name ?? null,
    password_hash: hash,
    role: input.role,
    disabled: 0,
    created_at: now.toISOString(),
    last_login_at: null,
  };
  await app.db.kysely.transaction().execute(async (trx) => {
    const dup = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    // Generic on purpose: the address may belong to another business (no cross-tenant lookup).
    if (dup) throw conflict('this email address cannot be used for a new user');
    await trx.insertInto('users').values(row).execute();
    await auditAction(trx, p, 'user.create', now, {
      target: { type: 'user', id: row.id },
      details: { role: input.role },
      ip,
    });
  });
  return view(row);
}

/**
 * Changes a user. Credentials are guarded: one's own password only with the current one (failures
 * count against the login throttle); another user's password only by a person (not an API key)
 * whose sign-in checked their password within `auth.freshLoginS`. A password, role or disabled
 * change ends the user's sessions: refresh tokens are revoked and the token version raised, so
 * outstanding access tokens stop working at once on this node (within the 2 s user cache on others).
 */
export async function updateUser(
  app: AppContext,
  p: Principal,
  id: string,
  patch: {
    role?: Role | undefined;
    name?: string | undefined;
    disabled?: boolean | undefined;
    password?: string | undefined;
    currentPassword?: string | undefined;
  },
  ip: string,
): Promise<UserView> {
  const target = await getUser(app, p, id);
  const self = p.kind === 'user' && p.userId === id;
  if (!self && !roleAtLeast(p.role, 'admin')) throw forbidden('only admins can change other users');
  if (!roleAtLeast(p.role, target.role)) throw forbidden('you cannot change a user with a higher role');
  if (patch.role !== undefined) {
    if (self) throw forbidden('you cannot change your own role');
    assertCanGrant(p, patch.role);
  }
  if (patch.disabled && self) throw forbidden('you cannot disable yourself');
  if (patch.password !== undefined) {
    if (self) await assertCurrentPassword(app, id, patch.currentPassword, ip);
    else assertFreshHuman(app, p);
  }
  if (target.role === 'owner' && (patch.disabled || (patch.role && patch.role !== 'owner')))
    await assertAnotherOwner(app, p, id);
  const set: Record<string, unknown> = {};
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
  if (patch.password !== undefined) set.password_hash = await hashPassword(patch.password);
  if (Object.keys(set).length === 0) return target;
  const endSessions =
    patch.disabled === true ||
    patch.password !== undefined ||
    (patch.role !== undefined && patch.role !== target.role);
  await app.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set(set)
      .where('id', '=', id)
      .where('business_id', '=', p.businessId)
      .execute();
    if (endSessions) {
      await revokeRefreshTokens(trx, id, app.now());
      await raiseTokenVersion(trx, id);
    }
    await auditAction(trx, p, 'user.update', app.now(), {
      target: { type: 'user', id },
      details: {
        fields: Object.keys(set)
          .filter((k) => k !== 'password_hash')
          .concat(patch.password !== undefined ? ['password'] : []),
      },
      ip,
    });
  });
  forgetUser(id);
  return getUser(app, p, id);
}

/** One's own password change: the current password must be given and right (throttled like logins). */
async function assertCurrentPassword(
  app: AppContext,
  userId: string,
  current: string | undefined,
  ip: string,
): Promise<void> {
  const wrong = (message: string): AppError =>
    new AppError('validation_failed', message, {
      details: [{ path: 'currentPassword', message, code: 'custom' }],
    });
  if (!current) throw wrong('the current password is needed to change your password');
  const key = `password-change|${userId}|${ip}`;
  app.throttle.check(key);
  const row = await app.db.kysely
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row || !(await verifyPassword(current, row.password_hash))) {
    await app.throttle.failure(key);
    throw wrong('the current password is wrong');
  }
  await app.throttle.success(key);
}

/** Resetting someone else's password: a person, signed in with their password within auth.freshLoginS. */
function assertFreshHuman(app: AppContext, p: Principal): void {
  if (p.kind !== 'user')
    throw forbidden("an API key cannot set a user's password; a signed-in person must do it");
  const ageS = app.now().getTime() / 1000 - (p.authTimeS ?? 0);
  if (!p.authTimeS || ageS > app.config.auth.freshLoginS)
    throw new AppError(
      'forbidden',
      `sign in again to reset another user's password (needs a sign-in within the last ${Math.round(app.config.auth.freshLoginS / 60)} minutes)`,
      { details: { reason: 'fresh_login_required' } },
    );
}

async function assertAnotherOwner(app: AppContext, p: Principal, exceptId: string): Promise<void> {
  const others = await app.db.kysely
    .selectFrom('users')
    .select('id')
    .where('business_id', '=', p.businessId)
    .where('role', '=', 'owner')
    .where('disabled', '=', 0)
    .where('id', '!=', exceptId)
    .execute();
  if (others.length === 0) throw new AppError('conflict', 'a business must keep at least one active owner');
}

export async function deleteUser(app: AppContext, p: Principal, id: string, ip: string): Promise<void> {
  const target = await getUser(app, p, id);
  if (p.kind === 'user' && p.userId === id) throw forbidden('you cannot delete yourself');
  if (!roleAtLeast(p.role, target.role)) throw forbidden('you cannot delete a user with a higher role');
  if (target.role === 'owner') await assertAnotherOwner(app, p, id);
  await app.db.kysely.transaction().execute(async (trx) => {
    // Keys the user made would otherwise outlive them (their refresh tokens go with the row).
    const keysRevoked = await revokeKeysOwnedBy(trx, id, app.now());
    await trx.deleteFrom('users').where('id', '=', id).where('business_id', '=', p.businessId).execute();
    await auditAction(trx, p, 'user.delete', app.now(), {
      target: { type: 'user', id },
      details: { apiKeysRevoked: keysRevoked },
      ip,
    });
  });
  forgetUser(id);
}
