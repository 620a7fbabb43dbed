import { isIP, isIPv6 } from 'node:net';
import sdpTransform from 'sdp-transform';
import { type NegotiatedSrtp, type SrtpPolicy, chooseCrypto, formatCryptoLine, newSdesKey } from './sdes.js';

export const CODEC_NAMES = ['PCMU', 'PCMA', 'G722'] as const;
export type CodecName = (typeof CODEC_NAMES)[number];
export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

const STATIC_PT: Readonly<Record<CodecName, number>> = { PCMU: 0, PCMA: 8, G722: 9 };
/** RTP clock rates (G.722 uses 8000 in SDP/RTP for historical reasons, RFC 3551 §4.5.2). */
const CLOCK: Readonly<Record<CodecName, number>> = { PCMU: 8000, PCMA: 8000, G722: 8000 };

/** Negotiated session as the media layer needs it. */
export interface NegotiatedMedia {
  readonly remoteRtpAddress: string;
  readonly remoteRtpPort: number;
  readonly codec: { readonly name: CodecName; readonly payloadType: number; readonly clockRateHz: number };
  /** telephone-event payload type when both sides support RFC 4733 DTMF. */
  readonly dtmfPayloadType?: number;
  readonly ptimeMs: number;
  /** Direction from OUR side: 'sendonly' means we send and the peer has put us on hold. */
  readonly direction: MediaDirection;
  /** SRTP keys (SDES) when the stream is RTP/SAVP; absent: plain RTP. */
  readonly srtp?: NegotiatedSrtp & { readonly tag: number };
}

/** Our side of the session: where we receive RTP. */
export interface LocalMedia {
  readonly rtpAddress: string;
  readonly rtpPort: number;
  /** Preference order; defaults to the stack's configured codecs. */
  readonly codecs?: readonly CodecName[];
  /** Packetisation time, default 20 ms. */
  readonly ptimeMs?: number;
  readonly direction?: MediaDirection;
  /** Offer RTP/SAVP with this SDES key (base64 key || salt): the answer must accept SRTP. */
  readonly srtpKey?: string;
}

export type SdpError =
  | { readonly kind: 'unparseable' }
  | { readonly kind: 'no-audio' }
  | { readonly kind: 'no-common-codec' }
  /** The audio stream's port is not 1-65535 or its connection address is not an IP address. */
  | { readonly kind: 'bad-media-address' }
  /** The trunk's SRTP policy and the offer disagree (RTP/SAVP without a usable a=crypto line,
   * RTP/SAVP while SRTP is off, plain RTP while it is required, or keys changed mid-call). */
  | { readonly kind: 'srtp-mismatch' }
  /** SDES keys offered, or required by the trunk, on a SIP transport that is not TLS: the keys
   * would cross the network in clear (RFC 4568 section 8.3), so SRTP cannot be agreed there. */
  | { readonly kind: 'srtp-needs-tls' };

/** How an offer's SRTP is judged: the trunk policy, and the keys already in use (re-INVITE). */
export interface SrtpNegotiation {
  readonly policy: SrtpPolicy;
  /**
   * The SIP message came (or goes) over TLS. SDES keys are only exchanged then: over UDP/TCP
   * `allow` answers an RTP/AVP offer without `a=crypto` and refuses an RTP/SAVP one, and
   * `require` refuses every offer (`srtp-needs-tls`, 488).
   */
  readonly overTls: boolean;
  readonly current?: NegotiatedSrtp & { readonly tag: number };
}

export interface SessionVersion {
  readonly sessionId: number;
  version: number;
}

const DEFAULT_PTIME_MS = 20;

function reverse(d: MediaDirection): MediaDirection {
  return d === 'sendonly' ? 'recvonly' : d === 'recvonly' ? 'sendonly' : d;
}

interface OfferedCodec {
  name: string;
  pt: number;
  rate: number;
}

type ParsedSdp = ReturnType<typeof sdpTransform.parse>;

function audioSection(sdp: ParsedSdp): ParsedSdp['media'][number] | undefined {
  return sdp.media.find((m) => m.type === 'audio' && m.port > 0 && /RTP\/S?AVP/i.test(m.protocol));
}

