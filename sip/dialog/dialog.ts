import { isIP } from 'node:net';
import { randomToken } from '../message/build.js';
import { getHeader, getHeaderValues, header } from '../message/headers.js';
import { parseNameAddr } from '../message/nameaddr.js';
import type { Endpoint, SipHeader, SipRequest, SipResponse, TransportName } from '../message/types.js';
import { parseUri } from '../message/uri.js';
import { cseqOf, tagOf } from '../transaction/keys.js';

export type DialogState = 'early' | 'confirmed' | 'terminated';

export function dialogKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}|${localTag}|${remoteTag}`;
}

/** Key of the dialog an incoming in-dialog request belongs to (our tag is in To). */
export function dialogKeyOfIncoming(req: SipRequest): string | undefined {
  const toTag = tagOf(req, 'to');
  if (!toTag) return undefined;
  return dialogKey(getHeader(req, 'call-id') ?? '', toTag, tagOf(req, 'from') ?? '');
}

/** RFC 3261 §12 dialog state: ids, CSeq spaces, route set, remote target. */
export class Dialog {
  state: DialogState = 'early';
  localSeq: number;
  remoteSeq: number | undefined;

  private constructor(
    readonly callId: string,
    readonly localTag: string,
    public remoteTag: string,
    /** Our From/To header value without tag. */
    localHeader: string,
    remoteHeader: string,
    public remoteTarget: string,
    public routeSet: string[],
    readonly localContact: string,
    /** Where the dialog-creating request came from (used when the target is not an IP). */
    readonly origin: Endpoint,
    localSeq: number,
  ) {
    this.localSeq = localSeq;
    this.localHeader = stripTag(localHeader);
    this.remoteHeader = stripTag(remoteHeader);
  }

  /** Our From/To header value without tag. */
  readonly localHeader: string;
  readonly remoteHeader: string;

  get key(): string {
    return dialogKey(this.callId, this.localTag, this.remoteTag);
  }

  /** UAS side (RFC 3261 §12.1.1). */
  static fromIncoming(req: SipRequest, localTag: string, localContact: string, origin: Endpoint): Dialog {
    const d = new Dialog(
      getHeader(req, 'call-id') ?? '',
      localTag,
      tagOf(req, 'from') ?? '',
      getHeader(req, 'to') ?? '',
      getHeader(req, 'from') ?? '',
      contactUri(req) ?? req.uri,
      getHeaderValues(req, 'record-route'),
      localContact,
      origin,
      Math.floor(Math.random() * 10000) + 1,
    );
    d.remoteSeq = cseqOf(req).seq;
    return d;
  }

  /** UAC side (RFC 3261 §12.1.2): route set is the reversed Record-Route of the response. */
  static fromResponse(req: SipRequest, res: SipResponse, localContact: string, origin: Endpoint): Dialog {
    const d = new Dialog(
      getHeader(req, 'call-id') ?? '',
      tagOf(req, 'from') ?? '',
      tagOf(res, 'to') ?? '',
      getHeader(req, 'from') ?? '',
      getHeader(res, 'to') ?? '',
      contactUri(res) ?? req.uri,
      getHeaderValues(res, 'record-route').reverse(),
      localContact,
      origin,
      cseqOf(req).seq,
    );
    return d;
  }

  /** Target refresh (re-INVITE, RFC 3261 §12.2.2): the remote Contact may change. */
  refreshTarget(msg: SipRequest | SipResponse): void {
    const c = contactUri(msg);
    if (c) this.remoteTarget = c;
  }

  /** In-dialog request from the remote side: enforce increasing CSeq (RFC 3261 §12.2.2). */
  acceptRemoteCSeq(req: SipRequest): boolean {
    if (req.method === 'ACK' || req.method === 'CANCEL') return true;
    const seq = cseqOf(req).seq;
    if (this.remoteSeq !== undefined && seq <= this.remoteSeq) return false;
    this.remoteSeq = seq;
    return true;
  }

  /** Where in-dialog requests go: first route, else remote target; non-IP hosts fall back to the origin. */
  destination(defaultTransport: TransportName): Endpoint {
    if (this.origin.transport !== 'udp') return this.origin;
    const first = this.routeSet[0];
    const uriText = first ? (parseNameAddr(first)?.uriText ?? '') : this.remoteTarget;
    const p = parseUri(uriText);
    if (p?.kind === 'sip' && isIP(p.uri.host)) {
      const t = p.uri.params.get('transport');
      const transport: TransportName =
        p.uri.scheme === 'sips' || t?.toLowerCase() === 'tls'
          ? 'tls'
          : t?.toLowerCase() === 'tcp'
            ? 'tcp'
            : defaultTransport;
      return { transport, address: p.uri.host, port: p.uri.port ?? (transport === 'tls' ? 5061 : 5060) };
    }
    return this.origin;
  }

  /** Build an in-dialog request (RFC 3261 §12.2.1.1). ACK reuses the INVITE's CSeq number. */
  createRequest(
    method: string,
    via: string,
    opts: { headers?: SipHeader[]; body?: Buffer; cseq?: number } = {},
  ): SipRequest {
    const seq = opts.cseq ?? ++this.localSeq;
    const headers: SipHeader[] = [
      header('via', via),
      header('max-forwards', '70'),
      header('from', `${this.localHeader};tag=${this.localTag}`),
      header('to', this.remoteTag ? `${this.remoteHeader};tag=${this.remoteTag}` : this.remoteHeader),
      header('call-id', this.callId),
      header('cseq', `${seq} ${method}`),
    ];
    for (const r of this.routeSet) headers.push(header('route', r));
    if (method !== 'ACK' && method !== 'CANCEL') headers.push(header('contact', this.localContact));
    if (opts.headers) headers.push(...opts.headers);
    return {
      kind: 'request',
      method,
      uri: this.remoteTarget,
      version: 'SIP/2.0',
      headers,
      body: opts.body ?? Buffer.alloc(0),
    };
  }
}

/** Remove the tag param that follows the name-addr (never touching params inside <>). */
function stripTag(v: string): string {
  const gt = v.lastIndexOf('>');
  const head = gt === -1 ? '' : v.slice(0, gt + 1);
  const tail = gt === -1 ? v : v.slice(gt + 1);
  return head + tail.replace(/;\s*tag\s*=\s*[^;]*/i, '');
}

function contactUri(msg: SipRequest | SipResponse): string | undefined {
  const c = getHeaderValues(msg, 'contact')[0];
  if (!c) return undefined;
  return parseNameAddr(c)?.uriText;
}

export function newTag(): string {
  return randomToken();
}
