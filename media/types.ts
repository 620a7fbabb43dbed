/**
 * Shared media-layer types: codec negotiation input, session parameters, events and statistics.
 * Everything here is structured-cloneable because it crosses the worker_thread boundary.
 */
import type { JitterBufferOptions, JitterBufferStats } from './jitter-buffer.js';
import type { DtmfDigit } from './rtp/telephone-event.js';

export const CODEC_NAMES = ['PCMU', 'PCMA', 'G722'] as const;
export type CodecName = (typeof CODEC_NAMES)[number];

/** What SIP negotiated (the sip layer's SDP answer, passed through by the appliance). */
export interface NegotiatedCodec {
  name: CodecName;
  payloadType: number;
  /** RTP clock rate: 8000 for all three (G.722 is 16 kHz audio on an 8 kHz RTP clock, RFC 3551). */
  clockRateHz: number;
}

export type MediaSessionId = string & { readonly __brand: 'MediaSessionId' };
export type PlayId = number & { readonly __brand: 'PlayId' };

export interface SessionParams {
  remoteAddress: string;
  remotePort: number;
  codec: NegotiatedCodec;
  /** RFC 4733 telephone-event payload type, if negotiated (typically 101). */
  dtmfPayloadType?: number;
  /** Outbound packetization; 10..60 ms in 10 ms steps, default 20. */
  ptimeMs?: number;
  /** Emit {kind:'timeout'} after this long without inbound RTP (not while on hold); default 30000, 0 = off. */
  inactivityTimeoutMs?: number;
  /** Stereo WAV (caller left, agent right) written here, at 8 kHz (G.711) or 16 kHz (G.722). */
  recordPath?: string;
  /** Mean RTCP report interval, default 5000 ms (randomized 0.5..1.5x per RFC 3550). */
  rtcpIntervalMs?: number;
  /** How often a {kind:'stats'} event is emitted, default 5000 ms, 0 = only at stop. */
  statsIntervalMs?: number;
  /** Latch the outbound destination to where RTP really comes from (NAT traversal), default true. */
  symmetricRtp?: boolean;
  /** Amplitude (peak, 16-bit) of the comfort noise sent when nothing is queued, default 0 = digital silence. */
  comfortNoiseLevel?: number;
  jitterBuffer?: JitterBufferOptions;
  /**
   * SRTP/SRTCP (RFC 3711) with SDES keys: base64 of the 30-byte master key || salt each way
   * (`localKey` encrypts what we send, `remoteKey` decrypts what the peer sends). Absent: plain RTP.
   */
  srtp?: { suite: 'AES_CM_128_HMAC_SHA1_80'; localKey: string; remoteKey: string };
}

export interface RemoteReportStats {
  /** Loss of our outbound stream as reported by the peer's RTCP (0..1). */
  fractionLost: number;
  cumulativeLost: number;
  jitterMs: number;
  /** Round-trip time from LSR/DLSR, when the peer echoes our SR. */
  rttMs?: number;
}

export interface SessionStats {
  packetsReceived: number;
  bytesReceived: number;
  packetsSent: number;
  bytesSent: number;
  /** Inbound loss per RFC 3550 A.3 (expected - received), cumulative. */
  packetsLost: number;
  /** Inbound interarrival jitter (RFC 3550 A.8), ms. */
  jitterMs: number;
  malformedPackets: number;
  /** SRTP/SRTCP packets dropped: tag did not verify (or undecryptable: too short, bad version). */
  srtpAuthFailures: number;
  /** SRTP/SRTCP packets dropped as replays or older than the 64-packet window. */
  srtpReplays: number;
  /** Packets dropped because their payload type was not negotiated. */
  unknownPayloadPackets: number;
  concealedFrames: number;
  ssrcChanges: number;
  rtcpSent: number;
  rtcpReceived: number;
  jitterBuffer: JitterBufferStats;
  remote?: RemoteReportStats;
  /** Max observed lateness of our send ticks against their absolute deadlines, ms. */
  maxSendLatenessMs: number;
}

export type MediaEvent =
  | {
      kind: 'audio';
      pcm: Int16Array;
      sampleRateHz: 16000;
      rtpTs: number;
      /**
       * When the frame left the jitter buffer, epoch ms with sub-ms precision (the worker's
       * performance.timeOrigin + performance.now()). A busy main thread takes the event later;
       * `frameAgeMs` says how much later, so the echo guard times the echo path without that lag.
       */
      atMs: number;
    }
  | { kind: 'dtmf'; digit: DtmfDigit; durationMs: number; source: 'rfc4733' | 'info' }
  | { kind: 'played'; playId: PlayId; durationMs: number }
  | { kind: 'timeout'; silentForMs: number }
  | { kind: 'stats'; stats: SessionStats }
  | { kind: 'remote-changed'; address: string; port: number; previousAddress: string; previousPort: number }
  | { kind: 'ssrc-changed'; previousSsrc: number; ssrc: number }
  | { kind: 'rtcp-bye'; ssrc: number; reason?: string }
  | { kind: 'dtmf-sent'; digit: DtmfDigit; durationMs: number }
  /** The session's last event: stopped by its owner, or ended by the engine (see MediaCloseReason). */
  | { kind: 'closed'; reason: MediaCloseReason };

/**
 * Why a session closed: `stopped` by stop(); `worker-died` when the media thread crashed (its
 * sockets, timers and recording are gone; the engine restarts a new thread); `engine-closed` by
 * engine.close().
 */
export type MediaCloseReason = 'stopped' | 'worker-died' | 'engine-closed';

export type MediaEventKind = MediaEvent['kind'];

/** What flush() (barge-in) cut. */
export interface FlushResult {
  /** Audio that was queued but never sent, ms. */
  unplayedMs: number;
  /** Of the utterance being played when flushed, how much had already been sent, ms. */
  playedMs: number;
  /** Play items removed (partially played or never started); they get no 'played' event. */
  cutPlayIds: PlayId[];
}

export interface StopResult {
  recordingPath?: string;
  recordingDurationMs?: number;
  /** Sample rate of the recording's WAV (the codec's audio rate: 8000 for G.711, 16000 for G.722). */
  recordingSampleRateHz?: number;
  stats: SessionStats;
}

export interface Allocation {
  sessionId: MediaSessionId;
  localAddress: string;
  /** Even RTP port; RTCP is localPort + 1. */
  localPort: number;
}

/** Epoch ms now, with sub-ms precision, comparable across threads (an audio event's `atMs`). */
export const epochNowMs = (): number => performance.timeOrigin + performance.now();

/** How long ago (ms, >= 0) the media worker released a frame stamped `atMs`. */
export const frameAgeMs = (atMs: number): number => Math.max(0, epochNowMs() - atMs);