function offeredCodecs(m: ParsedSdp['media'][number]): OfferedCodec[] {
  const pts = String(m.payloads ?? '')
    .split(/\s+/)
    .filter((p) => /^\d{1,3}$/.test(p))
    .map(Number);
  return pts.map((pt) => {
    const rtp = m.rtp.find((r) => r.payload === pt);
    if (rtp) return { name: rtp.codec.toUpperCase(), pt, rate: rtp.rate ?? 8000 };
    const stat = (Object.keys(STATIC_PT) as CodecName[]).find((c) => STATIC_PT[c] === pt);
    return { name: stat ?? `PT${pt}`, pt, rate: 8000 };
  });
}

function parseSdp(text: string): ParsedSdp | null {
  if (!/^v=0/m.test(text)) return null;
  try {
    return sdpTransform.parse(text);
  } catch {
    return null;
  }
}

/**
 * Answer an offer (RFC 3264 §6): first offered codec that we support, in OUR preference order
 * when `preferOurOrder` (default false: the offerer's order wins, as RFC 3264 recommends).
 */
export function negotiateOffer(
  sdpText: string,
  ourCodecs: readonly CodecName[],
  preferOurOrder = false,
  srtp: SrtpNegotiation = { policy: 'allow', overTls: false },
):
  | { ok: true; media: NegotiatedMedia; offeredTelephoneEvent: number | undefined }
  | { ok: false; error: SdpError } {
  const sdp = parseSdp(sdpText);
  if (!sdp) return { ok: false, error: { kind: 'unparseable' } };
  const m = audioSection(sdp);
  if (!m) return { ok: false, error: { kind: 'no-audio' } };
  const offered = offeredCodecs(m);
  const supported = offered.filter(
    (o) => (ourCodecs as readonly string[]).includes(o.name) && o.rate === 8000,
  );
  if (preferOurOrder)
    supported.sort((a, b) => ourCodecs.indexOf(a.name as CodecName) - ourCodecs.indexOf(b.name as CodecName));
  const chosen = supported[0];
  if (!chosen) return { ok: false, error: { kind: 'no-common-codec' } };
  const te = offered.find((o) => o.name === 'TELEPHONE-EVENT' && o.rate === 8000);
  const address = m.connection?.ip ?? sdp.connection?.ip;
  if (!address) return { ok: false, error: { kind: 'unparseable' } };
  // Where our RTP would go: a port the network can carry and an IP literal (the parser takes
  // any number and any token), else the offer is refused with 488 before a call exists.
  if (!Number.isInteger(m.port) || m.port < 1 || m.port > 65535 || isIP(address) === 0)
    return { ok: false, error: { kind: 'bad-media-address' } };
  const keys = negotiateSrtp(m, srtp);
  if (keys === 'mismatch') return { ok: false, error: { kind: 'srtp-mismatch' } };
  if (keys === 'needs-tls') return { ok: false, error: { kind: 'srtp-needs-tls' } };
  const offerDir = (m.direction ?? sdp.direction ?? 'sendrecv') as MediaDirection;
  const name = chosen.name as CodecName;
  return {
    ok: true,
    offeredTelephoneEvent: te?.pt,
    media: {
      remoteRtpAddress: address,
      remoteRtpPort: m.port,
      codec: { name, payloadType: chosen.pt, clockRateHz: CLOCK[name] },
      ...(te ? { dtmfPayloadType: te.pt } : {}),
      ptimeMs: m.ptime && m.ptime > 0 && m.ptime <= 200 ? m.ptime : DEFAULT_PTIME_MS,
      direction: reverse(offerDir),
      ...(keys ? { srtp: keys } : {}),
    },
  };
}

/** RFC 4568 section 7.1.2 for an offer: the keys we answer with, undefined for plain RTP. */
function negotiateSrtp(
  m: ParsedSdp['media'][number],
  n: SrtpNegotiation,
): (NegotiatedSrtp & { tag: number }) | undefined | 'mismatch' | 'needs-tls' {
  const savp = /^RTP\/SAVP$/i.test(m.protocol);
  if (!n.overTls && (n.policy === 'require' || (savp && n.policy === 'allow'))) return 'needs-tls';
  if (!savp) return n.policy === 'require' ? 'mismatch' : undefined;
  if (n.policy === 'off') return 'mismatch';
  const lines = (m.crypto ?? []).map(
    (c) => `${c.id} ${c.suite} ${c.config}${c.sessionConfig ? ` ${c.sessionConfig}` : ''}`,
  );
  const hit = chooseCrypto(lines);
  if (!hit) return 'mismatch';
  if (n.current) {
    // A re-INVITE repeating the keys keeps ours; new keys would need a re-keyed media session.
    if (hit.key !== n.current.remoteKey) return 'mismatch';
    return { ...n.current, tag: hit.tag };
  }
  return { suite: 'AES_CM_128_HMAC_SHA1_80', localKey: newSdesKey(), remoteKey: hit.key, tag: hit.tag };
}

