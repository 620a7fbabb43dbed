import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import type { Logger } from 'pino';
import type { Endpoint } from '../message/types.js';
import { StreamFramer } from './framing.js';
import type { TransportEvents } from './types.js';

export interface TcpOptions {
  readonly maxConnections: number;
  /** Inbound connections one source address may hold at once (default 32); more are closed at accept. */
  readonly maxConnectionsPerSource: number;
  /** Close connections without traffic for this long (default 300,000 ms). */
  readonly idleTimeoutMs: number;
  /**
   * Idle timeout of an inbound connection that has not yet sent a request the stack accepted
   * (`confirm`), default 10,000 ms: connections opened and left idle do not hold slots for long.
   */
  readonly unconfirmedIdleTimeoutMs: number;
  /**
   * Accept-time filter on the source address (the trunk allow-list when no digest credentials
   * could admit other sources): false closes the connection at once, before any byte is read.
   */
  readonly admit?: (address: string) => boolean;
  /** Close a connection whose partial message does not complete in this time (RFC 4475 clerr). */
  readonly incompleteMessageTimeoutMs: number;
  readonly maxMessageBytes: number;
  /** Set: this is the TLS transport (RFC 3261 §26.2, `SIP/2.0/TLS`), same framing and limits. */
  readonly tls?: TlsSettings;
}

/** Certificates and peer checks of the TLS transport. */
export interface TlsSettings {
  /** Our certificate chain and key (PEM). */
  readonly cert: Buffer | string;
  readonly key: Buffer | string;
  /** CA bundle (PEM) that peer certificates must chain to; unset: Node's default CAs (outbound only). */
  readonly ca?: Buffer | string;
  /** Outbound: verify the server certificate against `ca` and the host name (default true). */
  readonly verifyServer?: boolean;
  /** Inbound: ask for a client certificate and refuse handshakes without a valid one (default false). */
  readonly requireClientCert?: boolean;
  /**
   * SHA-256 fingerprints (hex, colons optional) of the peer leaf certificates allowed. Set: every
   * connection, both directions, must present one of them (inbound peers are asked for a certificate).
   */
  readonly pinSha256?: readonly string[];
  /** Handshakes that do not finish in this time are dropped, default 10,000 ms. */
  readonly handshakeTimeoutMs?: number;
}

/** 'AB:CD:..' or 'abcd..' to 'ABCD..'. */
export function normalizeFingerprint(fp: string): string {
  return fp.replace(/[:\s]/g, '').toUpperCase();
}

/** SHA-256 fingerprint of a PEM certificate, as `openssl x509 -fingerprint -sha256` prints it. */
export function certificateFingerprint(pem: Buffer | string): string {
  return new X509Certificate(pem).fingerprint256;
}

interface Conn {
  readonly id: number;
  readonly socket: net.Socket;
  readonly framer: StreamFramer;
  readonly remote: Endpoint;
  /** Inbound and not yet confirmed by a valid request (outbound connections start confirmed). */
  confirmed: boolean;
  readonly inbound: boolean;
  incompleteTimer: NodeJS.Timeout | undefined;
}

/**
 * TCP (or TLS) listener plus outbound connections (reused per remote address:port). TLS has the
 * same framing, caps and idle timeouts; its handshake failures (bad certificate, pin mismatch,
 * garbage instead of a ClientHello, timeout) are dropped and counted, never thrown.
 */
