/**
 * Twilio's HTTP side: a business sets or clears its Twilio account (the auth token is write-only),
 * Twilio's voice webhook (`POST /voice/webhook`, form-encoded and signed: it shares the path with
 * the JSON status callback of the calls module and takes only Twilio's requests) answers TwiML
 * that connects the call to the Media Streams WebSocket, and Twilio's status callbacks
 * (`POST /voice/status`, signed) are recorded against the call and its conversation.
 */
import type { Context } from 'koa';
import { z } from 'zod';
import { agentForNumber } from '../agents/service.js';
import { auditAction } from '../audit.js';
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { authedRoute, publicRoute, type Route } from '../http/route.js';
import { ACCOUNT_SID, type TwilioAccount, type TwilioAccounts } from './accounts.js';
import { validTwilioSignature, type FormParams } from './signature.js';
import type { StreamTokens } from './stream-token.js';
import { recordTwilioStatus } from './status.js';

/** Largest form body Twilio posts that is read, bytes (its call webhooks are ~1-2 KiB). */
const MAX_FORM_BYTES = 64 * 1024;
export const STREAM_PATH = '/api/v1/voice/stream';

export const twilioAccountBody = z.strictObject({
  accountSid: z.string().regex(ACCOUNT_SID, "a Twilio Account SID: 'AC' and 32 hex digits"),
  authToken: z.string().min(16).max(128).describe('write-only: stored encrypted, never returned'),
});

const accountView = z.object({
  accountSid: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  webhookUrl: z.string().describe("set as the number's 'A call comes in' webhook (HTTP POST) in Twilio"),
  statusCallbackUrl: z.string().describe("set as the number's call status callback (HTTP POST)"),
});

export interface TwilioRouteDeps {
  app: AppContext;
  accounts: TwilioAccounts;
  tokens: StreamTokens;
  /** Whether the box can take a call now (telephony up); false: Twilio is told busy. */
  canTakeCalls(): boolean;
}

/** Form-encoded requests and any request carrying Twilio's signature are Twilio's. */
export const isTwilioRequest = (ctx: Context): boolean =>
  ctx.get('x-twilio-signature') !== '' || ctx.is('application/x-www-form-urlencoded') !== false;

/** The public https origin Twilio calls (config `twilio.publicBaseUrl`), else this request's. */
export function publicOrigin(app: AppContext, ctx: Pick<Context, 'protocol' | 'host'>): string {
  return app.config.twilio.publicBaseUrl ?? `${ctx.protocol}://${ctx.host}`;
}

