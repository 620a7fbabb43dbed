/**
 * Prometheus metrics of the models layer, registered once per Registry (prefix `models_`).
 */
import { Counter, Histogram, type Registry } from 'prom-client';

export interface ModelMetrics {
  readonly latency: Histogram<'kind' | 'engine'>;
  readonly errors: Counter<'kind' | 'engine'>;
  readonly restarts: Counter<'engine'>;
}

const cache = new WeakMap<Registry, ModelMetrics>();

export function modelMetrics(registry: Registry | undefined): ModelMetrics | undefined {
  if (!registry) return undefined;
  const hit = cache.get(registry);
  if (hit) return hit;
  const m: ModelMetrics = {
    latency: new Histogram({
      name: 'models_request_latency_seconds',
      help: 'STT: end of audio to result; TTS: request to first audio; embeddings: batch time',
      labelNames: ['kind', 'engine'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'models_request_errors_total',
      help: 'Failed model requests',
      labelNames: ['kind', 'engine'],
      registers: [registry],
    }),
    restarts: new Counter({
      name: 'models_helper_restarts_total',
      help: 'Restarts of warm helper processes after a crash or timeout',
      labelNames: ['engine'],
      registers: [registry],
    }),
  };
  cache.set(registry, m);
  return m;
}
