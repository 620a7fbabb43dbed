/**
 * Media worker entry: owns every RTP socket, jitter buffer and pacer, so nothing on the main thread
 * (model inference, HTTP, GC of big heaps) can delay a packet. Talks to MediaEngine over the worker's
 * parent port; audio crosses as transferred ArrayBuffers (no copies).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { MediaEvent, MediaSessionId } from '../types.js';
import { type BoundPair, PortAllocator } from './port-allocator.js';
import type { HostMessage, HostRequest, WorkerConfig, WorkerMessage } from './protocol.js';
import { TickScheduler } from './scheduler.js';
import { RtpSession } from '../session/rtp-session.js';

const port = parentPort;
if (!port) throw new Error('media worker must run in a worker_thread');
const config = workerData as WorkerConfig;

function post(msg: WorkerMessage): void {
  if (msg.type === 'event' && msg.event.kind === 'audio') {
    port?.postMessage(msg, [msg.event.pcm.buffer as ArrayBuffer]);
  } else {
    port?.postMessage(msg);
  }
}

function log(
  level: 'debug' | 'info' | 'warn' | 'error',
  msg: string,
  fields?: Record<string, unknown>,
): void {
  const m: WorkerMessage = { type: 'log', level, msg };
  if (fields) m.fields = fields;
  post(m);
}

/** An error as plain fields (message, stack) for the main thread's logger. */
function errFields(err: unknown): Record<string, unknown> {
  return err instanceof Error
    ? { type: err.name, message: err.message, stack: err.stack }
    : { message: String(err) };
}

function threadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** Raise this thread's priority if allowed (Linux: setpriority on the thread id). */
function raisePriority(tid: number | undefined): boolean {
  if (config.raisePriority === false || tid === undefined) return false;
  try {
    setPriority(tid, -10);
    return true;
  } catch {
    return false;
  }
}

/**
 * SCHED_FIFO for the media thread (default on, like FreeSWITCH -rp): packets then go out even when every core is busy with
 * inference. Safe because the thread never spins for more than ~2 ms per 10 ms, and the kernel's RT
 * throttling (sched_rt_runtime_us, 95% by default) bounds a runaway anyway.
 */
function realtime(tid: number | undefined): Promise<boolean> {
  if (config.realtimePriority === false || tid === undefined) return Promise.resolve(false);
  return new Promise((resolve) => {
    execFile('chrt', ['-f', '-p', '10', String(tid)], { timeout: 2000 }, (err) => resolve(!err));
  });
}

/** CPU time of this thread (Linux /proc; clock ticks assumed 100 Hz), or undefined elsewhere. */
function threadCpu(): { userMs: number; systemMs: number } | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the ")" that ends the command name; utime/stime are fields 14 and 15 (1-based).
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { userMs: Number(rest[11]) * 10, systemMs: Number(rest[12]) * 10 };
  } catch {
    return undefined;
  }
}

const allocator = new PortAllocator(config.rtpPortMin, config.rtpPortMax);
const scheduler = new TickScheduler({
  spinMs: config.pacingSpinMs ?? 1,
  onError: (err) => log('error', 'media tick failed', { err: errFields(err) }),
});
interface Slot {
  pair: BoundPair;
  session?: RtpSession;
}
const slots = new Map<MediaSessionId, Slot>();

class NotFoundError extends Error {
  readonly code = 'SESSION_NOT_FOUND';
  constructor(id: string) {
    super(`unknown media session ${id}`);
    this.name = 'NotFoundError';
  }
}

function slotOf(id: MediaSessionId): Slot {
  const s = slots.get(id);
  if (!s) throw new NotFoundError(id);
  return s;
}

function sessionOf(id: MediaSessionId): RtpSession {
  const s = slotOf(id).session;
  if (!s) throw new NotFoundError(id);
  return s;
}

async function handleRequest(req: HostRequest): Promise<unknown> {
  switch (req.op) {
    case 'allocate': {
      const pair = await allocator.bindPair(config.bindAddress);
      const sessionId = randomUUID() as MediaSessionId;
      slots.set(sessionId, { pair });
      return { sessionId, localAddress: config.bindAddress, localPort: pair.rtpPort };
    }
    case 'release': {
      const slot = slots.get(req.sessionId);
      if (slot && !slot.session) {
        slot.pair.rtp.close();
        slot.pair.rtcp.close();
        allocator.release(slot.pair.rtpPort);
        slots.delete(req.sessionId);
      }
      return undefined;
    }
    case 'start': {
      const slot = slotOf(req.sessionId);
      if (slot.session) throw new Error(`media session ${req.sessionId} already started`);
      const id = req.sessionId;
      const emit = (event: MediaEvent): void => post({ type: 'event', sessionId: id, event });
      const session = new RtpSession(
        id,
        { rtp: slot.pair.rtp, rtcp: slot.pair.rtcp, localPort: slot.pair.rtpPort },
        req.params,
        emit,
      );
      slot.session = session;
      session.start(scheduler.nextGridPoint());
      scheduler.add(session);
      return { localPort: slot.pair.rtpPort };
    }
    case 'flush':
      return sessionOf(req.sessionId).flush();
    case 'stats':
      return sessionOf(req.sessionId).stats();
    case 'stop': {
      const slot = slotOf(req.sessionId);
      slots.delete(req.sessionId);
      if (!slot.session) {
        slot.pair.rtp.close();
        slot.pair.rtcp.close();
        allocator.release(slot.pair.rtpPort);
        return { stats: undefined };
      }
      scheduler.remove(slot.session);
      try {
        return await slot.session.stop();
      } finally {
        allocator.release(slot.pair.rtpPort);
      }
    }
    case 'threadCpu':
      return threadCpu();
    case 'pacing':
      return scheduler.lateness.take();
    case 'close': {
      scheduler.close();
      const all = [...slots.entries()];
      slots.clear();
      for (const [, slot] of all) {
        if (slot.session) await slot.session.stop().catch(() => undefined);
        else {
          slot.pair.rtp.close();
          slot.pair.rtcp.close();
        }
        allocator.release(slot.pair.rtpPort);
      }
      return undefined;
    }
  }
}

port.on('message', (msg: HostMessage) => {
  if ('reqId' in msg) {
    const reqId = msg.reqId;
    handleRequest(msg).then(
      (result) => post({ type: 'reply', reqId, ok: true, result }),
      (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        const code = (e as { code?: unknown }).code;
        const error: { name: string; message: string; code?: string } = { name: e.name, message: e.message };
        if (typeof code === 'string') error.code = code;
        post({ type: 'reply', reqId, ok: false, error });
      },
    );
    return;
  }
  if (msg.op === 'crash') {
    setImmediate(() => {
      throw new Error('media worker crash requested (test hook)');
    });
    return;
  }
  try {
    const session = slots.get(msg.sessionId)?.session;
    if (!session) {
      log('warn', 'media command for unknown session', { op: msg.op, sessionId: msg.sessionId });
      return;
    }
    switch (msg.op) {
      case 'play':
        session.play(msg.playId, msg.pcm, msg.sampleRateHz);
        break;
      case 'sendDtmf':
        session.sendDtmf(msg.digit, msg.durationMs);
        break;
      case 'injectDtmf':
        session.injectDtmf(msg.digit, msg.durationMs);
        break;
      case 'hold':
        session.setHold(msg.held);
        break;
    }
  } catch (err) {
    log('warn', 'media command failed', { op: msg.op, err: errFields(err) });
  }
});

const tid = threadId();
const niced = raisePriority(tid);
void realtime(tid).then((rt) => post({ type: 'ready', threadPriorityRaised: niced, realtime: rt }));
