import type { HangupReason, IncomingCall } from '../call-control.js';
import { CallBase } from '../call/call-base.js';
import type { StackCore } from '../core.js';
import { Dialog, newTag } from '../dialog/dialog.js';
import { buildResponse } from '../message/build.js';
import { getHeader, getHeaderValues, header } from '../message/headers.js';
import type { Endpoint, SipRequest } from '../message/types.js';
import {
  type LocalMedia,
  type NegotiatedMedia,
  buildAnswer,
  buildOffer,
  negotiateOffer,
  parseAnswer,
} from '../sdp/offer-answer.js';
import { newSdesKey } from '../sdp/sdes.js';
import type { ServerTransaction } from '../transaction/server.js';

const SDP = 'application/sdp';

export interface IncomingCallInit {
  readonly dialedNumber: string;
  readonly callerNumber: string | undefined;
  readonly callerName: string | undefined;
  readonly offer: NegotiatedMedia | null;
  readonly route: unknown;
  /** Called once when the call ends, however it ends (the route's release). */
  readonly onEnded?: () => void;
}

/** UAS side of a call: early dialog at creation, 180/200/4xx, 2xx retransmission until ACK. */
export class InboundCall extends CallBase implements IncomingCall {
  readonly direction = 'inbound' as const;
  readonly dialedNumber: string;
  readonly callerNumber: string | undefined;
  readonly callerName: string | undefined;
  readonly offer: NegotiatedMedia | null;
  readonly route: unknown;
  readonly remote: Endpoint;
  readonly sipCallId: string;
  private readonly localTag = newTag();
  private readonly onEnded: (() => void) | undefined;
  private pendingLateOffer: { resolve: (m: NegotiatedMedia) => void; reject: (e: Error) => void } | undefined;
  /** hangup() while our 2xx awaits its ACK: BYE goes out once the ACK arrives (RFC 3261 §15). */
  private byeAfterAck: (() => void) | undefined;

  constructor(
    core: StackCore,
    private readonly invite: SipRequest,
    private readonly inviteTx: ServerTransaction,
    init: IncomingCallInit,
  ) {
    super(core);
    this.dialedNumber = init.dialedNumber;
    this.callerNumber = init.callerNumber;
    this.callerName = init.callerName;
    this.offer = init.offer;
    this.route = init.route;
    this.onEnded = init.onEnded;
    this.remote = inviteTx.source;
    this.sipCallId = getHeader(invite, 'call-id') ?? '';
    const contact = core.contact(inviteTx.source.transport);
    this.dialog = Dialog.fromIncoming(invite, this.localTag, contact, inviteTx.source);
    core.registerDialog(this.dialog, this);
    this.state = 'early';
    inviteTx.onCancel = () => this.onCancel();
    inviteTx.onAckTimeout = (status) => {
      if (status < 300) this.ackTimedOut();
    };
  }

  /**
   * The INVITE's Record-Route values, in order, for the responses that establish the dialog
   * (RFC 3261 §12.1.1): without them a Record-Routing proxy in front (the cluster's Kamailio) never
   * sees the ACK and BYE, and the caller's in-dialog requests go nowhere.
   */
  private recordRoute(): ReturnType<typeof header>[] {
    return getHeaderValues(this.invite, 'record-route').map((v) => header('record-route', v));
  }

  ringing(): void {
    if (this.state !== 'early') return;
    this.inviteTx.respond(
      buildResponse(this.invite, 180, {
        toTag: this.localTag,
        headers: [header('contact', this.dialog?.localContact ?? ''), ...this.recordRoute()],
      }),
    );
  }

  reject(status: number, reason?: string): void {
    if (this.state !== 'early') return;
    const s = status >= 300 && status <= 699 ? status : 500;
    this.inviteTx.respond(
      buildResponse(this.invite, s, { toTag: this.localTag, ...(reason ? { reason } : {}) }),
    );
    this.state = 'ended';
    if (this.dialog) this.core.unregisterDialog(this.dialog);
    this.onEnded?.();
  }

