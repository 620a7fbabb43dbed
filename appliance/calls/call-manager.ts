/**
 * The box's calls: routing and capacity decisions for incoming INVITEs, plan admission, answering,
 * running a CallSession per call, and finishing the records (call row, billing seconds, webhook
 * events, encrypted recording). Also places test calls. Never throws into the SIP stack.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { MediaEngine, MediaSession } from '../../media/index.js';
import type {
  ActiveCall,
  CallControl,
  IncomingCall,
  NegotiatedMedia,
  RouteDecision,
  RouteRequest,
} from '../../sip/index.js';
import type { TakenMessage } from '../agent/index.js';
import { agentForNumber } from '../agents/service.js';
import { admitCall, recordCallEnd } from '../billing/index.js';
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';
import { emitEvent } from '../webhooks/index.js';
import { CallSession, type CallEnd, type DtmfSource, type TurnTimings } from './call-session.js';
import { openBridge } from './bridge.js';
import { crmCallSummary, DEFAULT_CRM_LOOKUP_TIMEOUT_MS, lookupCallerName } from './crm.js';
import type { CallMetrics } from './metrics.js';
import type { AgentBrain, CallerCrm, SpeechEngines } from './ports.js';
import { encryptRecording, plaintextDir } from './recordings.js';
import { getSettings, insertCall, insertCallEvent, insertRecording, updateCall } from './store.js';
import { mergeTurnLatency } from './turn-latency.js';

export const PLAN_LIMIT_NOTICE = "We're sorry, this line cannot take calls right now. Goodbye.";

export interface LiveCall {
  id: string;
  businessId: string;
  agentId: string;
  conversationId: string | null;
  direction: 'inbound' | 'outbound';
  caller: string | null;
  startedAt: string;
  state: 'ringing' | 'active' | 'transferring' | 'ending';
}

export interface CallManagerDeps {
  app: AppContext;
  sip: CallControl;
  media: MediaEngine;
  speech: () => SpeechEngines | undefined;
  brain: () => AgentBrain | undefined;
  /** The business's CRM connections (caller name on answer, call summary at the end); optional. */
  crm?: () => CallerCrm | undefined;
  /** Budget for the CRM caller lookup, counted from the call's admission, ms (default 800; 0: no lookup). */
  crmLookupTimeoutMs?: number;
  /** Address RTP binds to / SDP advertises. */
  rtpAddress: string;
  maxConcurrentCalls: number;
  inactivityTimeoutMs: number;
  metrics: CallMetrics | undefined;
  log: Logger;
}

interface RouteTarget {
  agentId: string;
  businessId: string;
}

/** What runAgent and finish know of a call. */
interface CallInfo {
  id: string;
  businessId: string;
  agentId: string;
  billing: string;
  caller: string | null;
  direction: 'inbound' | 'outbound';
  /** The caller's name from the CRM (resolves within the lookup budget, never rejects). */
  callerName?: Promise<string | undefined>;
}

interface DtmfRecorder {
  received: (digit: string, source: DtmfSource, durationMs: number | undefined) => void;
  /** Resolves when every digit received so far is stored (or its failure logged). */
  flushed: () => Promise<void>;
}

export class CallManager {
  private readonly live = new Map<string, LiveCall & { session?: CallSession }>();
  /** Calls accepted by the route callback but not yet registered (INVITE -> answer). */
  private reserved = 0;
  private stopping = false;
  private readonly tasks = new Set<Promise<void>>();

  constructor(private readonly d: CallManagerDeps) {
    mkdirSync(plaintextDir(d.app.config.dataDir), { recursive: true });
  }

  /** Inbound calls count from route acceptance to their end; test calls while live. */
  get activeCount(): number {
    let outbound = 0;
    for (const c of this.live.values()) if (c.direction === 'outbound') outbound++;
    return this.reserved + outbound;
  }

  liveCalls(businessId: string): LiveCall[] {
    return [...this.live.values()]
      .filter((c) => c.businessId === businessId)
      .map(({ session, ...c }) => {
        void session;
        return c;
      });
  }

