/**
 * Adapter from the agent module (appliance/agent) to the AgentBrain port. The module is looked up
 * at call time, so its construction order relative to the calls module does not matter.
 */
import { sttPhrases, type AgentModule } from '../agent/index.js';
import type { ApplianceModule } from '../modules.js';
import type { AgentBrain } from './ports.js';

export const isAgentModule = (m: ApplianceModule | undefined): m is AgentModule =>
  m?.name === 'agent' && 'engine' in m && 'sttBias' in m;

export function brainFromAgentModule(lookup: () => ApplianceModule | undefined): AgentBrain | undefined {
  const m = lookup();
  if (!isAgentModule(m)) return undefined;
  return {
    start: (o) =>
      m.engine.start({
        businessId: o.businessId,
        agentId: o.agentId,
        channel: 'voice',
        ...(o.caller ? { caller: o.caller } : {}),
        ...(o.callerName ? { callerName: o.callerName } : {}),
      }),
    behaviour: async (businessId, agentId) => {
      const c = await m.engine.compiled(businessId, agentId);
      return { behaviour: c.agent.behaviour, transferExtension: c.agent.facts.transferExtension };
    },
    sttPhrases: async (businessId, agentId) => {
      const trained = await m.sttBias(businessId, agentId).catch(() => undefined);
      if (trained?.phrases.length) return trained.phrases;
      // Not trained yet: the same phrase list training would store.
      const c = await m.engine.compiled(businessId, agentId);
      return sttPhrases(c.agent, { businessName: c.businessName });
    },
  };
}
