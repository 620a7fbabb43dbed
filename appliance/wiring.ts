/**
 * The service's feature modules and how they depend on each other, written out: each module gets
 * the modules it uses as typed arguments, in an order where every dependency is built first.
 * Boot starts them in `list` order and stops them in reverse.
 */
import { createAgentModule, type AgentModule } from './agent/index.js';
import { createAnalyticsModule, type AnalyticsModule } from './analytics/index.js';
import { createBillingModule, type BillingModule } from './billing/index.js';
import { createCallsModule, type CallsModule } from './calls/index.js';
import { createCampaignsModule, type CampaignsModule } from './campaigns/index.js';
import { createClusterModule, type ClusterModule } from './cluster/index.js';
import { createIntegrationsModule, type IntegrationsModule } from './integrations/index.js';
import { knowledgeModule, type KnowledgeModule } from './knowledge/index.js';
import type { ApplianceModule, ModuleDeps } from './module.js';
import { systemModule } from './system/module.js';
import { createTwilioModule, type TwilioModule } from './twilio/index.js';
import { createWebhooksModule, type WebhooksModule } from './webhooks/index.js';
import { createWebCallModule, WebCallRegistry, type WebCallModule } from './webcall/index.js';

export interface ApplianceModules {
  readonly system: ApplianceModule;
  readonly webhooks: WebhooksModule;
  readonly integrations: IntegrationsModule;
  readonly billing: BillingModule;
  readonly knowledge: KnowledgeModule;
  readonly agent: AgentModule;
  readonly calls: CallsModule;
  readonly twilio: TwilioModule;
  readonly webcall: WebCallModule;
  readonly cluster: ClusterModule;
  readonly analytics: AnalyticsModule;
  readonly campaigns: CampaignsModule;
  /** Every module in boot order. */
  readonly list: readonly ApplianceModule[];
}

export async function buildModules(base: ModuleDeps): Promise<ApplianceModules> {
  const webhooks = createWebhooksModule(base);
  const integrations = createIntegrationsModule(base, webhooks);
  const billing = createBillingModule(base);
  const knowledge = await knowledgeModule(base);
  // Created before the agent and calls (they get its post-call LLM step), started last.
  const analytics = createAnalyticsModule(base);
  const agent = createAgentModule({ ...base, knowledge: knowledge.search, postCall: analytics.postCall });
  const webCalls = new WebCallRegistry();
  const calls = createCallsModule({
    ...base,
    agent,
    crm: integrations,
    webCalls,
    postCall: analytics.postCall,
  });
  const twilio = createTwilioModule(base, calls);
  // Campaign calls go through this node's call manager while telephony runs.
  const campaigns = createCampaignsModule(base, {
    dialer: () => {
      const manager = calls.manager;
      return manager ? { dial: (req) => manager.placeOutboundCall(req) } : undefined;
    },
    webhooks,
  });
  const webcall = createWebCallModule({ ...base, calls, registry: webCalls });
  // First to start (ends the calls this node's previous run left live before any new one), last to stop.
  const cluster = createClusterModule(base);
  const list: ApplianceModule[] = [];
  const system = systemModule(base, () => list);
  list.push(
    cluster,
    system,
    webhooks,
    integrations,
    billing,
    knowledge,
    agent,
    calls,
    twilio,
    webcall,
    analytics,
    campaigns,
  );
  return {
    system,
    webhooks,
    integrations,
    billing,
    knowledge,
    agent,
    calls,
    twilio,
    webcall,
    cluster,
    analytics,
    campaigns,
    list,
  };
}
