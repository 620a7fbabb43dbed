import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from '../auth/api-keys.js';
import { newPasswordSchema } from '../auth/password-policy.js';
import { roles } from '../auth/roles.js';
import { authedRoute, type Route } from '../http/route.js';
import { createUser, deleteUser, getUser, listUsers, updateUser } from '../users/service.js';
import { idParams, pageQuery, type RouteDeps } from './common.js';

const apiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('the public part of the key, shown in lists'),
  role: z.enum(roles),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
const createdKey = z.object({ key: z.string().describe('the whole key: shown once, never again'), apiKey });

const user = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(roles),
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});

const auditEntry = z.object({
  id: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.unknown(),
  ip: z.string().nullable().describe('client address of the request'),
  createdAt: z.string(),
});

/** API keys, users and the audit log: who may do what in a business. */
export function accessRoutes({ app }: RouteDeps): Route[] {
  return [
    authedRoute({
      method: 'post',
      path: '/api-keys',
      tag: 'access',
      summary: 'Create an API key (the key is returned once)',
      auth: 'admin',
      body: z.strictObject({
        name: z.string().trim().min(1).max(100),
        role: z.enum(roles).default('viewer'),
        expiresInDays: z.number().int().min(1).max(3650).optional(),
      }),
      responses: { 201: { description: 'created', schema: createdKey } },
      handler: async ({ principal, body, ctx }) => ({
        status: 201,
        body: await createApiKey(app, principal, body, ctx.ip),
      }),
    }),
    authedRoute({
      method: 'get',
      path: '/api-keys',
      tag: 'access',
      summary: 'List API keys (prefixes only)',
      auth: 'admin',
      responses: { 200: { description: 'keys', schema: z.object({ items: z.array(apiKey) }) } },
      handler: async ({ principal }) => ({ body: { items: await listApiKeys(app, principal.businessId) } }),
    }),
    authedRoute({
      method: 'delete',
      path: '/api-keys/{id}',
      tag: 'access',
      summary: 'Revoke an API key at once',
      auth: 'admin',
      params: idParams,
      responses: { 200: { description: 'revoked', schema: apiKey } },
      handler: async ({ principal, params, ctx }) => ({
        body: await revokeApiKey(app, principal, params.id, ctx.ip),
      }),
    }),
    authedRoute({
      method: 'post',
      path: '/api-keys/{id}/rotate',
      tag: 'access',
      summary: 'Issue a replacement key; the old one keeps working for the grace period',
      auth: 'admin',
      params: idParams,
      responses: { 201: { description: 'rotated', schema: createdKey.extend({ previous: apiKey }) } },
      handler: async ({ principal, params, ctx }) => ({
        status: 201,
        body: await rotateApiKey(app, principal, params.id, ctx.ip),
      }),
    }),
    authedRoute({
      method: 'get',
      path: '/users',
      tag: 'access',
      summary: "The business's users and their roles",
      auth: 'admin',
      responses: { 200: { description: 'users', schema: z.object({ items: z.array(user) }) } },
      handler: async ({ principal }) => ({ body: { items: await listUsers(app, principal) } }),
    }),
    authedRoute({
      method: 'post',
      path: '/users',
      tag: 'access',
      summary: 'Add a user to the business',
      auth: 'admin',
      body: z.strictObject({
        email: z.email().max(254),
        password: newPasswordSchema,
        name: z.string().trim().max(200).optional(),
        role: z.enum(roles),
      }),
      responses: { 201: { description: 'created', schema: user } },
      handler: async ({ principal, body, ctx }) => ({
        status: 201,
        body: await createUser(app, principal, body, ctx.ip),
      }),
    }),
    authedRoute({
      method: 'get',
      path: '/users/{id}',
      tag: 'access',
      summary: 'One user',
      auth: 'admin',
      params: idParams,
      responses: { 200: { description: 'user', schema: user } },
      handler: async ({ principal, params }) => ({ body: await getUser(app, principal, params.id) }),
    }),
    authedRoute({
      method: 'put',
      path: '/users/{id}',
      tag: 'access',
      summary:
        "Change a user's role, name, password or disabled flag. Your own password needs `currentPassword`; " +
        "another user's password only a person (not an API key) signed in within auth.freshLoginS. A password, " +
        "role or disabled change ends that user's sessions and access tokens",
      auth: 'viewer',
      params: idParams,
      body: z.strictObject({
        role: z.enum(roles).optional(),
        name: z.string().trim().max(200).optional(),
        disabled: z.boolean().optional(),
        password: newPasswordSchema.optional(),
        currentPassword: z
          .string()
          .max(256)
          .optional()
          .describe('your current password: required to change your own password'),
      }),
      responses: { 200: { description: 'updated', schema: user } },
      handler: async ({ principal, params, body, ctx }) => ({
        body: await updateUser(app, principal, params.id, body, ctx.ip),
      }),
    }),
    authedRoute({
      method: 'delete',
      path: '/users/{id}',
      tag: 'access',
      summary: 'Remove a user; the API keys they made (or that their keys made) are revoked',
      auth: 'admin',
      params: idParams,
      responses: { 204: { description: 'deleted' } },
      handler: async ({ principal, params, ctx }) => {
        await deleteUser(app, principal, params.id, ctx.ip);
        return { status: 204 };
      },
    }),
    authedRoute({
      method: 'get',
      path: '/audit-log',
      tag: 'access',
      summary:
        'Security-relevant actions (sign-ins, MFA, API keys, users and roles, settings, recording downloads, ' +
        'deletions) with actor, time and client address, newest first; filter by action (exact, or a prefix ' +
        'ending in `.`), actor and time range',
      auth: 'admin',
      query: pageQuery.extend({
        action: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .optional()
          .describe('e.g. auth.login_failed, or auth. for every auth.* action'),
        actorId: z.string().trim().min(1).max(64).optional(),
        from: z.iso.datetime({ offset: true }).optional().describe('inclusive, ISO 8601'),
        to: z.iso.datetime({ offset: true }).optional().describe('exclusive, ISO 8601'),
      }),
      responses: {
        200: {
          description: 'entries',
          schema: z.object({ items: z.array(auditEntry), total: z.number().int() }),
        },
      },
      handler: async ({ principal, query }) => {
        let q = app.db.kysely.selectFrom('audit_log').where('business_id', '=', principal.businessId);
        if (query.action)
          q = query.action.endsWith('.')
            ? q.where('action', 'like', `${query.action.replace(/[%_\\]/g, '')}%`)
            : q.where('action', '=', query.action);
        if (query.actorId) q = q.where('actor_id', '=', query.actorId);
        if (query.from) q = q.where('created_at', '>=', new Date(query.from).toISOString());
        if (query.to) q = q.where('created_at', '<', new Date(query.to).toISOString());
        const total = await q
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow();
        const rows = await q
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(query.limit)
          .offset(query.offset)
          .execute();
        return {
          body: {
            total: Number(total.n),
            items: rows.map((r) => ({
              id: r.id,
              actorType: r.actor_type,
              actorId: r.actor_id,
              action: r.action,
              targetType: r.target_type,
              targetId: r.target_id,
              details: r.details ? (JSON.parse(r.details) as unknown) : null,
              ip: r.ip,
              createdAt: r.created_at,
            })),
          },
        };
      },
    }),
  ];
}
