import { isIP, isIPv6 } from 'node:net';
import sdpTransform from 'sdp-transform';

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
}

export type SdpError =
  | { readonly kind: 'unparseable' }
  | { readonly kind: 'no-audio' }
  | { readonly kind: 'no-common-codec' }
  /** The audio stream's port is not 1-65535 or its connection address is not an IP address. */
  | { readonly kind: 'bad-media-address' };

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
    },
  };
}

function buildSdp(
  local: LocalMedia,
  session: SessionVersion,
  codecs: readonly { name: CodecName; pt: number }[],
  telephoneEventPt: number | undefined,
  direction: MediaDirection,
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
    `m=audio ${local.rtpPort} RTP/AVP ${pts.join(' ')}`,
  ];
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
  );
}

/** SDP offer with all our codecs in preference order and telephone-event on pt 101. */
export function buildOffer(
  local: LocalMedia,
  session: SessionVersion,
  ourCodecs: readonly CodecName[],
): string {
  const codecs = (local.codecs ?? ourCodecs).map((name) => ({ name, pt: STATIC_PT[name] }));
  return buildSdp(local, session, codecs, 101, local.direction ?? 'sendrecv');
}

/** Interpret the answer to our offer. */
export function parseAnswer(
  sdpText: string,
  ourCodecs: readonly CodecName[],
): { ok: true; media: NegotiatedMedia } | { ok: false; error: SdpError } {
  const r = negotiateOffer(sdpText, ourCodecs);
  return r.ok ? { ok: true, media: r.media } : r;
}

export function newSessionVersion(): SessionVersion {
  const id = Math.floor(Date.now() / 1000) * 1000 + Math.floor(Math.random() * 1000);
  return { sessionId: id, version: id };
}
