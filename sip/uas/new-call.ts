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
  const overTls = source.transport === 'tls';
  if (!overTls && core.srtpPolicy === 'require' && req.body.length === 0) {
    // No offer: we would offer RTP/SAVP with our SDES key, in clear on this transport.
    refuseSdesInClear(core, source, 'require', 'late offer');
    tx.respond(
      buildResponse(req, 488, {
        toTag: earlyTag,
        headers: [header('warning', `306 ${core.publicHost} "srtp-needs-tls"`)],
      }),
    );
    return;
  }
  if (req.body.length > 0) {
    const body = req.body.toString('utf8');
    const n = negotiateOffer(body, core.codecs, core.preferOurCodecOrder, {
      policy: core.srtpPolicy,
      overTls,
    });
    if (!n.ok && n.error.kind === 'srtp-needs-tls') refuseSdesInClear(core, source, core.srtpPolicy, 'offer');
    else if (n.ok && !overTls && /^a=crypto:/im.test(body))
      core.logger?.info(
        { transport: source.transport, remote: source.address },
        'a=crypto in a plain RTP/AVP offer ignored: SDES keys are used only over SIP over TLS; answered with RTP/AVP',
      );
    if (!n.ok) {
      // RFC 3261 §20.43 warn-codes: 305 media format, 307 parameter not understood, 304 media type.
      const warn =
        n.error.kind === 'no-common-codec'
          ? '305'
          : n.error.kind === 'bad-media-address'
            ? '307'
            : n.error.kind === 'srtp-mismatch' || n.error.kind === 'srtp-needs-tls'
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

/**
 * Why an INVITE got 488: SDES (RFC 4568) puts the SRTP master keys in the SDP, so over UDP/TCP
 * anyone on the path could read them and decrypt the call. Logged at warn so the operator sees
 * that the trunk must use sips:/transport=tls (or its policy `allow` with plain RTP offers).
 */
function refuseSdesInClear(core: StackCore, source: Endpoint, policy: string, what: string): void {
  core.logger?.warn(
    { transport: source.transport, remote: source.address, srtpPolicy: policy },
    `SRTP refused on a ${source.transport.toUpperCase()} ${what}: SDES keys would cross the network in clear; use SIP over TLS (sips:, port 5061)`,
  );
}
