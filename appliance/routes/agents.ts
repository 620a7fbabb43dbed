import { z } from 'zod';
import { createAgent, deleteAgent, getAgent, listAgents, updateAgent } from '../agents/service.js';
import { agentView, createAgentBody, updateAgentBody, agentStatuses } from '../agents/schema.js';
import { authedRoute, type Route } from '../http/route.js';
import type { AgentId } from '../ids.js';
import { idParams, pageQuery, type RouteDeps } from './common.js';

const trainingStatus = z.object({
  status: z.enum(agentStatuses),
  step: z.string().nullable(),
  stepsDone: z.number().int(),
  stepsTotal: z.number().int(),
  error: z.string().nullable(),
  trainedAt: z.string().nullable(),
  trainedVersion: z.number().int().nullable(),
  version: z.number().int(),
  needsTraining: z.boolean(),
});

export function agentRoutes({ app, trainer }: RouteDeps): Route[] {
  return [
    authedRoute({
      method: 'post',
      path: '/agents',
      tag: 'agents',
      summary: 'Create an agent',
      auth: 'editor',
      body: createAgentBody,
      responses: { 201: { description: 'created', schema: agentView } },
      handler: async ({ principal, body, ctx }) => ({
        status: 201,
        body: await createAgent(app, principal, body, ctx.ip),
      }),
    }),
    authedRoute({
      method: 'get',
      path: '/agents',
      tag: 'agents',
      summary: "List the business's agents",
      auth: 'viewer',
      query: pageQuery,
      responses: {
        200: {
          description: 'agents',
          schema: z.object({ items: z.array(agentView), total: z.number().int() }),
        },
      },
      handler: async ({ principal, query }) => ({ body: await listAgents(app, principal.businessId, query) }),
    }),
    authedRoute({
      method: 'get',
      path: '/agents/{id}',
      tag: 'agents',
      summary: 'One agent',
      auth: 'viewer',
      params: idParams,
      responses: { 200: { description: 'agent', schema: agentView } },
      handler: async ({ principal, params }) => ({
        body: await getAgent(app, principal.businessId, params.id),
      }),
    }),
    authedRoute({
      method: 'put',
      path: '/agents/{id}',
      tag: 'agents',
      summary: 'Update an agent (fields present are replaced)',
      auth: 'editor',
      params: idParams,
      body: updateAgentBody,
      responses: { 200: { description: 'updated agent', schema: agentView } },
      handler: async ({ principal, params, body, ctx }) => ({
        body: await updateAgent(app, principal, params.id, body, ctx.ip),
      }),
    }),
    authedRoute({
      method: 'delete',
      path: '/agents/{id}',
      tag: 'agents',
      summary: 'Delete an agent and release its numbers',
      auth: 'editor',
      params: idParams,
      responses: { 204: { description: 'deleted' } },
      handler: async ({ principal, params, ctx }) => {
        await deleteAgent(app, principal, params.id, ctx.ip);
        return { status: 204 };
      },
    }),
    authedRoute({
      method: 'post',
      path: '/agents/{id}/train',
      tag: 'agents',
      summary: 'Build what the agent needs for calls (runs in the background)',
      auth: 'editor',
      params: idParams,
      responses: { 202: { description: 'training started', schema: trainingStatus } },
      handler: async ({ principal, params }) => ({
        status: 202,
        body: await trainer.start(principal.businessId, params.id as AgentId),
      }),
    }),
    authedRoute({
      method: 'get',
      path: '/agents/{id}/status',
      tag: 'agents',
      summary: 'Training status and readiness',
      auth: 'viewer',
      params: idParams,
      responses: { 200: { description: 'status', schema: trainingStatus } },
      handler: async ({ principal, params }) => ({
        body: await trainer.status(principal.businessId, params.id),
      }),
    }),
  ];
}
