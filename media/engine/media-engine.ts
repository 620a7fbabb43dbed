/**
 * Main-thread host of the media worker. All methods are async and cheap: real work happens in the
 * worker. Events arrive per session (MediaSession 'event' / async iterator).
 */
import { workerEntry } from '../../lib/index.js';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Allocation, MediaSessionId, SessionParams, StopResult } from '../types.js';
import { MediaEngineError } from './errors.js';
import { MediaMetrics } from './metrics.js';

export { MediaEngineError };
import type { HostCommand, HostRequest, WorkerConfig, WorkerMessage } from './protocol.js';
import { MediaSession } from './media-session.js';
import { validateParams } from '../session/params.js';

export interface MediaEngineOptions {
  /** Local address RTP sockets bind to (the address the SDP advertises), e.g. '127.0.0.1' or '0.0.0.0'. */
  bindAddress: string;
  /** Inclusive range; RTP uses the even ports, RTCP the odd port above each. */
  rtpPortMin: number;
  rtpPortMax: number;
  logger?: Logger;
  registry?: Registry;
  /** Pacer busy-wait window before each deadline, ms (default 1; 0 = timers only, less CPU, ~1 ms jitter). */
  pacingSpinMs?: number;
  /** Try to renice the media thread to -10 (needs CAP_SYS_NICE; silently skipped otherwise). Default true. */
  raisePriority?: boolean;
  /**
   * Run the media thread SCHED_FIFO (chrt, needs CAP_SYS_NICE), like FreeSWITCH -rp, so packets leave
   * on time even when inference saturates every core. Default true; silently falls back to nice -10.
   */
  realtimePriority?: boolean;
}

/** `running`: requests go to the media thread; `restarting`: it died, a new one is on its way; `closed`. */
export type MediaEngineState = 'running' | 'restarting' | 'closed';

/** What the engine itself reports (sessions report their own events). */
export type MediaEngineEvent =
  /** The media thread died; every session was closed with reason `worker-died`. */
  | { kind: 'died'; error: Error; sessionsClosed: number }
  /** A new media thread is running; new sessions work again. */
  | { kind: 'restarted'; attempt: number }
  /** Starting a new media thread failed; the next try is in `retryInMs`. */
  | { kind: 'restart-failed'; error: Error; retryInMs: number };

export type MediaEngineListener = (e: MediaEngineEvent) => void;

/** First restart delay after a death, ms; doubles per death in a row up to RESTART_MAX_MS. */
const RESTART_BASE_MS = 250;
const RESTART_MAX_MS = 30_000;
/** A thread that ran this long before dying starts the backoff from the base again, ms. */
const RESTART_STABLE_MS = 60_000;

function spawnWorker(
  config: WorkerConfig,
): Promise<{ worker: Worker; priority: boolean; realtime: boolean }> {
  // execArgv: [] so test-runner/coverage hooks of the parent are not loaded into the media thread.
  const worker = new Worker(workerEntry(new URL('./worker.js', import.meta.url)), {
    workerData: config,
    execArgv: [],
  });
  return new Promise((resolve, reject) => {
    const fail = (err: unknown): void => {
      cleanup();
      void worker.terminate();
      reject(err instanceof Error ? err : new Error(`media worker exited with code ${String(err)}`));
    };
    const onMsg = (m: WorkerMessage): void => {
      if (m.type !== 'ready') return;
      cleanup();
      resolve({ worker, priority: m.threadPriorityRaised, realtime: m.realtime });
    };
    const cleanup = (): void => {
      worker.off('message', onMsg);
      worker.off('error', fail);
      worker.off('exit', fail);
    };
    worker.on('message', onMsg);
    worker.once('error', fail);
    worker.once('exit', fail);
  });
}

/**
 * Supervises the media thread like mediasoup's Worker (`workerDied()`): when the thread dies,
 * pending requests are rejected, every session is closed with reason `worker-died` (its owner
 * ends the call), a typed `died` event is emitted, and a new thread is started with backoff
 * (250 ms doubling to 30 s); requests meanwhile fail fast with code `ENGINE_RESTARTING`.
 */
export class MediaEngine {
  private worker: Worker;
  private readonly config: WorkerConfig;
  private readonly logger: Logger | undefined;
  readonly metrics: MediaMetrics | undefined;
  private nextReqId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly sessions = new Map<MediaSessionId, MediaSession>();
  private readonly listeners = new Set<MediaEngineListener>();
  private engineState: MediaEngineState = 'running';
  private workerStartedAt = performance.now();
  /** Deaths in a row without a stable run in between (sets the restart backoff). */
  private deaths = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  /** close() began: the thread's exit is expected, not a death. */
  private closing = false;
  /** Whether the worker managed to raise its thread priority (nice -10). */
  threadPriorityRaised = false;
  /** Whether the media thread runs SCHED_FIFO. */
  realtimeScheduling = false;

