/**
 * One call's RTP/RTCP endpoint, living in the media worker. Receive path runs on socket events
 * (parse, latch, statistics, jitter buffer / DTMF); everything periodic runs from tick(), which the
 * TickScheduler calls at absolute deadlines (session start + k * ptime on the monotonic clock).
 */
import type dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { type AudioCodec, createCodec } from '../codecs/codec.js';
import { StereoRecorder } from '../recording/stereo-recorder.js';
import { PacketError } from '../rtp/errors.js';
import { ReceiverStats } from '../rtp/receiver-stats.js';
import { msToNtp, ntpMiddle32, parseRtcp, type RtcpPacket, serializeRtcp } from '../rtp/rtcp-packet.js';
import { looksLikeRtcp, parseRtp, serializeRtp } from '../rtp/rtp-packet.js';
import { SrtpContext, SrtpError, type SrtpMasterKey } from '../rtp/srtp.js';
import { type DtmfDigit, parseTelephoneEvent, serializeTelephoneEvent } from '../rtp/telephone-event.js';
import {
  epochNowMs,
  type FlushResult,
  type MediaEvent,
  type MediaSessionId,
  type PlayId,
  type RemoteReportStats,
  type SessionParams,
  type SessionStats,
  type StopResult,
} from '../types.js';
import { DtmfReceiver, DtmfSender } from './dtmf.js';
import { InboundPlayout } from './inbound-playout.js';
import { OutboundQueue } from './outbound-queue.js';
import { SessionParamsError, validateParams } from './params.js';
import { NoiseSource } from './comfort-noise.js';
import { SymmetricLatch } from './symmetric-latch.js';

export type EmitFn = (event: MediaEvent) => void;

const CN_PAYLOAD_TYPE = 13;
/** A send tick later than this many frames is skipped instead of sent as a burst. */
const MAX_CATCHUP_FRAMES = 3;

export class RtpSession {
  readonly id: MediaSessionId;
  readonly localPort: number;
  private readonly params: SessionParams;
  private readonly rtp: dgram.Socket;
  private readonly rtcp: dgram.Socket;
  private readonly emit: EmitFn;
  private readonly codec: AudioCodec;
  readonly ptimeMs: number;
  private readonly frameSamples: number;
  private readonly tickUnits: number;
  private readonly dtmfPt: number | undefined;

  private remote: { address: string; port: number };
  private rtcpRemote: { address: string; port: number };
  private readonly latcher: SymmetricLatch;

  private readonly ssrc: number;
  private seq: number;
  private outTs: number;
  private firstPacket = true;
  private receiver: ReceiverStats | undefined;
  private readonly playout: InboundPlayout;
  private readonly queue: OutboundQueue;
  private readonly dtmfRx = new DtmfReceiver(8000);
  private readonly dtmfTx = new DtmfSender(8000);
  private readonly recorder: StereoRecorder | undefined;
  private readonly noise = new NoiseSource();

  private startMs = 0;
  private tickIndex = 0;
  nextDeadlineMs = Infinity;
  private lastRxMs = 0;
  private timedOut = false;
  private held = false;
  private nextRtcpMs = Infinity;
  private nextStatsMs = Infinity;
  private stopped = false;
  private remoteStats: RemoteReportStats | undefined;
  /** SRTP (SDES keys): `tx` protects what we send, `rx` checks and decrypts what arrives. */
  private readonly srtp: { tx: SrtpContext; rx: SrtpContext } | undefined;

  private readonly counters = {
    packetsReceived: 0,
    bytesReceived: 0,
    packetsSent: 0,
    bytesSent: 0,
    payloadBytesSent: 0,
    malformedPackets: 0,
    srtpAuthFailures: 0,
    srtpReplays: 0,
    unknownPayloadPackets: 0,
    ssrcChanges: 0,
    rtcpSent: 0,
    rtcpReceived: 0,
    maxSendLatenessMs: 0,
  };

