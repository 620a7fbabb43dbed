import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { Logger } from 'pino';
import type { Endpoint } from '../message/types.js';
import type { TransportEvents } from './types.js';

/** One UDP socket: each datagram is one message (RFC 3261 §18.3). */
export class UdpTransport {
  private constructor(
    private readonly socket: dgram.Socket,
    readonly port: number,
    private readonly logger?: Logger,
  ) {}

  static async bind(
    address: string,
    port: number,
    events: TransportEvents,
    maxMessageBytes: number,
    logger?: Logger,
  ): Promise<UdpTransport> {
    const socket = dgram.createSocket({ type: isIPv6(address) ? 'udp6' : 'udp4', reuseAddr: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, address, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    try {
      // Bursts of INVITEs at high call rates overflow the default ~200 KiB receive buffer.
      socket.setRecvBufferSize(4 * 1024 * 1024);
    } catch {
      /* not permitted: keep the default */
    }
    const t = new UdpTransport(socket, socket.address().port, logger);
    socket.on('error', (err) => t.logger?.warn({ err }, 'sip udp socket error'));
    socket.on('message', (data, rinfo) => {
      if (data.length > maxMessageBytes) {
        events.onDrop('oversize-datagram');
        return;
      }
      events.onMessage(data, { transport: 'udp', address: rinfo.address, port: rinfo.port });
    });
    return t;
  }

  send(dest: Endpoint, data: Buffer): void {
    this.socket.send(data, dest.port, dest.address, (err) => {
      if (err) this.logger?.debug({ err, port: dest.port }, 'sip udp send failed');
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}
