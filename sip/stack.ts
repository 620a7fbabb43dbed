import type { Logger } from 'pino';
import { DigestVerifier } from './auth/digest.js';
import type {
  ActiveCall,
  CallControl,
  IncomingCall,
  PlaceCallOptions,
  RouteCallback,
} from './call-control.js';
import type { DialogOwner, StackCore } from './core.js';
import { type Dialog, dialogKey, dialogKeyOfIncoming } from './dialog/dialog.js';
import { buildResponse, buildResponseFromHeaders, randomToken } from './message/build.js';
import type { SipParseError } from './message/errors.js';
import { getHeader, getHeaderValues, header } from './message/headers.js';
import { parseMessage } from './message/parse.js';
import { serializeMessage } from './message/serialize.js';
import type { Endpoint, SipHeader, SipRequest, SipResponse, TransportName } from './message/types.js';
import { formatHost, parseUri } from './message/uri.js';
import { SipMetrics } from './metrics.js';
import {
  DEFAULT_LIMITS,
  type Availability,
  type SipLimits,
  type SipStackOptions,
  type SipStackStats,
} from './options.js';
import { CODEC_NAMES, type CodecName } from './sdp/offer-answer.js';
import type { SrtpPolicy } from './sdp/sdes.js';
import { type SecurityMode, TrunkSecurity } from './security.js';
import type { ClientTxUser } from './transaction/client.js';
import { cseqOf, tagOf } from './transaction/keys.js';
import { TransactionManager } from './transaction/manager.js';
import { DEFAULT_TIMERS } from './transaction/timers.js';
import { firstExternalIPv4, hostOfUri, hostPortOfUri, resolve, transportOf } from './transport/resolve.js';
import { responseDestination, stampRequest, stampTopVia } from './transport/route.js';
import { TcpTransport } from './transport/tcp.js';
import type { TransportDropReason } from './transport/types.js';
import { UdpTransport } from './transport/udp.js';
import { handleNewInvite } from './uas/new-call.js';
import { ALLOW_HEADER, validateRequest } from './uas/validate.js';
import { OutboundCall } from './uac/outgoing-call.js';
import { Registration, type RegistrationState } from './uac/register.js';

export type { Availability, SipLimits, SipStackOptions, SipStackStats, TrunkOptions } from './options.js';

/** The SIP user agent: transports, transactions, dialogs, UAS/UAC behaviour. Implements CallControl. */
export class SipStack implements CallControl, StackCore {
  readonly tx: TransactionManager;
  readonly logger: Logger | undefined;
  readonly codecs: readonly CodecName[];
  readonly preferOurCodecOrder: boolean;
  readonly srtpPolicy: SrtpPolicy;
  readonly userAgent: string;
  readonly allowHeader = ALLOW_HEADER;
  readonly transferTimeoutMs: number;
  readonly publicHost: string;
  readonly securityMode: SecurityMode;
  readonly trunkDomain: string | undefined;
  private udp: UdpTransport | undefined;
  private tcp: TcpTransport | undefined;
  private tls: TcpTransport | undefined;
  private readonly limits: SipLimits;
  private readonly security: TrunkSecurity;
  private readonly verifier: DigestVerifier | undefined;
  private readonly dialogs = new Map<string, DialogOwner>();
  private readonly metrics: SipMetrics;
  private readonly dropCounts: Record<string, number> = {};
  private received = 0;
  private incomingHandler: ((call: IncomingCall) => void | Promise<void>) | undefined;
  private readonly route: RouteCallback;
  private readonly availability: () => Availability;
  private registration: Registration | undefined;
  stopped = false;
  /** Bound port (same number for UDP and TCP). */
  port = 0;
  /** Bound TLS port (0 while TLS is off). */
  tlsPort = 0;

