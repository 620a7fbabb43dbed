/**
 * RTCP (RFC 3550 section 6) compound packet parse/serialize: SR, RR, SDES (CNAME), BYE; other types
 * (APP, XR, feedback) are passed through as `other` so a compound packet carrying them still parses.
 */
import { PacketError } from './errors.js';

export interface ReportBlock {
  ssrc: number;
  /** Fraction lost since the previous report, 0..255 (fixed point /256). */
  fractionLost: number;
  /** Cumulative packets lost, signed 24-bit (duplicates can make it negative). */
  cumulativeLost: number;
  extendedHighestSeq: number;
  /** Interarrival jitter in RTP timestamp units. */
  jitter: number;
  /** Middle 32 bits of the NTP timestamp of the last SR received from this source, 0 if none. */
  lastSr: number;
  /** Delay since that SR in units of 1/65536 s. */
  delaySinceLastSr: number;
}

export interface SdesItem {
  /** 1 = CNAME, 2 = NAME, ... (RFC 3550 section 6.5). */
  type: number;
  text: string;
}

export type RtcpPacket =
  | {
      kind: 'sr';
      ssrc: number;
      ntpSec: number;
      ntpFrac: number;
      rtpTimestamp: number;
      packetCount: number;
      octetCount: number;
      reports: ReportBlock[];
    }
  | { kind: 'rr'; ssrc: number; reports: ReportBlock[] }
  | { kind: 'sdes'; chunks: { ssrc: number; items: SdesItem[] }[] }
  | { kind: 'bye'; ssrcs: number[]; reason?: string }
  | { kind: 'other'; packetType: number; count: number; body: Uint8Array };

export const RTCP_SR = 200;
export const RTCP_RR = 201;
export const RTCP_SDES = 202;
export const RTCP_BYE = 203;

function parseReportBlocks(view: DataView, offset: number, count: number, end: number): ReportBlock[] {
  const reports: ReportBlock[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 24 > end) throw new PacketError('bad-length', 'RTCP report block truncated');
    const lostWord = view.getUint32(offset + 4);
    let cumulative = lostWord & 0xffffff;
    if (cumulative & 0x800000) cumulative -= 0x1000000;
    reports.push({
      ssrc: view.getUint32(offset),
      fractionLost: lostWord >>> 24,
      cumulativeLost: cumulative,
      extendedHighestSeq: view.getUint32(offset + 8),
      jitter: view.getUint32(offset + 12),
      lastSr: view.getUint32(offset + 16),
      delaySinceLastSr: view.getUint32(offset + 20),
    });
    offset += 24;
  }
  return reports;
}