  /** SIP route callback: unknown number 404, full box 503, no engines 503. No dialog state is created. */
  route = async (req: RouteRequest): Promise<RouteDecision> => {
    try {
      if (this.stopping) return { action: 'reject', status: 503, reason: 'Shutting Down' };
      const target = await agentForNumber(this.d.app, req.dialedNumber);
      if (!target) {
        this.d.metrics?.calls.inc({ outcome: 'rejected_unknown' });
        return { action: 'reject', status: 404, reason: 'Not Found' };
      }
      if (this.activeCount >= this.d.maxConcurrentCalls) {
        this.d.metrics?.calls.inc({ outcome: 'rejected_capacity' });
        return { action: 'reject', status: 503, reason: 'Service Unavailable' };
      }
      if (!this.d.speech() || !this.d.brain())
        return { action: 'reject', status: 503, reason: 'Agent Unavailable' };
      this.reserved++;
      return { action: 'accept', route: target satisfies RouteTarget };
    } catch (err) {
      this.d.log.error({ err: String(err) }, 'call routing failed');
      return { action: 'reject', status: 500, reason: 'Server Error' };
    }
  };

  onIncoming = (call: IncomingCall): void => {
    const target = call.route as RouteTarget;
    this.track(
      this.runInbound(call, target)
        .catch((err: unknown) => {
          this.d.log.error({ err: String(err), sipCallId: call.sipCallId }, 'call failed');
          this.d.metrics?.calls.inc({ outcome: 'failed' });
          if (call.state !== 'ended') void call.hangup();
        })
        .finally(() => {
          this.reserved = Math.max(0, this.reserved - 1);
        }),
    );
  };