  constructor(
    id: MediaSessionId,
    sockets: { rtp: dgram.Socket; rtcp: dgram.Socket; localPort: number },
    params: SessionParams,
    emit: EmitFn,
  ) {
    validateParams(params);
    this.id = id;
    this.params = params;
    this.rtp = sockets.rtp;
    this.rtcp = sockets.rtcp;
    this.localPort = sockets.localPort;
    this.emit = emit;
    this.codec = createCodec(params.codec);
    this.ptimeMs = params.ptimeMs ?? 20;
    this.frameSamples = (this.codec.audioRateHz * this.ptimeMs) / 1000;
    this.tickUnits = (this.codec.rtpClockHz * this.ptimeMs) / 1000;
    this.dtmfPt = params.dtmfPayloadType;
    this.remote = { address: params.remoteAddress, port: params.remotePort };
    this.latcher = new SymmetricLatch(this.remote);
    this.rtcpRemote = { address: params.remoteAddress, port: params.remotePort + 1 };
    const rnd = randomBytes(10);
    this.ssrc = rnd.readUInt32BE(0);
    this.seq = rnd.readUInt16BE(4);
    this.outTs = rnd.readUInt32BE(6);
    this.playout = new InboundPlayout(this.codec, { frameMs: this.ptimeMs, ...params.jitterBuffer });
    this.queue = new OutboundQueue(this.codec.audioRateHz);
    if (params.srtp) {
      const master = (b64: string): SrtpMasterKey => {
        const k = Buffer.from(b64, 'base64');
        return { key: k.subarray(0, 16), salt: k.subarray(16, 30) };
      };
      this.srtp = {
        tx: new SrtpContext(master(params.srtp.localKey)),
        rx: new SrtpContext(master(params.srtp.remoteKey)),
      };
    }
    if (params.recordPath) this.recorder = new StereoRecorder(params.recordPath, this.codec.audioRateHz);
    this.rtp.on('message', (msg, rinfo) => this.onDatagram(msg, rinfo, false));
    this.rtcp.on('message', (msg, rinfo) => this.onDatagram(msg, rinfo, true));
    // Socket errors (e.g. ICMP port unreachable surfacing as ECONNREFUSED) must not crash the worker.
    this.rtp.on('error', () => undefined);
    this.rtcp.on('error', () => undefined);
  }

  /** Start the clock; `firstDeadlineMs` is on the scheduler's monotonic grid. */
  start(firstDeadlineMs: number): void {
    this.startMs = firstDeadlineMs;
    this.nextDeadlineMs = firstDeadlineMs;
    this.lastRxMs = firstDeadlineMs;
    const rtcpMs = this.params.rtcpIntervalMs ?? 5000;
    this.nextRtcpMs = firstDeadlineMs + rtcpMs * (0.5 + Math.random());
    const statsMs = this.params.statsIntervalMs ?? 5000;
    this.nextStatsMs = statsMs > 0 ? firstDeadlineMs + statsMs : Infinity;
  }

  // ---------------------------------------------------------------- receive path

