import net from 'node:net';
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

/** TCP listener plus outbound connections (reused per remote address:port). */
export class TcpTransport {
  private readonly conns = new Map<number, Conn>();
  private readonly byRemote = new Map<string, Conn>();
  /** Inbound connections per source address. */
  private readonly perSource = new Map<string, number>();
  private nextId = 1;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
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
    const server = net.createServer();
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
      events,
      opts,
      logger,
    );
    server.on('connection', (socket) => t.adopt(socket));
    server.on('error', (err) => logger?.warn({ err }, 'sip tcp server error'));
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
      transport: 'tcp',
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
    socket.on('error', (err) => this.logger?.debug({ err }, 'sip tcp connection error'));
    socket.on('close', () => this.forget(conn));
    return conn;
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
      const socket = net.connect({ host: dest.address, port: dest.port });
      conn = this.adopt(socket, dest);
      if (!conn) return false;
    }
    if (conn.socket.destroyed) return false;
    conn.socket.write(data);
    return true;
  }

  async close(): Promise<void> {
    for (const c of this.conns.values()) c.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