export class TcpTransport {
  private readonly conns = new Map<number, Conn>();
  private readonly byRemote = new Map<string, Conn>();
  /** Inbound connections per source address. */
  private readonly perSource = new Map<string, number>();
  private nextId = 1;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    readonly kind: 'tcp' | 'tls',
    private readonly events: TransportEvents,
    private readonly opts: TcpOptions,
    private readonly logger?: Logger,
  ) {}

  static async listen(
    address: string,
    port: number,
    events: TransportEvents,
    opts: TcpOptions,
    logger?: Logger,
  ): Promise<TcpTransport> {
    const secure = opts.tls;
    const pins = (secure?.pinSha256 ?? []).map(normalizeFingerprint);
    const server = secure
      ? tls.createServer({
          cert: secure.cert,
          key: secure.key,
          ...(secure.ca ? { ca: secure.ca } : {}),
          requestCert: secure.requireClientCert === true || pins.length > 0,
          rejectUnauthorized: secure.requireClientCert === true,
          handshakeTimeout: secure.handshakeTimeoutMs ?? 10_000,
          minVersion: 'TLSv1.2',
        })
      : net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: address, port }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address();
    const t = new TcpTransport(
      server,
      typeof addr === 'object' && addr ? addr.port : port,
      secure ? 'tls' : 'tcp',
      events,
      opts,
      logger,
    );
    if (server instanceof tls.Server) {
      // The allow-list applies to the raw connection, before any handshake work.
      server.on('connection', (socket: net.Socket) => {
        if (opts.admit && !opts.admit(socket.remoteAddress ?? '')) {
          events.onDrop('tcp-source-not-allowed');
          socket.destroy();
        }
      });
      server.on('secureConnection', (socket: tls.TLSSocket) => {
        if (!t.pinned(socket, pins)) return;
        t.adopt(socket);
      });
      server.on('tlsClientError', (err, socket) => {
        logger?.info({ err, remote: socket.remoteAddress }, 'sip tls handshake failed');
        events.onDrop('tls-handshake-failed');
        socket.destroy();
      });
    } else server.on('connection', (socket) => t.adopt(socket));
    server.on('error', (err) => logger?.warn({ err }, `sip ${t.kind} server error`));
    return t;
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  /**
   * Takes a connection on: inbound ones pass the source filter and the per-source limit first.
   * At the box-wide limit the oldest unconfirmed inbound connection makes room, so idle
   * connections can never lock out a peer that speaks SIP; only when every slot holds a confirmed
   * connection is the new one refused.
   */
  private adopt(socket: net.Socket, dest?: Endpoint): Conn | undefined {
    const inbound = dest === undefined;
    const source = socket.remoteAddress ?? '';
    if (inbound) {
      if (this.opts.admit && !this.opts.admit(source)) {
        this.events.onDrop('tcp-source-not-allowed');
        socket.destroy();
        return undefined;
      }
      if ((this.perSource.get(source) ?? 0) >= this.opts.maxConnectionsPerSource) {
        this.events.onDrop('tcp-too-many-from-source');
        socket.destroy();
        return undefined;
      }
    }
    if (this.conns.size >= this.opts.maxConnections) {
      const victim = [...this.conns.values()].find((c) => c.inbound && !c.confirmed);
      if (!victim) {
        this.events.onDrop('tcp-too-many-connections');
        socket.destroy();
        return undefined;
      }
      this.events.onDrop('tcp-evicted-unconfirmed');
      victim.socket.destroy();
      this.forget(victim);
    }
    const id = this.nextId++;
    const remote: Endpoint = {
      transport: this.kind,
      address: dest?.address ?? source,
      port: dest?.port ?? socket.remotePort ?? 0,
      connectionId: id,
    };
    const conn: Conn = {
      id,
      socket,
      framer: new StreamFramer(this.opts.maxMessageBytes),
      remote,
      confirmed: !inbound,
      inbound,
      incompleteTimer: undefined,
    };
    this.conns.set(id, conn);
    if (inbound) this.perSource.set(source, (this.perSource.get(source) ?? 0) + 1);
    this.byRemote.set(`${remote.address}|${remote.port}`, conn);
    socket.setNoDelay(true);
    socket.setTimeout(inbound ? this.opts.unconfirmedIdleTimeoutMs : this.opts.idleTimeoutMs, () =>
      socket.destroy(),
    );
    socket.on('data', (chunk) => this.onData(conn, chunk));
    socket.on('error', (err) => this.logger?.debug({ err }, `sip ${this.kind} connection error`));
    socket.on('close', () => this.forget(conn));
    return conn;
  }

  /** Pin check of a finished handshake; false (and the socket destroyed) on a mismatch. */
  private pinned(socket: tls.TLSSocket, pins: readonly string[]): boolean {
    if (pins.length === 0) return true;
    const fp = socket.getPeerCertificate().fingerprint256;
    if (fp && pins.includes(normalizeFingerprint(fp))) return true;
    this.logger?.warn({ remote: socket.remoteAddress }, 'sip tls peer certificate not pinned: closing');
    this.events.onDrop('tls-pin-mismatch');
    socket.destroy();
    return false;
  }

  /** The stack accepted a request on this connection: it gets the normal idle timeout from now on. */
  confirm(connectionId: number): void {
    const conn = this.conns.get(connectionId);
    if (!conn || conn.confirmed) return;
    conn.confirmed = true;
    conn.socket.setTimeout(this.opts.idleTimeoutMs);
  }

  private onData(conn: Conn, chunk: Buffer): void {
    for (const ev of conn.framer.push(chunk)) {
      if (ev.kind === 'message') this.events.onMessage(ev.data, conn.remote);
      else if (ev.kind === 'keepalive') conn.socket.write('\r\n');
      else {
        this.logger?.info(
          { reason: ev.reason, connectionId: conn.id },
          'sip tcp framing error: closing connection',
        );
        this.events.onDrop('tcp-framing');
        conn.socket.destroy();
        return;
      }
    }
    if (conn.framer.pending && !conn.incompleteTimer) {
      conn.incompleteTimer = setTimeout(() => {
        this.events.onDrop('tcp-body-timeout');
        conn.socket.destroy();
      }, this.opts.incompleteMessageTimeoutMs);
    } else if (!conn.framer.pending && conn.incompleteTimer) {
      clearTimeout(conn.incompleteTimer);
      conn.incompleteTimer = undefined;
    }
  }

  private forget(conn: Conn): void {
    if (conn.incompleteTimer) clearTimeout(conn.incompleteTimer);
    if (!this.conns.delete(conn.id)) return; // already forgotten (evicted, then closed)
    if (conn.inbound) {
      const left = (this.perSource.get(conn.remote.address) ?? 1) - 1;
      if (left > 0) this.perSource.set(conn.remote.address, left);
      else this.perSource.delete(conn.remote.address);
    }
    const key = `${conn.remote.address}|${conn.remote.port}`;
    if (this.byRemote.get(key) === conn) this.byRemote.delete(key);
  }

  /**
   * Send on the connection the request came in on; otherwise reuse or open a connection to
   * address:port (RFC 3261 §18.2.2 / §18.1.1).
   */
  send(dest: Endpoint, data: Buffer): boolean {
    let conn = dest.connectionId !== undefined ? this.conns.get(dest.connectionId) : undefined;
    conn ??= this.byRemote.get(`${dest.address}|${dest.port}`);
    if (!conn) {
      const socket = this.connect(dest);
      conn = this.adopt(socket, dest);
      if (!conn) return false;
    }
    if (conn.socket.destroyed) return false;
    conn.socket.write(data);
    return true;
  }

  private connect(dest: Endpoint): net.Socket {
    const secure = this.opts.tls;
    if (!secure) return net.connect({ host: dest.address, port: dest.port });
    const pins = (secure.pinSha256 ?? []).map(normalizeFingerprint);
    const socket = tls.connect({
      host: dest.address,
      port: dest.port,
      cert: secure.cert,
      key: secure.key,
      ...(secure.ca ? { ca: secure.ca } : {}),
      ...(dest.serverName && !net.isIP(dest.serverName) ? { servername: dest.serverName } : {}),
      // A pinned peer is trusted by its pin alone (self-signed PBX certificates are common).
      rejectUnauthorized: secure.verifyServer !== false && pins.length === 0,
      ...(dest.serverName
        ? {
            checkServerIdentity: (_h: string, cert: tls.PeerCertificate) =>
              tls.checkServerIdentity(dest.serverName ?? '', cert),
          }
        : {}),
      minVersion: 'TLSv1.2',
    });
    let handshaken = false;
    socket.once('secureConnect', () => {
      handshaken = true;
      this.pinned(socket, pins);
    });
    socket.once('error', (err) => {
      if (handshaken) return;
      this.logger?.warn({ err, remote: dest.address }, 'sip tls connect failed');
      this.events.onDrop('tls-handshake-failed');
    });
    return socket;
  }

  async close(): Promise<void> {
    for (const c of this.conns.values()) c.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
