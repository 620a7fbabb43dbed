import dgram from 'node:dgram';
import net from 'node:net';
import tls from 'node:tls';

export interface Received {
  readonly text: string;
  readonly status: number | undefined;
  readonly method: string | undefined;
  header(name: string): string | undefined;
}

function wrap(text: string): Received {
  const first = text.slice(0, text.indexOf('\r\n'));
  const sm = /^SIP\/2\.0 (\d{3})/.exec(first);
  return {
    text,
    status: sm ? Number(sm[1]) : undefined,
    method: sm ? undefined : first.split(' ')[0],
    header(name: string) {
      const re = new RegExp(`^${name}[ \\t]*:[ \\t]*(.*)$`, 'im');
      return re.exec(text.slice(0, text.indexOf('\r\n\r\n')))?.[1]?.trim();
    },
  };
}

/** A scriptable raw SIP peer on 127.0.0.1 (UDP or TCP) for UAS behaviour tests. */
export class RawPeer {
  readonly inbox: Received[] = [];
  private waiters: { pred: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];
  port = 0;
  private udp: dgram.Socket | undefined;
  private tcp: net.Socket | undefined;
  private tcpBuf = '';
  closed = false;

  private constructor(public targetPort: number) {}

  static async udp(targetPort: number): Promise<RawPeer> {
    const p = new RawPeer(targetPort);
    const s = dgram.createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
    p.port = s.address().port;
    s.on('message', (m) => p.push(m.toString('utf8')));
    p.udp = s;
    return p;
  }

  /** `localAddress`: another loopback source such as 127.0.0.2 (Linux routes all of 127/8 to lo). */
  static async tcp(targetPort: number, localAddress?: string): Promise<RawPeer> {
    return RawPeer.stream(targetPort, localAddress);
  }

  /** Over TLS (`secure`: client certificate, CA; by default the server certificate is not checked). */
  static async tls(targetPort: number, secure: tls.ConnectionOptions = {}): Promise<RawPeer> {
    return RawPeer.stream(targetPort, undefined, secure);
  }

  private static async stream(
    targetPort: number,
    localAddress: string | undefined,
    secure?: tls.ConnectionOptions,
  ): Promise<RawPeer> {
    const p = new RawPeer(targetPort);
    const opts = { port: targetPort, host: '127.0.0.1', ...(localAddress ? { localAddress } : {}) };
    const s = secure ? tls.connect({ rejectUnauthorized: false, ...secure, ...opts }) : net.connect(opts);
    await new Promise<void>((r, j) => {
      s.once(secure ? 'secureConnect' : 'connect', () => r());
      s.once('error', j);
    });
    p.port = s.localPort ?? 0;
    s.on('data', (d) => {
      p.tcpBuf += d.toString('utf8');
      for (;;) {
        const he = p.tcpBuf.indexOf('\r\n\r\n');
        if (he === -1) break;
        const cl = Number(/^content-length\s*:\s*(\d+)/im.exec(p.tcpBuf.slice(0, he))?.[1] ?? 0);
        if (p.tcpBuf.length < he + 4 + cl) break;
        p.push(p.tcpBuf.slice(0, he + 4 + cl));
        p.tcpBuf = p.tcpBuf.slice(he + 4 + cl);
      }
    });
    s.on('close', () => (p.closed = true));
    s.on('error', () => undefined);
    p.tcp = s;
    return p;
  }

  private push(text: string): void {
    const r = wrap(text);
    this.inbox.push(r);
    const w = this.waiters.find((x) => x.pred(r));
    if (w) {
      this.waiters = this.waiters.filter((x) => x !== w);
      w.resolve(r);
    }
  }

  send(text: string | Buffer): void {
    const data = typeof text === 'string' ? Buffer.from(text) : text;
    if (this.udp) this.udp.send(data, this.targetPort, '127.0.0.1');
    else this.tcp?.write(data);
  }

  /** Wait for a message (already received or future) matching pred. */
  waitFor(pred: (r: Received) => boolean, timeoutMs = 3000): Promise<Received> {
    const have = this.inbox.find(pred);
    if (have) {
      this.inbox.splice(this.inbox.indexOf(have), 1);
      return Promise.resolve(have);
    }
    return new Promise((resolve, reject) => {
      const entry = {
        pred,
        resolve: (r: Received) => {
          clearTimeout(timer);
          this.inbox.splice(this.inbox.indexOf(r), 1);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== entry);
        reject(
          new Error(
            `timeout waiting for a matching SIP message; inbox: ${this.inbox.map((m) => m.text.split('\r\n')[0]).join(' | ')}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push(entry);
    });
  }

  status(code: number, callId?: string, timeoutMs?: number): Promise<Received> {
    return this.waitFor((r) => r.status === code && (!callId || r.header('call-id') === callId), timeoutMs);
  }

  close(): void {
    this.udp?.close();
    this.tcp?.destroy();
  }
}

let seq = 0;
/** Build a request from this peer (Via/From/To/Call-ID/CSeq filled in). */
export function request(
  peer: RawPeer,
  method: string,
  opts: {
    uri?: string;
    callId?: string;
    cseq?: number;
    cseqMethod?: string;
    fromTag?: string;
    toTag?: string;
    branch?: string;
    headers?: string[];
    body?: string;
    contentType?: string;
    transport?: 'UDP' | 'TCP' | 'TLS';
    version?: string;
  } = {},
): string {
  seq++;
  const body = opts.body ?? '';
  const lines = [
    `${method} ${opts.uri ?? 'sip:1000@127.0.0.1'} ${opts.version ?? 'SIP/2.0'}`,
    `Via: SIP/2.0/${opts.transport ?? 'UDP'} 127.0.0.1:${peer.port};branch=${opts.branch ?? `z9hG4bKt${seq}x${Date.now()}`};rport`,
    'Max-Forwards: 70',
    `From: "Caller" <sip:5551234@127.0.0.1>;tag=${opts.fromTag ?? 'ft' + seq}`,
    `To: <sip:1000@127.0.0.1>${opts.toTag ? `;tag=${opts.toTag}` : ''}`,
    `Call-ID: ${opts.callId ?? `cid${seq}-${Date.now()}`}`,
    `CSeq: ${opts.cseq ?? 1} ${opts.cseqMethod ?? method}`,
    `Contact: <sip:caller@127.0.0.1:${peer.port}${opts.transport === 'TCP' || opts.transport === 'TLS' ? `;transport=${opts.transport.toLowerCase()}` : ''}>`,
    ...(opts.headers ?? []),
    ...(body ? [`Content-Type: ${opts.contentType ?? 'application/sdp'}`] : []),
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ];
  return lines.join('\r\n');
}

export function sdpOffer(port: number, payloads = '0 8 101', direction = 'sendrecv'): string {
  const lines = [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${port} RTP/AVP ${payloads}`,
  ];
  for (const pt of payloads.split(' ')) {
    if (pt === '0') lines.push('a=rtpmap:0 PCMU/8000');
    if (pt === '8') lines.push('a=rtpmap:8 PCMA/8000');
    if (pt === '9') lines.push('a=rtpmap:9 G722/8000');
    if (pt === '101') lines.push('a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16');
  }
  lines.push('a=ptime:20', `a=${direction}`);
  return lines.join('\r\n') + '\r\n';
}