  /** Test call: the appliance dials `target` and runs the agent on it. Resolves with the call id once dialing started. */
  async placeTestCall(businessId: string, agentId: string, target: string): Promise<{ callId: string }> {
    const id = newId();
    const at = this.d.app.now().toISOString();
    await insertCall(this.d.app.db.kysely, {
      id,
      businessId,
      agentId,
      direction: 'outbound',
      caller: null,
      dialed: target,
      state: 'ringing',
      billing: 'test',
      startedAt: at,
    });
    const rec = {
      id,
      businessId,
      agentId,
      conversationId: null,
      direction: 'outbound' as const,
      caller: null,
      startedAt: at,
      state: 'ringing' as const,
    };
    this.live.set(id, rec);
    this.track(
      (async () => {
        const alloc = await this.d.media.allocate();
        let call: ActiveCall;
        try {
          call = await this.d.sip.placeCall({
            target,
            media: { rtpAddress: this.d.rtpAddress, rtpPort: alloc.localPort },
            answerTimeoutMs: 60_000,
          });
        } catch (err) {
          await this.d.media.release(alloc.sessionId).catch(() => undefined);
          this.live.delete(id);
          await updateCall(this.d.app.db.kysely, businessId, id, {
            state: 'ended',
            ended_at: this.d.app.now().toISOString(),
            end_reason: 'not-answered',
          });
          this.d.log.info({ err: String(err), callId: id }, 'test call not answered');
          return;
        }
        const negotiated = call.media;
        if (!negotiated) throw new Error('answered without media');
        await this.runAgent(call, negotiated, alloc.sessionId, {
          id,
          businessId,
          agentId,
          billing: 'test',
          caller: null,
          direction: 'outbound',
        });
      })().catch((err: unknown) => {
        this.live.delete(id);
        this.d.log.error({ err: String(err), callId: id }, 'test call failed');
      }),
    );
    return { callId: id };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.live.values()].map((c) => c.session?.stop('shutdown')));
    await Promise.allSettled([...this.tasks]);
  }

  private track(p: Promise<void>): void {
    this.tasks.add(p);
    void p.finally(() => this.tasks.delete(p));
  }

  private async runInbound(call: IncomingCall, target: RouteTarget): Promise<void> {
    const { app } = this.d;
    call.ringing();
    const id = newId();
    const at = app.now();
    // Plan admission and the call row commit together, so usage never drifts from calls.
    const admission = await app.db.kysely.transaction().execute(async (trx) => {
      const a = await admitCall(trx, target.businessId, at);
      await insertCall(trx, {
        id,
        businessId: target.businessId,
        agentId: target.agentId,
        direction: 'inbound',
        caller: call.callerNumber ?? null,
        dialed: call.dialedNumber,
        state: 'ringing',
        billing: a.admitted ? a.billing : 'refused',
        startedAt: at.toISOString(),
      });
      return a;
    });
    // Asked while the call is answered and its media set up; the greeting waits for it at most
    // the rest of the budget (the caller hears silence until then).
    const callerName = admission.admitted
      ? lookupCallerName(this.d.crm?.(), {
          businessId: target.businessId,
          caller: call.callerNumber ?? null,
          budgetMs: this.d.crmLookupTimeoutMs ?? DEFAULT_CRM_LOOKUP_TIMEOUT_MS,
          callId: id,
          log: this.d.log,
        })
      : undefined;
    const alloc = await this.d.media.allocate();
    let negotiated: NegotiatedMedia;
    try {
      if (call.state === 'ended') throw new Error('caller cancelled');
      negotiated = await call.answer({ rtpAddress: this.d.rtpAddress, rtpPort: alloc.localPort });
    } catch (err) {
      await this.d.media.release(alloc.sessionId).catch(() => undefined);
      await updateCall(app.db.kysely, target.businessId, id, {
        state: 'ended',
        ended_at: app.now().toISOString(),
        end_reason: 'cancelled',
      });
      this.d.log.info({ err: String(err) }, 'call ended before answer');
      return;
    }
    if (!admission.admitted) {
      this.d.metrics?.calls.inc({ outcome: 'plan_limit' });
      await this.playNotice(call, negotiated, alloc.sessionId);
      await updateCall(app.db.kysely, target.businessId, id, {
        state: 'ended',
        answered_at: at.toISOString(),
        ended_at: app.now().toISOString(),
        end_reason: admission.reason,
      });
      return;
    }
    await this.runAgent(call, negotiated, alloc.sessionId, {
      id,
      businessId: target.businessId,
      agentId: target.agentId,
      billing: admission.billing,
      caller: call.callerNumber ?? null,
      direction: 'inbound',
      ...(callerName ? { callerName } : {}),
    });
  }

  private startMedia(
    sessionId: Parameters<MediaEngine['start']>[0],
    m: NegotiatedMedia,
    recordPath?: string,
  ): Promise<MediaSession> {
    return this.d.media.start(sessionId, {
      remoteAddress: m.remoteRtpAddress,
      remotePort: m.remoteRtpPort,
      codec: m.codec,
      ...(m.dtmfPayloadType !== undefined ? { dtmfPayloadType: m.dtmfPayloadType } : {}),
      ptimeMs: m.ptimeMs,
      inactivityTimeoutMs: this.d.inactivityTimeoutMs,
      ...(recordPath ? { recordPath } : {}),
    });
  }

  /** Plan limit reached: a short spoken notice, then BYE. */
  private async playNotice(
    call: ActiveCall,
    m: NegotiatedMedia,
    sessionId: Parameters<MediaEngine['start']>[0],
  ): Promise<void> {
    const media = await this.startMedia(sessionId, m);
    try {
      const speech = this.d.speech();
      const audio = speech
        ? await speech.tts.synthesize(PLAN_LIMIT_NOTICE).catch(() => undefined)
        : undefined;
      if (audio && audio.pcm.length > 0 && call.state !== 'ended') {
        const durationMs = (audio.pcm.length / audio.sampleRateHz) * 1000;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, durationMs + 2000);
          const done = (): void => {
            clearTimeout(timer);
            unsub();
            resolve();
          };
          const unsub = call.on((ev) => ev.kind === 'hangup' && done());
          media.once('played', done);
          media.play(audio.pcm, audio.sampleRateHz);
        });
      }
    } finally {
      if (call.state !== 'ended') await call.hangup();
      await media.stop().catch(() => undefined);
    }
  }

  private async runAgent(
    call: ActiveCall,
    negotiated: NegotiatedMedia,
    sessionId: Parameters<MediaEngine['start']>[0],
    c: CallInfo,
  ): Promise<void> {
    const { app } = this.d;
    const db = app.db.kysely;
    const brain = this.d.brain();
    const speech = this.d.speech();
    if (!brain || !speech) {
      await this.d.media.release(sessionId).catch(() => undefined);
      await call.hangup();
      throw new Error('agent engine or speech engines unavailable');
    }
    const settings = await getSettings(db, c.businessId);
    const recordPath = settings.recordingEnabled
      ? path.join(plaintextDir(app.config.dataDir), `${c.id}.wav`)
      : undefined;
    const media = await this.startMedia(sessionId, negotiated, recordPath);
    const live: LiveCall & { session?: CallSession } = {
      id: c.id,
      businessId: c.businessId,
      agentId: c.agentId,
      conversationId: null,
      direction: c.direction,
      caller: c.caller,
      startedAt: app.now().toISOString(),
      state: 'active',
    };
    this.live.set(c.id, live);
    this.d.metrics?.active.inc();
    this.d.metrics?.calls.inc({ outcome: 'answered' });
    let end: CallEnd | undefined;
    let conversationId: string | null = null;
    let dtmf: DtmfRecorder | undefined;
    // Taken messages are stored one after another; finish waits for them (the summary reads them).
    let messages: Promise<void> = Promise.resolve();
    try {
      const [conversation, info, phrases] = await Promise.all([
        (c.callerName ?? Promise.resolve(undefined)).then((callerName) =>
          brain.start({
            businessId: c.businessId,
            agentId: c.agentId,
            ...(c.caller ? { caller: c.caller } : {}),
            ...(callerName ? { callerName } : {}),
          }),
        ),
        brain.behaviour(c.businessId, c.agentId),
        brain.sttPhrases(c.businessId, c.agentId),
      ]);
      conversationId = conversation.id;
      live.conversationId = conversation.id;
      dtmf = this.dtmfRecorder(c.businessId, c.id, conversation.id);
      await db.transaction().execute(async (trx) => {
        await updateCall(trx, c.businessId, c.id, {
          conversation_id: conversation.id,
          state: 'active',
          answered_at: app.now().toISOString(),
        });
        await emitEvent(
          trx,
          c.businessId,
          'call.started',
          {
            callId: c.id,
            conversationId: conversation.id,
            agentId: c.agentId,
            caller: c.caller,
            direction: c.direction,
          },
          app.now(),
        );
      });
      let bridgeClose: (() => Promise<void>) | undefined;
      const session: CallSession = new CallSession({
        call,
        media,
        conversation,
        speech,
        phrases,
        behaviour: info.behaviour,
        metrics: this.d.metrics,
        log: this.d.log.child({ callId: c.id }),
        onMessage: (m) => {
          messages = messages
            .then(() => this.messageTaken(c.businessId, c.id, conversation.id, m))
            .catch((err: unknown) =>
              this.d.log.warn({ err: String(err), callId: c.id }, 'message write failed'),
            );
        },
        onDtmfReceived: dtmf.received,
        onTurnLatency: (t: TurnTimings) =>
          void (async () => {
            await conversation.flush?.();
            await mergeTurnLatency(db, c.businessId, conversation.id, t);
          })().catch((err: unknown) => this.d.log.warn({ err: String(err) }, 'turn latency write failed')),
        bridge: async (target) => {
          live.state = 'transferring';
          const b = await openBridge(
            {
              sip: this.d.sip,
              media: this.d.media,
              rtpAddress: this.d.rtpAddress,
              inactivityTimeoutMs: this.d.inactivityTimeoutMs,
              log: this.d.log,
            },
            media,
            target,
          );
          if (!b) {
            live.state = 'active';
            return false;
          }
          bridgeClose = b.close;
          void b.closed.then(() => session.bridgeEnded());
          return true;
        },
      });
      live.session = session;
      session.start();
      end = await session.ended;
      await bridgeClose?.();
    } finally {
      live.state = 'ending';
      this.d.metrics?.active.dec();
      if (!end) {
        if (call.state !== 'ended') await call.hangup();
        await media.stop().catch(() => undefined);
      }
      // Every digit is stored before the call reads as ended (its writes never reject).
      await dtmf?.flushed();
      await messages;
      await this.finish({ ...c, startedAt: live.startedAt }, conversationId, end).catch((err: unknown) =>
        this.d.log.error({ err: String(err), callId: c.id }, 'finishing call records failed'),
      );
      this.live.delete(c.id);
    }
  }

  /**
   * Stores each keypad digit the call receives as a 'dtmf' call event, one write after another in
   * arrival order. A failed write is logged and dropped: it never reaches the call path.
   */
  private dtmfRecorder(businessId: string, callId: string, conversationId: string): DtmfRecorder {
    const db = this.d.app.db.kysely;
    let chain: Promise<void> = Promise.resolve();
    let lastMs = 0;
    return {
      received: (digit, source, durationMs) => {
        try {
          // Stored times have ms resolution: each digit's is kept after the previous one's, so
          // ordering by time is the arrival order even for digits inside the same millisecond.
          const atMs = Math.max(this.d.app.now().getTime(), lastMs + 1);
          lastMs = atMs;
          const at = new Date(atMs).toISOString();
          const payload = {
            digit,
            source,
            ...(durationMs !== undefined ? { durationMs: Math.round(durationMs) } : {}),
          };
          chain = chain
            .then(() =>
              insertCallEvent(db, {
                businessId,
                callId,
                conversationId,
                event: 'dtmf',
                occurredAt: at,
                receivedAt: at,
                payload,
              }),
            )
            .then(
              () => undefined,
              (err: unknown) => this.d.log.warn({ err: String(err), callId }, 'dtmf event write failed'),
            );
          this.track(chain);
        } catch (err) {
          this.d.log.warn({ err: String(err), callId }, 'dtmf event not recorded');
        }
      },
      flushed: () => chain,
    };
  }

  private async messageTaken(
    businessId: string,
    callId: string,
    conversationId: string,
    m: TakenMessage,
  ): Promise<void> {
    const { app } = this.d;
    await app.db.kysely.transaction().execute(async (trx) => {
      await updateCall(trx, businessId, callId, { message: JSON.stringify(m) });
      await emitEvent(trx, businessId, 'message.taken', { callId, conversationId, message: m }, app.now());
    });
  }

  private async finish(
    c: CallInfo & { startedAt: string },
    conversationId: string | null,
    end: CallEnd | undefined,
  ): Promise<void> {
    const { app } = this.d;
    const at = app.now();
    const reason = end?.reason ?? 'error';
    const durationMs = end?.durationMs ?? 0;
    // Read before the closing transaction; test calls are not sent.
    const summary =
      conversationId && c.billing !== 'test'
        ? await crmCallSummary(this.d.crm?.(), app.db.kysely, {
            ...c,
            conversationId,
            reason,
            durationMs,
            endedAt: at,
            log: this.d.log,
          })
        : undefined;
    const close = (withSummary: boolean): Promise<void> =>
      app.db.kysely.transaction().execute(async (trx) => {
        await updateCall(trx, c.businessId, c.id, {
          state: 'ended',
          ended_at: at.toISOString(),
          end_reason: reason,
        });
        if (conversationId && c.billing !== 'test')
          await recordCallEnd(trx, c.businessId, conversationId, durationMs, at);
        const data = {
          callId: c.id,
          conversationId,
          agentId: c.agentId,
          reason,
          durationMs: Math.round(durationMs),
        };
        await emitEvent(trx, c.businessId, 'call.ended', data, at);
        if (conversationId)
          await emitEvent(trx, c.businessId, 'transcript.ready', { callId: c.id, conversationId }, at);
        if (withSummary && summary) await summary.crm.postCallSummary(trx, c.businessId, summary.data, at);
      });
    // The CRM summary must never cost the call's own records: without it, once more.
    await close(true).catch(async (err: unknown) => {
      if (!summary) throw err;
      this.d.log.error(
        { err: String(err), callId: c.id },
        'closing the call with its CRM summary failed: closing it without',
      );
      await close(false);
    });
    const wav = end?.media?.recordingPath;
    if (!wav) return;
    const recId = newId();
    const enc = await encryptRecording(
      app.masterKey.derive('recordings'),
      app.config.dataDir,
      c.businessId,
      recId,
      wav,
    );
    await app.db.kysely.transaction().execute(async (trx) => {
      await insertRecording(trx, {
        id: recId,
        businessId: c.businessId,
        callId: c.id,
        conversationId,
        agentId: c.agentId,
        file: enc.file,
        bytes: enc.bytes,
        durationMs: end.media?.recordingDurationMs ?? durationMs,
        sampleRateHz: end.media?.recordingSampleRateHz ?? 8000, // the WAV's rate: 16000 for G.722
        createdAt: at.toISOString(),
      });
      await emitEvent(
        trx,
        c.businessId,
        'recording.ready',
        { recordingId: recId, callId: c.id, conversationId },
        at,
      );
    });
  }
}
