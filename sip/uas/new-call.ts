import type { IncomingCall, RouteCallback, RouteDecision } from '../call-control.js';
import type { StackCore } from '../core.js';
import { buildResponse, randomToken } from '../message/build.js';
import { getHeader, header } from '../message/headers.js';
import { parseNameAddr } from '../message/nameaddr.js';
import type { Endpoint, SipRequest } from '../message/types.js';
import { parseUri, unescapeUriPart } from '../message/uri.js';
import { type NegotiatedMedia, negotiateOffer } from '../sdp/offer-answer.js';
import type { ServerTransaction } from '../transaction/server.js';
import { InboundCall } from './incoming-call.js';

/**
 * A new (out-of-dialog) INVITE that passed validation: negotiate the offer (488), ask the
 * appliance's route callback (reject before any dialog exists), then create the call in its
 * early dialog and hand it to the incoming-call handler.
 */
export async function handleNewInvite(
  core: StackCore,
  route: RouteCallback,
  handler: ((call: IncomingCall) => void | Promise<void>) | undefined,
  req: SipRequest,
  tx: ServerTransaction,
  source: Endpoint,
): Promise<void> {
  const earlyTag = randomToken();
  // Until a call object exists, a CANCEL is answered here (route callback still running).
  tx.onCancel = () => tx.respond(buildResponse(req, 487, { toTag: earlyTag }));
  const ruri = parseUri(req.uri);
  const dialedNumber =
    ruri?.kind === 'sip'
      ? unescapeUriPart(ruri.uri.user ?? '')
      : ruri
        ? unescapeUriPart(ruri.uri.opaque.split(';')[0] ?? '')
        : '';
  const from = parseNameAddr(getHeader(req, 'from') ?? '');
  const callerNumber =
    from?.uri.kind === 'sip'
      ? from.uri.uri.user !== undefined
        ? unescapeUriPart(from.uri.uri.user)
        : undefined
      : from?.uri.uri.opaque;
  let offer: NegotiatedMedia | null = null;
  if (req.body.length > 0) {
    const n = negotiateOffer(req.body.toString('utf8'), core.codecs, core.preferOurCodecOrder, {
      policy: core.srtpPolicy,
    });
    if (!n.ok) {
      // RFC 3261 §20.43 warn-codes: 305 media format, 307 parameter not understood, 304 media type.
      const warn =
        n.error.kind === 'no-common-codec'
          ? '305'
          : n.error.kind === 'bad-media-address'
            ? '307'
            : n.error.kind === 'srtp-mismatch'
              ? '306'
              : '304';
      tx.respond(
        buildResponse(req, 488, {
          toTag: earlyTag,
          headers: [header('warning', `${warn} ${core.publicHost} "${n.error.kind}"`)],
        }),
      );
      return;
    }
    offer = n.media;
  }
  if (!handler) {
    tx.respond(buildResponse(req, 480, { toTag: earlyTag }));
    return;
  }
  let decision: RouteDecision;
  try {
    decision = await route({ dialedNumber, callerNumber, remote: source });
  } catch (err) {
    core.logger?.error({ err }, 'sip route callback failed');
    decision = { action: 'reject', status: 500 };
  }
  // The reservation an accepted route made is given back exactly once, whatever happens next.
  let released = false;
  const release = (): void => {
    if (released || decision.action !== 'accept') return;
    released = true;
    try {
      decision.release?.();
    } catch (err) {
      core.logger?.error({ err }, 'sip route release failed');
    }
  };
  if (tx.finalStatus !== undefined || tx.state === 'terminated' || core.stopped) {
    release(); // cancelled (487 already sent) or the stack stopped while the route callback ran
    return;
  }
  if (decision.action === 'reject') {
    const status = decision.status >= 300 && decision.status <= 699 ? decision.status : 500;
    core.logger?.info({ status, pii: { dialedNumber } }, 'sip call rejected by route');
    tx.respond(
      buildResponse(req, status, {
        toTag: earlyTag,
        ...(decision.reason ? { reason: decision.reason } : {}),
        ...(decision.retryAfterS !== undefined
          ? { headers: [header('retry-after', String(Math.max(0, Math.round(decision.retryAfterS))))] }
          : {}),
      }),
    );
    return;
  }
  let call: InboundCall;
  try {
    call = new InboundCall(core, req, tx, {
      dialedNumber,
      callerNumber,
      callerName: from?.displayName,
      offer,
      route: decision.route,
      onEnded: release,
    });
  } catch (err) {
    release();
    throw err; // answered 500 by the stack
  }
  core.logger?.info({ callId: call.id, pii: { dialedNumber, callerNumber } }, 'sip incoming call');
  try {
    await handler(call);
  } catch (err) {
    core.logger?.error({ err, callId: call.id }, 'incoming call handler threw');
    call.reject(500);
  }
}
