import os from 'node:os';
import { sql } from 'kysely';
import { z } from 'zod';
import { ModelManager } from '../../models/index.js';
import { healthProblemCodes, healthReport } from '../health.js';
import { authedRoute } from '../http/route.js';
import type { ApplianceModule, ModuleDeps } from '../module.js';

const startedAt = Date.now();

/**
 * System health for the admin UI and IT: versions, uptime, database, load, and each module's own
 * status (SIP registration, active calls, model engines, job queues).
 */
/** `modules`: every module of the box (for their status and health), read when asked. */
export function systemModule(
  { app }: ModuleDeps,
  modules: () => readonly ApplianceModule[],
): ApplianceModule {
  return {
    name: 'system',
    routes: () => [
      authedRoute({
        method: 'get',
        path: '/models/status',
        tag: 'system',
        summary:
          'Which engine runs per interface (VAD, STT, TTS, embeddings, LLM) and which model files are installed',
        auth: 'viewer',
        responses: {
          200: {
            description: 'model status',
            schema: z.object({
              loaded: z.boolean(),
              modelsDir: z.string(),
              interfaces: z.record(
                z.string(),
                z.object({
                  active: z.string().nullable(),
                  candidates: z.array(
                    z.object({ engine: z.string(), state: z.string(), reason: z.string().optional() }),
                  ),
                }),
              ),
              installed: z.array(
                z.object({ name: z.string(), kind: z.string(), state: z.string(), verified: z.boolean() }),
              ),
            }),
          },
        },
        handler: async () => {
          const status = await app.models.status();
          const installed = await new ModelManager({ modelsDir: app.config.modelsDir }).list();
          return {
            body: {
              loaded: status.loaded,
              modelsDir: status.modelsDir,
              interfaces: status.interfaces,
              installed: installed.map((m) => ({
                name: m.name,
                kind: m.kind,
                state: m.state,
                verified: m.verified,
              })),
            },
          };
        },
      }),
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
              reasons: z
                .array(
                  z.object({ module: z.string(), code: z.enum(healthProblemCodes), message: z.string() }),
                )
                .describe(
                  'what keeps the box from taking calls (empty when it can); a failing database also makes it degraded',
                ),
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
          for (const m of modules()) if (m.status) statuses[m.name] = await m.status();
          statuses.models = { loaded: app.models.loaded() !== undefined };
          const health = healthReport(modules());
          return {
            body: {
              status: dbOk && health.status === 'ok' ? 'ok' : 'degraded',
              reasons: health.reasons,
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
