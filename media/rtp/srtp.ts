/**
 * SRTP and SRTCP (RFC 3711) with the one suite SDES offers everywhere: AES_CM_128_HMAC_SHA1_80
 * (AES-128 in counter mode, HMAC-SHA1 tag truncated to 80 bits, no MKI, key derivation rate 0).
 *
 * One `SrtpContext` protects or unprotects one direction of one session (SDES gives each side its
 * own master key). Streams are kept per SSRC: the rollover counter (ROC) and highest sequence for
 * RTP, the 31-bit index for SRTCP, and a 64-packet replay window for both. A receiver's ROC and
 * window move only after the packet's tag verified, so forged packets cannot desynchronise them.
 * Every failure is an `SrtpError` with a stable code; the RTP session counts and drops them.
 */
import { type Cipher, createCipheriv, createHmac, timingSafeEqual } from 'node:crypto';

export const SRTP_SUITES = ['AES_CM_128_HMAC_SHA1_80'] as const;
export type SrtpSuite = (typeof SRTP_SUITES)[number];

/** Master key and salt lengths of AES_CM_128 (RFC 3711 section 8.2), bytes. */
export const SRTP_MASTER_KEY_BYTES = 16;
export const SRTP_MASTER_SALT_BYTES = 14;
/** HMAC-SHA1-80: the 160-bit tag truncated to 10 bytes. */
export const SRTP_AUTH_TAG_BYTES = 10;
const AUTH_KEY_BYTES = 20;
/** Replay window (RFC 3711 section 3.3.2 asks for at least 64), packets. */
const REPLAY_WINDOW = 64n;
/** Streams (SSRCs) remembered per context; the oldest is forgotten beyond this. */
const MAX_STREAMS = 16;
const SRTCP_INDEX_BYTES = 4;
const SRTCP_E_FLAG = 0x80000000;

export const SRTP_ERROR_CODES = ['too-short', 'bad-version', 'auth-failed', 'replay', 'too-old'] as const;
export type SrtpErrorCode = (typeof SRTP_ERROR_CODES)[number];

export class SrtpError extends Error {
  readonly code: SrtpErrorCode;
  constructor(code: SrtpErrorCode, message: string) {
    super(message);
    this.name = 'SrtpError';
    this.code = code;
  }
}

/** What SDES carries in `inline:`: master key (16 bytes) then master salt (14 bytes). */
export interface SrtpMasterKey {
  key: Uint8Array;
  salt: Uint8Array;
}

export interface SrtpSessionKeys {
  encKey: Buffer;
  authKey: Buffer;
  salt: Buffer;
}

/**
 * Per-packet keystream from one long-lived AES-128-ECB cipher over the counter blocks (AES-CM
 * itself): creating an aes-128-ctr cipher per packet costs more than the encryption. ECB without
 * padding is stateless per block, so one cipher object serves every packet.
 */
class KeystreamGenerator {
  private readonly ecb: Cipher;

  constructor(key: Buffer) {
    this.ecb = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
  }

  /** `length` bytes for the IV; the low 16 bits of an SRTP IV are zero, so block i sets them to i. */
  keystream(iv: Buffer, length: number): Buffer {
    const blocks = Math.ceil(length / 16);
    if (blocks > 0xffff) throw new SrtpError('too-short', 'packet longer than one AES-CM segment');
    const counters = Buffer.alloc(blocks * 16);
    for (let i = 0; i < blocks; i++) {
      iv.copy(counters, i * 16);
      counters.writeUInt16BE(i, i * 16 + 14);
    }
    return this.ecb.update(counters);
  }
}

/** RFC 3711 section 4.3 labels. */
export const SRTP_LABELS = {
  rtpEncryption: 0,
  rtpAuth: 1,
  rtpSalt: 2,
  rtcpEncryption: 3,
  rtcpAuth: 4,
  rtcpSalt: 5,
} as const;

/** AES-CM keystream (RFC 3711 section 4.1.1) of `length` bytes from a 16-byte counter block. */
export function aesCmKeystream(key: Uint8Array, iv: Uint8Array, length: number): Buffer {
  // aes-128-ctr increments the whole 128-bit block; AES-CM only the low 16 bits. The low 16 bits
  // of every SRTP IV are zero, so the two agree for any packet under 2^16 blocks (1 MiB).
  const c = createCipheriv('aes-128-ctr', key, iv);
  return Buffer.concat([c.update(Buffer.alloc(length)), c.final()]);
}

