import { Counter, Histogram, type Registry } from 'prom-client';

export interface AgentMetrics {
  turns: Counter<'intent' | 'channel'>;
  /** Utterance in -> first sentence out, s. */
  firstSentence: Histogram<string>;
  llmFallbacks: Counter<'reason'>;
  /** Agents compiled (book, graph, intent index), a cache miss each. */
  builds: Counter<string>;
}

/** Registers (once per registry) the engine's metrics. */
export function agentMetrics(registry: Registry): AgentMetrics {
  const existing = registry.getSingleMetric('agent_turns_total');
  if (existing)
    return {
      turns: existing as Counter<'intent' | 'channel'>,
      firstSentence: registry.getSingleMetric('agent_first_sentence_seconds') as Histogram<string>,
      llmFallbacks: registry.getSingleMetric('agent_llm_fallbacks_total') as Counter<'reason'>,
      builds: registry.getSingleMetric('agent_builds_total') as Counter<string>,
    };
  return {
    turns: new Counter({
      name: 'agent_turns_total',
      help: 'Caller turns answered, by intent and channel',
      labelNames: ['intent', 'channel'],
      registers: [registry],
    }),
    firstSentence: new Histogram({
      name: 'agent_first_sentence_seconds',
      help: 'Engine latency from utterance text to first reply sentence',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2.5],
      registers: [registry],
    }),
    llmFallbacks: new Counter({
      name: 'agent_llm_fallbacks_total',
      help: 'LLM answers replaced by the retrieval answer, by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
    builds: new Counter({
      name: 'agent_builds_total',
      help: 'Agents compiled (book, knowledge graph, intent index): at training, start-up or a first call',
      registers: [registry],
    }),
  };
}
