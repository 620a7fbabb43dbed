import { timingSafeEqual, createHash } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { Context, Middleware } from 'koa';
import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * HTTP request metrics. Every label comes from a finite set, whatever a client sends: the
 * method from a fixed list (else `other`), the route from the router's templates or a fixed
 * name (else `unmatched`), the status from Koa (which only accepts known codes). A cap on the
 * label combinations per metric is a second line of defence: past it, requests are counted
 * under `route="overflow"`.
 */
const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
export const methodLabel = (m: string): string => (methods.has(m) ? m : 'other');

/** Paths answered outside the router (server.ts), labelled by themselves. */
const fixedPaths = new Set(['/healthz', '/metrics', '/api/v1/openapi.json']);

/** At most this many method/route/status combinations per metric (default 2000). */
export const MAX_HTTP_SERIES = 2000;

export function routeLabel(ctx: Context): string {
  const matched = (ctx as { _matchedRoute?: unknown })._matchedRoute;
  if (typeof matched === 'string') return matched;
  if (fixedPaths.has(ctx.path)) return ctx.path;
  // The admin UI's static files and SPA fallback (any path under /admin answers 200).
  if ((ctx.path === '/admin' || ctx.path.startsWith('/admin/')) && ctx.status < 400) return '/admin/*';
  return 'unmatched';
}

export function httpMetrics(registry: Registry, maxSeries = MAX_HTTP_SERIES): Middleware {
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
  const seen = new Set<string>();
  return async (ctx, next) => {
    const start = performance.now();
    try {
      await next();
    } finally {
      let method = methodLabel(ctx.method);
      let route = routeLabel(ctx);
      const status = String(ctx.status);
      const key = `${method} ${route} ${status}`;
      if (!seen.has(key)) {
        if (seen.size < maxSeries) seen.add(key);
        else [method, route] = ['other', 'overflow'];
      }
      const seconds = (performance.now() - start) / 1000;
      requests.inc({ method, route, status });
      latency.observe({ method, route }, seconds);
    }
  };
}

export interface MetricsAccess {
  /** Bearer token required when non-empty. */
  token: string;
  /** Client addresses/CIDRs allowed; empty: any. */
  allowFrom: readonly string[];
}

const LOCAL_ONLY = ['127.0.0.0/8', '::1'] as const;

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Whether a request may read `/metrics` under `config.metrics` (token and/or source address). */
export function metricsAccessCheck(access: MetricsAccess): (ctx: Context) => boolean {
  // Nothing configured: the box itself only (a local Prometheus or node exporter); an operator
  // opens it to the network with a token and/or an allow-list.
  const allowFrom = access.allowFrom.length > 0 || access.token ? access.allowFrom : LOCAL_ONLY;
  const list = new BlockList();
  for (const entry of allowFrom) {
    const [addr = '', bits] = entry.split('/');
    const family = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
    if (bits !== undefined) list.addSubnet(addr, Number(bits), family);
    else list.addAddress(addr, family);
  }
  const want = access.token ? digest(access.token) : undefined;
  return (ctx) => {
    if (allowFrom.length > 0) {
      const ip = (ctx.req.socket.remoteAddress ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
      const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
      if (!isIP(ip) || !list.check(ip, family)) return false;
    }
    if (want) {
      const m = /^Bearer (.+)$/.exec(ctx.get('authorization'));
      // Compare digests: constant time, and equal lengths whatever the client sent.
      if (!m?.[1] || !timingSafeEqual(digest(m[1]), want)) return false;
    }
    return true;
  };
}
