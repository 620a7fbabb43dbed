/**
 * The `webcall` module: browser calls to an agent (issue 18, WebRTC). A Janus Gateway on the box
 * terminates ICE and DTLS-SRTP and places a SIP call into the appliance's own SIP port, so a
 * browser caller takes the whole phone call path (admission, plan limits, agent, barge-in,
 * records) with channel `webrtc`. This module writes Janus's configuration, mints call tokens,
 * checks page origins, relays the browser's offer/answer to Janus and serves the embed script.
 */
import path from 'node:path';
import type { Middleware } from 'koa';
import type { CallsModule } from '../calls/index.js';
import type { ApplianceModule, ModuleDeps } from '../module.js';
import type { HealthProblem } from '../health.js';
import { EMBED_JS } from './embed.js';
import { JanusClient } from './janus-client.js';
import { writeJanusConfig } from './janus-config.js';
import type { WebCallRegistry } from './registry.js';
import { webCallRoutes } from './routes.js';
import { WebCallSignalling } from './signalling.js';
import { WebCallTokens } from './token.js';

export interface WebCallModule extends ApplianceModule {
  readonly name: 'webcall';
  /** HTTP middleware mounted before the API: CORS for `/api/v1/web-call/*`, `/web-call/embed.js`. */
  middleware(): Middleware[];
  /** Where Janus's configuration was written (empty while disabled). */
  readonly janusConfigDir: string;
}

export interface WebCallModuleDeps extends ModuleDeps {
  calls: CallsModule;
  /** The registry the calls module's route callback claims browser calls from. */
  registry: WebCallRegistry;
}

/** Paths the embed's cross-origin requests use (CORS applies to these only). */
const CORS_PREFIX = '/api/v1/web-call/';

export function createWebCallModule({ app, calls, registry }: WebCallModuleDeps): WebCallModule {
  const cfg = app.config.webcall;
  const log = app.log.child({ module: 'webcall' });
  const tokens = new WebCallTokens(app.masterKey.derive('web-call-tokens'));
  const janusSecret = app.masterKey.derive('janus-api').toString('hex');
  const configDir = cfg.enabled ? cfg.janusConfigDir || path.join(app.config.dataDir, 'janus') : '';
  let janus: JanusClient | undefined;
  let signalling: WebCallSignalling | undefined;

  const middleware: Middleware = async (ctx, next) => {
    if (ctx.path === '/web-call/embed.js' && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      ctx.type = 'application/javascript; charset=utf-8';
      ctx.set('Cache-Control', 'public, max-age=300');
      // Business pages on other origins load it.
      ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
      ctx.body = EMBED_JS;
      return;
    }
    if (!ctx.path.startsWith(CORS_PREFIX)) return next();
    const origin = ctx.get('origin');
    // The routes check the origin against the token and the allow-list; CORS only lets the page
    // read the answer, so it is given to any origin that asks.
    if (origin) {
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.vary('Origin');
    }
    if (ctx.method === 'OPTIONS') {
      ctx.set('Access-Control-Allow-Methods', 'POST');
      ctx.set('Access-Control-Allow-Headers', 'content-type');
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    return next();
  };

  return {
    name: 'webcall',
    get janusConfigDir() {
      return configDir;
    },
    middleware: () => [middleware],
    routes: () => webCallRoutes({ app, tokens, signalling: () => signalling, tokenTtlS: cfg.tokenTtlS }),
    start: async () => {
      if (!cfg.enabled) return;
      writeJanusConfig(configDir, {
        wsPort: cfg.janusWsPort,
        apiSecret: janusSecret,
        iceInterfaces: cfg.iceInterfaces,
        iceRtpPortRange: cfg.iceRtpPortRange,
        sipRtpPortRange: cfg.sipRtpPortRange,
      });
      janus = new JanusClient(`ws://127.0.0.1:${cfg.janusWsPort}`, janusSecret, log);
      const client = janus;
      signalling = new WebCallSignalling({
        janus: () => client,
        registry,
        sipPort: () => calls.sipPort,
        answerTimeoutMs: cfg.answerTimeoutMs,
        log,
      });
      log.info({ configDir, janusWsPort: cfg.janusWsPort }, `web calls on: run "janus -F ${configDir}"`);
      const trunk = app.config.sip;
      // Janus's SIP leg comes from 127.0.0.1 without credentials: a trunk allow-list without
      // loopback, or digest for everyone, refuses every browser call.
      const loopbackListed = trunk.allowFrom.some((c) => c.startsWith('127.'));
      if (!loopbackListed && (trunk.allowFrom.length > 0 || trunk.inboundCredentials))
        log.warn(
          { allowFrom: trunk.allowFrom },
          'web calls need 127.0.0.1 in sip.allowFrom (APPLIANCE_SIP_ALLOW_FROM)',
        );
    },
    stop: async () => {
      await signalling?.stop();
      janus?.close();
    },
    status: () => ({ enabled: cfg.enabled, liveCalls: signalling?.liveCount ?? 0 }),
    health: (): readonly HealthProblem[] => [],
  };
}
