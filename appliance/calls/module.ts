/**
 * The `calls` module: the SIP stack and RTP engine (when `config.sip.enabled`), the speech engines,
 * the call manager, the voice API, and the recording retention sweep.
 */
import type { MediaEngine } from '../../media/index.js';
import { createMediaEngine } from '../../media/index.js';
import { createSipStack, type SipStack } from '../../sip/index.js';
import type { ApplianceModule, ModuleDeps } from '../modules.js';
import { brainFromAgentModule } from './brain.js';
import { CallManager } from './call-manager.js';
import { crmFromIntegrationsModule } from './crm.js';
import { LoadGate } from './load-gate.js';
import { callMetrics } from './metrics.js';
import type { SpeechEngines } from './ports.js';
import { sweepRecordings } from './retention.js';
import { voiceRoutes } from './routes.js';
import { fallbackVoice, speechFromEngines } from './speech.js';

export interface CallsModule extends ApplianceModule {
  readonly name: 'calls';
  /** Bound SIP port (0 until started or when SIP is disabled). */
  readonly sipPort: number;
  readonly manager: CallManager | undefined;
  /** Deletes expired recordings now; returns how many. */
  sweep(now?: Date): Promise<number>;
}

export const isCallsModule = (m: ApplianceModule | undefined): m is CallsModule =>
  m?.name === 'calls' && 'sweep' in m;

export function createCallsModule({ app, modules }: ModuleDeps): CallsModule {
  const log = app.log.child({ module: 'calls' });
  const metrics = callMetrics(app.registry);
  let sip: SipStack | undefined;
  let media: MediaEngine | undefined;
  let speech: SpeechEngines | undefined;
  let manager: CallManager | undefined;
  let load: LoadGate | undefined;
  let sweepTimer: NodeJS.Timeout | undefined;
  let startError: string | undefined;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let starting: Promise<void> | undefined;
  let attempt = 0;

  const sweep = (now?: Date): Promise<number> => sweepRecordings(app, now);

  const startTelephony = async (): Promise<void> => {
    const cfg = app.config;
    // The appliance's shared model runtime (loaded once, warm); its active VAD/STT/TTS serve calls.
    const rt = await app.models.runtime();
    // A call the appliance cannot hear or answer is worse than a 503: telephony waits for both.
    const ifaces = rt.status().interfaces;
    for (const k of ['stt', 'tts'] as const)
      if (ifaces[k].active === null)
        throw new Error(
          `no ${k} engine loaded (${ifaces[k].candidates.map((c) => `${c.engine}: ${c.reason ?? c.state}`).join('; ')})`,
        );
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
    sip = await createSipStack({
      bindAddress: cfg.sip.bindAddress,
      port: cfg.sip.port,
      publicAddress,
      allowFrom: cfg.sip.allowFrom,
      route: (req) => (manager ? manager.route(req) : { action: 'reject', status: 503 }),
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
      brain: () => brainFromAgentModule(() => modules.get('agent')),
      crm: () => crmFromIntegrationsModule(() => modules.get('integrations')),
      // Budget for greeting a caller by name, ms; 0 turns the lookup off (config.calls).
      crmLookupTimeoutMs: cfg.calls.crmLookupTimeoutMs,
      rtpAddress: publicAddress,
      maxConcurrentCalls: cfg.sip.maxConcurrentCalls,
      inactivityTimeoutMs: cfg.rtp.inactivityTimeoutMs,
      load,
      retryAfterS: cfg.calls.overloadRetryAfterS,
      metrics,
      log,
    });
    sip.onIncomingCall(mgr.onIncoming);
    manager = mgr;
    log.info(
      { sipPort: sip.port, vad: speech.vad.name, stt: speech.stt.name, tts: speech.tts.name },
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
      } catch (err) {
        startError = String(err);
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
    get sipPort() {
      return sip?.port ?? 0;
    },
    get manager() {
      return manager;
    },
    sweep,
    routes: () => voiceRoutes(app, () => manager),
    async start() {
      sweepTimer = setInterval(
        () => void sweep().catch((err: unknown) => log.error({ err: String(err) }, 'recording sweep failed')),
        app.config.calls.recordingSweepMs,
      );
      sweepTimer.unref();
      void sweep().catch((err: unknown) => log.error({ err: String(err) }, 'recording sweep failed'));
      if (!app.config.sip.enabled) {
        log.info('SIP disabled: no calls');
        return;
      }
      await tryStart();
    },
    stop: async () => {
      stopped = true;
      if (sweepTimer) clearInterval(sweepTimer);
      if (retryTimer) clearTimeout(retryTimer);
      await starting;
      await stopTelephony();
    },
    status: () => ({
      sip: Boolean(sip),
      sipPort: sip?.port ?? 0,
      activeCalls: manager?.activeCount ?? 0,
      ...(startError ? { error: startError } : {}),
      engines: speech ? { vad: speech.vad.name, stt: speech.stt.name, tts: speech.tts.name } : null,
    }),
  };
}
