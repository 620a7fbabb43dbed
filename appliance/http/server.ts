import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
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
  /**
   * HTTPS on the port (absent: plain HTTP). Plain HTTP arriving on the same port is redirected
   * to https (`plainHttp: 'redirect'`) or refused with 400 (`'refuse'`); HSTS is sent only when
   * `hstsMaxAgeS` is set (an installed certificate: pinning a self-signed one in browsers would
   * lock users out when it is replaced).
   */
  tls?: { cert: string; key: string; plainHttp: 'redirect' | 'refuse'; hstsMaxAgeS?: number | undefined };
}

export interface HttpServer {
  /** The server that runs the API (an https.Server when TLS is on). */
  readonly server: Server;
  readonly scheme: 'http' | 'https';
  /** Swaps the certificate for new connections (installed certificate replaced on disk). */
  setCertificate(cert: string, key: string): void;
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
    if (opts.tls?.hstsMaxAgeS) ctx.set('Strict-Transport-Security', `max-age=${opts.tls.hstsMaxAgeS}`);
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

  const tls = opts.tls;
  const server: Server = tls
    ? (createHttpsServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, koa.callback()) as Server)
    : createServer(koa.callback());
  for (const s of [server]) {
    s.keepAliveTimeout = 65_000;
    s.headersTimeout = 66_000;
    s.requestTimeout = 120_000;
  }
  // With TLS one port speaks both: a connection whose first byte is a TLS handshake record (22)
  // goes to HTTPS, anything else to a tiny plain-HTTP server that only redirects or refuses.
  const plain = tls ? createServer(plainHttpHandler(tls.plainHttp)) : undefined;
  if (plain) plain.headersTimeout = plain.requestTimeout = 10_000;
  const front = tls ? createNetServer({ pauseOnConnect: true }, (sock) => dispatch(sock)) : server;
  const sockets = new Set<Socket>();
  const dispatch = (sock: Socket): void => {
    sockets.add(sock);
    sock.once('close', () => sockets.delete(sock));
    sock.on('error', () => sock.destroy());
    // A client that connects and sends nothing is dropped after 10 s.
    sock.setTimeout(10_000, () => sock.destroy());
    sock.once('data', (first: Buffer) => {
      sock.setTimeout(0);
      sock.pause();
      sock.unshift(first);
      // TLSSocket reads what is buffered itself, then the handle; the HTTP parser wants a flowing socket.
      if (first[0] === 22) server.emit('connection', sock);
      else {
        plain?.emit('connection', sock);
        sock.resume();
      }
    });
    sock.resume();
  };

  return {
    server,
    scheme: tls ? 'https' : 'http',
    setCertificate: (cert, key) => {
      if ('setSecureContext' in server)
        (server as unknown as { setSecureContext(o: object): void }).setSecureContext({
          cert,
          key,
          minVersion: 'TLSv1.2',
        });
    },
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        front.once('error', reject);
        front.listen(port, host, () => {
          front.off('error', reject);
          resolve((front.address() as AddressInfo).port);
        });
      }),
    close: async (graceMs) => {
      closing = true;
      // Keep accepting for a moment before closing the listener: a request a client sent just
      // before the signal may still wait in the listen backlog or unread on an open socket
      // (the loop was busy, or handled the signal first), and closing now would reset it. It
      // is answered, with Connection: close, like any request that arrives while stopping.
      await new Promise((r) => setTimeout(r, Math.min(DRAIN_MS, graceMs)));
      const closed = new Promise<void>((resolve) => front.close(() => resolve()));
      if (front !== server) {
        // The inner servers never listened: end their connections ourselves.
        server.closeIdleConnections();
        plain?.closeAllConnections();
        const timer = setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, graceMs);
        await closed;
        clearTimeout(timer);
        return;
      }
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
    },
  };
}

/** How long a stopping server keeps reading requests already sent on open connections, ms. */
const DRAIN_MS = 250;

/** Plain HTTP on the HTTPS port: a redirect to the same host and path over https, or a 400. */
function plainHttpHandler(mode: 'redirect' | 'refuse'): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const host = req.headers.host ?? '';
    // Only a plain host[:port] (name, IPv4, [IPv6]) is echoed back, so the redirect cannot be
    // turned into a header injection or a link elsewhere.
    const safeHost = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]{1,253})(:\d{1,5})?$/.test(host);
    res.setHeader('Connection', 'close');
    if (mode === 'redirect' && safeHost && (req.url ?? '/').startsWith('/')) {
      res.writeHead(308, { Location: `https://${host}${req.url ?? '/'}`, 'Content-Type': 'text/plain' });
      res.end('this server speaks HTTPS\n');
      return;
    }
    res.writeHead(400, { 'Content-Type': 'text/plain' });
    res.end('this server speaks HTTPS only: use https://\n');
  };
}
