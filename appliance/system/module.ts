import os from 'node:os';
import { sql } from 'kysely';
import { z } from 'zod';
import { authedRoute } from '../http/route.js';
import type { ApplianceModule, ModuleDeps } from '../modules.js';

const startedAt = Date.now();

/**
 * System health for the admin UI and IT: versions, uptime, database, load, and each module's own
 * status (SIP registration, active calls, model engines, job queues).
 */
export function systemModule({ app, modules }: ModuleDeps): ApplianceModule {
  return {
    name: 'system',
    routes: () => [
      authedRoute({
        method: 'get',
        path: '/system/status',
        tag: 'system',
        summary: 'Health of the box: database, load, memory and every module',
        auth: 'viewer',
        responses: {
          200: {
            description: 'status',
            schema: z.object({
              status: z.enum(['ok', 'degraded']),
              uptimeS: z.number(),
              node: z.string(),
              database: z.object({ dialect: z.string(), ok: z.boolean(), latencyMs: z.number() }),
              host: z.object({
                loadAverage: z.array(z.number()),
                cpus: z.number(),
                memoryRssBytes: z.number(),
                freeMemoryBytes: z.number(),
              }),
              modules: z.record(z.string(), z.unknown()),
            }),
          },
        },
        handler: async () => {
          const t0 = performance.now();
          const dbOk = await sql`select 1`.execute(app.db.kysely).then(
            () => true,
            () => false,
          );
          const statuses: Record<string, unknown> = {};
          for (const [name, m] of modules) if (m.status) statuses[name] = await m.status();
          return {
            body: {
              status: dbOk ? 'ok' : 'degraded',
              uptimeS: Math.round((Date.now() - startedAt) / 1000),
              node: process.version,
              database: {
                dialect: app.db.dialect,
                ok: dbOk,
                latencyMs: Math.round((performance.now() - t0) * 100) / 100,
              },
              host: {
                loadAverage: os.loadavg(),
                cpus: os.cpus().length,
                memoryRssBytes: process.memoryUsage().rss,
                freeMemoryBytes: os.freemem(),
              },
              modules: statuses,
            },
          };
        },
      }),
    ],
  };
}
