import { z } from 'zod';
import { login, logout, refresh, register } from '../auth/service.js';
import { newPasswordSchema } from '../auth/password-policy.js';
import { roles } from '../auth/roles.js';
import { authedRoute, publicRoute, type Route } from '../http/route.js';
import type { RouteDeps } from './common.js';

const email = z.email().max(254);

const tokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresInS: z.number().int(),
  businessId: z.string(),
  userId: z.string(),
});

const me = z.object({
  kind: z.enum(['user', 'api_key']),
  businessId: z.string(),
  businessName: z.string(),
  role: z.enum(roles),
  userId: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
});

export function authRoutes({ app }: RouteDeps): Route[] {
  return [
    authedRoute({
      method: 'get',
      path: '/auth/me',
      tag: 'auth',
      summary:
        'Who is calling: business, role and (for a user) the account, so a UI can show what this role may do',
      auth: 'viewer',
      responses: { 200: { description: 'the caller', schema: me } },
      handler: async ({ principal }) => {
        const business = await app.db.kysely
          .selectFrom('businesses')
          .select('name')
          .where('id', '=', principal.businessId)
          .executeTakeFirst();
        const user =
          principal.kind === 'user'
            ? await app.db.kysely
                .selectFrom('users')
                .select(['email', 'name'])
                .where('id', '=', principal.userId)
                .executeTakeFirst()
            : undefined;
        return {
          body: {
            kind: principal.kind,
            businessId: principal.businessId,
            businessName: business?.name ?? '',
            role: principal.role,
            userId: principal.kind === 'user' ? principal.userId : null,
            email: user?.email ?? null,
            name: user?.name ?? null,
          },
        };
      },
    }),
    publicRoute({
      method: 'post',
      path: '/auth/register',
      tag: 'auth',
      summary:
        'Create a business and its owner account; returns tokens for the owner. An email address that ' +
        'cannot be used gets a generic 409 that does not say why (no account lookup across businesses)',
      auth: 'public',
      body: z.strictObject({
        businessName: z.string().trim().min(1).max(200),
        email,
        password: newPasswordSchema,
        name: z.string().trim().max(200).optional(),
        timezone: z.string().max(64).optional(),
      }),
      responses: { 201: { description: 'registered', schema: tokenPair } },
      handler: async ({ body, ctx }) => ({ status: 201, body: await register(app, body, ctx.ip) }),
    }),
    publicRoute({
      method: 'post',
      path: '/auth/login',
      tag: 'auth',
      summary: 'Sign in with email and password (throttled after repeated failures)',
      auth: 'public',
      body: z.strictObject({ email, password: z.string().min(1).max(256) }),
      responses: { 200: { description: 'signed in', schema: tokenPair } },
      handler: async ({ body, ctx }) => ({ body: await login(app, body.email, body.password, ctx.ip) }),
    }),
    publicRoute({
      method: 'post',
      path: '/auth/refresh',
      tag: 'auth',
      summary: 'Exchange a refresh token for a new token pair (each refresh token works once)',
      auth: 'public',
      body: z.strictObject({ refreshToken: z.string().min(1).max(200) }),
      responses: { 200: { description: 'new tokens', schema: tokenPair } },
      handler: async ({ body }) => ({ body: await refresh(app, body.refreshToken) }),
    }),
    publicRoute({
      method: 'post',
      path: '/auth/logout',
      tag: 'auth',
      summary:
        "Revoke a refresh token and every token issued from the same sign-in; the user's access tokens " +
        'stop working everywhere (other sign-ins renew theirs with their refresh token)',
      auth: 'public',
      body: z.strictObject({ refreshToken: z.string().min(1).max(200) }),
      responses: { 204: { description: 'signed out' } },
      handler: async ({ body }) => {
        await logout(app, body.refreshToken);
        return { status: 204 };
      },
    }),
  ];
}
