import type {
  ActiveCall,
  CallEvent,
  CallEventListener,
  CallId,
  CallState,
  DtmfDigit,
  HangupReason,
  TransferResult,
} from '../call-control.js';
import type { DialogOwner, StackCore } from '../core.js';
import type { Dialog } from '../dialog/dialog.js';
import { buildResponse } from '../message/build.js';
import { getHeader, header } from '../message/headers.js';
import type { SipHeader, SipRequest, SipResponse } from '../message/types.js';
import {
  type LocalMedia,
  type NegotiatedMedia,
  type SessionVersion,
  buildAnswer,
  negotiateOffer,
  newSessionVersion,
} from '../sdp/offer-answer.js';
import type { ServerTransaction } from '../transaction/server.js';
import { DTMF_INFO_TYPES, formatDtmfRelay, parseDtmfInfo } from './dtmf-info.js';

let nextCallNo = 0;
export function newCallId(): CallId {
  nextCallNo++;
  return `call-${Date.now().toString(36)}-${nextCallNo}` as CallId;
}

const SDP = 'application/sdp';

/**
 * Behaviour shared by inbound and outbound calls once a dialog exists: BYE, re-INVITE, INFO DTMF,
 * REFER transfer with NOTIFY tracking, events.
 */
export abstract class CallBase implements ActiveCall, DialogOwner {
  readonly id: CallId = newCallId();
  abstract readonly direction: 'inbound' | 'outbound';
  state: CallState = 'offered';
  media: NegotiatedMedia | null = null;
  protected local: LocalMedia | undefined;
  protected readonly session: SessionVersion = newSessionVersion();
  protected dialog: Dialog | undefined;
  private readonly listeners = new Set<CallEventListener>();
  /** A re-INVITE server transaction whose 2xx awaits its ACK. */
  private reinviteTx: ServerTransaction | undefined;
  private transferWaiter: ((r: TransferResult) => void) | undefined;
  private transferAccepted = false;

  protected constructor(protected readonly core: StackCore) {}

  abstract readonly sipCallId: string;

