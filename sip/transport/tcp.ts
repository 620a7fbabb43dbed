import net from 'node:net';
import type { Logger } from 'pino';
import type { Endpoint } from '../message/types.js';
import { StreamFramer } from './framing.js';
import type { TransportEvents } from './types.js';

export interface TcpOptions {
  readonly maxConnections: number;
  /** Close connections without traffic for this long (default 300,000 ms). */
  readonly idleTimeoutMs: number;
  /** Close a connection whose partial message does not complete in this time (RFC 4475 clerr). */
  readonly incompleteMessageTimeoutMs: number;
  readonly maxMessageBytes: number;
}

interface Conn {
  readonly id: number;
  readonly socket: net.Socket;
  readonly framer: StreamFramer;
  readonly remote: Endpoint;
  incompleteTimer: NodeJS.Timeout | undefined;
}

/** TCP listener plus outbound connections (reused per remote address:port). */
export class TcpTransport {
  private readonly conns = new Map<number, Conn>();
  private readonly byRemote = new Map<string, Conn>();
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

  private adopt(socket: net.Socket, dest?: Endpoint): Conn | undefined {
    if (this.conns.size >= this.opts.maxConnections) {
      this.events.onDrop('tcp-too-many-connections');
      socket.destroy();
      return undefined;
    }
    const id = this.nextId++;
    const remote: Endpoint = {
      transport: 'tcp',
      address: dest?.address ?? socket.remoteAddress ?? '',
      port: dest?.port ?? socket.remotePort ?? 0,
      connectionId: id,
    };
    const conn: Conn = {
      id,
      socket,
      framer: new StreamFramer(this.opts.maxMessageBytes),
      remote,
      incompleteTimer: undefined,
    };
    this.conns.set(id, conn);
    this.byRemote.set(`${remote.address}|${remote.port}`, conn);
    socket.setNoDelay(true);
    socket.setTimeout(this.opts.idleTimeoutMs, () => socket.destroy());
    socket.on('data', (chunk) => this.onData(conn, chunk));
    socket.on('error', (err) => this.logger?.debug({ err }, 'sip tcp connection error'));
    socket.on('close', () => this.forget(conn));
    return conn;
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
    this.conns.delete(conn.id);
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
