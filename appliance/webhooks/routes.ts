import { z } from 'zod';
import { authedRoute, type Route } from '../http/route.js';
import { idParams, okBody } from '../routes/common.js';
import { webhookEvents } from './events.js';
import type { WebhookService } from './service.js';
import { deliveryHeader, eventHeader, signatureHeader } from './signature.js';

const signingDoc =
  `Deliveries are POSTs with a JSON body {id, type, createdAt, businessId, data} and headers ` +
  `${signatureHeader}: t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>, ${eventHeader}, ` +
  `${deliveryHeader} (stable across retries: deduplicate on it). Reject timestamps more than 300 s ` +
  `from your clock. Any 2xx within 10 s is success; anything else is retried with exponential ` +
  `backoff and full jitter, up to 8 attempts, then dead-lettered.`;

const webhookView = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe(signingDoc);

const url = z
  .string()
  .trim()
  .max(2000)
  .describe('http(s) URL; link-local, metadata and the appliance itself are refused');
const events = z.array(z.enum(webhookEvents)).min(1).max(webhookEvents.length);
const secret = z.string().min(16).max(200).describe('signing secret; generated when absent');

const deliveryView = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivering', 'delivered', 'dead']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  log: z.array(
    z.object({
      attempt: z.number().int(),
      startedAt: z.string(),
      durationMs: z.number().int(),
      statusCode: z.number().int().nullable(),
      error: z.string().nullable(),
      nextAttemptAt: z.string().nullable(),
    }),
  ),
});

export function webhookRoutes(
  svc: WebhookService,
  kick: () => void,
  noteSelfPort: (p: number) => void,
): Route[] {
  const selfPort = (ctx: { socket: { localPort?: number | undefined } }): void => {
    if (ctx.socket.localPort) noteSelfPort(ctx.socket.localPort);
  };
  return [
    authedRoute({
      method: 'get',
      path: '/webhooks',
      tag: 'webhooks',
      summary: "List the business's webhooks",
      auth: 'viewer',
      responses: { 200: { description: 'webhooks', schema: z.object({ items: z.array(webhookView) }) } },
      handler: async ({ principal }) => ({ body: { items: await svc.list(principal.businessId) } }),
    }),
    authedRoute({
      method: 'post',
      path: '/webhooks',
      tag: 'webhooks',
      summary: 'Create a webhook (the signing secret is shown in this response only)',
      auth: 'admin',
      body: z.strictObject({ url, events, secret: secret.optional(), enabled: z.boolean().optional() }),
      responses: {
        201: { description: `created. ${signingDoc}`, schema: webhookView.extend({ secret: z.string() }) },
      },
      handler: async ({ principal, body, ctx }) => {
        selfPort(ctx);
        return { status: 201, body: await svc.create(principal, body, ctx.ip) };
      },
    }),
    authedRoute({
      method: 'get',
      path: '/webhooks/{id}',
      tag: 'webhooks',
      summary: 'One webhook (never its secret)',
      auth: 'viewer',
      params: idParams,
      responses: { 200: { description: 'webhook', schema: webhookView } },
      handler: async ({ principal, params }) => ({ body: await svc.get(principal.businessId, params.id) }),
    }),
    authedRoute({
      method: 'put',
      path: '/webhooks/{id}',
      tag: 'webhooks',
      summary: 'Update a webhook (fields present are replaced; a new secret may be set)',
      auth: 'admin',
      params: idParams,
      body: z.strictObject({
        url: url.optional(),
        events: events.optional(),
        secret: secret.optional(),
        enabled: z.boolean().optional(),
      }),
      responses: { 200: { description: 'updated', schema: webhookView } },
      handler: async ({ principal, params, body, ctx }) => {
        selfPort(ctx);
        return { body: await svc.update(principal, params.id, body, ctx.ip) };
      },
    }),
    authedRoute({
      method: 'delete',
      path: '/webhooks/{id}',
      tag: 'webhooks',
      summary: 'Delete a webhook (queued deliveries are dropped)',
      auth: 'admin',
      params: idParams,
      responses: { 204: { description: 'deleted' } },
      handler: async ({ principal, params, ctx }) => {
        await svc.remove(principal, params.id, ctx.ip);
        return { status: 204 };
      },
    }),
    authedRoute({
      method: 'post',
      path: '/webhooks/{id}/test',
      tag: 'webhooks',
      summary: 'Queue a signed `webhook.test` delivery to this webhook',
      auth: 'admin',
      params: idParams,
      responses: {
        202: { description: 'queued', schema: z.object({ deliveryId: z.string(), eventId: z.string() }) },
      },
      handler: async ({ principal, params, ctx }) => {
        selfPort(ctx);
        const r = await svc.sendTest(principal, params.id);
        kick();
        return { status: 202, body: r };
      },
    }),
    authedRoute({
      method: 'get',
      path: '/webhooks/{id}/deliveries',
      tag: 'webhooks',
      summary: 'Delivery log: every delivery with each attempt (status code, duration, error, next attempt)',
      auth: 'viewer',
      params: idParams,
      query: z.strictObject({
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).default(0),
        status: z.enum(['pending', 'delivering', 'delivered', 'dead']).optional(),
      }),
      responses: {
        200: {
          description: 'deliveries, newest first',
          schema: z.object({ items: z.array(deliveryView), total: z.number().int() }),
        },
      },
      handler: async ({ principal, params, query }) => ({
        body: await svc.deliveries(principal.businessId, params.id, query),
      }),
    }),
    authedRoute({
      method: 'post',
      path: '/webhooks/{id}/deliveries/{deliveryId}/retry',
      tag: 'webhooks',
      summary: 'Redeliver a dead-lettered delivery',
      auth: 'admin',
      params: z.strictObject({ id: z.uuid(), deliveryId: z.uuid() }),
      responses: { 202: { description: 'queued again', schema: okBody } },
      handler: async ({ principal, params, ctx }) => {
        await svc.retry(principal, params.id, params.deliveryId, ctx.ip);
        kick();
        return { status: 202, body: { ok: true } };
      },
    }),
  ];
}
