/**
 * The `calls` module: the SIP stack and RTP engine (when `config.sip.enabled`), the speech engines,
 * the call manager, the voice API, and the recording retention sweep.
 */
import type { PostCallExtractor } from '../analytics/index.js';
import type { MediaEngine } from '../../media/index.js';
import { createMediaEngine } from '../../media/index.js';
import { createSipStack, type SipStack, type TrunkOptions } from '../../sip/index.js';
import type { AppConfig } from '../config/index.js';
import type { HealthProblem } from '../health.js';
import type { ApplianceModule, ModuleDeps } from '../module.js';
import type { AgentModule } from '../agent/index.js';
import { agentBrain } from './brain.js';
import { CallManager } from './call-manager.js';
import { LoadGate } from './load-gate.js';
import { callMetrics } from './metrics.js';
import type { CallerCrm, SpeechEngines, WebCallRouter } from './ports.js';
import { sweepRecordings } from './retention.js';
import { sipTlsSettings } from './sip-tls.js';
import { sweepStaleCalls } from './stale-calls.js';
import { voiceRoutes } from './routes.js';
import { fallbackVoice, speechFromEngines } from './speech.js';

export interface CallsModule extends ApplianceModule {
  readonly name: 'calls';
  /** Bound SIP port (0 until started or when SIP is disabled). */
  readonly sipPort: number;
  /** Bound SIP-over-TLS port (0 until started or when TLS is off). */
  readonly sipTlsPort: number;
  readonly manager: CallManager | undefined;
  /** The RTP engine while telephony runs (it restarts its own thread after a crash). */
  readonly media: MediaEngine | undefined;
  /** Deletes expired recordings now; returns how many. */
  sweep(now?: Date): Promise<number>;
  /** Ends call rows stuck in `ringing` (calls.staleRingingS) now; returns how many. */
  sweepStaleCalls(now?: Date): Promise<number>;
  /** Node drain (cluster): new calls and OPTIONS get 503, live calls go on; kept across telephony restarts. */
  drain(): void;
  undrain(): void;
  readonly draining: boolean;
  /** Calls holding a slot now (0 while telephony is down). */
  readonly liveCalls: number;
}

/** The stack's trunk from `sip.outboundTrunk`: credentials only answer a challenge (none: no auth). */
function outboundTrunk(t: NonNullable<AppConfig['sip']['outboundTrunk']>): TrunkOptions {
  return {
    registrarUri: t.uri,
    username: t.username ?? 'appliance',
    password: t.password ?? '',
    register: t.register,
    ...(t.domain ? { domain: t.domain } : {}),
  };
}

/** Telephony waits for speech engines that did not load. */
class EnginesMissing extends Error {
  constructor(readonly problems: HealthProblem[]) {
    super(problems.map((p) => p.message).join('; '));
  }
}

/** What the calls module uses of other modules: the agent (required) and the CRM (optional). */
export interface CallsModuleDeps extends ModuleDeps {
  agent: AgentModule;
  crm?: CallerCrm;
  /** Browser calls through the WebRTC gateway (appliance/webcall). */
  webCalls?: WebCallRouter;
  /** The analytics module's post-call LLM step, for the records of ended calls. */
  postCall?: PostCallExtractor;
}