/**
 * Key derivation (RFC 3711 section 4.3.1) with key_derivation_rate 0: x = (label << 48) XOR
 * master_salt, then AES-CM under the master key from IV x * 2^16.
 */
export function deriveSessionKey(master: SrtpMasterKey, label: number, length: number): Buffer {
  const iv = Buffer.alloc(16);
  Buffer.from(master.salt).copy(iv, 0);
  // key_id = label || r (r = 0) is 56 bits, aligned to the salt's low end: label lands in byte 7.
  iv[7] = (iv[7] ?? 0) ^ label;
  return aesCmKeystream(master.key, iv, length);
}

export function deriveSessionKeys(master: SrtpMasterKey, rtcp: boolean): SrtpSessionKeys {
  checkMaster(master);
  const base = rtcp ? SRTP_LABELS.rtcpEncryption : SRTP_LABELS.rtpEncryption;
  return {
    encKey: deriveSessionKey(master, base, SRTP_MASTER_KEY_BYTES),
    authKey: deriveSessionKey(master, base + 1, AUTH_KEY_BYTES),
    salt: deriveSessionKey(master, base + 2, SRTP_MASTER_SALT_BYTES),
  };
}

/** IV = (salt * 2^16) XOR (SSRC * 2^64) XOR (index * 2^16) (RFC 3711 section 4.1.1). */
export function srtpIv(salt: Uint8Array, ssrc: number, index: bigint): Buffer {
  const iv = Buffer.alloc(16);
  Buffer.from(salt).copy(iv, 0);
  iv.writeUInt32BE((iv.readUInt32BE(4) ^ ssrc) >>> 0, 4);
  const hi = Number((index >> 32n) & 0xffffn);
  const lo = Number(index & 0xffffffffn);
  iv.writeUInt16BE(iv.readUInt16BE(8) ^ hi, 8);
  iv.writeUInt32BE((iv.readUInt32BE(10) ^ lo) >>> 0, 10);
  return iv;
}

function checkMaster(master: SrtpMasterKey): void {
  if (master.key.length !== SRTP_MASTER_KEY_BYTES || master.salt.length !== SRTP_MASTER_SALT_BYTES) {
    throw new RangeError(
      `SRTP master key must be ${SRTP_MASTER_KEY_BYTES}+${SRTP_MASTER_SALT_BYTES} bytes, got ${master.key.length}+${master.salt.length}`,
    );
  }
}

function xorInPlace(buf: Buffer, from: number, keystream: Buffer): void {
  for (let i = from, k = 0; i < buf.length; i++, k++) buf[i] = (buf[i] ?? 0) ^ (keystream[k] ?? 0);
}

function tag(authKey: Buffer, parts: Uint8Array[]): Buffer {
  const h = createHmac('sha1', authKey);
  for (const p of parts) h.update(p);
  return h.digest().subarray(0, SRTP_AUTH_TAG_BYTES);
}

/** Length of the RTP header (fixed part, CSRCs, extension), or an error when the bytes lie. */
function rtpHeaderLength(p: Uint8Array): number {
  if (p.length < 12) throw new SrtpError('too-short', `RTP packet of ${p.length} bytes`);
  const b0 = p[0] ?? 0;
  if (b0 >> 6 !== 2) throw new SrtpError('bad-version', `RTP version ${b0 >> 6}`);
  let len = 12 + (b0 & 0x0f) * 4;
  if ((b0 & 0x10) !== 0) {
    if (p.length < len + 4) throw new SrtpError('too-short', 'RTP extension header truncated');
    len += 4 + (((p[len + 2] ?? 0) << 8) | (p[len + 3] ?? 0)) * 4;
  }
  if (p.length < len) throw new SrtpError('too-short', 'RTP header truncated');
  return len;
}

/** Replay window: the highest index seen and a bitmask of the 64 below it (bit 0 = highest). */
class ReplayWindow {
  private highest = -1n;
  private mask = 0n;

