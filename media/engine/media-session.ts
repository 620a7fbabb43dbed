/**
 * Main-thread handle of one RTP session. Emits every MediaEvent as 'event' (and as '<kind>'), and can be
 * consumed as an async iterator. Commands are posted to the media worker without waiting.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { type DtmfDigit, isDtmfDigit } from '../rtp/telephone-event.js';
import type {
  FlushResult,
  MediaCloseReason,
  MediaEvent,
  MediaSessionId,
  PlayId,
  SessionParams,
  SessionStats,
  StopResult,
} from '../types.js';
import { MediaEngineError } from './errors.js';
import type { MediaEngine } from './media-engine.js';
import { type MediaMetrics, StatsDelta } from './metrics.js';

const PLAY_RATES_HZ = [8000, 16000, 22050, 24000, 44100, 48000] as const;

export class MediaSession extends EventEmitter {
  readonly id: MediaSessionId;
  readonly params: Readonly<SessionParams>;
  private readonly engine: MediaEngine;
  private readonly logger: Logger | undefined;
  private nextPlayId = 1;
  private readonly statsDelta = new StatsDelta();
  private stopping: Promise<StopResult> | undefined;
  private readonly iterators = new Set<{ push: (e: MediaEvent | undefined) => void }>();
  private closedWith: MediaCloseReason | undefined;

  constructor(engine: MediaEngine, id: MediaSessionId, params: SessionParams, logger?: Logger) {
    super();
    this.engine = engine;
    this.id = id;
    this.params = params;
    this.logger = logger?.child({ mediaSessionId: id });
  }

  /** @internal */
  dispatch(e: MediaEvent): void {
    if (e.kind === 'dtmf') this.logger?.info({ pii: { digit: e.digit }, source: e.source }, 'DTMF received');
    for (const it of this.iterators) it.push(e);
    this.emit('event', e);
    this.emit(e.kind, e);
  }

  /** @internal */
  recordStats(metrics: MediaMetrics, s: SessionStats): void {
    this.statsDelta.apply(metrics, s);
  }

  /**
   * Queue agent audio (any of 8000/16000/22050/24000/44100/48000 Hz, mono 16-bit). The buffer is
   * transferred to the media worker (the caller's array is detached afterwards). Returns an id that a
   * later {kind:'played'} event (or flush().cutPlayIds) refers to.
   */
  play(pcm: Int16Array, sampleRateHz: number): PlayId {
    if (!(PLAY_RATES_HZ as readonly number[]).includes(sampleRateHz)) {
      throw new RangeError(`play: unsupported sample rate ${sampleRateHz}`);
    }
    const playId = this.nextPlayId++ as PlayId;
    // Transfer needs an exclusively owned buffer; copy views into a larger buffer.
    const owned = pcm.byteOffset === 0 && pcm.byteLength === pcm.buffer.byteLength ? pcm : pcm.slice();
    this.engine.command({ op: 'play', sessionId: this.id, playId, pcm: owned, sampleRateHz });
    return playId;
  }

  /** Barge-in: drop all queued agent audio now; resolves with what was cut. */
  flush(): Promise<FlushResult> {
    return this.engine.request<FlushResult>({ op: 'flush', sessionId: this.id });
  }

  /** Send an RFC 4733 digit (default 100 ms). Throws if no telephone-event payload type was negotiated. */
  sendDtmf(digit: DtmfDigit, durationMs?: number): void {
    if (!isDtmfDigit(digit)) throw new RangeError('sendDtmf: not a DTMF digit');
    if (this.params.dtmfPayloadType === undefined)
      throw new Error('sendDtmf: telephone-event not negotiated');
    const cmd: { op: 'sendDtmf'; sessionId: MediaSessionId; digit: DtmfDigit; durationMs?: number } = {
      op: 'sendDtmf',
      sessionId: this.id,
      digit,
    };
    if (durationMs !== undefined) cmd.durationMs = durationMs;
    this.engine.command(cmd);
  }

  /** Feed a digit received by other means (SIP INFO) into the same event stream. */
  injectDtmf(digit: DtmfDigit, source: 'info' = 'info', durationMs = 0): void {
    if (!isDtmfDigit(digit)) throw new RangeError('injectDtmf: not a DTMF digit');
    void source;
    this.engine.command({ op: 'injectDtmf', sessionId: this.id, digit, durationMs });
  }

  /** Hold: stop sending and suspend the inactivity timeout (resume with false). */
  setHold(held: boolean): void {
    this.engine.command({ op: 'hold', sessionId: this.id, held });
  }

  getStats(): Promise<SessionStats> {
    return this.engine.request<SessionStats>({ op: 'stats', sessionId: this.id });
  }

  /**
   * Stop RTP (RTCP BYE sent), finalize the recording, release the ports; a `closed` event
   * (reason `stopped`) ends the stream. Idempotent. Rejects (code WORKER_DIED) once the media
   * thread died under the session: its recording and statistics died with it.
   */
  stop(): Promise<StopResult> {
    this.stopping ??= this.engine.stopSession(this.id).finally(() => this.close('stopped'));
    return this.stopping;
  }

  /** Why the session closed (undefined while it is open). */
  get closedReason(): MediaCloseReason | undefined {
    return this.closedWith;
  }

  /** @internal the engine closed the session under its owner (the media thread died, or close()). */
  closedByEngine(reason: Exclude<MediaCloseReason, 'stopped'>): void {
    this.stopping ??= Promise.reject(
      new MediaEngineError('MediaEngineError', `media session closed: ${reason}`, 'WORKER_DIED'),
    );
    this.stopping.catch(() => undefined); // nobody may ever call stop()
    this.close(reason);
  }

  private close(reason: MediaCloseReason): void {
    if (this.closedWith) return;
    this.closedWith = reason;
    this.dispatch({ kind: 'closed', reason });
    this.endIterators();
  }

  /** @internal */
  endIterators(): void {
    for (const it of this.iterators) it.push(undefined);
    this.iterators.clear();
  }

  /** Async iteration over events until the session stops. */
  async *events(): AsyncGenerator<MediaEvent> {
    const buf: (MediaEvent | undefined)[] = [];
    let wake: (() => void) | undefined;
    const it = {
      push: (e: MediaEvent | undefined): void => {
        buf.push(e);
        wake?.();
      },
    };
    this.iterators.add(it);
    try {
      while (true) {
        if (buf.length === 0) await new Promise<void>((r) => (wake = r));
        wake = undefined;
        const e = buf.shift();
        if (e === undefined) return;
        yield e;
      }
    } finally {
      this.iterators.delete(it);
    }
  }
}
