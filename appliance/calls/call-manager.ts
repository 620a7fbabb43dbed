/**
 * The box's calls: routing and capacity decisions for incoming INVITEs, plan admission, answering,
 * running a CallSession per call and, at its end, the records (`call-records.ts`; digits and taken
 * messages as they happen: `call-events.ts`). Also places test calls. Never throws into the SIP stack.
 */
import type { PostCallExtractor } from '../analytics/index.js';
import { sharedFilesDir } from '../config/index.js';
import { AppError, sipRejection, type ErrorCode } from '../errors.js';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { JitterBufferOptions, MediaEngine, MediaEvent, MediaSession } from '../../media/index.js';
import type {
  ActiveCall,
  Availability,
  CallControl,
  CallId,
  IncomingCall,
  NegotiatedMedia,
  RouteDecision,
  RouteRequest,
} from '../../sip/index.js';
import { agentForNumber } from '../agents/service.js';
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';
import { dtmfRecorder, messageRecorder, type DtmfRecorder, type MessageRecorder } from './call-events.js';
import {
  finishCallRecords,
  recordCallEndedEarly,
  recordCallFailedEarly,
  recordCallStarted,
  recordInboundCall,
  recordOutboundCall,
  recordTestCall,
  type CallInfo,
  type CallRecordsDeps,
} from './call-records.js';
import { CallSession, type CallEnd, type CallMedia, type TurnTimings } from './call-session.js';
import { holdEarlyDigits } from './early-digits.js';
import { openBridge } from './bridge.js';
import {
  BRIDGED_JITTER,
  BridgedCall,
  LoopbackRelay,
  tappedMedia,
  type BridgedLeg,
  type BridgedLegEvents,
  type BridgedLegRequest,
} from './bridged-leg.js';
import { lookupCallerName } from './crm.js';
import type { CallMetrics } from './metrics.js';
import { playPlanLimitNotice } from './plan-notice.js';
import { AnsweredCallScreen, type ScreenResult } from './amd-screen.js';
import {
  notConnectedOutcome,
  OUTBOUND_ANSWER_TIMEOUT_MS,
  type OutboundCallRequest,
  type OutboundCallResult,
} from './outbound.js';
import {
  WEB_CALL_PREFIX,
  type AgentBrain,
  type ConversationChannel,
  type CallerCrm,
  type SpeechEngines,
  type WebCallRouter,
} from './ports.js';
import { plaintextDir } from './recordings.js';
import { getSettings, insertCallEvent } from './store.js';
import { countedTts, GreetingCache } from './greeting-cache.js';
import type { LoadGate } from './load-gate.js';
import { mergeTurnLatency } from './turn-latency.js';
import {
  testCallDestinationCheck,
  transferDestinationCheck,
  transferTargetAllowed,
  vetTestCallTarget,
} from './destinations.js';

export { PLAN_LIMIT_NOTICE } from './plan-notice.js';

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
  /** The post-call record's LLM step (analytics), for ended calls' records. */
  postCall?: PostCallExtractor;
  /** Budget for the CRM caller lookup, counted from the call's admission, ms (config.calls.crmLookupTimeoutMs; 0: no lookup). */
  crmLookupTimeoutMs: number;
  /** The endpointer's silence window, ms (config.calls.silenceWindowMs; default CALL_VAD's 500). */
  silenceWindowMs?: number;
  /** Address RTP binds to / SDP advertises. */
  rtpAddress: string;
  maxConcurrentCalls: number;
  inactivityTimeoutMs: number;
  /** Admission by load: refuses new calls while the event loop is saturated (absent: no load check). */
  load?: Pick<LoadGate, 'check'> | undefined;
  /** Retry-After of a 503 for load or capacity, s (config.calls.overloadRetryAfterS). */
  retryAfterS?: number;
  metrics: CallMetrics | undefined;
  log: Logger;
  /** Browser calls arriving through the WebRTC gateway (absent: `webcall-` numbers are unknown). */
  webCalls?: WebCallRouter | undefined;
}