  on(listener: CallEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected emit(ev: CallEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(ev);
      } catch (err) {
        this.core.logger?.error({ err, callId: this.id }, 'call event listener threw');
      }
    }
  }

  /** Mark ended once, unregister the dialog, emit hangup. */
  protected end(by: 'remote' | 'local', reason: HangupReason): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    if (this.dialog) {
      this.dialog.state = 'terminated';
      this.core.unregisterDialog(this.dialog);
    }
    this.transferWaiter?.({ kind: 'transferred', confirmedByNotify: false });
    this.transferWaiter = undefined;
    this.emit({ kind: 'hangup', by, reason });
  }

  abort(): void {
    this.end('local', 'stack-stopped');
  }

  /** Send an in-dialog request and resolve with its final response (408 synthesized on timeout). */
  protected sendInDialog(
    method: string,
    opts: { headers?: SipHeader[]; body?: Buffer } = {},
  ): Promise<SipResponse> {
    const dialog = this.dialog;
    if (!dialog) return Promise.resolve(synthetic(481));
    const dest = dialog.destination(dialog.origin.transport);
    const req = dialog.createRequest(method, this.core.via(dest.transport), opts);
    return new Promise((resolve) => {
      try {
        this.core.request(req, dest, {
          onResponse: (res) => {
            if (res.status >= 200) resolve(res);
          },
          onTimeout: () => resolve(synthetic(408)),
        });
      } catch (err) {
        this.core.logger?.error({ err, callId: this.id }, 'sip: in-dialog request failed locally');
        resolve(synthetic(503));
      }
    });
  }

  async hangup(): Promise<void> {
    if (this.state !== 'active' && this.state !== 'answering') return;
    this.end('local', 'bye');
    await this.sendInDialog('BYE');
  }

  async sendDtmfInfo(digit: DtmfDigit, durationMs = 160): Promise<number> {
    if (this.state !== 'active') return 481;
    const res = await this.sendInDialog('INFO', {
      headers: [header('content-type', 'application/dtmf-relay')],
      body: Buffer.from(formatDtmfRelay(digit, durationMs)),
    });
    return res.status;
  }

  async transfer(target: string): Promise<TransferResult> {
    if (this.state !== 'active' || !this.dialog) return { kind: 'refer-rejected', status: 481 };
    if (this.transferWaiter) return { kind: 'refer-rejected', status: 491 };
    const domain = this.core.trunkDomain ?? peerHostPort(this.dialog);
    const uri = /^(sips?|tel):/i.test(target) ? target : `sip:${target}@${domain}`;
    this.transferAccepted = false;
    const done = new Promise<TransferResult>((resolve) => {
      this.transferWaiter = resolve;
    });
    const timer = setTimeout(() => this.finishTransfer({ kind: 'timeout' }), this.core.transferTimeoutMs);
    timer.unref();
    const res = await this.sendInDialog('REFER', {
      headers: [header('refer-to', `<${uri}>`), header('referred-by', `<${this.localUri()}>`)],
    });
    if (res.status >= 300) this.finishTransfer({ kind: 'refer-rejected', status: res.status });
    else this.transferAccepted = true;
    const result = await done;
    clearTimeout(timer);
    if (result.kind === 'transferred' && this.state === 'active') {
      // Blind transfer done: the transferor leaves the call (RFC 5589 §6.1).
      this.end('local', 'transferred');
      await this.sendInDialog('BYE');
    }
    return result;
  }

  private finishTransfer(r: TransferResult): void {
    const w = this.transferWaiter;
    this.transferWaiter = undefined;
    w?.(r);
  }

  private localUri(): string {
    const h = this.dialog?.localHeader ?? '';
    const m = /<([^>]*)>/.exec(h);
    return m?.[1] ?? h;
  }

  /** Requests inside our dialog (after the stack matched Call-ID and tags). */
  handleInDialog(req: SipRequest, tx: ServerTransaction): void {
    const dialog = this.dialog;
    if (!dialog) {
      tx.respond(buildResponse(req, 481));
      return;
    }
    if (!dialog.acceptRemoteCSeq(req)) {
      tx.respond(buildResponse(req, 500, { reason: 'CSeq Out Of Order' }));
      return;
    }
    switch (req.method) {
      case 'BYE':
        tx.respond(buildResponse(req, 200));
        this.onRemoteBye();
        return;
      case 'INVITE':
        this.onReinvite(req, tx);
        return;
      case 'INFO':
        this.onInfo(req, tx);
        return;
      case 'NOTIFY':
        this.onNotify(req, tx);
        return;
      case 'OPTIONS':
        tx.respond(
          buildResponse(req, 200, {
            headers: [header('allow', this.core.allowHeader), header('accept', SDP)],
          }),
        );
        return;
      default:
        tx.respond(buildResponse(req, 405, { headers: [header('allow', this.core.allowHeader)] }));
    }
  }

  protected onRemoteBye(): void {
    this.end('remote', 'bye');
  }

  handleAck(req: SipRequest): void {
    if (this.reinviteTx && req.method === 'ACK') {
      this.reinviteTx.ackReceived();
      this.reinviteTx = undefined;
    }
  }

  private onReinvite(req: SipRequest, tx: ServerTransaction): void {
    if (this.state !== 'active' || !this.local || !this.dialog) {
      tx.respond(buildResponse(req, 491));
      return;
    }
    if (this.reinviteTx) {
      tx.respond(buildResponse(req, 500, { headers: [header('retry-after', '1')] }));
      return;
    }
    let media = this.media;
    if (req.body.length > 0) {
      const r = negotiateOffer(req.body.toString('utf8'), this.core.codecs, this.core.preferOurCodecOrder, {
        policy: this.core.srtpPolicy,
        overTls: this.dialog.origin.transport === 'tls',
        ...(this.media?.srtp ? { current: this.media.srtp } : {}),
      });
      if (!r.ok) {
        tx.respond(buildResponse(req, 488));
        return;
      }
      media = r.media;
    }
    if (!media) {
      tx.respond(buildResponse(req, 488));
      return;
    }
    this.dialog.refreshTarget(req);
    this.media = media;
    this.session.version++;
    const body = Buffer.from(buildAnswer({ ...this.local, direction: undefined }, this.session, media));
    tx.respond(
      buildResponse(req, 200, {
        toTag: this.dialog.localTag,
        headers: [header('contact', this.dialog.localContact), header('content-type', SDP)],
        body,
      }),
    );
    this.reinviteTx = tx;
    this.emit({ kind: 'reinvite', media });
  }

  private onInfo(req: SipRequest, tx: ServerTransaction): void {
    if (req.body.length === 0) {
      tx.respond(buildResponse(req, 200)); // INFO keep-alive
      return;
    }
    const ct = getHeader(req, 'content-type') ?? '';
    const parsed = parseDtmfInfo(ct, req.body.toString('utf8'));
    if (!parsed) {
      const known = (DTMF_INFO_TYPES as readonly string[]).includes(
        ct.split(';')[0]?.trim().toLowerCase() ?? '',
      );
      tx.respond(
        known
          ? buildResponse(req, 400, { reason: 'Invalid DTMF' })
          : buildResponse(req, 415, { headers: [header('accept', DTMF_INFO_TYPES.join(', '))] }),
      );
      return;
    }
    tx.respond(buildResponse(req, 200));
    this.core.logger?.debug({ callId: this.id, pii: { digit: parsed.digit } }, 'dtmf via INFO');
    this.emit({ kind: 'dtmf', digit: parsed.digit, durationMs: parsed.durationMs, source: 'info' });
  }

  private onNotify(req: SipRequest, tx: ServerTransaction): void {
    const event = (getHeader(req, 'event') ?? '').split(';')[0]?.trim().toLowerCase();
    if (event !== 'refer') {
      tx.respond(buildResponse(req, 489));
      return;
    }
    tx.respond(buildResponse(req, 200));
    // message/sipfrag body: "SIP/2.0 200 OK" (RFC 3515 §2.4.5).
    const m = /^SIP\/2\.0\s+(\d{3})/i.exec(req.body.toString('utf8').trim());
    const status = m ? Number(m[1]) : undefined;
    const terminated = /^\s*terminated/i.test(getHeader(req, 'subscription-state') ?? '');
    if (status !== undefined && status >= 200) {
      this.finishTransfer(
        status < 300 ? { kind: 'transferred', confirmedByNotify: true } : { kind: 'transfer-failed', status },
      );
    } else if (terminated && this.transferAccepted) {
      this.finishTransfer({ kind: 'transfer-failed', status: 487 });
    }
  }
}

function synthetic(status: number): SipResponse {
  return {
    kind: 'response',
    version: 'SIP/2.0',
    status,
    reason: 'Local',
    headers: [],
    body: Buffer.alloc(0),
  };
}

/** The peer we talk to (the PBX), as host:port for bare transfer targets. */
function peerHostPort(dialog: Dialog): string {
  const o = dialog.origin;
  const host = o.address.includes(':') ? `[${o.address}]` : o.address;
  return o.transport === 'udp' ? `${host}:${o.port}` : host;
}
