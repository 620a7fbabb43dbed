import type { Middleware } from 'koa';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Request counts and latency by route template (never the raw path: ids would explode cardinality). */
export function httpMetrics(registry: Registry): Middleware {
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return async (ctx, next) => {
    const start = performance.now();
    try {
      await next();
    } finally {
      const route =
        (ctx as { _matchedRoute?: string })._matchedRoute ?? (ctx.status === 404 ? 'unmatched' : ctx.path);
      const seconds = (performance.now() - start) / 1000;
      requests.inc({ method: ctx.method, route, status: String(ctx.status) });
      latency.observe({ method: ctx.method, route }, seconds);
    }
  };
}
