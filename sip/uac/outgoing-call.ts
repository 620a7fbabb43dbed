import { CallFailedError, type PlaceCallOptions } from '../call-control.js';
import { CallBase } from '../call/call-base.js';
import type { StackCore } from '../core.js';
import { Dialog, newTag } from '../dialog/dialog.js';
import { randomToken } from '../message/build.js';
import { getHeader, getHeaderValues, header } from '../message/headers.js';
import type { Endpoint, SipRequest, SipResponse } from '../message/types.js';
import { type NegotiatedMedia, buildOffer, parseAnswer } from '../sdp/offer-answer.js';
import { newSdesKey } from '../sdp/sdes.js';
import { cseqOf, tagOf } from '../transaction/keys.js';
import { type Credentials, sendWithAuth } from './auth-request.js';

/** UAC INVITE (RFC 3261 §13.2): digest retry, ACK for 2xx (re-sent on 2xx retransmissions), CANCEL. */
export class OutboundCall extends CallBase {
  readonly direction = 'outbound' as const;
  readonly sipCallId = `${randomToken()}@appliance`;
  private readonly fromTag = newTag();
  private lastInvite: SipRequest | undefined;
  private ack: SipRequest | undefined;
  private cancelled = false;
  private gotProvisional = false;

  constructor(
    core: StackCore,
    private readonly opts: PlaceCallOptions,
    private readonly targetUri: string,
    private readonly fromUri: string,
    private readonly dest: Endpoint,
    private readonly creds: Credentials | undefined,
  ) {
    super(core);
    // A trunk that requires SRTP gets an RTP/SAVP offer with our SDES key.
    this.local =
      core.srtpPolicy === 'require' && opts.media.srtpKey === undefined
        ? { ...opts.media, srtpKey: newSdesKey() }
        : opts.media;
  }

  /** Resolves when answered (and ACKed); rejects with CallFailedError otherwise. */
  async start(): Promise<void> {
    // SDES keys travel in the SDP: a trunk that requires SRTP is called only over TLS.
    if (this.core.srtpPolicy === 'require' && this.dest.transport !== 'tls') {
      this.core.logger?.warn(
        { transport: this.dest.transport, srtpPolicy: 'require' },
        'call not placed: SRTP is required but the target is not SIP over TLS (SDES keys would travel in clear)',
      );
      throw new CallFailedError(488, 'SRTP required: call a sips: or transport=tls target');
    }
    const body = Buffer.from(buildOffer(this.local ?? this.opts.media, this.session, this.core.codecs));
    const contact = this.core.contact(this.dest.transport, this.opts.from);
    const fromHeader = `${this.opts.displayName ? `"${this.opts.displayName.replace(/["\\]/g, '')}" ` : ''}<${this.fromUri}>;tag=${this.fromTag}`;
    let cseq = 1;
    const timeout = setTimeout(() => this.cancel(), this.opts.answerTimeoutMs ?? 60_000);
    timeout.unref();
    const onAbort = (): void => this.cancel();
    this.opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const { res, req } = await sendWithAuth(
        this.core,
        this.dest,
        (_n, auth) => ({
          kind: 'request',
          method: 'INVITE',
          uri: this.targetUri,
          version: 'SIP/2.0',
          headers: [
            header('via', this.core.via(this.dest.transport)),
            header('max-forwards', '70'),
            header('from', fromHeader),
            header('to', `<${this.targetUri}>`),
            header('call-id', this.sipCallId),
            header('cseq', `${cseq++} INVITE`),
            header('contact', contact),
            header('allow', this.core.allowHeader),
            header('user-agent', this.core.userAgent),
            header('content-type', 'application/sdp'),
            ...auth,
          ],
          body,
        }),
        this.creds,
        {
          onSent: (r) => {
            this.lastInvite = r;
            if (this.cancelled) this.sendCancel();
          },
          onLate2xx: (r) => void this.resendAck(r),
          onProvisional: (r) => {
            this.gotProvisional = true;
            if (r.status > 100) this.emit({ kind: 'ringing' });
            if (this.cancelled) this.sendCancel();
          },
        },
      );
      if (res.status >= 300 || res.status < 200) throw new CallFailedError(res.status, res.reason);
      this.onAnswered(req, res);
    } finally {
      clearTimeout(timeout);
      this.opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  private onAnswered(invite: SipRequest, res: SipResponse): void {
    const dialog = Dialog.fromResponse(
      invite,
      res,
      this.core.contact(this.dest.transport, this.opts.from),
      this.dest,
    );
    this.dialog = dialog;
    dialog.state = 'confirmed';
    this.core.registerDialog(dialog, this);
    const ackDest = dialog.destination(this.dest.transport);
    this.ack = dialog.createRequest('ACK', this.core.via(ackDest.transport), { cseq: cseqOf(invite).seq });
    this.core.sendRaw(ackDest, this.ack);
    const r =
      res.body.length > 0
        ? parseAnswer(res.body.toString('utf8'), this.core.codecs, this.local?.srtpKey)
        : undefined;
    if (!r?.ok) {
      this.state = 'active';
      void this.hangup();
      throw new CallFailedError(488, 'unusable SDP answer');
    }
    this.media = r.media;
    this.state = 'active';
    if (this.cancelled) {
      // 2xx crossed our CANCEL (RFC 3261 §9.1): ACK it, then end the call with BYE.
      void this.hangup();
      throw new CallFailedError(487, 'cancelled');
    }
    this.emit({ kind: 'answered', media: r.media as NegotiatedMedia });
    this.emit({ kind: 'confirmed' });
  }

  /** 2xx retransmission (our ACK was lost): re-send the ACK (RFC 3261 §13.2.2.4). */
  resendAck(res: SipResponse): boolean {
    if (!this.ack || !this.dialog || tagOf(res, 'to') !== this.dialog.remoteTag) return false;
    this.core.sendRaw(this.dialog.destination(this.dest.transport), this.ack);
    return true;
  }

  cancel(): void {
    if (this.state !== 'offered' || this.cancelled) return;
    this.cancelled = true;
    this.sendCancel();
  }

  /** CANCEL only after a provisional response (RFC 3261 §9.1). */
  private sendCancel(): void {
    const inv = this.lastInvite;
    if (!inv || !this.gotProvisional) return;
    const headers = [
      header('via', getHeaderValues(inv, 'via')[0] ?? ''),
      header('max-forwards', '70'),
      header('from', getHeader(inv, 'from') ?? ''),
      header('to', getHeader(inv, 'to') ?? ''),
      header('call-id', this.sipCallId),
      header('cseq', `${cseqOf(inv).seq} CANCEL`),
    ];
    for (const h of inv.headers) if (h.name === 'route') headers.push(h);
    const cancel: SipRequest = {
      kind: 'request',
      method: 'CANCEL',
      uri: inv.uri,
      version: 'SIP/2.0',
      headers,
      body: Buffer.alloc(0),
    };
    this.core.request(cancel, this.dest, { onResponse: () => undefined, onTimeout: () => undefined });
  }
}
