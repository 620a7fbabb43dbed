import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { HealthReport } from '../health.js';
import { errorMiddleware } from './errors.js';
import { httpMetrics, metricsAccessCheck, type MetricsAccess } from './metrics.js';
import { AppError } from '../errors.js';
import { buildOpenApi } from './openapi.js';
import type { Route } from './route.js';
import { buildRouter, type RouterDeps } from './router.js';

export interface HttpServerOptions extends RouterDeps {
  routes: readonly Route[];
  log: Logger;
  registry: Registry;
  version: string;
  isReady(): boolean;
  /** Once ready: `degraded` with reasons when calls cannot be taken (appliance/health.ts). */
  health?(): HealthReport;
  /** Extra middleware mounted before the API (e.g. the admin UI's static files). */
  extra?: Koa.Middleware[];
  /** Who may read `/metrics` (config.metrics); absent: anyone. */
  metricsAccess?: MetricsAccess;
}

export interface HttpServer {
  readonly server: Server;
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting, lets in-flight requests finish (up to graceMs), then closes the rest. */
  close(graceMs: number): Promise<void>;
}

export function createHttpServer(opts: HttpServerOptions): HttpServer {
  const koa = new Koa({ proxy: false });
  const openapi = JSON.stringify(buildOpenApi(opts.routes, { version: opts.version }));
  const router = buildRouter(opts.routes, opts);
  let closing = false;
  const mayScrape = opts.metricsAccess ? metricsAccessCheck(opts.metricsAccess) : () => true;

  // Safe defaults on every response (errors included): no MIME sniffing, no framing, no
  // referrer leaks, and API answers (tokens, PII) never cached. Routes may override.
  koa.use(async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    if (ctx.path.startsWith('/api/')) ctx.set('Cache-Control', 'no-store');
    await next();
  });
  koa.use(httpMetrics(opts.registry));
  koa.use(errorMiddleware(opts.log));
  koa.use(async (ctx, next) => {
    const start = performance.now();
    await next();
    const ms = performance.now() - start;
    if (ms > 1000)
      opts.log.warn(
        {
          method: ctx.method,
          route: (ctx as { _matchedRoute?: string })._matchedRoute,
          status: ctx.status,
          ms,
        },
        'slow request',
      );
    if (closing) ctx.set('Connection', 'close');
  });
  koa.use(async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path === '/healthz') {
      const ready = opts.isReady() && !closing;
      // Degraded (the API works, calls cannot be taken) is still 200: see appliance/health.ts.
      const h = ready ? opts.health?.() : undefined;
      ctx.status = ready ? 200 : 503;
      ctx.body =
        h?.status === 'degraded'
          ? { status: 'degraded', reasons: h.reasons }
          : { status: ready ? 'ok' : closing ? 'stopping' : 'starting' };
      return;
    }
    if (ctx.method === 'GET' && ctx.path === '/metrics') {
      if (!mayScrape(ctx)) {
        if (opts.metricsAccess?.token) ctx.set('WWW-Authenticate', 'Bearer realm="metrics"');
        throw new AppError(
          'unauthenticated',
          'metrics need the configured bearer token from an allowed address',
        );
      }
      ctx.type = opts.registry.contentType;
      ctx.body = await opts.registry.metrics();
      return;
    }
    if (ctx.method === 'GET' && ctx.path === '/api/v1/openapi.json') {
      ctx.type = 'application/json';
      ctx.body = openapi;
      return;
    }
    await next();
  });
  for (const m of opts.extra ?? []) koa.use(m);
  koa.use(router.routes());
  koa.use(router.allowedMethods({ throw: true }));

  // Koa's own error event fires for errors outside our middleware (socket errors): log, never crash.
  koa.on('error', (err: unknown) => opts.log.debug({ err }, 'http error outside a request'));
  koa.silent = true;

  const server = createServer(koa.callback());
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 120_000;

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: async (graceMs) => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
    },
  };
}