function buildSdp(
  local: LocalMedia,
  session: SessionVersion,
  codecs: readonly { name: CodecName; pt: number }[],
  telephoneEventPt: number | undefined,
  direction: MediaDirection,
  crypto?: { tag: number; key: string },
): string {
  const ipVer = isIPv6(local.rtpAddress) ? 'IP6' : 'IP4';
  const pts = codecs.map((c) => c.pt);
  if (telephoneEventPt !== undefined) pts.push(telephoneEventPt);
  const lines = [
    'v=0',
    `o=- ${session.sessionId} ${session.version} IN ${ipVer} ${local.rtpAddress}`,
    's=-',
    `c=IN ${ipVer} ${local.rtpAddress}`,
    't=0 0',
    `m=audio ${local.rtpPort} ${crypto ? 'RTP/SAVP' : 'RTP/AVP'} ${pts.join(' ')}`,
  ];
  if (crypto) lines.push(`a=crypto:${formatCryptoLine(crypto.tag, crypto.key)}`);
  for (const c of codecs) lines.push(`a=rtpmap:${c.pt} ${c.name}/${CLOCK[c.name]}`);
  if (telephoneEventPt !== undefined) {
    lines.push(`a=rtpmap:${telephoneEventPt} telephone-event/8000`, `a=fmtp:${telephoneEventPt} 0-16`);
  }
  lines.push(`a=ptime:${local.ptimeMs ?? DEFAULT_PTIME_MS}`, `a=${direction}`);
  return lines.join('\r\n') + '\r\n';
}

/** SDP answer for a negotiated offer: the single chosen codec (+ telephone-event if offered). */
export function buildAnswer(local: LocalMedia, session: SessionVersion, media: NegotiatedMedia): string {
  return buildSdp(
    local,
    session,
    [{ name: media.codec.name, pt: media.codec.payloadType }],
    media.dtmfPayloadType,
    local.direction ?? media.direction,
    media.srtp ? { tag: media.srtp.tag, key: media.srtp.localKey } : undefined,
  );
}

/** SDP offer with all our codecs in preference order and telephone-event on pt 101. */
export function buildOffer(
  local: LocalMedia,
  session: SessionVersion,
  ourCodecs: readonly CodecName[],
): string {
  const codecs = (local.codecs ?? ourCodecs).map((name) => ({ name, pt: STATIC_PT[name] }));
  return buildSdp(
    local,
    session,
    codecs,
    101,
    local.direction ?? 'sendrecv',
    local.srtpKey !== undefined ? { tag: 1, key: local.srtpKey } : undefined,
  );
}

/** Interpret the answer to our offer. */
export function parseAnswer(
  sdpText: string,
  ourCodecs: readonly CodecName[],
  offeredSrtpKey?: string,
): { ok: true; media: NegotiatedMedia } | { ok: false; error: SdpError } {
  // We offered SRTP: the answer must be RTP/SAVP with a line for our tag 1 (RFC 4568 section 7.1.3).
  // (We offer SRTP only over TLS: see OutboundCall; the transport was checked there.)
  const r = negotiateOffer(sdpText, ourCodecs, false, {
    policy: offeredSrtpKey ? 'require' : 'off',
    overTls: true,
  });
  if (!r.ok) return r;
  if (!offeredSrtpKey || !r.media.srtp) return { ok: true, media: r.media };
  if (r.media.srtp.tag !== 1) return { ok: false, error: { kind: 'srtp-mismatch' } };
  return { ok: true, media: { ...r.media, srtp: { ...r.media.srtp, localKey: offeredSrtpKey } } };
}

export function newSessionVersion(): SessionVersion {
  const id = Math.floor(Date.now() / 1000) * 1000 + Math.floor(Math.random() * 1000);
  return { sessionId: id, version: id };
}
