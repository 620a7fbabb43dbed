import { z } from 'zod';
import { authedRoute, type Route } from '../http/route.js';
import { idParams } from '../routes/common.js';
import { credentialsSchema, restConfigSchema } from './connector.js';
import type { IntegrationService } from './service.js';

const configView = z.object({
  baseUrl: z.string(),
  lookupPath: z.string().nullable(),
  summaryPath: z.string().nullable(),
  authHeader: z.string(),
  authPrefix: z.string(),
  nameField: z.string(),
});

const integrationView = z.object({
  id: z.string(),
  kind: z.literal('rest'),
  name: z.string(),
  enabled: z.boolean(),
  config: configView,
  hasCredentials: z.boolean().describe('credentials are stored encrypted and never returned'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const name = z.string().trim().min(1).max(200);

export function integrationRoutes(svc: IntegrationService, noteSelfPort: (port: number) => void): Route[] {
  const selfPort = (ctx: { socket: { localPort?: number | undefined } }): void => {
    if (ctx.socket.localPort) noteSelfPort(ctx.socket.localPort);
  };
  return [
    authedRoute({
      method: 'get',
      path: '/integrations',
      tag: 'integrations',
      summary: "List the business's CRM connections",
      auth: 'viewer',
      responses: {
        200: { description: 'integrations', schema: z.object({ items: z.array(integrationView) }) },
      },
      handler: async ({ principal }) => ({ body: { items: await svc.list(principal.businessId) } }),
    }),
    authedRoute({
      method: 'post',
      path: '/integrations',
      tag: 'integrations',
      summary: 'Connect a CRM (generic REST connector: caller lookup by {phone}, call summaries)',
      auth: 'admin',
      body: z.strictObject({
        kind: z.literal('rest').default('rest'),
        name,
        config: restConfigSchema,
        credentials: credentialsSchema.optional(),
        enabled: z.boolean().optional(),
      }),
      responses: { 201: { description: 'created', schema: integrationView } },
      handler: async ({ principal, body, ctx }) => {
        selfPort(ctx);
        return { status: 201, body: await svc.create(principal, body, ctx.ip) };
      },
    }),
    authedRoute({
      method: 'get',
      path: '/integrations/{id}',
      tag: 'integrations',
      summary: 'One CRM connection (never its credentials)',
      auth: 'viewer',
      params: idParams,
      responses: { 200: { description: 'integration', schema: integrationView } },
      handler: async ({ principal, params }) => ({ body: await svc.get(principal.businessId, params.id) }),
    }),
    authedRoute({
      method: 'put',
      path: '/integrations/{id}',
      tag: 'integrations',
      summary: 'Update a CRM connection (fields present are replaced; credentials: null removes them)',
      auth: 'admin',
      params: idParams,
      body: z.strictObject({
        name: name.optional(),
        config: restConfigSchema.optional(),
        credentials: credentialsSchema.nullable().optional(),
        enabled: z.boolean().optional(),
      }),
      responses: { 200: { description: 'updated', schema: integrationView } },
      handler: async ({ principal, params, body, ctx }) => {
        selfPort(ctx);
        return { body: await svc.update(principal, params.id, body, ctx.ip) };
      },
    }),
    authedRoute({
      method: 'delete',
      path: '/integrations/{id}',
      tag: 'integrations',
      summary: 'Delete a CRM connection',
      auth: 'admin',
      params: idParams,
      responses: { 204: { description: 'deleted' } },
      handler: async ({ principal, params, ctx }) => {
        await svc.remove(principal, params.id, ctx.ip);
        return { status: 204 };
      },
    }),
  ];
}
