/** Messages between the MediaEngine host (main thread) and the media worker. */
import type { DtmfDigit } from '../rtp/telephone-event.js';
import type { Allocation, MediaEvent, MediaSessionId, PlayId, SessionParams } from '../types.js';

export interface WorkerConfig {
  bindAddress: string;
  rtpPortMin: number;
  rtpPortMax: number;
  /** Busy-wait window of the pacer, ms (see TickScheduler). */
  pacingSpinMs?: number;
  /** Try to raise the media thread's scheduling priority (needs CAP_SYS_NICE), default true. */
  raisePriority?: boolean;
  /** Put the media thread in SCHED_FIFO via chrt (like FreeSWITCH -rp; needs CAP_SYS_NICE), default true. */
  realtimePriority?: boolean;
}

export type HostRequest =
  | { op: 'allocate' }
  | { op: 'release'; sessionId: MediaSessionId }
  | { op: 'start'; sessionId: MediaSessionId; params: SessionParams }
  | { op: 'flush'; sessionId: MediaSessionId }
  | { op: 'stop'; sessionId: MediaSessionId }
  | { op: 'stats'; sessionId: MediaSessionId }
  | { op: 'threadCpu' }
  | { op: 'pacing' }
  | { op: 'close' };

/** Fire-and-forget commands (no reply). */
export type HostCommand =
  | { op: 'play'; sessionId: MediaSessionId; playId: PlayId; pcm: Int16Array; sampleRateHz: number }
  | { op: 'sendDtmf'; sessionId: MediaSessionId; digit: DtmfDigit; durationMs?: number }
  | { op: 'injectDtmf'; sessionId: MediaSessionId; digit: DtmfDigit; durationMs: number }
  | { op: 'hold'; sessionId: MediaSessionId; held: boolean }
  /** Test hook: the worker throws an uncaught error, as a bug in the media thread would. */
  | { op: 'crash' };

export type HostMessage = (HostRequest & { reqId: number }) | HostCommand;

export type WorkerMessage =
  | { type: 'ready'; threadPriorityRaised: boolean; realtime: boolean }
  | { type: 'reply'; reqId: number; ok: true; result: unknown }
  | { type: 'reply'; reqId: number; ok: false; error: { name: string; message: string; code?: string } }
  | { type: 'event'; sessionId: MediaSessionId; event: MediaEvent }
  | {
      type: 'log';
      level: 'debug' | 'info' | 'warn' | 'error';
      msg: string;
      fields?: Record<string, unknown>;
    };

export type AllocateResult = Allocation;