  private onDatagram(msg: Buffer, rinfo: dgram.RemoteInfo, onRtcpSocket: boolean): void {
    if (this.stopped) return;
    const now = performance.now();
    try {
      let bytes: Uint8Array = new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength);
      const rtcp = looksLikeRtcp(bytes);
      if (!rtcp && onRtcpSocket) throw new PacketError('bad-version', 'non-RTCP datagram on the RTCP port');
      // SRTP: nothing unauthenticated goes further (not even to the symmetric-RTP latch).
      if (this.srtp) bytes = rtcp ? this.srtp.rx.unprotectRtcp(bytes) : this.srtp.rx.unprotectRtp(bytes);
      if (rtcp) this.onRtcp(bytes, rinfo, now);
      else this.onRtp(bytes, rinfo, now);
    } catch (err) {
      // SrtpError, PacketError or anything unexpected from hostile bytes: count and drop, never throw.
      if (err instanceof SrtpError) {
        if (err.code === 'replay' || err.code === 'too-old') this.counters.srtpReplays++;
        else this.counters.srtpAuthFailures++;
      } else this.counters.malformedPackets++;
    }
  }

  private onRtp(bytes: Uint8Array, rinfo: dgram.RemoteInfo, now: number): void {
    const pkt = parseRtp(bytes);
    const pt = pkt.payloadType;
    const isAudio = pt === this.params.codec.payloadType;
    const isDtmf = this.dtmfPt !== undefined && pt === this.dtmfPt;
    if (!isAudio && !isDtmf && pt !== CN_PAYLOAD_TYPE) {
      this.counters.unknownPayloadPackets++;
      return;
    }
    this.latch(rinfo);
    this.counters.packetsReceived++;
    this.counters.bytesReceived += bytes.length;
    this.lastRxMs = now;
    this.timedOut = false;

    if (!this.receiver || this.receiver.ssrc !== pkt.ssrc) {
      if (this.receiver) {
        this.counters.ssrcChanges++;
        this.playout.reset();
        this.emit({ kind: 'ssrc-changed', previousSsrc: this.receiver.ssrc, ssrc: pkt.ssrc });
      }
      this.receiver = new ReceiverStats(pkt.ssrc, pkt.sequenceNumber);
    }
    const arrivalRtp = Math.round((now * this.codec.rtpClockHz) / 1000);
    const { verdict, extSeq } = this.receiver.update(pkt.sequenceNumber, pkt.timestamp, arrivalRtp);
    if (verdict === 'restart-pending') return;
    if (verdict === 'restarted') this.playout.reset();
    this.playout.jb.setJitterMs((this.receiver.jitter / this.codec.rtpClockHz) * 1000);

    if (isDtmf) {
      const ev = parseTelephoneEvent(pkt.payload);
      for (const d of this.dtmfRx.handle(pkt.timestamp, ev, now)) {
        this.emit({ kind: 'dtmf', digit: d.digit, durationMs: d.durationMs, source: 'rfc4733' });
      }
    }
    // Event and comfort-noise packets occupy sequence numbers: queue them as silence so the jitter
    // buffer does not mistake them for loss.
    this.playout.jb.push(extSeq, { payload: isAudio ? pkt.payload : undefined, rtpTs: pkt.timestamp });
  }

  /** Symmetric RTP: send where the peer's packets really come from. */
  private latch(rinfo: dgram.RemoteInfo): void {
    if (this.params.symmetricRtp === false) return;
    const prev = this.latcher.observe(rinfo);
    if (!prev) return;
    this.remote = this.latcher.remote;
    this.rtcpRemote = { address: rinfo.address, port: rinfo.port + 1 };
    this.emit({
      kind: 'remote-changed',
      address: rinfo.address,
      port: rinfo.port,
      previousAddress: prev.address,
      previousPort: prev.port,
    });
  }

  private onRtcp(bytes: Uint8Array, rinfo: dgram.RemoteInfo, now: number): void {
    const pkts = parseRtcp(bytes);
    this.counters.rtcpReceived++;
    if (this.params.symmetricRtp !== false) this.rtcpRemote = { address: rinfo.address, port: rinfo.port };
    for (const p of pkts) this.onRtcpPacket(p, now);
  }

  private onRtcpPacket(p: RtcpPacket, now: number): void {
    if (p.kind === 'sr' || p.kind === 'rr') {
      if (p.kind === 'sr' && this.receiver && this.receiver.ssrc === p.ssrc) {
        this.receiver.lastSrNtp = ntpMiddle32(p.ntpSec, p.ntpFrac);
        this.receiver.lastSrArrivalMs = now;
      }
      for (const r of p.reports) {
        if (r.ssrc !== this.ssrc) continue;
        const stats: RemoteReportStats = {
          fractionLost: r.fractionLost / 256,
          cumulativeLost: r.cumulativeLost,
          jitterMs: (r.jitter / this.codec.rtpClockHz) * 1000,
        };
        if (r.lastSr !== 0) {
          const n = msToNtp(Date.now());
          const rtt = (ntpMiddle32(n.ntpSec, n.ntpFrac) - r.lastSr - r.delaySinceLastSr) >>> 0;
          // An RTT over ~60 s means clock confusion (or a forged LSR): ignore it.
          if (rtt < 65536 * 60) stats.rttMs = (rtt / 65536) * 1000;
        }
        this.remoteStats = stats;
      }
    } else if (p.kind === 'bye') {
      for (const s of p.ssrcs) {
        if (this.receiver && s === this.receiver.ssrc) {
          const ev: MediaEvent = { kind: 'rtcp-bye', ssrc: s };
          if (p.reason !== undefined) ev.reason = p.reason;
          this.emit(ev);
        }
      }
    }
  }

  // ---------------------------------------------------------------- send path (tick)

  /** Outbound half of a tick: runs first for every due session so packets leave on time. */
  sendTick(now: number): void {
    const late = now - this.nextDeadlineMs;
    if (late > this.counters.maxSendLatenessMs) this.counters.maxSendLatenessMs = late;
    if (late > MAX_CATCHUP_FRAMES * this.ptimeMs) {
      // The process was stalled: skip the missed frames (timestamps keep following real time) instead
      // of bursting them out.
      const skip = Math.floor(late / this.ptimeMs);
      this.tickIndex += skip;
      this.nextDeadlineMs += skip * this.ptimeMs;
      this.outTs = (this.outTs + skip * this.tickUnits) >>> 0;
    }
    if (!this.held) this.sendFrame();
    this.outTs = (this.outTs + this.tickUnits) >>> 0;
  }

  private sendFrame(): void {
    const samplePos = this.tickIndex * this.frameSamples;
    const dtmf = this.dtmfPt !== undefined ? this.dtmfTx.next(this.outTs, this.tickUnits) : undefined;
    if (dtmf && this.dtmfPt !== undefined) {
      this.sendRtp(this.dtmfPt, dtmf.marker, dtmf.eventTs, serializeTelephoneEvent(dtmf.payload));
      if (dtmf.done)
        this.emit({ kind: 'dtmf-sent', digit: dtmf.done.digit, durationMs: dtmf.done.durationMs });
      return;
    }
    const take = this.queue.take(this.frameSamples);
    const pcm = take.pcm ?? this.comfortNoise();
    this.sendRtp(
      this.params.codec.payloadType,
      take.talkspurtStart || this.firstPacket,
      this.outTs,
      this.codec.encode(pcm),
    );
    this.recorder?.write('agent', samplePos, pcm);
    for (const f of take.finished) this.emit({ kind: 'played', playId: f.playId, durationMs: f.durationMs });
  }

  private comfortNoise(): Int16Array {
    const pcm = new Int16Array(this.frameSamples);
    const level = this.params.comfortNoiseLevel ?? 0;
    return level > 0 ? this.noise.fill(pcm, level) : pcm;
  }

  private sendRtp(pt: number, marker: boolean, ts: number, payload: Uint8Array): void {
    const buf = serializeRtp({
      payloadType: pt,
      marker,
      sequenceNumber: this.seq,
      timestamp: ts,
      ssrc: this.ssrc,
      csrcs: [],
      paddingBytes: 0,
      payload,
    });
    this.seq = (this.seq + 1) & 0xffff;
    this.firstPacket = false;
    this.counters.packetsSent++;
    this.counters.bytesSent += buf.length;
    this.counters.payloadBytesSent += payload.length;
    this.rtp.send(this.srtp ? this.srtp.tx.protectRtp(buf) : buf, this.remote.port, this.remote.address);
  }

  /** Inbound half of a tick plus housekeeping (RTCP, stats, timeouts). */
  receiveTick(now: number): void {
    const samplePos = this.tickIndex * this.frameSamples;
    // Convert the next outbound frames now, after this tick's packets left, so sendTick only copies.
    this.queue.prepare(2 * this.frameSamples);
    const t = this.playout.tick(this.frameSamples);
    if (t.active) this.recorder?.write('caller', samplePos, t.pcm);
    for (const f of t.modelFrames) {
      this.emit({ kind: 'audio', pcm: f.pcm, sampleRateHz: 16000, rtpTs: f.rtpTs, atMs: epochNowMs() });
    }
    for (const d of this.dtmfRx.poll(now)) {
      this.emit({ kind: 'dtmf', digit: d.digit, durationMs: d.durationMs, source: 'rfc4733' });
    }
    const timeoutMs = this.params.inactivityTimeoutMs ?? 30000;
    if (timeoutMs > 0 && !this.held && !this.timedOut && now - this.lastRxMs >= timeoutMs) {
      this.timedOut = true;
      this.emit({ kind: 'timeout', silentForMs: Math.round(now - this.lastRxMs) });
    }
    if (now >= this.nextRtcpMs) {
      this.sendRtcp(false);
      this.nextRtcpMs = now + (this.params.rtcpIntervalMs ?? 5000) * (0.5 + Math.random());
    }
    if (now >= this.nextStatsMs) {
      this.emit({ kind: 'stats', stats: this.stats() });
      this.nextStatsMs = now + (this.params.statsIntervalMs ?? 5000);
    }
    this.tickIndex++;
    this.nextDeadlineMs += this.ptimeMs;
  }

  private sendRtcp(bye: boolean): void {
    const now = performance.now();
    const ntp = msToNtp(Date.now());
    const reports = this.receiver ? [this.receiver.makeReportBlock(now)] : [];
    const pkts: RtcpPacket[] = [
      {
        kind: 'sr',
        ssrc: this.ssrc,
        ntpSec: ntp.ntpSec,
        ntpFrac: ntp.ntpFrac,
        rtpTimestamp: this.outTs,
        packetCount: this.counters.packetsSent >>> 0,
        octetCount: this.counters.payloadBytesSent >>> 0,
        reports,
      },
      {
        kind: 'sdes',
        chunks: [{ ssrc: this.ssrc, items: [{ type: 1, text: `media-${this.ssrc.toString(16)}` }] }],
      },
    ];
    if (bye) pkts.push({ kind: 'bye', ssrcs: [this.ssrc] });
    this.counters.rtcpSent++;
    const rtcp = serializeRtcp(pkts);
    this.rtcp.send(
      this.srtp ? this.srtp.tx.protectRtcp(rtcp) : rtcp,
      this.rtcpRemote.port,
      this.rtcpRemote.address,
    );
  }

  // ---------------------------------------------------------------- control

  play(playId: PlayId, pcm: Int16Array, sampleRateHz: number): void {
    this.queue.enqueue(playId, pcm, sampleRateHz);
  }

  flush(): FlushResult {
    return this.queue.flush();
  }

  sendDtmf(digit: DtmfDigit, durationMs?: number): void {
    if (this.dtmfPt === undefined) throw new SessionParamsError('no telephone-event payload type negotiated');
    this.dtmfTx.enqueue(digit, durationMs);
  }

  injectDtmf(digit: DtmfDigit, durationMs: number): void {
    this.emit({ kind: 'dtmf', digit, durationMs, source: 'info' });
  }

  /** On hold: stop sending (we are recvonly/inactive) and suspend the inactivity timeout. */
  setHold(held: boolean): void {
    this.held = held;
    if (!held) this.lastRxMs = performance.now();
  }

  stats(): SessionStats {
    const r = this.receiver;
    const s: SessionStats = {
      packetsReceived: this.counters.packetsReceived,
      bytesReceived: this.counters.bytesReceived,
      packetsSent: this.counters.packetsSent,
      bytesSent: this.counters.bytesSent,
      packetsLost: r ? Math.max(0, r.cumulativeLost) : 0,
      jitterMs: r ? (r.jitter / this.codec.rtpClockHz) * 1000 : 0,
      malformedPackets: this.counters.malformedPackets,
      srtpAuthFailures: this.counters.srtpAuthFailures,
      srtpReplays: this.counters.srtpReplays,
      unknownPayloadPackets: this.counters.unknownPayloadPackets,
      concealedFrames: this.playout.concealedFrames,
      ssrcChanges: this.counters.ssrcChanges,
      rtcpSent: this.counters.rtcpSent,
      rtcpReceived: this.counters.rtcpReceived,
      jitterBuffer: { ...this.playout.jb.stats },
      maxSendLatenessMs: Math.round(this.counters.maxSendLatenessMs * 100) / 100,
    };
    if (this.remoteStats) s.remote = { ...this.remoteStats };
    return s;
  }

  /** Send RTCP BYE, close sockets, finalize the recording. */
  async stop(): Promise<StopResult> {
    if (!this.stopped) {
      this.stopped = true;
      try {
        this.sendRtcp(true);
      } catch {
        // socket already unusable: nothing to tell the peer
      }
    }
    const stats = this.stats();
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
    for (const s of [this.rtp, this.rtcp]) {
      try {
        s.close();
      } catch {
        // already closed
      }
    }
    const result: StopResult = { stats };
    if (this.recorder) {
      const rec = await this.recorder.close();
      result.recordingPath = rec.path;
      result.recordingDurationMs = rec.durationMs;
      result.recordingSampleRateHz = rec.sampleRateHz;
    }
    return result;
  }

  get isStopped(): boolean {
    return this.stopped;
  }
}
