import type { AgentTrainer } from './agents/training.js';
import type { AppContext } from './context.js';
import type { HealthProblem } from './health.js';
import type { Route } from './http/route.js';
import { systemModule } from './system/module.js';
import { createWebhooksModule } from './webhooks/index.js';
import { createIntegrationsModule } from './integrations/index.js';
import { createBillingModule } from './billing/index.js';
import { knowledgeModule } from './knowledge/index.js';
import { agentModule } from './agent/index.js';
import { createCallsModule } from './calls/index.js';

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
}

export interface ModuleDeps {
  app: AppContext;
  trainer: AgentTrainer;
  /** Modules built before this one, by name, for the few that depend on another. */
  modules: ReadonlyMap<string, ApplianceModule>;
}

export type ModuleFactory = (deps: ModuleDeps) => ApplianceModule | Promise<ApplianceModule>;

/**
 * Every feature module, in boot order. Add a module by appending its factory here.
 */
export const moduleFactories: ModuleFactory[] = [
  systemModule,
  createWebhooksModule,
  createIntegrationsModule,
  createBillingModule,
  knowledgeModule,
  agentModule,
  createCallsModule,
];