  check(index: bigint): void {
    if (index > this.highest) return;
    const delta = this.highest - index;
    if (delta >= REPLAY_WINDOW) throw new SrtpError('too-old', `index ${index} behind the replay window`);
    if ((this.mask >> delta) & 1n) throw new SrtpError('replay', `index ${index} already received`);
  }

  accept(index: bigint): void {
    if (index > this.highest) {
      const shift = index - this.highest;
      this.mask = shift >= REPLAY_WINDOW ? 1n : ((this.mask << shift) | 1n) & ((1n << REPLAY_WINDOW) - 1n);
      this.highest = index;
    } else {
      this.mask |= 1n << (this.highest - index);
    }
  }
}

interface RtpStream {
  roc: number;
  /** Highest sequence number seen (s_l), or the last sent one. */
  seq: number;
  replay: ReplayWindow;
}

interface RtcpStream {
  /** Next SRTCP index to send (31 bits). */
  nextIndex: number;
  replay: ReplayWindow;
}

/** Protects or unprotects one direction with one master key. */
export class SrtpContext {
  private readonly rtp: SrtpSessionKeys;
  private readonly rtcp: SrtpSessionKeys;
  private readonly rtpKs: KeystreamGenerator;
  private readonly rtcpKs: KeystreamGenerator;
  private readonly rtpStreams = new Map<number, RtpStream>();
  private readonly rtcpStreams = new Map<number, RtcpStream>();

  constructor(master: SrtpMasterKey) {
    this.rtp = deriveSessionKeys(master, false);
    this.rtcp = deriveSessionKeys(master, true);
    this.rtpKs = new KeystreamGenerator(this.rtp.encKey);
    this.rtcpKs = new KeystreamGenerator(this.rtcp.encKey);
  }

  protectRtp(packet: Uint8Array): Buffer {
    const hdr = rtpHeaderLength(packet);
    const ssrc = readU32(packet, 8);
    const seq = ((packet[2] ?? 0) << 8) | (packet[3] ?? 0);
    let s = this.rtpStreams.get(ssrc);
    if (!s) {
      s = { roc: 0, seq, replay: new ReplayWindow() };
      remember(this.rtpStreams, ssrc, s);
    } else if (seq < s.seq && s.seq - seq > 0x8000) {
      s.roc = (s.roc + 1) >>> 0;
    }
    s.seq = seq;
    const index = (BigInt(s.roc) << 16n) | BigInt(seq);
    const out = Buffer.alloc(packet.length + SRTP_AUTH_TAG_BYTES);
    out.set(packet, 0);
    const body = packet.length - hdr;
    xorInPlace(
      out.subarray(0, packet.length),
      hdr,
      this.rtpKs.keystream(srtpIv(this.rtp.salt, ssrc, index), body),
    );
    const roc = Buffer.alloc(4);
    roc.writeUInt32BE(s.roc);
    tag(this.rtp.authKey, [out.subarray(0, packet.length), roc]).copy(out, packet.length);
    return out;
  }

  unprotectRtp(packet: Uint8Array): Buffer {
    if (packet.length < 12 + SRTP_AUTH_TAG_BYTES) {
      throw new SrtpError('too-short', `SRTP packet of ${packet.length} bytes`);
    }
    const authLen = packet.length - SRTP_AUTH_TAG_BYTES;
    const hdr = rtpHeaderLength(packet.subarray(0, authLen));
    const ssrc = readU32(packet, 8);
    const seq = ((packet[2] ?? 0) << 8) | (packet[3] ?? 0);
    const s = this.rtpStreams.get(ssrc);
    // Index estimate (RFC 3711 section 3.3.1): the ROC guess v closest to the highest seen.
    let v = s?.roc ?? 0;
    if (s) {
      if (s.seq < 0x8000) {
        if (seq - s.seq > 0x8000) v = s.roc - 1;
      } else if (s.seq - 0x8000 > seq) {
        v = s.roc + 1;
      }
    }
    if (v < 0) throw new SrtpError('too-old', 'sequence number before the first packet');
    v = v >>> 0;
    const index = (BigInt(v) << 16n) | BigInt(seq);
    s?.replay.check(index);
    const roc = Buffer.alloc(4);
    roc.writeUInt32BE(v);
    const expected = tag(this.rtp.authKey, [packet.subarray(0, authLen), roc]);
    if (!timingSafeEqual(expected, packet.subarray(authLen))) {
      throw new SrtpError('auth-failed', 'SRTP authentication tag mismatch');
    }
    const out = Buffer.from(packet.subarray(0, authLen));
    xorInPlace(out, hdr, this.rtpKs.keystream(srtpIv(this.rtp.salt, ssrc, index), authLen - hdr));
    const stream = s ?? { roc: v, seq, replay: new ReplayWindow() };
    if (!s) remember(this.rtpStreams, ssrc, stream);
    const highest = (BigInt(stream.roc) << 16n) | BigInt(stream.seq);
    if (!s || index > highest) {
      stream.roc = v;
      stream.seq = seq;
    }
    stream.replay.accept(index);
    return out;
  }

