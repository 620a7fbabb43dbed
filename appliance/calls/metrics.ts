/**
 * Prometheus metrics of the calls layer (prefix `calls_`), registered once per Registry.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export const latencyStages = [
  'endpointing',
  'stt',
  'agent',
  'tts_first_audio',
  'processing',
  'voice_to_voice',
] as const;
export type LatencyStage = (typeof latencyStages)[number];

export interface CallMetrics {
  readonly turnLatency: Histogram<'stage'>;
  readonly active: Gauge;
  readonly calls: Counter<'outcome'>;
  readonly bargeIns: Counter<'kind'>;
  readonly turnEnds: Counter<'by'>;
  readonly echoOnsets: Counter<'verdict'>;
  readonly speculations: Counter<'outcome'>;
  readonly ttsRequests: Counter<'source'>;
  readonly teardown: Histogram<'stage'>;
}

const cache = new WeakMap<Registry, CallMetrics>();

export function callMetrics(registry: Registry | undefined): CallMetrics | undefined {
  if (!registry) return undefined;
  const hit = cache.get(registry);
  if (hit) return hit;
  const m: CallMetrics = {
    turnLatency: new Histogram({
      name: 'calls_turn_latency_seconds',
      help: 'Per-turn latency by stage: endpointing, stt, agent, tts_first_audio, processing (end-of-utterance decision to first audio), voice_to_voice',
      labelNames: ['stage'],
      buckets: [0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1, 1.5, 2, 3, 5],
      registers: [registry],
    }),
    active: new Gauge({ name: 'calls_active', help: 'Calls in progress', registers: [registry] }),
    calls: new Counter({
      name: 'calls_total',
      help: 'Calls by outcome (answered, rejected_capacity, rejected_load: event loop saturated, rejected_unknown, rejected_draining: node drain, plan_limit, failed)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    bargeIns: new Counter({
      name: 'calls_barge_ins_total',
      help: 'Caller speech during agent playback: interrupt (real) or backchannel (resumed)',
      labelNames: ['kind'],
      registers: [registry],
    }),
    turnEnds: new Counter({
      name: 'calls_turn_ends_total',
      help: 'What ended caller turns: content (a complete question at a short pause), silence (the endpointer window), resumed (the caller went on after a content end)',
      labelNames: ['by'],
      registers: [registry],
    }),
    echoOnsets: new Counter({
      name: 'calls_echo_onsets_total',
      help: "Caller onsets the echo guard took for the agent's own voice: echo (ignored to the segment's end) or talker (its later audio was more than the echo explains: a barge-in after all)",
      labelNames: ['verdict'],
      registers: [registry],
    }),
    speculations: new Counter({
      name: 'calls_speculations_total',
      help: 'Answers prepared at a pause before the turn ended (speculation.ts): hit (played), miss (dropped: the caller went on or said something else)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    teardown: new Histogram({
      name: 'calls_teardown_seconds',
      help: 'End of a call: session (hang-up, media stop, conversation end; holds the call slot) and records (digits, messages, closing transaction, CRM summary, recording encryption; after the slot is free)',
      labelNames: ['stage'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    ttsRequests: new Counter({
      name: 'calls_tts_requests_total',
      help: 'Sentences the calls asked of the TTS: engine (synthesized) or cache (the greeting, synthesized once per agent and voice)',
      labelNames: ['source'],
      registers: [registry],
    }),
  };
  cache.set(registry, m);
  return m;
}
