import { z } from 'zod';
import { authedRoute, type Route } from '../../http/route.js';
import type { AgentEngine } from '../engine.js';
import { graphEntity, graphRelation } from './extract.js';

export const knowledgeGraphView = z.object({
  agentId: z.string(),
  /** The knowledge index version the graph was read at (it follows document uploads and deletes). */
  knowledgeVersion: z.number().int(),
  /** Sentences read from the business's ready documents. */
  sentences: z.number().int(),
  entities: z.array(graphEntity),
  relations: z.array(graphRelation),
});

/**
 * GET /agents/{id}/knowledge-graph: what the agent believes about the business, read-only, as
 * extracted from the documents (prices of items, people and roles, places, hours, policies).
 * The same graph answers callers, so a business can check it before going live.
 */
export function knowledgeGraphRoute(engine: AgentEngine): Route {
  return authedRoute({
    method: 'get',
    path: '/agents/{id}/knowledge-graph',
    tag: 'agents',
    summary: "The agent's knowledge graph of the business, extracted from its documents (read-only)",
    auth: 'viewer',
    params: z.strictObject({ id: z.uuid() }),
    responses: { 200: { description: 'entities and relations', schema: knowledgeGraphView } },
    handler: async ({ principal, params }) => {
      const c = await engine.compiled(principal.businessId, params.id);
      return {
        body: {
          agentId: params.id,
          knowledgeVersion: c.knowledgeVersion,
          sentences: c.book.size,
          entities: c.graph.entities,
          relations: c.graph.relations,
        },
      };
    },
  });
}
