/**
 * RTP/RTCP port pairs from a configured range: even RTP port, RTCP on the next odd port (RFC 3550
 * section 11). Allocation is round-robin from the last handed-out port, so a freed pair is reused only
 * after the rest of the range (stray packets of a just-ended call do not land in a new one). Ports held
 * by other processes (bind fails with EADDRINUSE) are skipped.
 */
import dgram from 'node:dgram';

export class PortRangeExhaustedError extends Error {
  readonly code = 'PORTS_EXHAUSTED';
  constructor(min: number, max: number) {
    super(`no free RTP port pair in ${min}-${max}`);
    this.name = 'PortRangeExhaustedError';
  }
}

export interface BoundPair {
  rtpPort: number;
  rtp: dgram.Socket;
  rtcp: dgram.Socket;
}

function bindSocket(address: string, port: number): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const sock = dgram.createSocket({ type: address.includes(':') ? 'udp6' : 'udp4' });
    const onError = (err: Error): void => {
      sock.close();
      reject(err);
    };
    sock.once('error', onError);
    sock.bind(port, address, () => {
      sock.off('error', onError);
      resolve(sock);
    });
  });
}

export class PortAllocator {
  readonly min: number;
  readonly max: number;
  private readonly inUse = new Set<number>();
  private cursor: number;

  constructor(rtpPortMin: number, rtpPortMax: number) {
    const min = rtpPortMin + (rtpPortMin % 2);
    if (!Number.isInteger(rtpPortMin) || !Number.isInteger(rtpPortMax) || min < 1024 || rtpPortMax > 65535) {
      throw new RangeError(`invalid RTP port range ${rtpPortMin}-${rtpPortMax}`);
    }
    if (min + 1 > rtpPortMax)
      throw new RangeError(`RTP port range ${rtpPortMin}-${rtpPortMax} holds no pair`);
    this.min = min;
    this.max = rtpPortMax;
    this.cursor = min;
  }

  /** Number of pairs in the range. */
  get capacity(): number {
    return Math.floor((this.max - this.min + 1) / 2);
  }

  get used(): number {
    return this.inUse.size;
  }

  /** Next candidate even ports in round-robin order, skipping ones in use. */
  private *candidates(): Generator<number> {
    const n = this.capacity;
    for (let i = 0; i < n; i++) {
      const port = this.min + ((this.cursor - this.min + 2 * i) % (2 * n));
      if (!this.inUse.has(port)) yield port;
    }
  }

  /** Reserve a pair without binding (pure bookkeeping; used by tests and by bindPair). */
  reserve(): number {
    for (const port of this.candidates()) {
      this.take(port);
      return port;
    }
    throw new PortRangeExhaustedError(this.min, this.max);
  }

  private take(port: number): void {
    this.inUse.add(port);
    this.cursor = port + 2 > this.max - 1 ? this.min : port + 2;
  }

  /** Reserve and bind both sockets on `address`; skips ports other processes hold. */
  async bindPair(address: string): Promise<BoundPair> {
    for (const port of [...this.candidates()]) {
      if (this.inUse.has(port)) continue;
      this.inUse.add(port);
      let rtp: dgram.Socket | undefined;
      try {
        rtp = await bindSocket(address, port);
        const rtcp = await bindSocket(address, port + 1);
        this.take(port);
        return { rtpPort: port, rtp, rtcp };
      } catch (err) {
        rtp?.close();
        this.inUse.delete(port);
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EADDRINUSE' && code !== 'EACCES') throw err;
      }
    }
    throw new PortRangeExhaustedError(this.min, this.max);
  }

  release(port: number): void {
    this.inUse.delete(port);
  }
}