  private constructor(
    first: { worker: Worker; priority: boolean; realtime: boolean },
    config: WorkerConfig,
    opts: MediaEngineOptions,
  ) {
    this.config = config;
    this.logger = opts.logger;
    this.metrics = opts.registry ? new MediaMetrics(opts.registry) : undefined;
    this.worker = this.adopt(first);
  }

  static async create(opts: MediaEngineOptions): Promise<MediaEngine> {
    const config: WorkerConfig = {
      bindAddress: opts.bindAddress,
      rtpPortMin: opts.rtpPortMin,
      rtpPortMax: opts.rtpPortMax,
    };
    if (opts.pacingSpinMs !== undefined) config.pacingSpinMs = opts.pacingSpinMs;
    if (opts.raisePriority !== undefined) config.raisePriority = opts.raisePriority;
    if (opts.realtimePriority !== undefined) config.realtimePriority = opts.realtimePriority;
    return new MediaEngine(await spawnWorker(config), config, opts);
  }

  /** running / restarting / closed. */
  get state(): MediaEngineState {
    return this.engineState;
  }

  /** Subscribe to `died` / `restarted` / `restart-failed`; returns the unsubscribe function. */
  onEvent(listener: MediaEngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Test hook: kill the media thread as a crash would (`throw`: an uncaught error inside it;
   * `terminate`: the thread is stopped from outside).
   * @internal
   */
  killWorkerForTest(how: 'throw' | 'terminate' = 'throw'): void {
    if (how === 'throw') this.worker.postMessage({ op: 'crash' } satisfies HostCommand);
    else void this.worker.terminate();
  }

  private adopt(w: { worker: Worker; priority: boolean; realtime: boolean }): Worker {
    const worker = w.worker;
    this.threadPriorityRaised = w.priority;
    this.realtimeScheduling = w.realtime;
    this.workerStartedAt = performance.now();
    worker.on('message', (m: WorkerMessage) => {
      if (worker === this.worker) this.onMessage(m);
    });
    worker.on('error', (err) => this.workerDied(worker, err));
    worker.on('exit', (code) =>
      this.workerDied(
        worker,
        new MediaEngineError('MediaEngineError', `media worker exited with code ${code}`),
      ),
    );
    return worker;
  }

  private emitEvent(e: MediaEngineEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        this.logger?.error({ err }, 'media engine listener threw');
      }
    }
  }

  /** Once per thread: everything that lived in it is gone; tell every owner, then start anew. */
  private workerDied(worker: Worker, error: Error): void {
    if (worker !== this.worker || this.engineState !== 'running' || this.closing) return;
    this.engineState = 'restarting';
    this.logger?.error({ err: error, sessions: this.sessions.size }, 'media worker died');
    this.failAll(
      new MediaEngineError('MediaEngineError', `media worker died: ${error.message}`, 'WORKER_DIED'),
    );
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    this.metrics?.sessionsActive.dec(sessions.length);
    for (const s of sessions) s.closedByEngine('worker-died');
    if (performance.now() - this.workerStartedAt > RESTART_STABLE_MS) this.deaths = 0;
    this.emitEvent({ kind: 'died', error, sessionsClosed: sessions.length });
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    const delayMs = Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** this.deaths++);
    this.restartTimer = setTimeout(() => void this.restart(delayMs), delayMs);
    this.restartTimer.unref();
  }

  private async restart(afterMs: number): Promise<void> {
    this.restartTimer = undefined;
    if (this.engineState !== 'restarting') return;
    try {
      const w = await spawnWorker(this.config);
      if (this.engineState !== 'restarting') {
        await w.worker.terminate(); // closed meanwhile
        return;
      }
      this.worker = this.adopt(w);
      this.engineState = 'running';
      this.logger?.info({ afterMs }, 'media worker restarted');
      this.emitEvent({ kind: 'restarted', attempt: this.deaths });
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      if (this.engineState !== 'restarting') return;
      const retryInMs = Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** this.deaths);
      this.logger?.error({ err: error, retryInMs }, 'media worker restart failed');
      this.emitEvent({ kind: 'restart-failed', error, retryInMs });
      this.scheduleRestart();
    }
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  private onMessage(m: WorkerMessage): void {
    switch (m.type) {
      case 'reply': {
        const p = this.pending.get(m.reqId);
        if (!p) return;
        this.pending.delete(m.reqId);
        if (m.ok) p.resolve(m.result);
        else p.reject(new MediaEngineError(m.error.name, m.error.message, m.error.code));
        return;
      }
      case 'event': {
        const s = this.sessions.get(m.sessionId);
        if (m.event.kind === 'stats' && this.metrics && s) s.recordStats(this.metrics, m.event.stats);
        if (m.event.kind === 'timeout')
          this.logger?.warn({ sessionId: m.sessionId }, 'RTP inactivity timeout');
        s?.dispatch(m.event);
        return;
      }
      case 'log':
        this.logger?.[m.level]({ ...m.fields }, m.msg);
        return;
      case 'ready':
        return;
    }
  }

  /** @internal used by MediaSession */
  request<T>(req: HostRequest): Promise<T> {
    if (this.engineState === 'closed')
      return Promise.reject(new MediaEngineError('MediaEngineError', 'engine closed', 'ENGINE_CLOSED'));
    if (this.engineState === 'restarting')
      return Promise.reject(
        new MediaEngineError('MediaEngineError', 'media worker restarting', 'ENGINE_RESTARTING'),
      );
    const reqId = this.nextReqId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(reqId, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...req, reqId });
    });
  }

  /** @internal used by MediaSession */
  command(cmd: HostCommand): void {
    if (this.engineState !== 'running') return;
    if (cmd.op === 'play') this.worker.postMessage(cmd, [cmd.pcm.buffer as ArrayBuffer]);
    else this.worker.postMessage(cmd);
  }

  /** Reserve an RTP/RTCP port pair (bound immediately) to put into the SDP answer. */
  async allocate(): Promise<Allocation> {
    try {
      return await this.request<Allocation>({ op: 'allocate' });
    } catch (err) {
      if (err instanceof MediaEngineError && err.code === 'PORTS_EXHAUSTED')
        this.metrics?.portExhausted.inc();
      throw err;
    }
  }

  /** Give back an allocation that was never started (e.g. the call was not answered). */
  async release(sessionId: MediaSessionId): Promise<void> {
    await this.request({ op: 'release', sessionId });
  }

  /** Start RTP for an allocation with what SDP negotiated. */
  async start(sessionId: MediaSessionId, params: SessionParams): Promise<MediaSession> {
    validateParams(params);
    const session = new MediaSession(this, sessionId, params, this.logger);
    this.sessions.set(sessionId, session);
    try {
      await this.request({ op: 'start', sessionId, params });
    } catch (err) {
      this.sessions.delete(sessionId);
      throw err;
    }
    this.metrics?.sessionsActive.inc();
    return session;
  }

  /** @internal */
  async stopSession(sessionId: MediaSessionId): Promise<StopResult> {
    try {
      const r = await this.request<StopResult>({ op: 'stop', sessionId });
      const s = this.sessions.get(sessionId);
      if (s && this.metrics) s.recordStats(this.metrics, r.stats);
      return r;
    } finally {
      if (this.sessions.delete(sessionId)) this.metrics?.sessionsActive.dec();
    }
  }

  /** CPU time used so far by the media worker thread (Linux only; 10 ms resolution), for benchmarks. */
  workerCpuUsage(): Promise<{ userMs: number; systemMs: number } | undefined> {
    return this.request({ op: 'threadCpu' });
  }

  /**
   * Lateness of outbound packets against their absolute deadlines since the previous call (all
   * sessions): p50/p99/max in ms, as the media thread saw them just before each send.
   */
  pacingStats(): Promise<{ ticks: number; p50Ms: number; p99Ms: number; maxMs: number }> {
    return this.request({ op: 'pacing' });
  }

  get activeSessions(): number {
    return this.sessions.size;
  }

  /** Stop every session (recordings finalized) and terminate the worker; no restart after. */
  async close(): Promise<void> {
    if (this.engineState === 'closed' || this.closing) return;
    this.closing = true;
    clearTimeout(this.restartTimer);
    if (this.engineState === 'running') {
      try {
        await this.request({ op: 'close' });
      } catch {
        // worker already gone
      }
    }
    this.engineState = 'closed';
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    for (const s of sessions) s.closedByEngine('engine-closed');
    await this.worker.terminate();
  }
}

export function createMediaEngine(opts: MediaEngineOptions): Promise<MediaEngine> {
  return MediaEngine.create(opts);
}
