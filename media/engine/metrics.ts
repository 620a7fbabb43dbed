/** Prometheus metrics of the media layer (registered on the caller's registry, prefix `media_`). */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { SessionStats } from '../types.js';

export class MediaMetrics {
  readonly sessionsActive: Gauge;
  readonly packetsReceived: Counter;
  readonly packetsSent: Counter;
  readonly packetsLost: Counter;
  readonly malformed: Counter;
  readonly srtpDropped: Counter;
  readonly concealed: Counter;
  readonly portExhausted: Counter;
  readonly jitterMs: Histogram;
  readonly sendLatenessMs: Histogram;

  constructor(registry: Registry) {
    const registers = [registry];
    this.sessionsActive = new Gauge({
      name: 'media_sessions_active',
      help: 'RTP sessions running',
      registers,
    });
    this.packetsReceived = new Counter({
      name: 'media_rtp_packets_received_total',
      help: 'RTP packets received',
      registers,
    });
    this.packetsSent = new Counter({
      name: 'media_rtp_packets_sent_total',
      help: 'RTP packets sent',
      registers,
    });
    this.packetsLost = new Counter({
      name: 'media_rtp_packets_lost_total',
      help: 'Inbound RTP packets lost (RFC 3550)',
      registers,
    });
    this.malformed = new Counter({
      name: 'media_rtp_malformed_total',
      help: 'Malformed RTP/RTCP datagrams dropped',
      registers,
    });
    this.srtpDropped = new Counter({
      name: 'media_srtp_dropped_total',
      help: 'SRTP/SRTCP packets dropped: reason auth-failed (tag did not verify) or replay (replayed or too old)',
      labelNames: ['reason'],
      registers,
    });
    this.concealed = new Counter({
      name: 'media_concealed_frames_total',
      help: 'Frames concealed (loss/underrun)',
      registers,
    });
    this.portExhausted = new Counter({
      name: 'media_port_exhausted_total',
      help: 'Allocations failed: RTP port range exhausted',
      registers,
    });
    this.jitterMs = new Histogram({
      name: 'media_rtp_jitter_ms',
      help: 'Inbound interarrival jitter per session at each stats report, ms',
      buckets: [1, 2, 5, 10, 20, 50, 100],
      registers,
    });
    this.sendLatenessMs = new Histogram({
      name: 'media_send_lateness_max_ms',
      help: 'Max lateness of send ticks vs their deadline per session at each stats report, ms',
      buckets: [0.5, 1, 2, 5, 10, 20],
      registers,
    });
  }
}

/** Turns cumulative per-session stats into counter increments. */
export class StatsDelta {
  private last: SessionStats | undefined;

  apply(metrics: MediaMetrics, s: SessionStats): void {
    const prev = this.last;
    const d = (
      k:
        | 'packetsReceived'
        | 'packetsSent'
        | 'packetsLost'
        | 'malformedPackets'
        | 'concealedFrames'
        | 'srtpAuthFailures'
        | 'srtpReplays',
    ): number => Math.max(0, s[k] - (prev ? prev[k] : 0));
    metrics.srtpDropped.inc({ reason: 'auth-failed' }, d('srtpAuthFailures'));
    metrics.srtpDropped.inc({ reason: 'replay' }, d('srtpReplays'));
    metrics.packetsReceived.inc(d('packetsReceived'));
    metrics.packetsSent.inc(d('packetsSent'));
    metrics.packetsLost.inc(d('packetsLost'));
    metrics.malformed.inc(d('malformedPackets'));
    metrics.concealed.inc(d('concealedFrames'));
    metrics.jitterMs.observe(s.jitterMs);
    metrics.sendLatenessMs.observe(s.maxSendLatenessMs);
    this.last = s;
  }
}