  answer(local: LocalMedia): Promise<NegotiatedMedia> {
    if (this.state !== 'early' || !this.dialog)
      return Promise.reject(new Error(`cannot answer a call in state ${this.state}`));
    this.local = local;
    let body: Buffer;
    let offer = this.offer;
    if (offer && local.codecs) {
      // The appliance narrowed the codec list for this call: negotiate again against it.
      // Same SRTP keys as the first negotiation: only the codec list changed.
      const r = negotiateOffer(
        this.invite.body.toString('utf8'),
        local.codecs,
        this.core.preferOurCodecOrder,
        {
          policy: this.core.srtpPolicy,
          overTls: this.inviteTx.source.transport === 'tls',
          ...(offer.srtp ? { current: offer.srtp } : {}),
        },
      );
      if (!r.ok) {
        this.reject(488);
        return Promise.reject(new Error(`no acceptable codec among ${local.codecs.join(', ')}`));
      }
      offer = r.media;
    }
    if (offer) body = Buffer.from(buildAnswer(local, this.session, offer));
    else {
      // No offer in the INVITE: we offer, with SRTP when the trunk requires it.
      if (this.core.srtpPolicy === 'require' && local.srtpKey === undefined)
        local = { ...local, srtpKey: newSdesKey() };
      this.local = local;
      body = Buffer.from(buildOffer(local, this.session, local.codecs ?? this.core.codecs));
    }
    this.inviteTx.respond(
      buildResponse(this.invite, 200, {
        toTag: this.localTag,
        headers: [
          header('contact', this.dialog.localContact),
          ...this.recordRoute(),
          header('allow', this.core.allowHeader),
          header('content-type', SDP),
        ],
        body,
      }),
    );
    this.dialog.state = 'confirmed';
    this.state = 'answering';
    if (offer) {
      this.media = offer;
      this.emit({ kind: 'answered', media: offer });
      return Promise.resolve(offer);
    }
    return new Promise((resolve, reject) => {
      this.pendingLateOffer = { resolve, reject };
    });
  }

  override handleAck(req: SipRequest): void {
    if (this.state === 'answering') {
      this.inviteTx.ackReceived();
      this.state = 'active';
      if (this.pendingLateOffer) {
        const p = this.pendingLateOffer;
        this.pendingLateOffer = undefined;
        const r =
          req.body.length > 0
            ? parseAnswer(req.body.toString('utf8'), this.core.codecs, this.local?.srtpKey)
            : undefined;
        if (r?.ok) {
          this.media = r.media;
          this.emit({ kind: 'answered', media: r.media });
          p.resolve(r.media);
        } else {
          p.reject(new Error('late-offer ACK carried no usable SDP answer'));
          void this.hangup();
          return;
        }
      }
      this.emit({ kind: 'confirmed' });
      this.byeAfterAck?.();
      return;
    }
    super.handleAck(req);
  }

  /** The INVITE transaction's 2xx was never ACKed (RFC 3261 §13.3.1.4): BYE and end. */
  ackTimedOut(): void {
    if (this.state !== 'answering') return;
    this.pendingLateOffer?.reject(new Error('no ACK for 200 OK'));
    this.pendingLateOffer = undefined;
    this.state = 'active';
    this.end('local', 'ack-timeout');
    void this.sendInDialogAfterEnd();
  }

  private async sendInDialogAfterEnd(): Promise<void> {
    await this.sendInDialog('BYE');
  }

  override async hangup(): Promise<void> {
    if (this.state === 'early') {
      this.reject(480);
      this.emit({ kind: 'hangup', by: 'local', reason: 'bye' });
      return;
    }
    if (this.state === 'answering') {
      // Wait for the ACK (or its timeout, which sends BYE itself) before BYE.
      await new Promise<void>((resolve) => {
        this.byeAfterAck = () => {
          this.byeAfterAck = undefined;
          resolve(super.hangup());
        };
        this.on((ev) => {
          if (ev.kind === 'hangup') resolve();
        });
      });
      return;
    }
    await super.hangup();
  }

  /** CANCEL matched our INVITE before a final response (RFC 3261 §9.2): 487 and end. */
  private onCancel(): void {
    if (this.state !== 'early') return;
    this.inviteTx.respond(buildResponse(this.invite, 487, { toTag: this.localTag }));
    this.state = 'ended';
    if (this.dialog) this.core.unregisterDialog(this.dialog);
    this.onEnded?.();
    this.emit({ kind: 'cancelled' });
  }

  /** Every end after the early state (BYE either way, ACK timeout, transfer, stack stopped). */
  protected override end(by: 'remote' | 'local', reason: HangupReason): void {
    const was = this.state;
    super.end(by, reason);
    if (was !== 'ended') this.onEnded?.();
  }

  protected override onRemoteBye(): void {
    this.pendingLateOffer?.reject(new Error('caller hung up'));
    this.pendingLateOffer = undefined;
    super.onRemoteBye();
  }
}