  private constructor(private readonly opts: SipStackOptions) {
    this.logger = opts.logger;
    this.codecs = opts.codecs && opts.codecs.length > 0 ? opts.codecs : CODEC_NAMES;
    for (const c of this.codecs)
      if (!(CODEC_NAMES as readonly string[]).includes(c)) throw new Error(`unsupported codec ${c}`);
    this.preferOurCodecOrder = !opts.preferOfferOrder;
    this.srtpPolicy = opts.srtp ?? 'allow';
    this.userAgent = opts.userAgent ?? 'voice-appliance';
    this.transferTimeoutMs = opts.transferTimeoutMs ?? 30_000;
    const bind = opts.bindAddress ?? '0.0.0.0';
    this.publicHost =
      opts.publicAddress ?? (bind === '0.0.0.0' || bind === '::' ? firstExternalIPv4() : bind);
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.security = new TrunkSecurity(opts.allowFrom ?? [], opts.inboundCredentials !== undefined);
    this.securityMode = this.security.mode;
    if (opts.inboundCredentials) {
      this.verifier = new DigestVerifier({ realm: 'appliance', ...opts.inboundCredentials });
    }
    this.route = opts.route ?? (() => ({ action: 'accept', route: undefined }));
    this.availability = opts.availability ?? (() => ({ accepting: true }));
    this.trunkDomain = opts.trunk ? (opts.trunk.domain ?? hostPortOfUri(opts.trunk.registrarUri)) : undefined;
    const timers = { ...DEFAULT_TIMERS, ...opts.timers };
    this.tx = new TransactionManager(
      timers,
      {
        sendResponse: (d, r) => this.sendRaw(d, r),
        sendRequest: (d, r) => this.sendRaw(d, r),
      },
      this.limits.maxTransactions,
      (t, status) => t.onAckTimeout?.(status),
    );
    this.metrics = new SipMetrics(opts.registry, {
      calls: () => this.dialogs.size,
      transactions: () => this.tx.count,
      registered: () => (this.registration?.state === 'registered' ? 1 : 0),
    });
  }

  static async create(opts: SipStackOptions): Promise<SipStack> {
    const stack = new SipStack(opts);
    await stack.bind();
    if (stack.securityMode === 'open')
      stack.logger?.warn(
        `sip trunk security is OPEN: any address may call in (no allowFrom, no inboundCredentials); ${
          opts.openSecurityHint ?? 'pass allowFrom and/or inboundCredentials'
        }`,
      );
    if (opts.trunk) {
      const t = opts.trunk;
      const reg = parseUri(t.registrarUri);
      const host = reg?.kind === 'sip' ? reg.uri.host : t.registrarUri;
      stack.registration = new Registration(
        stack,
        {
          registrarUri: t.registrarUri,
          username: t.username,
          password: t.password,
          expiresS: t.expiresS ?? 300,
          domain: t.domain ?? formatHost(host),
        },
        () => stack.trunkDestination(),
        stack.logger,
      );
      if (t.register !== false) stack.registration.register().catch(() => undefined);
    }
    return stack;
  }

  private async bind(): Promise<void> {
    const address = this.opts.bindAddress ?? '0.0.0.0';
    const transports = this.opts.transports ?? ['udp', 'tcp'];
    const events = {
      onMessage: (data: Buffer, source: Endpoint) => this.onInbound(data, source),
      onDrop: (reason: TransportDropReason) => this.drop(reason),
    };
    const tcpOpts = {
      maxConnections: this.limits.maxTcpConnections,
      maxConnectionsPerSource: this.limits.maxTcpConnectionsPerSource,
      idleTimeoutMs: this.limits.tcpIdleTimeoutMs,
      unconfirmedIdleTimeoutMs: this.limits.tcpUnconfirmedIdleTimeoutMs,
      // With an allow-list and no credentials, a source outside it can never be served: close
      // its connections at accept instead of letting them hold slots.
      ...(this.security.mode === 'allow-list'
        ? { admit: (address: string) => this.security.check(address) !== 'forbid' }
        : {}),
      incompleteMessageTimeoutMs: this.limits.tcpIncompleteMessageTimeoutMs,
      maxMessageBytes: this.limits.maxMessageBytes,
    };
    const wanted = this.opts.port ?? 5060;
    for (let attempt = 0; ; attempt++) {
      try {
        if (transports.includes('udp')) {
          this.udp = await UdpTransport.bind(
            address,
            wanted,
            events,
            this.limits.maxMessageBytes,
            this.logger,
          );
          this.port = this.udp.port;
        }
        if (transports.includes('tcp')) {
          this.tcp = await TcpTransport.listen(
            address,
            this.udp ? this.port : wanted,
            events,
            tcpOpts,
            this.logger,
          );
          this.port = this.tcp.port;
        }
        if (this.opts.tls) {
          this.tls = await TcpTransport.listen(
            address,
            this.opts.tls.port ?? 5061,
            events,
            { ...tcpOpts, tls: this.opts.tls },
            this.logger,
          );
          this.tlsPort = this.tls.port;
        }
        return;
      } catch (err) {
        await this.tcp?.close();
        this.tcp = undefined;
        // Port 0: the UDP port number may be taken for TCP; retry with another pair.
        await this.udp?.close();
        this.udp = undefined;
        if (wanted !== 0 || attempt >= 10) throw err;
      }
    }
  }

