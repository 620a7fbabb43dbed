/**
 * Main-thread host of the media worker. All methods are async and cheap: real work happens in the
 * worker. Events arrive per session (MediaSession 'event' / async iterator).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Allocation, MediaSessionId, SessionParams, StopResult } from '../types.js';
import { MediaMetrics } from './metrics.js';
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

/** A request to the worker failed; `code` carries the worker-side code (e.g. PORTS_EXHAUSTED). */
export class MediaEngineError extends Error {
  readonly code: string | undefined;
  constructor(name: string, message: string, code?: string) {
    super(message);
    this.name = name;
    this.code = code;
  }
}

function workerEntry(): URL {
  const js = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return js;
  // Running from TypeScript sources (tsx, tap): Node 20 workers do not inherit tsx's loader hooks, so
  // a tiny ESM bootstrap loads the .ts entry through tsx's API (tsx is a devDependency; the built
  // appliance runs the compiled worker.js above).
  const ts = new URL('./worker.ts', import.meta.url).href;
  const code =
    `const { tsImport } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});\n` +
    `await tsImport(${JSON.stringify(ts)}, ${JSON.stringify(import.meta.url)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

export class MediaEngine {
  private readonly worker: Worker;
  private readonly logger: Logger | undefined;
  readonly metrics: MediaMetrics | undefined;
  private nextReqId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly sessions = new Map<MediaSessionId, MediaSession>();
  private closed = false;
  /** Whether the worker managed to raise its thread priority (nice -10). */
  threadPriorityRaised = false;
  /** Whether the media thread runs SCHED_FIFO. */
  realtimeScheduling = false;

  private constructor(worker: Worker, opts: MediaEngineOptions) {
    this.worker = worker;
    this.logger = opts.logger;
    this.metrics = opts.registry ? new MediaMetrics(opts.registry) : undefined;
    worker.on('message', (m: WorkerMessage) => this.onMessage(m));
    worker.on('error', (err) => {
      this.logger?.error({ err }, 'media worker crashed');
      this.failAll(err);
    });
    worker.on('exit', (code) => {
      if (!this.closed) {
        this.logger?.error({ code }, 'media worker exited');
        this.failAll(new MediaEngineError('MediaEngineError', `media worker exited with code ${code}`));
      }
    });
  }

  static async create(opts: MediaEngineOptions): Promise<MediaEngine> {
    const entry = workerEntry();
    const config: WorkerConfig = {
      bindAddress: opts.bindAddress,
      rtpPortMin: opts.rtpPortMin,
      rtpPortMax: opts.rtpPortMax,
    };
    if (opts.pacingSpinMs !== undefined) config.pacingSpinMs = opts.pacingSpinMs;
    if (opts.raisePriority !== undefined) config.raisePriority = opts.raisePriority;
    if (opts.realtimePriority !== undefined) config.realtimePriority = opts.realtimePriority;
    // execArgv: [] so test-runner/coverage hooks of the parent are not loaded into the media thread.
    const worker = new Worker(entry, { workerData: config, execArgv: [] });
    const engine = new MediaEngine(worker, opts);
    await new Promise<void>((resolve, reject) => {
      const onMsg = (m: WorkerMessage): void => {
        if (m.type === 'ready') {
          engine.threadPriorityRaised = m.threadPriorityRaised;
          engine.realtimeScheduling = m.realtime;
          worker.off('message', onMsg);
          worker.off('error', reject);
          resolve();
        }
      };
      worker.on('message', onMsg);
      worker.once('error', reject);
    });
    return engine;
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
    if (this.closed && req.op !== 'close')
      return Promise.reject(new MediaEngineError('MediaEngineError', 'engine closed'));
    const reqId = this.nextReqId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(reqId, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...req, reqId });
    });
  }

  /** @internal used by MediaSession */
  command(cmd: HostCommand): void {
    if (this.closed) return;
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

  /** Stop every session (recordings finalized) and terminate the worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.request({ op: 'close' });
    } catch {
      // worker already gone
    }
    this.closed = true;
    for (const s of this.sessions.values()) s.endIterators();
    this.sessions.clear();
    await this.worker.terminate();
  }
}

export function createMediaEngine(opts: MediaEngineOptions): Promise<MediaEngine> {
  return MediaEngine.create(opts);
}
