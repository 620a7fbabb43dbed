import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import type Koa from 'koa';
import type { Context } from 'koa';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { AgentTrainer } from './agents/training.js';
import { startAuditRetention } from './audit.js';
import { MasterKey } from './auth/keyfile.js';
import { allowList } from './auth/ip-policy.js';
import { authenticate } from './auth/service.js';
import { AppError } from './errors.js';
import { LoginThrottle } from './auth/throttle.js';
import { TokenService } from './auth/tokens.js';
import type { AppConfig } from './config/index.js';
import type { AppContext } from './context.js';
import { resolveNodeId } from './cluster/index.js';
import { migrateToLatest, openDb } from './db/index.js';
import { healthReport } from './health.js';
import { adminStatic } from './http/admin-static.js';
import { createHttpServer, type HttpServer } from './http/server.js';
import { loadTls, type TlsMaterial } from './http/tls.js';
import { ModelHub } from './model-hub.js';
import { OutboundGuard } from './net/index.js';
import { RateLimiter } from './http/rate-limit.js';
import { SharedRateLimiter } from './http/shared-rate-limit.js';
import type { Principal, Route } from './http/route.js';
import { createLogger, type Logger } from './log.js';
import { accessRoutes } from './routes/access.js';
import { agentRoutes } from './routes/agents.js';
import { authRoutes } from './routes/auth.js';
import { businessRoutes } from './routes/business.js';
import type { RouteDeps } from './routes/common.js';
import { buildModules, type ApplianceModules } from './wiring.js';

export interface Appliance {
  readonly ctx: AppContext;
  readonly modules: ApplianceModules;
  readonly httpPort: number;
  /** `https` unless `tls.mode` is `off`. */
  readonly scheme: 'http' | 'https';
  /** The certificate served (undefined with `tls.mode` off). */
  tls(): TlsMaterial | undefined;
  /** Re-reads the installed certificate and key (SIGHUP, file change); a bad pair keeps the old one. */
  reloadTls(): boolean;
  readonly trainer: AgentTrainer;
  stop(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  now?: () => Date;
}

const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url.replace('/dist/', '/')), 'utf8')) as {
    version: string;
  }
).version;

/**
 * Boots the service: database (migrated), keys, HTTP API. Call and model subsystems attach here
 * as they are added. Resolves once /healthz answers 200.
 */
