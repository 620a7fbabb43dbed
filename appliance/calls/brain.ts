/**
 * Adapter from the agent module (appliance/agent) to the calls layer's AgentBrain port. Phone
 * transcripts pass through the agent's heard-term mapper on their way in: words that sound like
 * one of the agent's key terms but are not one ("dental clean in") become that term before the
 * agent looks them up (typed chat does not go through this).
 */
import { heardTermMapper, sttPhrases, type AgentModule } from '../agent/index.js';
import type { AgentBrain, AgentConversation } from './ports.js';

export function agentBrain(m: AgentModule): AgentBrain {
  const phrases = async (businessId: string, agentId: string): Promise<readonly string[]> => {
    const trained = await m.sttBias(businessId, agentId).catch(() => undefined);
    if (trained?.phrases.length) return trained.phrases;
    // Not trained yet: the same phrase list training would store.
    const c = await m.engine.compiled(businessId, agentId);
    return sttPhrases(c.agent, { businessName: c.businessName });
  };
  return {
    start: async (o) => {
      const conversation = await m.engine.start({
        businessId: o.businessId,
        agentId: o.agentId,
        channel: o.channel ?? 'voice',
        ...(o.caller ? { caller: o.caller } : {}),
        ...(o.callerName ? { callerName: o.callerName } : {}),
      });
      // Built while the greeting plays (the first build of an agent's mapper loads the
      // pronunciation dictionary); an utterance waits for it, a failure leaves text as heard.
      const mapper = phrases(o.businessId, o.agentId)
        .then((p) => heardTermMapper([...p]))
        .catch(() => undefined);
      return withHeardTerms(conversation, mapper);
    },
    behaviour: async (businessId, agentId) => {
      const c = await m.engine.compiled(businessId, agentId);
      return { behaviour: c.agent.behaviour, transferExtension: c.agent.facts.transferExtension };
    },
    sttPhrases: phrases,
  };
}

type Mapper = (transcript: string) => { text: string };

function withHeardTerms(c: AgentConversation, mapper: Promise<Mapper | undefined>): AgentConversation {
  return {
    id: c.id,
    greeting: () => c.greeting(),
    respond: (utterance, opts) =>
      (async function* () {
        const fix = await mapper;
        yield* c.respond(fix ? { ...utterance, text: fix(utterance.text).text } : utterance, opts);
      })(),
    ...(c.prepare
      ? {
          prepare: async (utterance) => {
            const fix = await mapper;
            const prepare = c.prepare?.bind(c);
            if (!prepare) throw new Error('prepare is gone');
            return prepare(fix ? { ...utterance, text: fix(utterance.text).text } : utterance);
          },
        }
      : {}),
    onDtmf: (digit, opts) => c.onDtmf(digit, opts),
    onSilence: (count, opts) => c.onSilence(count, opts),
    markInterrupted: (spoken) => c.markInterrupted(spoken),
    end: (reason) => c.end(reason),
    ...(c.flush ? { flush: () => c.flush?.() ?? Promise.resolve() } : {}),
  };
}