  protectRtcp(packet: Uint8Array): Buffer {
    if (packet.length < 8) throw new SrtpError('too-short', `RTCP packet of ${packet.length} bytes`);
    if ((packet[0] ?? 0) >> 6 !== 2) throw new SrtpError('bad-version', 'RTCP version');
    const ssrc = readU32(packet, 4);
    let s = this.rtcpStreams.get(ssrc);
    if (!s) {
      s = { nextIndex: 0, replay: new ReplayWindow() };
      remember(this.rtcpStreams, ssrc, s);
    }
    const index = s.nextIndex;
    s.nextIndex = (s.nextIndex + 1) & 0x7fffffff;
    const out = Buffer.alloc(packet.length + SRTCP_INDEX_BYTES + SRTP_AUTH_TAG_BYTES);
    out.set(packet, 0);
    xorInPlace(
      out.subarray(0, packet.length),
      8,
      this.rtcpKs.keystream(srtpIv(this.rtcp.salt, ssrc, BigInt(index)), packet.length - 8),
    );
    out.writeUInt32BE((SRTCP_E_FLAG | index) >>> 0, packet.length);
    const authLen = packet.length + SRTCP_INDEX_BYTES;
    tag(this.rtcp.authKey, [out.subarray(0, authLen)]).copy(out, authLen);
    return out;
  }

  unprotectRtcp(packet: Uint8Array): Buffer {
    if (packet.length < 8 + SRTCP_INDEX_BYTES + SRTP_AUTH_TAG_BYTES) {
      throw new SrtpError('too-short', `SRTCP packet of ${packet.length} bytes`);
    }
    if ((packet[0] ?? 0) >> 6 !== 2) throw new SrtpError('bad-version', 'RTCP version');
    const authLen = packet.length - SRTP_AUTH_TAG_BYTES;
    const ssrc = readU32(packet, 4);
    const eIndex = readU32(packet, authLen - SRTCP_INDEX_BYTES);
    const encrypted = (eIndex & SRTCP_E_FLAG) !== 0;
    const index = BigInt(eIndex & 0x7fffffff);
    const s = this.rtcpStreams.get(ssrc);
    s?.replay.check(index);
    const expected = tag(this.rtcp.authKey, [packet.subarray(0, authLen)]);
    if (!timingSafeEqual(expected, packet.subarray(authLen))) {
      throw new SrtpError('auth-failed', 'SRTCP authentication tag mismatch');
    }
    const end = authLen - SRTCP_INDEX_BYTES;
    const out = Buffer.from(packet.subarray(0, end));
    if (encrypted) {
      xorInPlace(out, 8, this.rtcpKs.keystream(srtpIv(this.rtcp.salt, ssrc, index), end - 8));
    }
    const stream = s ?? { nextIndex: 0, replay: new ReplayWindow() };
    if (!s) remember(this.rtcpStreams, ssrc, stream);
    stream.replay.accept(index);
    return out;
  }
}

function readU32(p: Uint8Array, at: number): number {
  return (((p[at] ?? 0) << 24) | ((p[at + 1] ?? 0) << 16) | ((p[at + 2] ?? 0) << 8) | (p[at + 3] ?? 0)) >>> 0;
}

/** Insert, forgetting the oldest stream beyond MAX_STREAMS (a peer cycling SSRCs cannot grow memory). */
function remember<T>(map: Map<number, T>, ssrc: number, value: T): void {
  map.set(ssrc, value);
  if (map.size > MAX_STREAMS) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}
