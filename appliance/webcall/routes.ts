/**
 * Web call API. Tokens: `POST /agents/{id}/web-call-token` (signed-in users and API keys: the
 * admin UI's button, or a business's own backend) and `POST /web-call/agents/{id}/token` (the
 * embeddable button: public, only from an allow-listed page origin, rate-limited per address).
 * Calls: `POST /web-call/calls` spends a token and carries the browser's SDP offer; `POST
 * /web-call/calls/{id}/hangup` ends one. Origins: `GET|PUT /business/web-call-origins` (admin).
 */
import type { Context } from 'koa';
import { z } from 'zod';
import { getAgent } from '../agents/service.js';
import { auditAction } from '../audit.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { authedRoute, publicRoute, type Route } from '../http/route.js';
import type { BusinessId } from '../ids.js';
import { idParams } from '../routes/common.js';
import { checkOffer, MAX_OFFER_CHARS, type WebCallSignalling } from './signalling.js';
import { listOrigins, normalizeOrigin, originAllowed, setOrigins } from './store.js';
import type { WebCallGrant, WebCallTokens } from './token.js';

export interface WebCallRouteDeps {
  app: AppContext;
  tokens: WebCallTokens;
  signalling: () => WebCallSignalling | undefined;
  tokenTtlS: number;
}

const tokenView = z.object({ token: z.string(), expiresAt: z.string() });
const originsBody = z.strictObject({
  /** Page origins (scheme://host[:port]) of the business's site(s); at most 20. */
  origins: z.array(z.string().max(300)).max(20),
});

/** The page's origin as the browser sent it (normalized), or undefined. */
function pageOrigin(ctx: Context): string | undefined {
  const o = ctx.get('origin');
  return o ? normalizeOrigin(o) : undefined;
}

/** The API's own origin, as the admin UI served by it has it. */
function ownOrigin(ctx: Context): string | undefined {
  return normalizeOrigin(`${ctx.protocol}://${ctx.host}`);
}

/** The agent's business, when the agent exists (the public route knows only the agent id). */
async function agentBusiness(app: AppContext, agentId: string): Promise<string | undefined> {
  const r = await app.db.kysely
    .selectFrom('agents')
    .select('business_id')
    .where('id', '=', agentId)
    .executeTakeFirst();
  return r?.business_id;
}

export function webCallRoutes(d: WebCallRouteDeps): Route[] {
  const { app } = d;
  const signalling = (): WebCallSignalling => {
    const s = d.signalling();
    if (!s) throw new AppError('unavailable', 'web calls are not enabled on this box');
    return s;
  };
  /** The page may place the call this grant allows: its own origin for `self`, else the allow-listed one. */
  const checkOrigin = async (ctx: Context, g: WebCallGrant): Promise<void> => {
    const origin = pageOrigin(ctx);
    const ok =
      origin !== undefined &&
      (g.origin === 'self'
        ? origin === ownOrigin(ctx)
        : origin === g.origin && (await originAllowed(app.db.kysely, g.businessId, origin)));
    if (!ok) throw new AppError('forbidden', 'this page may not place calls with this token');
  };
  return [
    authedRoute({
      method: 'post',
      path: '/agents/{id}/web-call-token',
      tag: 'web-call',
      summary: "A call token for the admin UI's browser call to this agent (same-origin pages only)",
      auth: 'viewer',
      params: idParams,
      responses: { 201: { description: 'token', schema: tokenView } },
      handler: async ({ principal, params }) => {
        // 404 for another business's agent before anything else says whether web calls are on.
        await getAgent(app, principal.businessId, params.id);
        signalling();
        const t = d.tokens.mint(
          { businessId: principal.businessId, agentId: params.id, origin: 'self' },
          d.tokenTtlS,
        );
        return { status: 201, body: t };
      },
    }),
    publicRoute({
      method: 'post',
      path: '/web-call/agents/{id}/token',
      tag: 'web-call',
      summary: "A call token for the business's embeddable call button (allow-listed page origins only)",
      auth: 'public',
      params: idParams,
      responses: {
        201: { description: 'token', schema: tokenView },
        403: { description: 'the page origin is not allowed for this business' },
      },
      handler: async ({ params, ctx }) => {
        signalling();
        const origin = pageOrigin(ctx);
        const businessId = await agentBusiness(app, params.id);
        // One answer for unknown agents and refused origins: the route tells nothing about either.
        if (!origin || !businessId || !(await originAllowed(app.db.kysely, businessId, origin)))
          throw new AppError('forbidden', 'this page may not call this agent');
        const t = d.tokens.mint({ businessId, agentId: params.id, origin }, d.tokenTtlS);
        return { status: 201, body: t };
      },
    }),
    publicRoute({
      method: 'post',
      path: '/web-call/calls',
      tag: 'web-call',
      summary: "Places a browser call: spends a call token, returns the gateway's SDP answer",
      auth: 'public',
      body: z.strictObject({
        token: z.string().min(1).max(2000),
        sdp: z.string().min(1).max(MAX_OFFER_CHARS),
      }),
      responses: {
        201: {
          description: 'answered',
          schema: z.object({ callId: z.string(), sdp: z.string(), hangupKey: z.string() }),
        },
        401: { description: 'invalid, expired or used token' },
        403: { description: 'the page origin does not match the token' },
        503: { description: 'no gateway, telephony down, box or plan at its limit' },
      },
      handler: async ({ body, ctx }) => {
        const s = signalling();
        // Bad input spends nothing: the token is spent only for a well-formed offer from its page.
        const grant = d.tokens.verify(body.token);
        await checkOrigin(ctx, grant);
        checkOffer(body.sdp);
        d.tokens.redeem(body.token);
        return { status: 201, body: await s.place(grant, body.sdp) };
      },
    }),
    publicRoute({
      method: 'post',
      path: '/web-call/calls/{callId}/hangup',
      tag: 'web-call',
      summary: 'Ends a browser call (key from its answer)',
      auth: 'public',
      params: z.strictObject({ callId: z.string().min(1).max(64) }),
      body: z.strictObject({ key: z.string().min(1).max(64) }),
      responses: { 204: { description: 'ended' } },
      handler: async ({ params, body }) => {
        await signalling().hangup(params.callId, body.key);
        return { status: 204 };
      },
    }),
    authedRoute({
      method: 'get',
      path: '/business/web-call-origins',
      tag: 'web-call',
      summary: "Page origins allowed to use the business's embeddable call button",
      auth: 'viewer',
      responses: { 200: { description: 'origins', schema: originsBody } },
      handler: async ({ principal }) => ({
        body: { origins: await listOrigins(app.db.kysely, principal.businessId) },
      }),
    }),
    authedRoute({
      method: 'put',
      path: '/business/web-call-origins',
      tag: 'web-call',
      summary: "Replaces the embeddable call button's allowed page origins (empty: button off)",
      auth: 'admin',
      body: originsBody,
      responses: { 200: { description: 'origins', schema: originsBody } },
      handler: async ({ principal, body, ctx }) => {
        const normalized = body.origins.map((o) => {
          const n = normalizeOrigin(o.trim());
          if (!n)
            throw new AppError(
              'validation_failed',
              `not a page origin (scheme://host[:port]): ${o.slice(0, 80)}`,
            );
          return n;
        });
        const origins = await setOrigins(
          app.db.kysely,
          principal.businessId as BusinessId,
          normalized,
          app.now(),
        );
        await auditAction(app.db.kysely, principal, 'web_call.origins_updated', app.now(), {
          details: { origins },
          ip: ctx.ip,
        });
        return { body: { origins } };
      },
    }),
  ];
}