  // ---- StackCore -------------------------------------------------------------------------

  via(transport: TransportName): string {
    const port = transport === 'tls' ? this.tlsPort : this.port;
    return `SIP/2.0/${transport.toUpperCase()} ${formatHost(this.publicHost)}:${port};branch=z9hG4bK${randomToken()};rport`;
  }

  contact(transport: TransportName, user = 'appliance'): string {
    const port = transport === 'tls' ? this.tlsPort : this.port;
    return `<sip:${user}@${formatHost(this.publicHost)}:${port}${transport === 'udp' ? '' : `;transport=${transport}`}>`;
  }

  sendRaw(dest: Endpoint, msg: SipRequest | SipResponse): void {
    if (this.stopped) return;
    const data = serializeMessage(msg);
    if (msg.kind === 'response')
      this.metrics.responsesSent?.inc({ class: `${Math.floor(msg.status / 100)}xx` });
    if (dest.transport === 'tcp' || dest.transport === 'tls') {
      const t = dest.transport === 'tls' ? this.tls : this.tcp;
      if (!t?.send(dest, data)) this.drop('send-failed');
    } else if (this.udp) this.udp.send(dest, data);
    else this.drop('send-failed');
  }

  request(req: SipRequest, dest: Endpoint, user: ClientTxUser): void {
    this.tx.request(req, dest, user);
  }

  registerDialog(dialog: Dialog, owner: DialogOwner): void {
    this.dialogs.set(dialog.key, owner);
  }

  unregisterDialog(dialog: Dialog): void {
    if (this.dialogs.get(dialog.key)) this.dialogs.delete(dialog.key);
  }

  // ---- public API ------------------------------------------------------------------------

  onIncomingCall(handler: (call: IncomingCall) => void | Promise<void>): void {
    this.incomingHandler = handler;
  }

  get registrationState(): RegistrationState {
    return this.registration?.state ?? 'disabled';
  }

  /** (Re-)register to the trunk now; resolves true on 2xx. False when no trunk is configured. */
  async register(): Promise<boolean> {
    return this.registration ? this.registration.register() : false;
  }

  /** Resolves on the next registration outcome (true: registered). */
  nextRegistrationOutcome(): Promise<boolean> {
    return this.registration ? this.registration.nextOutcome() : Promise.resolve(false);
  }

  async placeCall(opts: PlaceCallOptions): Promise<ActiveCall> {
    const trunk = this.opts.trunk;
    let targetUri = opts.target;
    const reg = trunk ? parseUri(trunk.registrarUri) : undefined;
    const bare = !/^sips?:/i.test(targetUri);
    if (bare) {
      if (!trunk) throw new Error('placeCall: a bare number needs a configured trunk');
      const domain =
        trunk.domain ??
        (reg?.kind === 'sip' ? formatHost(reg.uri.host) + (reg.uri.port ? `:${reg.uri.port}` : '') : '');
      targetUri = `sip:${opts.target}@${domain}`;
    }
    const parsed = parseUri(targetUri);
    if (parsed?.kind !== 'sip') throw new Error('placeCall: target must be a SIP URI or a number');
    // Numbers, and URIs at the trunk's own host, go through the trunk (its proxy, its
    // credentials); a SIP URI elsewhere (a softphone, another PBX) is dialed directly and vetted
    // by the caller's destination check.
    const at = `${parsed.uri.host.toLowerCase()}:${parsed.uri.port ?? 5060}`;
    const viaTrunk =
      trunk !== undefined &&
      (bare ||
        (reg?.kind === 'sip' && `${reg.uri.host.toLowerCase()}:${reg.uri.port ?? 5060}` === at) ||
        (trunk.domain !== undefined && trunk.domain.toLowerCase().replace(/^([^:]*)$/, '$1:5060') === at));
    const dest = viaTrunk
      ? await this.trunkDestination()
      : await resolve(
          parsed.uri.host,
          parsed.uri.port,
          transportOf(parsed.uri.params.get('transport'), parsed.uri.scheme === 'sips'),
        );
    if (!viaTrunk) await opts.checkDestination?.(dest);
    const fromUser = opts.from ?? (viaTrunk ? trunk.username : undefined) ?? 'appliance';
    const fromDomain = viaTrunk
      ? (trunk.domain ?? hostOfUri(trunk.registrarUri))
      : formatHost(this.publicHost);
    const call = new OutboundCall(
      this,
      opts,
      targetUri,
      `sip:${fromUser}@${fromDomain}`,
      dest,
      viaTrunk ? { username: trunk.username, password: trunk.password } : undefined,
    );
    await call.start();
    return call;
  }

