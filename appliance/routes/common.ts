import { z } from 'zod';
import type { AgentTrainer } from '../agents/training.js';
import type { AppContext } from '../context.js';

export interface RouteDeps {
  app: AppContext;
  trainer: AgentTrainer;
}

export const idParams = z.strictObject({ id: z.uuid() });
export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const okBody = z.object({ ok: z.literal(true) });
