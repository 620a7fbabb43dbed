/**
 * RTP fixed header (RFC 3550 section 5.1) parse/serialize, including CSRC list, header extension
 * (profile + 32-bit words) and padding. Parsing never copies the payload (it is a view on the datagram).
 */
import { PacketError } from './errors.js';

export interface RtpHeaderExtension {
  profile: number;
  /** Extension body, length a multiple of 4 bytes. */
  data: Uint8Array;
}

export interface RtpPacket {
  payloadType: number;
  marker: boolean;
  sequenceNumber: number;
  /** RTP timestamp in the payload's clock units (unsigned 32-bit). */
  timestamp: number;
  ssrc: number;
  csrcs: number[];
  extension?: RtpHeaderExtension;
  /** Padding bytes to add on serialize (total, including the count byte); parse reports what was present. */
  paddingBytes: number;
  payload: Uint8Array;
}

export const RTP_HEADER_BYTES = 12;

/** Cheap check used to demultiplex RTP from RTCP on a shared port (RFC 5761 section 4). */
export function looksLikeRtcp(buf: Uint8Array): boolean {
  const pt = buf[1] ?? 0;
  return buf.length >= 4 && (buf[0] ?? 0) >> 6 === 2 && pt >= 192 && pt <= 223;
}

export function parseRtp(buf: Uint8Array): RtpPacket {
  if (buf.length < RTP_HEADER_BYTES) throw new PacketError('too-short', `RTP packet of ${buf.length} bytes`);
  const b0 = buf[0] ?? 0;
  const b1 = buf[1] ?? 0;
  if (b0 >> 6 !== 2) throw new PacketError('bad-version', `RTP version ${b0 >> 6}`);
  const hasPadding = (b0 & 0x20) !== 0;
  const hasExtension = (b0 & 0x10) !== 0;
  const csrcCount = b0 & 0x0f;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let offset = RTP_HEADER_BYTES;
  if (buf.length < offset + csrcCount * 4) throw new PacketError('too-short', 'RTP CSRC list truncated');
  const csrcs: number[] = [];
  for (let i = 0; i < csrcCount; i++) {
    csrcs.push(view.getUint32(offset));
    offset += 4;
  }
  let extension: RtpHeaderExtension | undefined;
  if (hasExtension) {
    if (buf.length < offset + 4) throw new PacketError('bad-extension', 'RTP extension header truncated');
    const profile = view.getUint16(offset);
    const words = view.getUint16(offset + 2);
    offset += 4;
    if (buf.length < offset + words * 4)
      throw new PacketError('bad-extension', 'RTP extension body truncated');
    extension = { profile, data: buf.subarray(offset, offset + words * 4) };
    offset += words * 4;
  }
  let end = buf.length;
  let paddingBytes = 0;
  if (hasPadding) {
    paddingBytes = buf[buf.length - 1] ?? 0;
    if (paddingBytes === 0 || offset + paddingBytes > buf.length) {
      throw new PacketError('bad-padding', `RTP padding count ${paddingBytes} invalid`);
    }
    end -= paddingBytes;
  }
  const pkt: RtpPacket = {
    payloadType: b1 & 0x7f,
    marker: (b1 & 0x80) !== 0,
    sequenceNumber: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    csrcs,
    paddingBytes,
    payload: buf.subarray(offset, end),
  };
  if (extension) pkt.extension = extension;
  return pkt;
}

export function serializeRtp(pkt: RtpPacket): Uint8Array {
  if (pkt.csrcs.length > 15) throw new RangeError('RTP: at most 15 CSRCs');
  if (pkt.extension && pkt.extension.data.length % 4 !== 0) {
    throw new RangeError('RTP: extension length must be a multiple of 4');
  }
  if (pkt.paddingBytes < 0 || pkt.paddingBytes > 255) throw new RangeError('RTP: padding 0..255');
  const extLen = pkt.extension ? 4 + pkt.extension.data.length : 0;
  const len = RTP_HEADER_BYTES + pkt.csrcs.length * 4 + extLen + pkt.payload.length + pkt.paddingBytes;
  const out = new Uint8Array(len);
  const view = new DataView(out.buffer);
  out[0] = 0x80 | (pkt.paddingBytes > 0 ? 0x20 : 0) | (pkt.extension ? 0x10 : 0) | (pkt.csrcs.length & 0x0f);
  out[1] = (pkt.marker ? 0x80 : 0) | (pkt.payloadType & 0x7f);
  view.setUint16(2, pkt.sequenceNumber & 0xffff);
  view.setUint32(4, pkt.timestamp >>> 0);
  view.setUint32(8, pkt.ssrc >>> 0);
  let offset = RTP_HEADER_BYTES;
  for (const c of pkt.csrcs) {
    view.setUint32(offset, c >>> 0);
    offset += 4;
  }
  if (pkt.extension) {
    view.setUint16(offset, pkt.extension.profile & 0xffff);
    view.setUint16(offset + 2, pkt.extension.data.length / 4);
    out.set(pkt.extension.data, offset + 4);
    offset += 4 + pkt.extension.data.length;
  }
  out.set(pkt.payload, offset);
  if (pkt.paddingBytes > 0) out[len - 1] = pkt.paddingBytes;
  return out;
}