interface RouteTarget {
  agentId: string;
  businessId: string;
  channel: ConversationChannel;
  /** Gives the call slot back; idempotent (the SIP stack calls it when the call ends, or is never handed over). */
  release: () => void;
}

/** A route rejection from the error taxonomy (SIP status, Retry-After only when retryable). */
function reject(code: ErrorCode, reason: string, retryAfterS?: number): RouteDecision {
  return {
    action: 'reject',
    ...sipRejection(new AppError(code, reason, retryAfterS === undefined ? {} : { retryAfterS })),
  };
}

export class CallManager {
  private readonly live = new Map<string, LiveCall & { session?: CallSession }>();
  /** Calls accepted by the route callback but not yet registered (INVITE -> answer). */
  private reserved = 0;
  private stopping = false;
  /** Draining (`appliance node drain`): new calls get 503, live calls go on; OPTIONS answers 503. */
  private draining = false;
  private readonly tasks = new Set<Promise<void>>();
  private readonly records: CallRecordsDeps;
  /** Greeting audio per agent and voice, shared by all calls. */
  private readonly greetings: GreetingCache;
  private lastOverloadLogAt = 0;

  constructor(private readonly d: CallManagerDeps) {
    mkdirSync(plaintextDir(d.app.config.dataDir), { recursive: true });
    const { app } = d;
    this.records = {
      db: app.db.kysely,
      now: () => app.now(),
      log: d.log,
      crm: () => d.crm?.(),
      ...(d.postCall ? { postCall: d.postCall } : {}),
      masterKey: app.masterKey,
      // Encrypted recordings go where every node reads them (the plaintext WAV stays local).
      dataDir: sharedFilesDir(app.config),
    };
    this.greetings = new GreetingCache(d.metrics);
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

  /** True while draining (see `drain`). */
  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * Stop taking new calls (503 + Retry-After to INVITEs and OPTIONS, so a front door such as
   * Kamailio's dispatcher moves new calls to the other nodes); live calls go on to their end.
   */
  drain(): void {
    if (!this.draining) this.d.log.info({ liveCalls: this.activeCount }, 'draining: new calls get 503');
    this.draining = true;
  }

  /** Take new calls again. */
  undrain(): void {
    if (this.draining) this.d.log.info('drain ended: taking new calls');
    this.draining = false;
  }

  /**
   * The answer to a front door's OPTIONS probe: not accepting while stopping, draining, at
   * `sip.maxConcurrentCalls`, or overloaded (the same load check new calls get). Cheap: no database.
   */
  availability = (): Availability => {
    const retryAfterS = this.d.retryAfterS ?? 5;
    if (this.stopping) return { accepting: false, retryAfterS, reason: 'Shutting Down' };
    if (this.draining) return { accepting: false, retryAfterS, reason: 'Draining' };
    if (this.activeCount >= this.d.maxConcurrentCalls)
      return { accepting: false, retryAfterS, reason: 'Full' };
    const load = this.d.load?.check();
    if (load && !load.ok) return { accepting: false, retryAfterS, reason: 'Overloaded' };
    return { accepting: true };
  };

  /** SIP route callback: unknown number 404, full box 503, no engines 503. No dialog state is created. */
  route = async (req: RouteRequest): Promise<RouteDecision> => {
    try {
      if (this.stopping) return reject('unavailable', 'Shutting Down');
      if (this.draining) {
        this.d.metrics?.calls.inc({ outcome: 'rejected_draining' });
        return reject('unavailable', 'Draining', this.d.retryAfterS ?? 5);
      }
      // Before any database work: an overloaded box answers at once, so the PBX can retry elsewhere.
      const load = this.d.load?.check();
      if (load && !load.ok) {
        this.d.metrics?.calls.inc({ outcome: 'rejected_load' });
        if (Date.now() - this.lastOverloadLogAt > 10_000) {
          this.lastOverloadLogAt = Date.now();
          this.d.log.warn({ load: load.load, why: load.why }, 'overloaded: new calls get 503');
        }
        return reject('unavailable', 'Overloaded', this.d.retryAfterS ?? 5);
      }
      // A browser call (through the WebRTC gateway) carries a one-time key instead of a number.
      const web = req.dialedNumber.startsWith(WEB_CALL_PREFIX);
      const found = web
        ? this.d.webCalls?.claim(req.dialedNumber, req.remote.address)
        : await agentForNumber(this.d.app, req.dialedNumber);
      const channel: ConversationChannel = web ? 'webrtc' : 'voice';
      const target = found ? { ...found, channel } : undefined;
      if (!target) {
        this.d.metrics?.calls.inc({ outcome: 'rejected_unknown' });
        return reject('not_found', 'Not Found');
      }
      if (this.activeCount >= this.d.maxConcurrentCalls) {
        this.d.metrics?.calls.inc({ outcome: 'rejected_capacity' });
        return reject('unavailable', 'Service Unavailable', this.d.retryAfterS ?? 5);
      }
      if (!this.d.speech() || !this.d.brain()) return reject('unavailable', 'Agent Unavailable');
      if (this.d.media.state !== 'running') return reject('unavailable', 'Media Unavailable');
      const release = this.reserve();
      return { action: 'accept', route: { ...target, release } satisfies RouteTarget, release };
    } catch (err) {
      this.d.log.error({ err }, 'call routing failed');
      return reject('internal', 'Server Error');
    }
  };

  onIncoming = (call: IncomingCall): void => {
    const target = call.route as RouteTarget;
    this.track(
      this.runInbound(call, target)
        .catch((err: unknown) => {
          this.d.log.error({ err, sipCallId: call.sipCallId }, 'call failed');
          this.d.metrics?.calls.inc({ outcome: 'failed' });
          if (call.state !== 'ended') void call.hangup();
        })
        .finally(() => target.release()),
    );
  };

  /** One call slot, held from route acceptance until its release (once). */
  private reserve(): () => void {
    this.reserved++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.reserved--;
    };
  }

  /** Test call: the appliance dials `target` and runs the agent on it. Resolves with the call id once dialing started. */
  async placeTestCall(businessId: string, agentId: string, target: string): Promise<{ callId: string }> {
    await vetTestCallTarget(this.d.app.outbound, target);
    const id = newId();
    const at = this.d.app.now().toISOString();
    await recordTestCall(this.d.app.db.kysely, {
      id,
      businessId,
      agentId,
      dialed: target,
      startedAt: at,
      nodeId: this.d.app.nodeId,
    });
    const rec = { id, businessId, agentId, conversationId: null, caller: null, startedAt: at };
    this.live.set(id, { ...rec, direction: 'outbound', state: 'ringing' });
    this.track(
      (async () => {
        const alloc = await this.d.media.allocate();
        let call: ActiveCall;
        try {
          call = await this.d.sip.placeCall({
            target,
            media: { rtpAddress: this.d.rtpAddress, rtpPort: alloc.localPort },
            answerTimeoutMs: 60_000,
            checkDestination: testCallDestinationCheck(this.d.app.outbound),
          });
        } catch (err) {
          await this.d.media.release(alloc.sessionId).catch(() => undefined);
          this.live.delete(id);
          await recordCallEndedEarly(this.records, businessId, id, 'not-answered');
          this.d.log.info({ err, callId: id }, 'test call not answered');
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
        this.d.log.error({ err, callId: id }, 'test call failed');
      }),
    );
    return { callId: id };
  }

  /**
   * Admission of a call that does not come in by SIP (a bridged leg, a campaign's call): shutting
   * down, draining, load, capacity, engines, each a 503 `unavailable` (with Retry-After where a
   * retry can help). Returns the speech engines the call will use.
   */
  private canTakeCall(): SpeechEngines {
    const retry = { retryAfterS: this.d.retryAfterS ?? 5 };
    if (this.stopping) throw new AppError('unavailable', 'shutting down');
    if (this.draining) throw new AppError('unavailable', 'this node is draining', retry);
    const load = this.d.load?.check();
    if (load && !load.ok) throw new AppError('unavailable', 'overloaded', retry);
    if (this.activeCount >= this.d.maxConcurrentCalls)
      throw new AppError('unavailable', 'no free call slot', retry);
    const speech = this.d.speech();
    if (!speech || !this.d.brain() || this.d.media.state !== 'running')
      throw new AppError('unavailable', 'the agent cannot take calls now');
    return speech;
  }

  /**
   * A campaign's call (appliance/campaigns): the same admission as a trunk call (503 `unavailable`
   * when this node cannot take one now; the plan's refusal: 403 `plan_limit_reached`, neither
   * counts as an attempt), then dials, screens who answered when asked (amd-screen.ts), runs the
   * agent on a person or leaves the voicemail message on a machine. Resolves once the call ended.
   */
  async placeOutboundCall(req: OutboundCallRequest): Promise<OutboundCallResult> {
    const { app } = this.d;
    const speech = this.canTakeCall();
    // A number needs the trunk that places it; without one nothing is dialed or counted.
    if (!/^sips?:/i.test(req.number) && !app.config.sip.outboundTrunk)
      return {
        outcome: 'failed',
        reason: 'no outbound trunk is configured (sip.outboundTrunk, APPLIANCE_SIP_TRUNK_URI)',
      };
    await vetTestCallTarget(app.outbound, req.number);
    const id = newId();
    const at = app.now();
    const admission = await recordOutboundCall(app.db.kysely, {
      id,
      businessId: req.businessId,
      agentId: req.agentId,
      dialed: req.number,
      at,
      nodeId: app.nodeId,
    });
    if (!admission.admitted)
      throw new AppError('plan_limit_reached', `the plan refuses more calls (${admission.reason})`);
    const admitted = { billing: admission.billing, at: at.toISOString() };
    const rec = { id, businessId: req.businessId, agentId: req.agentId, conversationId: null, caller: null };
    this.live.set(id, { ...rec, startedAt: admitted.at, direction: 'outbound', state: 'ringing' });
    const log = this.d.log.child({ callId: id });
    let alloc: Awaited<ReturnType<MediaEngine['allocate']>> | undefined;
    let call: ActiveCall;
    try {
      alloc = await this.d.media.allocate();
      call = await this.d.sip.placeCall({
        target: req.number,
        media: { rtpAddress: this.d.rtpAddress, rtpPort: alloc.localPort },
        answerTimeoutMs: OUTBOUND_ANSWER_TIMEOUT_MS,
        checkDestination: testCallDestinationCheck(app.outbound),
      });
      if (!call.media) throw new Error('answered without media');
    } catch (err) {
      if (alloc) await this.d.media.release(alloc.sessionId).catch(() => undefined);
      this.live.delete(id);
      const r = notConnectedOutcome(err);
      await recordCallFailedEarly(this.records, req.businessId, id, admitted, r.outcome).catch((e: unknown) =>
        log.error({ err: e }, 'closing a campaign call that did not connect failed'),
      );
      log.info({ outcome: r.outcome, reason: r.reason }, 'campaign call not connected');
      return { outcome: r.outcome, callId: id, reason: r.reason };
    }
    let screened: ScreenResult | undefined;
    const screen = req.amd
      ? (media: MediaSession): Promise<ScreenResult> =>
          new AnsweredCallScreen({
            call,
            media,
            vad: speech.vad,
            tts: speech.tts,
            voicemailMessage: req.voicemailMessage,
            log,
          })
            .run()
            .then((r) => (screened = r))
      : undefined;
    const end = await this.runAgent(
      call,
      call.media,
      alloc.sessionId,
      { ...rec, billing: admitted.billing, direction: 'outbound', admittedAt: admitted.at },
      undefined,
      screen,
    ).catch((err: unknown) => {
      log.error({ err }, 'campaign call failed after the answer');
      return undefined;
    });
    const durationS = Math.round((end?.durationMs ?? 0) / 1000);
    if (screened?.kind === 'voicemail')
      return { outcome: 'voicemail', callId: id, durationS, reason: screened.reason };
    if (!end) return { outcome: 'failed', callId: id, reason: 'the call failed after the answer' };
    if (screened?.kind === 'ended')
      return { outcome: 'answered', callId: id, durationS, reason: 'hung up before a verdict' };
    return { outcome: 'answered', callId: id, durationS, reason: screened?.reason ?? end.reason };
  }

  /**
   * Starts a call whose audio arrives by another transport (bridged-leg.ts): the same admission
   * as a trunk call (shutting down, load, capacity, engines: 503 `unavailable`), then the plan
   * (over the limit: the notice is played and the leg ends), then the agent. Resolves once the
   * leg takes audio; `events.ended` reports the end.
   */
  async startBridgedLeg(req: BridgedLegRequest, events: BridgedLegEvents): Promise<BridgedLeg> {
    const { app } = this.d;
    this.canTakeCall();
    const release = this.reserve();
    const id = newId();
    const log = this.d.log.child({ callId: id, channel: req.channel });
    let ended = false;
    const end = (reason: string): void => {
      if (ended) return;
      ended = true;
      try {
        events.ended(reason);
      } catch (err) {
        log.warn({ err }, 'bridged transport end callback failed');
      }
    };
    let relay: LoopbackRelay | undefined;
    let admitted: { billing: string; at: string } | undefined;
    try {
      const at = app.now();
      const admission = await recordInboundCall(app.db.kysely, {
        id,
        businessId: req.businessId,
        agentId: req.agentId,
        caller: req.caller,
        dialed: req.dialed ?? '',
        at,
        channel: req.channel,
        externalId: req.externalId,
        nodeId: app.nodeId,
      });
      if (admission.admitted) admitted = { billing: admission.billing, at: at.toISOString() };
      relay = await LoopbackRelay.open((ulaw) => events.agentAudio(ulaw));
      const alloc = await this.d.media.allocate();
      relay.connect(alloc.localAddress, alloc.localPort);
      const negotiated = relay.negotiated();
      const call = new BridgedCall(id as CallId, `${req.channel}:${req.externalId}`, negotiated, () =>
        end('agent-hangup'),
      );
      const leg: BridgedLeg = {
        callId: id,
        callerAudio: (ulaw) => relay?.send(ulaw),
        dtmf: (digit) => call.dtmf(digit),
        hangup: () => {
          call.remoteHangup();
          end('caller-hangup');
        },
      };
      const r = relay;
      const run = admission.admitted
        ? this.runAgent(
            call,
            negotiated,
            alloc.sessionId,
            {
              id,
              businessId: req.businessId,
              agentId: req.agentId,
              billing: admission.billing,
              caller: req.caller,
              direction: 'inbound',
              admittedAt: at.toISOString(),
            },
            { tap: (media) => tappedMedia(media, events, log), jitterBuffer: BRIDGED_JITTER },
          )
        : (async () => {
            this.d.metrics?.calls.inc({ outcome: 'plan_limit' });
            await playPlanLimitNotice(
              call,
              await this.startMedia(alloc.sessionId, negotiated),
              this.d.speech,
            );
            await recordCallEndedEarly(this.records, req.businessId, id, admission.reason, at.toISOString());
          })();
      this.track(
        run
          .then(() => undefined)
          .catch((err: unknown) => {
            log.error({ err }, 'bridged call failed');
            this.d.metrics?.calls.inc({ outcome: 'failed' });
          })
          .finally(() => {
            r.close();
            release();
            call.remoteHangup();
            end('ended');
          }),
      );
      return leg;
    } catch (err) {
      relay?.close();
      release();
      end('failed');
      // Set-up failed before the agent ran: the caller was not served, so the plan gets the call back.
      await recordCallFailedEarly(this.records, req.businessId, id, admitted).catch((e: unknown) =>
        log.error({ err: e }, 'closing a failed call row and releasing its admission failed'),
      );
      throw err;
    }
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
    // A browser caller has no number: the From of the gateway's INVITE is the gateway's own.
    const callerNumber = target.channel === 'webrtc' ? undefined : call.callerNumber;
    call.ringing();
    const id = newId();
    const at = app.now();
    // Plan admission and the call row commit together, so usage never drifts from calls.
    const admission = await recordInboundCall(app.db.kysely, {
      id,
      businessId: target.businessId,
      agentId: target.agentId,
      caller: callerNumber ?? null,
      // The gateway's one-time key is no number: browser calls are stored as dialed `webrtc`.
      dialed: target.channel === 'webrtc' ? 'webrtc' : call.dialedNumber,
      channel: target.channel === 'webrtc' ? 'webrtc' : 'sip',
      at,
      nodeId: app.nodeId,
    });
    // Asked while the call is answered and its media set up; the greeting waits for it at most
    // the rest of the budget (the caller hears silence until then).
    const callerName = admission.admitted
      ? lookupCallerName(this.d.crm?.(), {
          businessId: target.businessId,
          caller: callerNumber ?? null,
          budgetMs: this.d.crmLookupTimeoutMs,
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
      await recordCallEndedEarly(this.records, target.businessId, id, 'cancelled');
      this.d.log.info({ err }, 'call ended before answer');
      return;
    }
    if (!admission.admitted) {
      this.d.metrics?.calls.inc({ outcome: 'plan_limit' });
      await playPlanLimitNotice(call, await this.startMedia(alloc.sessionId, negotiated), this.d.speech);
      await recordCallEndedEarly(this.records, target.businessId, id, admission.reason, at.toISOString());
      return;
    }
    await this.runAgent(call, negotiated, alloc.sessionId, {
      id,
      businessId: target.businessId,
      agentId: target.agentId,
      billing: admission.billing,
      caller: callerNumber ?? null,
      direction: 'inbound',
      admittedAt: at.toISOString(),
      channel: target.channel,
      ...(callerName ? { callerName } : {}),
    });
  }

  /**
   * The media engine closed the call's session under it (its thread died; the engine restarts
   * one): the call cannot be heard any more, so it ends with BYE and reason `media-failed`, and a
   * `media-failed` call event records why.
   */
  private onMediaClosed(
    media: MediaSession,
    session: CallSession,
    c: CallInfo,
    conversationId: string,
  ): { recorded: () => Promise<void> } {
    let written: Promise<void> = Promise.resolve();
    const onClosed = (e: Extract<MediaEvent, { kind: 'closed' }>): void => {
      if (e.reason === 'stopped') return;
      this.d.log.error({ callId: c.id, reason: e.reason }, 'media closed under a live call: ending it');
      this.d.metrics?.calls.inc({ outcome: 'media_failed' });
      const at = this.d.app.now().toISOString();
      written = insertCallEvent(this.d.app.db.kysely, {
        businessId: c.businessId,
        callId: c.id,
        conversationId,
        event: 'media-failed',
        occurredAt: at,
        receivedAt: at,
        payload: { reason: e.reason },
      }).then(
        () => undefined,
        (err: unknown) => this.d.log.warn({ err, callId: c.id }, 'media-failed event write failed'),
      );
      void session.stop('media-failed');
    };
    media.once('closed', onClosed);
    // Closed before anyone listened (the thread died while the call was being set up).
    const early = media.closedReason;
    if (early) onClosed({ kind: 'closed', reason: early });
    return { recorded: () => written };
  }

  private startMedia(
    sessionId: Parameters<MediaEngine['start']>[0],
    m: NegotiatedMedia,
    recordPath?: string,
    jitterBuffer?: JitterBufferOptions,
  ): Promise<MediaSession> {
    return this.d.media.start(sessionId, {
      remoteAddress: m.remoteRtpAddress,
      remotePort: m.remoteRtpPort,
      codec: m.codec,
      ...(m.dtmfPayloadType !== undefined ? { dtmfPayloadType: m.dtmfPayloadType } : {}),
      ptimeMs: m.ptimeMs,
      inactivityTimeoutMs: this.d.inactivityTimeoutMs,
      ...(recordPath ? { recordPath } : {}),
      ...(jitterBuffer ? { jitterBuffer } : {}),
      ...(m.srtp
        ? { srtp: { suite: m.srtp.suite, localKey: m.srtp.localKey, remoteKey: m.srtp.remoteKey } }
        : {}),
    });
  }

  private async runAgent(
    call: ActiveCall,
    negotiated: NegotiatedMedia,
    sessionId: Parameters<MediaEngine['start']>[0],
    c: CallInfo,
    /** A bridged leg: its view of the media (barge-in, reply ends) and its jitter buffer. */
    bridged?: {
      tap: (media: MediaSession) => CallMedia & { detach(): void };
      jitterBuffer: JitterBufferOptions;
    },
    /** Who answered a campaign's call, before the agent speaks: anything but a person ends the call. */
    screen?: (media: MediaSession) => Promise<ScreenResult>,
  ): Promise<CallEnd | undefined> {
    const { app } = this.d;
    const db = app.db.kysely;
    const brain = this.d.brain();
    const speech = this.d.speech();
    let media: MediaSession;
    try {
      if (!brain || !speech) throw new Error('agent engine or speech engines unavailable');
      const settings = await getSettings(db, c.businessId);
      const recordPath = settings.recordingEnabled
        ? path.join(plaintextDir(app.config.dataDir), `${c.id}.wav`)
        : undefined;
      media = await this.startMedia(sessionId, negotiated, recordPath, bridged?.jitterBuffer);
    } catch (err) {
      // Failed before the agent ran: the row must not stay `ringing` nor the call count against
      // the plan (the caller was never served).
      await this.d.media.release(sessionId).catch(() => undefined);
      if (call.state !== 'ended') await call.hangup().catch(() => undefined);
      await recordCallFailedEarly(
        this.records,
        c.businessId,
        c.id,
        c.admittedAt ? { billing: c.billing, at: c.admittedAt } : undefined,
      ).catch((e: unknown) =>
        this.d.log.error(
          { err: e, callId: c.id },
          'closing a failed call row and releasing its admission failed',
        ),
      );
      throw err;
    }
    if (screen) {
      const verdict = await screen(media);
      if (verdict.kind !== 'human') return this.endScreened(call, media, c, verdict);
    }
    // The PBX an inbound call came from: transfers back to it need no operator allowance.
    const pbx = 'remote' in call ? (call as { remote: { address: string } }).remote.address : undefined;
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
    // Taken messages are stored one after another; finishing waits for them (the summary reads them).
    let messages: MessageRecorder | undefined;
    // A greeting that names the caller is not the agent's shared greeting: not cached.
    let named = false;
    let tapped: (CallMedia & { detach(): void }) | undefined;
    // Keys the caller presses while the conversation is being set up are held for the session.
    const early = holdEarlyDigits(media, call);
    try {
      const [conversation, info, phrases] = await Promise.all([
        (c.callerName ?? Promise.resolve(undefined)).then((callerName) => {
          named = Boolean(callerName);
          return brain.start({
            businessId: c.businessId,
            agentId: c.agentId,
            ...(c.caller ? { caller: c.caller } : {}),
            ...(callerName ? { callerName } : {}),
            ...(c.channel ? { channel: c.channel } : {}),
          });
        }),
        brain.behaviour(c.businessId, c.agentId),
        brain.sttPhrases(c.businessId, c.agentId),
      ]);
      // The agent's recognition model registers while the greeting plays (seconds on a busy box),
      // not inside the caller's first utterance.
      void speech.stt
        .warm?.(phrases)
        .catch((err: unknown) => this.d.log.warn({ err, callId: c.id }, 'stt model warm-up failed'));
      conversationId = conversation.id;
      live.conversationId = conversation.id;
      const ids = { businessId: c.businessId, callId: c.id, conversationId: conversation.id };
      const events = { db, now: () => app.now(), log: this.d.log };
      dtmf = dtmfRecorder({ ...events, track: (p) => this.track(p) }, ids);
      messages = messageRecorder(events, ids);
      await recordCallStarted(this.records, c, conversation.id);
      let bridgeClose: (() => Promise<void>) | undefined;
      tapped = bridged?.tap(media);
      const session: CallSession = new CallSession({
        call,
        media: tapped ?? media,
        conversation,
        speech: { ...speech, tts: countedTts(speech.tts, this.d.metrics) },
        greetingTts: named ? undefined : this.greetings.forAgent(speech.tts, c.agentId),
        fixedTts: this.greetings.forAgent(speech.tts, c.agentId),
        phrases,
        behaviour: info.behaviour,
        ...(this.d.silenceWindowMs !== undefined ? { vad: { minSilenceMs: this.d.silenceWindowMs } } : {}),
        metrics: this.d.metrics,
        log: this.d.log.child({ callId: c.id }),
        onMessage: messages.taken,
        onDtmfReceived: dtmf.received,
        heldDigits: () => early.take(),
        onTurnLatency: (t: TurnTimings) =>
          void (async () => {
            await conversation.flush?.();
            await mergeTurnLatency(db, c.businessId, conversation.id, t);
          })().catch((err: unknown) => this.d.log.warn({ err }, 'turn latency write failed')),
        allowTransfer: async (target) => {
          const v = await transferTargetAllowed(app.outbound, target, pbx);
          if (!v.ok)
            this.d.log.warn(
              { callId: c.id, reason: v.reason },
              'transfer target refused by the outbound policy',
            );
          return v.ok;
        },
        bridge: async (target) => {
          live.state = 'transferring';
          // The manager's deps carry the bridge's (sip, media, rtpAddress, inactivityTimeoutMs, log).
          const b = await openBridge(
            this.d,
            media,
            target,
            30_000,
            transferDestinationCheck(app.outbound, pbx),
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
      const mediaFailure = this.onMediaClosed(media, session, c, conversation.id);
      end = await session.ended;
      await mediaFailure.recorded();
      this.d.metrics?.teardown.observe({ stage: 'session' }, end.teardownMs / 1000);
      await bridgeClose?.();
    } finally {
      early.take(); // stops holding, whether a session took them or not
      tapped?.detach();
      live.state = 'ending';
      this.d.metrics?.active.dec();
      if (!end) {
        if (call.state !== 'ended') await call.hangup();
        await media.stop().catch(() => undefined);
      }
      // The call is over and its media released: its slot is free now. The records (digits,
      // messages, the closing transaction, CRM summary, recording encryption) are written off the
      // admission path; shutdown still waits for them (tracked).
      const finalEnd = end;
      this.track(
        (async () => {
          const t0 = performance.now();
          await finalEnd?.stored;
          // Every digit is stored before the call reads as ended (its writes never reject).
          await dtmf?.flushed();
          await messages?.flushed();
          await finishCallRecords(
            this.records,
            { ...c, startedAt: live.startedAt },
            conversationId,
            finalEnd,
          ).catch((err: unknown) => this.d.log.error({ err, callId: c.id }, 'finishing call records failed'));
          this.live.delete(c.id);
          this.d.metrics?.teardown.observe({ stage: 'records' }, (performance.now() - t0) / 1000);
        })(),
      );
    }
    return end;
  }

  /** A screened call that no person answered (a machine, or a hang-up): no agent, the row closed. */
  private async endScreened(
    call: ActiveCall,
    media: MediaSession,
    c: CallInfo,
    verdict: Exclude<ScreenResult, { kind: 'human' }>,
  ): Promise<CallEnd> {
    const t0 = performance.now();
    if (call.state !== 'ended') await call.hangup();
    const stopped = await media.stop().catch(() => undefined);
    const end: CallEnd = {
      reason: verdict.kind === 'voicemail' ? 'voicemail' : 'caller-hangup',
      media: stopped,
      durationMs: verdict.afterMs,
      teardownMs: performance.now() - t0,
      stored: Promise.resolve(),
    };
    const startedAt = this.live.get(c.id)?.startedAt ?? this.d.app.now().toISOString();
    await finishCallRecords(this.records, { ...c, startedAt }, null, end).catch((err: unknown) =>
      this.d.log.error({ err, callId: c.id }, 'finishing a screened call failed'),
    );
    this.live.delete(c.id);
    return end;
  }
}