export function createCallsModule({ app, agent, crm, webCalls, postCall }: CallsModuleDeps): CallsModule {
  const brain = agentBrain(agent);
  const log = app.log.child({ module: 'calls' });
  const metrics = callMetrics(app.registry);
  let sip: SipStack | undefined;
  let media: MediaEngine | undefined;
  let speech: SpeechEngines | undefined;
  let manager: CallManager | undefined;
  let load: LoadGate | undefined;
  let sweepTimer: NodeJS.Timeout | undefined;
  let staleTimer: NodeJS.Timeout | undefined;
  let startError: string | undefined;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let starting: Promise<void> | undefined;
  let attempt = 0;
  /** Why the last start attempt failed (undefined: none failed, or it succeeded). */
  let startProblems: HealthProblem[] | undefined;
  /** Which step startTelephony is at, so a failure names what is down. */
  let phase: 'models' | 'media' | 'sip' = 'models';
  /** Drain state outlives the call manager (telephony may restart after a failure). */
  let draining = false;

  const sweep = (now?: Date): Promise<number> => sweepRecordings(app, now);

  const startTelephony = async (): Promise<void> => {
    const cfg = app.config;
    phase = 'models';
    // The appliance's shared model runtime (loaded once, warm); its active VAD/STT/TTS serve calls.
    const rt = await app.models.runtime();
    // A call the appliance cannot hear or answer is worse than a 503: telephony waits for both.
    const ifaces = rt.status().interfaces;
    const missing: HealthProblem[] = [];
    for (const k of ['stt', 'tts'] as const)
      if (ifaces[k].active === null)
        missing.push({
          code: k === 'stt' ? 'no-stt' : 'no-tts',
          message: `no ${k} engine loaded (${ifaces[k].candidates.map((c) => `${c.engine}: ${c.reason ?? c.state}`).join('; ')})`,
        });
    if (missing.length) throw new EnginesMissing(missing);
    phase = 'media';
    speech = speechFromEngines(rt, { fallbackTts: fallbackVoice(rt.tts), logger: log });
    const publicAddress =
      cfg.sip.publicAddress || (cfg.sip.bindAddress === '0.0.0.0' ? '127.0.0.1' : cfg.sip.bindAddress);
    media = await createMediaEngine({
      bindAddress: cfg.sip.bindAddress,
      rtpPortMin: cfg.rtp.portMin,
      rtpPortMax: cfg.rtp.portMax,
      logger: log,
      registry: app.registry,
    });
    // A dead media thread: the engine closes its sessions (their calls end: CallManager) and restarts it.
    phase = 'sip';
    const tls = cfg.sip.tls.enabled ? await sipTlsSettings(cfg, publicAddress) : undefined;
    if (tls) log.info({ fingerprint256: tls.fingerprint256, certFile: tls.certFile }, 'sip tls certificate');
    if (cfg.sip.srtp === 'require' && !tls)
      log.warn(
        'sip.srtp is require but sip.tls is off: SDES keys are only exchanged over SIP over TLS, so every call will get 488 (set APPLIANCE_SIP_TLS=1)',
      );
    sip = await createSipStack({
      bindAddress: cfg.sip.bindAddress,
      port: cfg.sip.port,
      publicAddress,
      allowFrom: cfg.sip.allowFrom,
      ...(cfg.sip.inboundCredentials ? { inboundCredentials: cfg.sip.inboundCredentials } : {}),
      openSecurityHint:
        'set sip.allowFrom (APPLIANCE_SIP_ALLOW_FROM, recommended) and/or sip.inboundCredentials ' +
        '(APPLIANCE_SIP_INBOUND_USERNAME, APPLIANCE_SIP_INBOUND_PASSWORD)',
      srtp: cfg.sip.srtp,
      ...(tls ? { tls: tls.settings } : {}),
      ...(cfg.sip.outboundTrunk ? { trunk: outboundTrunk(cfg.sip.outboundTrunk) } : {}),
      route: (req) => (manager ? manager.route(req) : { action: 'reject', status: 503 }),
      availability: () =>
        manager ? manager.availability() : { accepting: false, retryAfterS: 5, reason: 'Starting' },
      logger: log,
      registry: app.registry,
    });
    const engines = speech;
    // Measured from now on: engine loading above is start-up, not load.
    load = new LoadGate({
      maxEventLoopUtilization: cfg.calls.maxEventLoopUtilization,
      maxEventLoopDelayMs: cfg.calls.maxEventLoopDelayMs,
      windowMs: cfg.calls.loadWindowMs,
    });
    const mgr = new CallManager({
      app,
      sip,
      media,
      speech: () => engines,
      brain: () => brain,
      crm: () => crm,
      ...(postCall ? { postCall } : {}),
      // Budget for greeting a caller by name, ms; 0 turns the lookup off (config.calls).
      crmLookupTimeoutMs: cfg.calls.crmLookupTimeoutMs,
      silenceWindowMs: cfg.calls.silenceWindowMs,
      rtpAddress: publicAddress,
      maxConcurrentCalls: cfg.sip.maxConcurrentCalls,
      inactivityTimeoutMs: cfg.rtp.inactivityTimeoutMs,
      load,
      retryAfterS: cfg.calls.overloadRetryAfterS,
      metrics,
      log,
      webCalls,
    });
    sip.onIncomingCall(mgr.onIncoming);
    if (draining) mgr.drain();
    manager = mgr;
    log.info(
      {
        sipPort: sip.port,
        ...(tls ? { sipTlsPort: sip.tlsPort } : {}),
        vad: speech.vad.name,
        stt: speech.stt.name,
        tts: speech.tts.name,
      },
      'calls ready',
    );
  };

  const stopTelephony = async (): Promise<void> => {
    await manager?.stop().catch(() => undefined);
    manager = undefined;
    load?.close();
    load = undefined;
    await sip?.stop().catch(() => undefined);
    sip = undefined;
    await media?.close().catch(() => undefined);
    media = undefined;
    await speech?.close().catch(() => undefined);
    speech = undefined;
  };

  /**
   * Starts telephony; on failure (busy port, an engine that would not load) the API stays up,
   * calls stay off, and it retries with backoff (2 s, 4 s, ... up to 60 s).
   */
  const tryStart = async (): Promise<void> => {
    if (stopped) return;
    starting = (async () => {
      try {
        await startTelephony();
        startError = undefined;
        startProblems = undefined;
      } catch (err) {
        startError = String(err);
        startProblems =
          err instanceof EnginesMissing
            ? err.problems
            : [
                {
                  code:
                    phase === 'models'
                      ? 'models-unavailable'
                      : phase === 'media'
                        ? 'media-down'
                        : 'sip-not-listening',
                  message: startError,
                },
              ];
        await stopTelephony();
        if (stopped) return;
        const delayMs = Math.min(60_000, 2000 * 2 ** attempt++);
        log.error(
          { err: startError, retryInMs: delayMs },
          'telephony failed to start: calls are off until it does',
        );
        retryTimer = setTimeout(() => void tryStart(), delayMs);
        retryTimer.unref();
      }
    })();
    await starting;
  };

  return {
    name: 'calls',
    get sipTlsPort() {
      return sip?.tlsPort ?? 0;
    },
    get sipPort() {
      return sip?.port ?? 0;
    },
    get manager() {
      return manager;
    },
    get media() {
      return media;
    },
    sweep,
    sweepStaleCalls: (now?: Date) => sweepStaleCalls(app, now),
    drain() {
      draining = true;
      manager?.drain();
    },
    undrain() {
      draining = false;
      manager?.undrain();
    },
    get draining() {
      return draining;
    },
    get liveCalls() {
      return manager?.activeCount ?? 0;
    },
    routes: () => voiceRoutes(app, () => manager),
    async start() {
      sweepTimer = setInterval(
        () => void sweep().catch((err: unknown) => log.error({ err }, 'recording sweep failed')),
        app.config.calls.recordingSweepMs,
      );
      sweepTimer.unref();
      void sweep().catch((err: unknown) => log.error({ err }, 'recording sweep failed'));
      const staleSweep = (): void =>
        void sweepStaleCalls(app).catch((err: unknown) => log.error({ err }, 'stale call sweep failed'));
      staleTimer = setInterval(staleSweep, app.config.calls.staleCallSweepMs);
      staleTimer.unref();
      staleSweep();
      if (!app.config.sip.enabled) {
        log.info('SIP disabled: no calls');
        return;
      }
      await tryStart();
    },
    stop: async () => {
      stopped = true;
      if (sweepTimer) clearInterval(sweepTimer);
      if (staleTimer) clearInterval(staleTimer);
      if (retryTimer) clearTimeout(retryTimer);
      await starting;
      await stopTelephony();
    },
    health: (): HealthProblem[] => {
      if (!app.config.sip.enabled || stopped) return [];
      if (manager && media && sip)
        return media.state === 'running'
          ? []
          : [{ code: 'media-down', message: `the RTP engine is ${media.state} (its thread died)` }];
      return (
        startProblems ?? [
          { code: 'telephony-starting', message: 'telephony is starting (speech engines loading)' },
        ]
      );
    },
    status: () => ({
      sip: Boolean(sip),
      media: media?.state ?? null,
      sipPort: sip?.port ?? 0,
      activeCalls: manager?.activeCount ?? 0,
      draining,
      ...(startError ? { error: startError } : {}),
      engines: speech ? { vad: speech.vad.name, stt: speech.stt.name, tts: speech.tts.name } : null,
    }),
  };
}