async function readForm(ctx: Context): Promise<FormParams> {
  if (!ctx.is('application/x-www-form-urlencoded'))
    throw new AppError('unsupported_media_type', 'Twilio requests are application/x-www-form-urlencoded');
  const len = ctx.request.length;
  if (len !== undefined && len > MAX_FORM_BYTES)
    throw new AppError('payload_too_large', `request body exceeds ${MAX_FORM_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of ctx.req as AsyncIterable<Buffer>) {
    total += c.length;
    if (total > MAX_FORM_BYTES) {
      ctx.set('Connection', 'close');
      throw new AppError('payload_too_large', `request body exceeds ${MAX_FORM_BYTES} bytes`);
    }
    chunks.push(c);
  }
  return [...new URLSearchParams(Buffer.concat(chunks).toString('utf8'))];
}

/**
 * The account that signed this request: found by its AccountSid parameter, the signature checked
 * over the public URL. Anything else is 403 with the same message (nothing learned, nothing stored).
 */
async function signedBy(
  d: TwilioRouteDeps,
  ctx: Context,
): Promise<{ account: TwilioAccount; params: Map<string, string> }> {
  const form = await readForm(ctx);
  const params = new Map(form);
  const account = await d.accounts.bySid(params.get('AccountSid') ?? '');
  const url = publicOrigin(d.app, ctx) + ctx.originalUrl;
  if (!account || !validTwilioSignature(account.authToken, ctx.get('x-twilio-signature'), url, form))
    throw new AppError('forbidden', 'invalid Twilio request signature');
  return { account, params };
}

const xml = (s: string): string =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

const twiml = (inner: string): { status: number; body: string; headers: Record<string, string> } => ({
  status: 200,
  body: `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`,
  headers: { 'Content-Type': 'text/xml; charset=utf-8' },
});

export function twilioRoutes(d: TwilioRouteDeps): Route[] {
  const { app, accounts } = d;
  const db = app.db.kysely;
  const urls = (ctx: Context): { webhookUrl: string; statusCallbackUrl: string } => {
    const o = publicOrigin(app, ctx);
    return { webhookUrl: `${o}/api/v1/voice/webhook`, statusCallbackUrl: `${o}/api/v1/voice/status` };
  };
  return [
    authedRoute({
      method: 'get',
      path: '/twilio/account',
      tag: 'voice',
      summary: "The business's Twilio account (the auth token is never returned)",
      auth: 'admin',
      responses: { 200: { description: 'configured', schema: accountView } },
      handler: async ({ principal, ctx }) => {
        const v = await accounts.view(principal.businessId);
        if (!v) throw notFound('twilio account');
        return { body: { ...v, ...urls(ctx) } };
      },
    }),
    authedRoute({
      method: 'put',
      path: '/twilio/account',
      tag: 'voice',
      summary: "Sets the business's Twilio account; the auth token is stored encrypted",
      auth: 'admin',
      body: twilioAccountBody,
      responses: { 200: { description: 'stored', schema: accountView } },
      handler: async ({ principal, body, ctx }) => {
        const v = await accounts.put(principal.businessId, body.accountSid, body.authToken, app.now());
        await auditAction(db, principal, 'twilio.account_set', app.now(), { ip: ctx.ip });
        return { body: { ...v, ...urls(ctx) } };
      },
    }),
    authedRoute({
      method: 'delete',
      path: '/twilio/account',
      tag: 'voice',
      summary: "Removes the business's Twilio account (its calls are refused from then on)",
      auth: 'admin',
      responses: { 204: { description: 'removed' } },
      handler: async ({ principal, ctx }) => {
        if (!(await accounts.clear(principal.businessId))) throw notFound('twilio account');
        await auditAction(db, principal, 'twilio.account_cleared', app.now(), { ip: ctx.ip });
        return { status: 204 };
      },
    }),
    publicRoute({
      method: 'post',
      path: '/voice/webhook',
      tag: 'voice',
      summary:
        "Twilio's voice webhook (form-encoded, X-Twilio-Signature): TwiML that connects the call to the agent through Media Streams",
      auth: 'public',
      bodyKind: 'raw',
      rawContentType: 'application/x-www-form-urlencoded',
      accepts: isTwilioRequest,
      responses: { 200: { description: 'TwiML', contentType: 'text/xml' } },
      handler: async ({ ctx }) => {
        const { account, params } = await signedBy(d, ctx);
        const callSid = params.get('CallSid') ?? '';
        const to = params.get('To') ?? params.get('Called') ?? '';
        const target = to ? await agentForNumber(app, to) : undefined;
        // A number of another business, or none: Twilio plays its own rejection.
        if (!target || target.businessId !== account.businessId || !/^CA[0-9a-f]{32}$/i.test(callSid))
          return twiml('<Reject reason="rejected"/>');
        if (!d.canTakeCalls()) return twiml('<Reject reason="busy"/>');
        const token = d.tokens.mint({
          businessId: target.businessId,
          agentId: target.agentId,
          callSid,
          from: params.get('From') ?? null,
          to,
        });
        const ws = publicOrigin(app, ctx).replace(/^http/, 'ws') + STREAM_PATH;
        const p = (name: string, value: string): string =>
          `<Parameter name="${xml(name)}" value="${xml(value)}"/>`;
        return twiml(
          `<Connect><Stream url="${xml(ws)}">${p('token', token)}${p('business', target.businessId)}${p('agent', target.agentId)}</Stream></Connect>`,
        );
      },
    }),
    publicRoute({
      method: 'post',
      path: '/voice/status',
      tag: 'voice',
      summary: "Twilio's call status callback (form-encoded, X-Twilio-Signature), recorded against the call",
      auth: 'public',
      bodyKind: 'raw',
      rawContentType: 'application/x-www-form-urlencoded',
      responses: { 204: { description: 'recorded' } },
      handler: async ({ ctx }) => {
        const { account, params } = await signedBy(d, ctx);
        await recordTwilioStatus(db, app.now(), account.businessId, params);
        return { status: 204 };
      },
    }),
  ];
}