export async function startAppliance(config: AppConfig, opts: StartOptions = {}): Promise<Appliance> {
  const log = opts.log ?? createLogger(config.logLevel, { pii: config.logPii });
  const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  // A database that holds data is copied to <dataDir>/backups before pending migrations run.
  const applied = await migrateToLatest(db, { backupDir: path.join(config.dataDir, 'backups'), log }).catch(
    async (err: unknown) => {
      await db.close();
      throw err;
    },
  );
  if (applied.length) log.info({ migrations: applied, dialect: db.dialect }, 'database migrated');
  const masterKey = MasterKey.loadOrCreate(config.dataDir);
  const clock = opts.now ?? ((): Date => new Date());
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const ctx: AppContext = {
    config,
    db,
    log,
    registry,
    masterKey,
    tokens: new TokenService(masterKey.derive('jwt'), config.auth.accessTokenTtlS),
    // Throttles run on the appliance clock (injectable), so their timing can be tested exactly.
    // Their state is in the database too (migration 0009), so a restart does not forgive.
    throttle: new LoginThrottle(config.auth.loginFailuresBeforeThrottle, () => clock().getTime(), undefined, {
      db: db.kysely,
      scope: 'login',
    }),
    mfaThrottle: new LoginThrottle(
      config.auth.loginFailuresBeforeThrottle,
      () => clock().getTime(),
      undefined,
      {
        db: db.kysely,
        scope: 'mfa',
      },
    ),
    models: new ModelHub(config, log, registry),
    outbound: new OutboundGuard({
      allowNetworks: config.outbound.allowNetworks,
      selfPorts: config.http.port ? [config.http.port] : [],
    }),
    now: clock,
    nodeId: resolveNodeId(config.cluster.nodeId, config.dataDir),
  };
  await ctx.throttle.load();
  await ctx.mfaThrottle.load();
  const trainer = new AgentTrainer(ctx);
  const deps: RouteDeps = { app: ctx, trainer };
  const modules = await buildModules({ app: ctx, trainer });
  const routes: Route[] = [
    ...authRoutes(deps),
    ...businessRoutes(deps),
    ...agentRoutes(deps),
    ...accessRoutes(deps),
    ...modules.list.flatMap((m) => m.routes()),
  ];

  // PostgreSQL: the buckets are shared by every node of a cluster; SQLite (one node): in memory.
  const limiter = db.dialect === 'postgres' ? new SharedRateLimiter(db.kysely, log) : new RateLimiter();
  const apiMeter = modules.billing;
  const planRates = new Map<string, { ratePerS: number; untilMs: number }>();
  const rateFor = async (businessId: string): Promise<number> => {
    const cached = planRates.get(businessId);
    if (cached && cached.untilMs > Date.now()) return cached.ratePerS;
    const row = await db.kysely
      .selectFrom('subscriptions')
      .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
      .select('plans.api_rate_per_s')
      .where('subscriptions.business_id', '=', businessId)
      .where('subscriptions.status', '=', 'active')
      .executeTakeFirst();
    const ratePerS = row?.api_rate_per_s ?? config.http.unsubscribedRatePerS;
    // A plan change takes effect within 5 s without a query per request.
    planRates.set(businessId, { ratePerS, untilMs: Date.now() + 5000 });
    return ratePerS;
  };

  let tlsMaterial = loadTls(config.tls, config.dataDir);
  if (tlsMaterial)
    log.info(
      { kind: tlsMaterial.kind, fingerprint256: tlsMaterial.fingerprint256, validTo: tlsMaterial.validTo },
      'HTTPS certificate',
    );
  ctx.tlsInfo = () => tlsMaterial;

  let ready = false;
  const http: HttpServer = createHttpServer({
    routes,
    log,
    registry,
    extra: [boxAllowList(config.http.allowFrom), ...modules.webcall.middleware(), adminStatic({ log })],
    version,
    isReady: () => ready,
    metricsAccess: config.metrics,
    ...(tlsMaterial
      ? {
          tls: {
            cert: tlsMaterial.cert,
            key: tlsMaterial.key,
            plainHttp: config.tls.plainHttp,
            hstsMaxAgeS: tlsMaterial.kind === 'installed' ? config.tls.hstsMaxAgeS : undefined,
          },
        }
      : {}),
    health: () => healthReport(modules.list),
    maxBodyBytes: config.http.maxBodyBytes,
    authenticate: async (c: Context): Promise<Principal> => {
      const p = await authenticate(ctx, c);
      c.state.rate = await rateFor(p.businessId);
      return p;
    },
    rateLimit: async (c, principal) => {
      if (principal) {
        await limiter.take(`b:${principal.businessId}`, c.state.rate as number);
        apiMeter?.countApiRequest(principal.businessId); // usage metering, batched in memory
      } else await limiter.take(`ip:${c.ip}`, config.http.publicRatePerS);
    },
  });
  // WebSocket upgrades (Twilio Media Streams): the box allow-list first, then the module that
  // owns the path; anything else is refused.
  const allowUpgrade = allowList(config.http.allowFrom);
  http.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (
      allowUpgrade(req.socket.remoteAddress ?? '') &&
      modules.list.some((m) => m.upgrade?.(req, socket, head))
    )
      return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  for (const m of modules.list) await m.start?.();
  const stopAuditRetention = startAuditRetention(db.kysely, {
    retentionDays: config.audit.retentionDays,
    intervalMs: config.audit.purgeIntervalMs,
    now: ctx.now,
    log,
  });
  const httpPort = await http.listen(config.http.port, config.http.bindAddress);
  ctx.outbound.noteSelfPort(httpPort);
  ready = true;
  if (config.models.warmOnStart)
    ctx.models.runtime().catch((err: unknown) => log.error({ err }, 'model runtime failed to load'));
  log.info({ httpPort, bind: config.http.bindAddress, dialect: db.dialect }, 'appliance ready');

  const reloadTls = (): boolean => {
    if (config.tls.mode !== 'installed') return false;
    try {
      const next = loadTls(config.tls, config.dataDir);
      if (!next || next.fingerprint256 === tlsMaterial?.fingerprint256) return false;
      http.setCertificate(next.cert, next.key);
      tlsMaterial = next;
      log.info({ fingerprint256: next.fingerprint256, validTo: next.validTo }, 'HTTPS certificate reloaded');
      return true;
    } catch (err) {
      log.error({ err }, 'installed TLS certificate not reloaded; the previous one stays in use');
      return false;
    }
  };
  // An installed certificate replaced on disk (certbot, an operator's copy) is picked up within 10 s.
  const watched = config.tls.mode === 'installed' ? [config.tls.certFile, config.tls.keyFile] : [];
  for (const f of watched) watchFile(f, { interval: 10_000, persistent: false }, () => reloadTls());

  let stopping: Promise<void> | undefined;
  return {
    ctx,
    modules,
    httpPort,
    scheme: http.scheme,
    tls: () => tlsMaterial,
    reloadTls,
    trainer,
    stop: () =>
      (stopping ??= (async () => {
        ready = false;
        for (const f of watched) unwatchFile(f);
        stopAuditRetention();
        trainer.stopAll();
        await http.close(config.http.shutdownGraceMs);
        for (const m of [...modules.list].reverse()) {
          await m.stop?.().catch((err: unknown) => log.error({ err, module: m.name }, 'module stop failed'));
        }
        await trainer.idle();
        await ctx.models.close();
        await db.close();
        log.info('appliance stopped');
      })()),
  };
}

/** The box-wide allow-list (`http.allowFrom`) in front of the admin UI and the API. */
function boxAllowList(entries: readonly string[]): Koa.Middleware {
  const allowed = allowList(entries);
  return async (c, next) => {
    if (!allowed(c.ip))
      throw new AppError('forbidden', 'this appliance does not allow access from your address', {
        details: { reason: 'ip_not_allowed' },
      });
    await next();
  };
}
