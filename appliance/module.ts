import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AgentTrainer } from './agents/training.js';
import type { AppContext } from './context.js';
import type { HealthProblem } from './health.js';
import type { Route } from './http/route.js';

/**
 * A feature module of the service (knowledge, billing, webhooks, calls, ...). Boot builds every
 * module once with the shared context, mounts its routes, starts its background work after the
 * database is migrated, and stops modules in reverse order on shutdown.
 */
export interface ApplianceModule {
  readonly name: string;
  routes(): Route[];
  /** Background work (job runners, listeners). Must not throw for bad data: log and continue. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** JSON-able status for /api/v1/system/status. */
  status?(): unknown;
  /** What keeps the box from taking calls now (empty: nothing); makes /healthz `degraded`. Cheap. */
  health?(): readonly HealthProblem[];
  /** A WebSocket upgrade on the HTTP(S) port: true when this module took it (e.g. Twilio Media Streams). */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
}

/**
 * What every module is built with. Modules that need another module get it as a typed, named
 * dependency from `app.ts` (`wiring.ts`), never by looking it up by name.
 */
export interface ModuleDeps {
  app: AppContext;
  trainer: AgentTrainer;
}