/** Parse a compound RTCP datagram into its packets; throws PacketError if any length is inconsistent. */
export function parseRtcp(buf: Uint8Array): RtcpPacket[] {
  if (buf.length < 4) throw new PacketError('too-short', `RTCP packet of ${buf.length} bytes`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: RtcpPacket[] = [];
  let offset = 0;
  while (offset < buf.length) {
    if (offset + 4 > buf.length) throw new PacketError('too-short', 'RTCP header truncated');
    const b0 = buf[offset] ?? 0;
    if (b0 >> 6 !== 2) throw new PacketError('bad-version', `RTCP version ${b0 >> 6}`);
    const count = b0 & 0x1f;
    const pt = buf[offset + 1] ?? 0;
    const lenBytes = (view.getUint16(offset + 2) + 1) * 4;
    const end = offset + lenBytes;
    if (end > buf.length) throw new PacketError('bad-length', `RTCP length ${lenBytes} exceeds datagram`);
    let bodyEnd = end;
    if (b0 & 0x20) {
      const pad = buf[end - 1] ?? 0;
      if (pad === 0 || pad > lenBytes - 4) throw new PacketError('bad-padding', 'RTCP padding invalid');
      bodyEnd -= pad;
    }
    const body = offset + 4;
    if (pt === RTCP_SR) {
      if (body + 24 > bodyEnd) throw new PacketError('bad-length', 'RTCP SR truncated');
      out.push({
        kind: 'sr',
        ssrc: view.getUint32(body),
        ntpSec: view.getUint32(body + 4),
        ntpFrac: view.getUint32(body + 8),
        rtpTimestamp: view.getUint32(body + 12),
        packetCount: view.getUint32(body + 16),
        octetCount: view.getUint32(body + 20),
        reports: parseReportBlocks(view, body + 24, count, bodyEnd),
      });
    } else if (pt === RTCP_RR) {
      if (body + 4 > bodyEnd) throw new PacketError('bad-length', 'RTCP RR truncated');
      out.push({
        kind: 'rr',
        ssrc: view.getUint32(body),
        reports: parseReportBlocks(view, body + 4, count, bodyEnd),
      });
    } else if (pt === RTCP_SDES) {
      const chunks: { ssrc: number; items: SdesItem[] }[] = [];
      let p = body;
      for (let c = 0; c < count; c++) {
        if (p + 4 > bodyEnd) throw new PacketError('bad-length', 'RTCP SDES chunk truncated');
        const ssrc = view.getUint32(p);
        p += 4;
        const items: SdesItem[] = [];
        while (p < bodyEnd && buf[p] !== 0) {
          const type = buf[p] ?? 0;
          const len = buf[p + 1] ?? 0;
          if (p + 2 + len > bodyEnd) throw new PacketError('bad-length', 'RTCP SDES item truncated');
          items.push({ type, text: new TextDecoder().decode(buf.subarray(p + 2, p + 2 + len)) });
          p += 2 + len;
        }
        // Null terminator, then pad to a 32-bit boundary.
        p = (p + 4) & ~3;
        chunks.push({ ssrc, items });
      }
      out.push({ kind: 'sdes', chunks });
    } else if (pt === RTCP_BYE) {
      const ssrcs: number[] = [];
      let p = body;
      for (let i = 0; i < count; i++) {
        if (p + 4 > bodyEnd) throw new PacketError('bad-length', 'RTCP BYE truncated');
        ssrcs.push(view.getUint32(p));
        p += 4;
      }
      const bye: RtcpPacket = { kind: 'bye', ssrcs };
      if (p < bodyEnd) {
        const len = buf[p] ?? 0;
        if (p + 1 + len > bodyEnd) throw new PacketError('bad-length', 'RTCP BYE reason truncated');
        bye.reason = new TextDecoder().decode(buf.subarray(p + 1, p + 1 + len));
      }
      out.push(bye);
    } else if (pt >= 192 && pt <= 223) {
      out.push({ kind: 'other', packetType: pt, count, body: buf.subarray(body, bodyEnd) });
    } else {
      throw new PacketError('unknown-rtcp-type', `RTCP packet type ${pt}`);
    }
    offset = end;
  }
  return out;
}

function writeReportBlocks(view: DataView, offset: number, reports: readonly ReportBlock[]): void {
  for (const r of reports) {
    view.setUint32(offset, r.ssrc >>> 0);
    const lost = Math.max(-0x800000, Math.min(0x7fffff, r.cumulativeLost)) & 0xffffff;
    view.setUint32(offset + 4, (((r.fractionLost & 0xff) << 24) | lost) >>> 0);
    view.setUint32(offset + 8, r.extendedHighestSeq >>> 0);
    view.setUint32(offset + 12, r.jitter >>> 0);
    view.setUint32(offset + 16, r.lastSr >>> 0);
    view.setUint32(offset + 20, r.delaySinceLastSr >>> 0);
    offset += 24;
  }
}

function header(view: DataView, offset: number, count: number, pt: number, lenBytes: number): void {
  view.setUint8(offset, 0x80 | (count & 0x1f));
  view.setUint8(offset + 1, pt);
  view.setUint16(offset + 2, lenBytes / 4 - 1);
}

/** Serialize one RTCP packet (no padding). */
export function serializeRtcpPacket(pkt: RtcpPacket): Uint8Array {
  switch (pkt.kind) {
    case 'sr': {
      const len = 28 + pkt.reports.length * 24;
      const out = new Uint8Array(len);
      const v = new DataView(out.buffer);
      header(v, 0, pkt.reports.length, RTCP_SR, len);
      v.setUint32(4, pkt.ssrc >>> 0);
      v.setUint32(8, pkt.ntpSec >>> 0);
      v.setUint32(12, pkt.ntpFrac >>> 0);
      v.setUint32(16, pkt.rtpTimestamp >>> 0);
      v.setUint32(20, pkt.packetCount >>> 0);
      v.setUint32(24, pkt.octetCount >>> 0);
      writeReportBlocks(v, 28, pkt.reports);
      return out;
    }
    case 'rr': {
      const len = 8 + pkt.reports.length * 24;
      const out = new Uint8Array(len);
      const v = new DataView(out.buffer);
      header(v, 0, pkt.reports.length, RTCP_RR, len);
      v.setUint32(4, pkt.ssrc >>> 0);
      writeReportBlocks(v, 8, pkt.reports);
      return out;
    }
    case 'sdes': {
      const enc = new TextEncoder();
      const parts: Uint8Array[] = [];
      for (const chunk of pkt.chunks) {
        const items = chunk.items.map((i) => ({ type: i.type, bytes: enc.encode(i.text).subarray(0, 255) }));
        const raw = 4 + items.reduce((s, i) => s + 2 + i.bytes.length, 0) + 1;
        const padded = (raw + 3) & ~3;
        const c = new Uint8Array(padded);
        new DataView(c.buffer).setUint32(0, chunk.ssrc >>> 0);
        let p = 4;
        for (const i of items) {
          c[p] = i.type;
          c[p + 1] = i.bytes.length;
          c.set(i.bytes, p + 2);
          p += 2 + i.bytes.length;
        }
        parts.push(c);
      }
      const len = 4 + parts.reduce((s, p) => s + p.length, 0);
      const out = new Uint8Array(len);
      header(new DataView(out.buffer), 0, pkt.chunks.length, RTCP_SDES, len);
      let off = 4;
      for (const p of parts) {
        out.set(p, off);
        off += p.length;
      }
      return out;
    }
    case 'bye': {
      const reason =
        pkt.reason !== undefined ? new TextEncoder().encode(pkt.reason).subarray(0, 255) : undefined;
      const raw = 4 + pkt.ssrcs.length * 4 + (reason ? 1 + reason.length : 0);
      const len = (raw + 3) & ~3;
      const out = new Uint8Array(len);
      const v = new DataView(out.buffer);
      header(v, 0, pkt.ssrcs.length, RTCP_BYE, len);
      pkt.ssrcs.forEach((s, i) => v.setUint32(4 + i * 4, s >>> 0));
      if (reason) {
        const p = 4 + pkt.ssrcs.length * 4;
        out[p] = reason.length;
        out.set(reason, p + 1);
      }
      return out;
    }
    case 'other': {
      const len = 4 + ((pkt.body.length + 3) & ~3);
      const out = new Uint8Array(len);
      header(new DataView(out.buffer), 0, pkt.count, pkt.packetType, len);
      out.set(pkt.body, 4);
      return out;
    }
  }
}

/** Serialize a compound RTCP datagram (RFC 3550: first packet must be SR or RR). */
export function serializeRtcp(pkts: readonly RtcpPacket[]): Uint8Array {
  const parts = pkts.map(serializeRtcpPacket);
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Wall-clock ms since the Unix epoch to the 64-bit NTP timestamp (seconds since 1900, fraction). */
export function msToNtp(unixMs: number): { ntpSec: number; ntpFrac: number } {
  const sec = Math.floor(unixMs / 1000);
  const frac = Math.floor(((unixMs - sec * 1000) / 1000) * 0x100000000);
  return { ntpSec: (sec + 2208988800) >>> 0, ntpFrac: frac >>> 0 };
}

/** The "middle 32 bits" of an NTP timestamp, as used by LSR. */
export function ntpMiddle32(ntpSec: number, ntpFrac: number): number {
  return (((ntpSec & 0xffff) << 16) | (ntpFrac >>> 16)) >>> 0;
}