  stats(): SipStackStats {
    return {
      messagesReceived: this.received,
      messagesDropped: { ...this.dropCounts },
      activeDialogs: this.dialogs.size,
      transactions: this.tx.count,
      tcpConnections: this.tcp?.connectionCount ?? 0,
      tlsConnections: this.tls?.connectionCount ?? 0,
      registration: this.registrationState,
      securityMode: this.securityMode,
    };
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    await this.registration?.stop(true).catch(() => undefined);
    // Hang up live calls (BYE/CANCEL/480), bounded so a dead peer cannot hold up shutdown.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.dialogs.values()].map((o) => o.hangup().catch(() => undefined))),
      new Promise((r) => (timer = setTimeout(r, 1500))),
    ]);
    clearTimeout(timer);
    for (const owner of [...this.dialogs.values()]) owner.abort();
    this.stopped = true;
    this.tx.stop();
    await Promise.all([this.udp?.close(), this.tcp?.close(), this.tls?.close()]);
  }

  // ---- inbound pipeline -------------------------------------------------------------------

  private drop(reason: string): void {
    this.dropCounts[reason] = (this.dropCounts[reason] ?? 0) + 1;
    this.metrics.dropped?.inc({ reason });
  }

  private onInbound(data: Buffer, source: Endpoint): void {
    if (this.stopped) return;
    this.received++;
    const r = parseMessage(data, {
      maxBytes: this.limits.maxMessageBytes,
      maxHeaders: this.limits.maxHeaders,
    });
    if (!r.ok) {
      this.metrics.received?.inc({ type: 'malformed' });
      this.onMalformed(r.error, source);
      return;
    }
    const msg = r.message;
    this.metrics.received?.inc({ type: msg.kind });
    try {
      if (msg.kind === 'response') this.onResponse(msg);
      else this.onRequest(stampRequest(msg, source), source);
    } catch (err) {
      this.logger?.error({ err }, 'sip: error while handling a message');
      this.drop('internal-error');
    }
  }

  private onMalformed(err: SipParseError, source: Endpoint): void {
    this.drop(`parse-${err.code}`);
    this.logger?.debug({ code: err.code, detail: err.detail, port: source.port }, 'sip: malformed message');
    if (!err.respondWith || this.security.check(source.address) === 'forbid') return;
    const headers = stampTopVia(err.respondWith.headers, source);
    const res = buildResponseFromHeaders(headers, 400, {
      toTag: randomToken(),
      headers: [header('warning', `399 ${this.publicHost} "${err.detail.replace(/["\\\r\n]/g, '')}"`)],
    });
    this.sendRaw(responseDestination(getHeaderValues(res, 'via')[0], source), res);
  }

  private onResponse(res: SipResponse): void {
    if (this.tx.receiveResponse(res)) return;
    // A 2xx retransmission after our INVITE transaction ended: re-ACK through the dialog.
    if (res.status >= 200 && res.status < 300 && cseqOf(res).method === 'INVITE') {
      const key = dialogKey(
        getHeader(res, 'call-id') ?? '',
        tagOf(res, 'from') ?? '',
        tagOf(res, 'to') ?? '',
      );
      const owner = this.dialogs.get(key);
      if (owner instanceof OutboundCall && owner.resendAck(res)) return;
    }
    this.drop('stray-response');
  }

  private stateless(req: SipRequest, source: Endpoint, status: number, headers: SipHeader[] = []): void {
    if (req.method === 'ACK') return;
    const res = buildResponse(req, status, { toTag: randomToken(), headers });
    this.sendRaw(responseDestination(getHeaderValues(req, 'via')[0], source), res);
  }

  private onRequest(req: SipRequest, source: Endpoint): void {
    const inDialogKey = dialogKeyOfIncoming(req);
    const owner = inDialogKey ? this.dialogs.get(inDialogKey) : undefined;

    // Trunk security first: nothing is created for rejected sources (RFC 3261 §26 / brief).
    const verdict = this.security.check(source.address);
    if (verdict === 'forbid') {
      this.drop('forbidden');
      this.stateless(req, source, 403);
      return;
    }
    if (verdict === 'challenge' && !owner && req.method !== 'ACK' && req.method !== 'CANCEL') {
      const authz = getHeader(req, 'authorization');
      const result = authz && this.verifier ? this.verifier.verify(authz, req.method) : 'none';
      if (result !== 'ok') {
        if (result === 'bad') {
          this.drop('auth-failed');
          this.stateless(req, source, 403);
        } else
          this.stateless(req, source, 401, [
            header('www-authenticate', this.verifier?.challenge('MD5', result === 'stale') ?? ''),
          ]);
        return;
      }
    }

    // A request that passed trunk security confirms its TCP connection (normal idle timeout).
    if (source.transport !== 'udp' && source.connectionId !== undefined)
      (source.transport === 'tls' ? this.tls : this.tcp)?.confirm(source.connectionId);

    const existing = this.tx.matchServer(req);
    if (existing) {
      if (req.method === 'ACK') existing.ackReceived();
      else existing.retransmission();
      return;
    }
    if (req.method === 'ACK') {
      if (owner) owner.handleAck(req);
      else this.drop('stray-ack');
      return;
    }
    if (this.tx.full) {
      this.drop('overload');
      this.stateless(req, source, 503, [header('retry-after', '5')]);
      return;
    }
    if (req.method === 'CANCEL') {
      this.onCancel(req, source);
      return;
    }
    const tx = this.tx.createServer(
      req,
      source,
      req.method === 'INVITE' ? buildResponse(req, 100) : undefined,
    );
    const rejection = validateRequest(req);
    if (rejection) {
      tx.respond(
        buildResponse(req, rejection.status, {
          toTag: randomToken(),
          headers: rejection.headers,
          ...(rejection.reason ? { reason: rejection.reason } : {}),
        }),
      );
      return;
    }
    if (inDialogKey) {
      if (owner) owner.handleInDialog(req, tx);
      else tx.respond(buildResponse(req, 481));
      return;
    }
    switch (req.method) {
      case 'INVITE':
        handleNewInvite(this, this.route, this.incomingHandler, req, tx, source).catch((err: unknown) => {
          this.logger?.error({ err }, 'sip: INVITE handling failed');
          tx.respond(buildResponse(req, 500, { toTag: randomToken() }));
        });
        return;
      case 'OPTIONS': {
        const avail = this.availability();
        if (!avail.accepting) {
          tx.respond(
            buildResponse(req, 503, {
              toTag: randomToken(),
              reason: avail.reason,
              headers: [header('retry-after', String(avail.retryAfterS)), header('server', this.userAgent)],
            }),
          );
          return;
        }
        tx.respond(
          buildResponse(req, 200, {
            toTag: randomToken(),
            headers: [
              header('allow', ALLOW_HEADER),
              header('accept', 'application/sdp'),
              header('accept-encoding', 'identity'),
              header('server', this.userAgent),
            ],
          }),
        );
        return;
      }
      default:
        tx.respond(buildResponse(req, 481));
    }
  }

  private onCancel(req: SipRequest, source: Endpoint): void {
    const target = this.tx.matchCancelTarget(req);
    const tx = this.tx.createServer(req, source);
    if (!target) {
      tx.respond(buildResponse(req, 481, { toTag: randomToken() }));
      return;
    }
    tx.respond(buildResponse(req, 200, { toTag: randomToken() }));
    if (target.finalStatus === undefined) target.onCancel?.();
  }

  private async trunkDestination(): Promise<Endpoint> {
    const t = this.opts.trunk;
    if (!t) throw new Error('no trunk configured');
    const transport = t.transport ?? 'udp';
    if (t.proxy) {
      const p = parseUri(/^sips?:/i.test(t.proxy) ? t.proxy : `sip:${t.proxy}`);
      if (p?.kind !== 'sip') throw new Error(`invalid trunk proxy ${t.proxy}`);
      return resolve(p.uri.host, p.uri.port, transport);
    }
    const r = parseUri(t.registrarUri);
    if (r?.kind !== 'sip') throw new Error(`invalid registrarUri ${t.registrarUri}`);
    const explicit = r.uri.params.get('transport') ?? (r.uri.scheme === 'sips' ? 'tls' : undefined);
    return resolve(r.uri.host, r.uri.port, explicit ? transportOf(explicit) : transport);
  }
}

/** Create and bind a SIP stack. */
export function createSipStack(opts: SipStackOptions): Promise<SipStack> {
  return SipStack.create(opts);
}
