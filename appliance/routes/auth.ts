import { z } from 'zod';
import { forgetBusinessAllowList, parseAllowList } from '../auth/ip-policy.js';
import { beginSetup, confirmSetup, disableOwn, mfaStatus, resetOther } from '../auth/mfa.js';
import {
  enrollBegin,
  enrollConfirm,
  forgetUser,
  login,
  loginWithMfa,
  logout,
  refresh,
  register,
} from '../auth/service.js';
import { auditAction } from '../audit.js';
import { AppError, forbidden } from '../errors.js';
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

const mfaChallenge = z.object({
  mfaRequired: z.literal(true),
  method: z
    .enum(['totp', 'enroll'])
    .describe('totp: send a code to /auth/mfa/verify; enroll: set MFA up first (/auth/mfa/enroll)'),
  challengeToken: z.string(),
  expiresInS: z.number().int(),
});
const challengeBody = z.strictObject({ challengeToken: z.string().min(1).max(2000) });
const codeField = z.string().trim().min(6).max(32).describe('a 6-digit TOTP code or a recovery code');
const totpSetup = z.object({
  secret: z.string().describe('base32, for typing into the app'),
  otpauthUri: z.string().describe('what the QR code encodes'),
});
const security = z.object({
  mfaRequired: z.boolean().describe('owners and admins must use MFA to sign in'),
  ipAllowList: z
    .array(z.string())
    .describe('addresses/CIDRs (IPv4/IPv6) the API/UI may be used from; empty: any'),
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
      responses: {
        200: {
          description: 'signed in, or (MFA) a challenge for the second step',
          schema: z.union([tokenPair, mfaChallenge]),
        },
      },
      handler: async ({ body, ctx }) => ({ body: await login(app, body.email, body.password, ctx.ip) }),
    }),
    publicRoute({
      method: 'post',
      path: '/auth/mfa/verify',
      tag: 'auth',
      summary: 'Second sign-in step: the challenge plus a TOTP or recovery code (throttled per account)',
      auth: 'public',
      body: challengeBody.extend({ code: codeField }),
      responses: { 200: { description: 'signed in', schema: tokenPair } },
      handler: async ({ body, ctx }) => ({
        body: await loginWithMfa(app, body.challengeToken, body.code, ctx.ip),
      }),
    }),
    publicRoute({
      method: 'post',
      path: '/auth/mfa/enroll',
      tag: 'auth',
      summary: 'MFA required but not set up: a new TOTP secret for the challenge (method enroll)',
      auth: 'public',
      body: challengeBody,
      responses: { 200: { description: 'secret to add to the app', schema: totpSetup } },
      handler: async ({ body }) => ({ body: await enrollBegin(app, body.challengeToken) }),
    }),
    publicRoute({
      method: 'post',
      path: '/auth/mfa/enroll/confirm',
      tag: 'auth',
      summary: 'Confirm enrolment with a first code: signs in and returns the recovery codes (shown once)',
      auth: 'public',
      body: challengeBody.extend({ code: codeField }),
      responses: {
        200: { description: 'signed in', schema: tokenPair.extend({ recoveryCodes: z.array(z.string()) }) },
      },
      handler: async ({ body, ctx }) => ({
        body: await enrollConfirm(app, body.challengeToken, body.code, ctx.ip),
      }),
    }),
    authedRoute({
      method: 'get',
      path: '/auth/mfa',
      tag: 'auth',
      summary: 'Whether your account has MFA and how many recovery codes are left',
      auth: 'viewer',
      responses: {
        200: {
          description: 'status',
          schema: z.object({ enabled: z.boolean(), recoveryCodesLeft: z.number().int() }),
        },
      },
      handler: async ({ principal }) => {
        if (principal.kind !== 'user') throw forbidden('an API key has no MFA');
        return { body: await mfaStatus(app, principal.userId) };
      },
    }),
    authedRoute({
      method: 'post',
      path: '/auth/mfa/setup',
      tag: 'auth',
      summary: 'Start MFA set-up: a new TOTP secret (confirm it with /auth/mfa/confirm)',
      auth: 'viewer',
      responses: { 200: { description: 'secret to add to the app', schema: totpSetup } },
      handler: async ({ principal }) => {
        if (principal.kind !== 'user') throw forbidden('an API key has no MFA');
        return { body: await beginSetup(app, principal.userId, principal.businessId) };
      },
    }),
    authedRoute({
      method: 'post',
      path: '/auth/mfa/confirm',
      tag: 'auth',
      summary: 'Confirm MFA set-up with a first code; returns the recovery codes (shown once)',
      auth: 'viewer',
      body: z.strictObject({
        code: z
          .string()
          .trim()
          .regex(/^\d{6}$/, 'a 6-digit code'),
      }),
      responses: { 200: { description: 'MFA on', schema: z.object({ recoveryCodes: z.array(z.string()) }) } },
      handler: async ({ principal, body, ctx }) => {
        if (principal.kind !== 'user') throw forbidden('an API key has no MFA');
        const recoveryCodes = await confirmSetup(
          app,
          principal.userId,
          principal.businessId,
          principal.role,
          body.code,
          ctx.ip,
        );
        return { body: { recoveryCodes } };
      },
    }),
    authedRoute({
      method: 'post',
      path: '/auth/mfa/disable',
      tag: 'auth',
      summary: 'Turn your MFA off with a current code (refused while the business requires it for your role)',
      auth: 'viewer',
      body: z.strictObject({ code: codeField }),
      responses: { 204: { description: 'MFA off' } },
      handler: async ({ principal, body, ctx }) => {
        await disableOwn(app, principal, body.code, ctx.ip);
        return { status: 204 };
      },
    }),
    authedRoute({
      method: 'post',
      path: '/users/{id}/mfa/reset',
      tag: 'auth',
      summary:
        "An owner removes another user's MFA (lost device); their sessions end. Needs a recent sign-in",
      auth: 'owner',
      params: z.strictObject({ id: z.string().min(1).max(64) }),
      responses: { 204: { description: 'reset' } },
      handler: async ({ principal, params, ctx }) => {
        await resetOther(app, principal, params.id, ctx.ip);
        forgetUser(params.id);
        return { status: 204 };
      },
    }),
    authedRoute({
      method: 'get',
      path: '/system/tls',
      tag: 'system',
      summary:
        "The HTTPS certificate this box serves: compare its SHA-256 fingerprint with the browser's before trusting a self-signed one",
      auth: 'viewer',
      responses: {
        200: {
          description: 'certificate',
          schema: z.object({
            enabled: z.boolean(),
            kind: z.enum(['self-signed', 'installed']).nullable(),
            fingerprint256: z.string().nullable(),
            validTo: z.string().nullable(),
            subjectAltNames: z.string().nullable(),
            hsts: z.boolean(),
          }),
        },
      },
      handler: async () => {
        const m = app.tlsInfo?.();
        return {
          body: {
            enabled: Boolean(m),
            kind: m?.kind ?? null,
            fingerprint256: m?.fingerprint256 ?? null,
            validTo: m?.validTo ?? null,
            subjectAltNames: m?.subjectAltNames ?? null,
            hsts: m?.kind === 'installed' && app.config.tls.hstsMaxAgeS > 0,
          },
        };
      },
    }),
    authedRoute({
      method: 'get',
      path: '/business/security',
      tag: 'auth',
      summary: 'MFA requirement and IP allow-list of the business',
      auth: 'admin',
      responses: { 200: { description: 'settings', schema: security } },
      handler: async ({ principal }) => {
        const b = await app.db.kysely
          .selectFrom('businesses')
          .select(['mfa_required', 'ip_allow_list'])
          .where('id', '=', principal.businessId)
          .executeTakeFirstOrThrow();
        return {
          body: {
            mfaRequired: Boolean(b.mfa_required),
            ipAllowList: b.ip_allow_list ? (JSON.parse(b.ip_allow_list) as string[]) : [],
          },
        };
      },
    }),
    authedRoute({
      method: 'put',
      path: '/business/security',
      tag: 'auth',
      summary:
        'Set the MFA requirement and IP allow-list (owner). To avoid locking yourself out, requiring MFA ' +
        'needs your own MFA on, and the list must include the address you are calling from',
      auth: 'owner',
      body: z.strictObject({
        mfaRequired: z.boolean().optional(),
        ipAllowList: z.array(z.string().trim().min(2).max(64)).max(256).optional(),
      }),
      responses: { 200: { description: 'settings', schema: security } },
      handler: async ({ principal, body, ctx }) => {
        if (body.ipAllowList) {
          const check = parseAllowList(body.ipAllowList);
          if (body.ipAllowList.length && !check(ctx.ip))
            throw new AppError('validation_failed', `the list must include your own address (${ctx.ip})`);
        }
        if (body.mfaRequired) {
          const own = principal.kind === 'user' ? await mfaStatus(app, principal.userId) : { enabled: false };
          if (!own.enabled)
            throw new AppError('conflict', 'turn on MFA for your own account before requiring it');
        }
        await app.db.kysely.transaction().execute(async (trx) => {
          await trx
            .updateTable('businesses')
            .set({
              ...(body.mfaRequired !== undefined ? { mfa_required: body.mfaRequired ? 1 : 0 } : {}),
              ...(body.ipAllowList
                ? { ip_allow_list: body.ipAllowList.length ? JSON.stringify(body.ipAllowList) : null }
                : {}),
              updated_at: app.now().toISOString(),
            })
            .where('id', '=', principal.businessId)
            .execute();
          await auditAction(trx, principal, 'business.security.update', app.now(), {
            details: {
              ...(body.mfaRequired !== undefined ? { mfaRequired: body.mfaRequired } : {}),
              ...(body.ipAllowList ? { ipAllowList: body.ipAllowList } : {}),
            },
            ip: ctx.ip,
          });
        });
        forgetBusinessAllowList(principal.businessId);
        const b = await app.db.kysely
          .selectFrom('businesses')
          .select(['mfa_required', 'ip_allow_list'])
          .where('id', '=', principal.businessId)
          .executeTakeFirstOrThrow();
        return {
          body: {
            mfaRequired: Boolean(b.mfa_required),
            ipAllowList: b.ip_allow_list ? (JSON.parse(b.ip_allow_list) as string[]) : [],
          },
        };
      },
    }),
    publicRoute({
      method: 'post',
      path: '/auth/refresh',
      tag: 'auth',
      summary: 'Exchange a refresh token for a new token pair (each refresh token works once)',
      auth: 'public',
      body: z.strictObject({ refreshToken: z.string().min(1).max(200) }),
      responses: { 200: { description: 'new tokens', schema: tokenPair } },
      handler: async ({ body, ctx }) => ({ body: await refresh(app, body.refreshToken, ctx.ip) }),
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
