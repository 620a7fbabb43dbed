/**
 * Media layer public API: the RTP engine (runs in its own worker_thread) plus the pure building blocks.
 *
 * Wiring (appliance):
 *   const engine = await createMediaEngine({ bindAddress, rtpPortMin, rtpPortMax, logger, registry });
 *   // before answering: reserve ports and put localAddress/localPort into the SDP answer
 *   const alloc = await engine.allocate();
 *   // after SDP negotiation (sip layer result):
 *   const session = await engine.start(alloc.sessionId, {
 *     remoteAddress, remotePort, codec: { name, payloadType, clockRateHz }, dtmfPayloadType, ptimeMs,
 *     inactivityTimeoutMs: 30000, recordPath,
 *   });
 *   session.on('event', (e: MediaEvent) => { switch (e.kind) { case 'audio': stt.push(e.pcm); ... } });
 *   const playId = session.play(ttsPcm, 22050);          // buffer is transferred (detached); 'played' event later
 *   const cut = await session.flush();                   // barge-in
 *   session.sendDtmf('5'); session.injectDtmf('7', 'info'); session.setHold(true);
 *   const { recordingPath, stats } = await session.stop();
 *   await engine.release(alloc.sessionId);              // only for allocations never started
 *   await engine.close();
 *
 * The engine runs in one worker_thread; by default it asks for SCHED_FIFO (chrt) and nice -10 for that
 * thread and falls back silently (grant CAP_SYS_NICE, e.g. systemd AmbientCapabilities=CAP_SYS_NICE).
 * engine.pacingStats() / engine.workerCpuUsage() expose pacing lateness and media-thread CPU.
 */
export {
  createMediaEngine,
  MediaEngine,
  MediaEngineError,
  type MediaEngineEvent,
  type MediaEngineListener,
  type MediaEngineOptions,
  type MediaEngineState,
} from './engine/media-engine.js';
export { MediaSession } from './engine/media-session.js';
export { PortAllocator, PortRangeExhaustedError } from './engine/port-allocator.js';
export { SessionParamsError } from './session/params.js';
export { SymmetricLatch, RELATCH_PACKETS } from './session/symmetric-latch.js';
export type {
  Allocation,
  CodecName,
  FlushResult,
  MediaCloseReason,
  MediaEvent,
  MediaEventKind,
  MediaSessionId,
  NegotiatedCodec,
  PlayId,
  RemoteReportStats,
  SessionParams,
  SessionStats,
  StopResult,
} from './types.js';
export { CODEC_NAMES, epochNowMs, frameAgeMs } from './types.js';

// Codecs and DSP
export {
  decodePcma,
  decodePcmu,
  encodePcma,
  encodePcmu,
  alawToLinear,
  linearToAlaw,
  linearToUlaw,
  ulawToLinear,
} from './codecs/g711.js';
export { G722Decoder, G722Encoder } from './codecs/g722.js';
export { createCodec, type AudioCodec, UnsupportedCodecError } from './codecs/codec.js';
export { Resampler, resample, type ResamplerOptions } from '../lib/index.js';

// Packets
export { PacketError, PACKET_ERROR_CODES, type PacketErrorCode } from './rtp/errors.js';
export {
  parseRtp,
  serializeRtp,
  looksLikeRtcp,
  type RtpPacket,
  type RtpHeaderExtension,
} from './rtp/rtp-packet.js';
export {
  parseRtcp,
  serializeRtcp,
  serializeRtcpPacket,
  msToNtp,
  ntpMiddle32,
  type RtcpPacket,
  type ReportBlock,
  type SdesItem,
} from './rtp/rtcp-packet.js';
export {
  parseTelephoneEvent,
  serializeTelephoneEvent,
  digitToEvent,
  eventToDigit,
  isDtmfDigit,
  DTMF_DIGITS,
  type DtmfDigit,
  type TelephoneEvent,
} from './rtp/telephone-event.js';
export { ReceiverStats } from './rtp/receiver-stats.js';

// Buffers, DTMF state machines, recording
export {
  JitterBuffer,
  type JitterBufferOptions,
  type JitterBufferStats,
  type JitterOutput,
  type PushResult,
} from './jitter-buffer.js';
export { DtmfReceiver, DtmfSender } from './session/dtmf.js';
export { OutboundQueue } from './session/outbound-queue.js';
export { WavWriter, readWav, parseWav, wavHeader, WavFormatError, type WavData } from './recording/wav.js';
export { StereoRecorder, type RecorderChannel } from './recording/stereo-recorder.js';
export {
  SrtpContext,
  SrtpError,
  SRTP_SUITES,
  SRTP_ERROR_CODES,
  SRTP_MASTER_KEY_BYTES,
  SRTP_MASTER_SALT_BYTES,
  aesCmKeystream,
  deriveSessionKeys,
  srtpIv,
  type SrtpErrorCode,
  type SrtpMasterKey,
  type SrtpSuite,
} from './rtp/srtp.js';
