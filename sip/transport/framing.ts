/** Result of pushing stream bytes: complete messages, or a fatal framing error (close the connection). */
export type FramerEvent =
  | { readonly kind: 'message'; readonly data: Buffer }
  | { readonly kind: 'keepalive' }
  | { readonly kind: 'error'; readonly reason: FramingErrorReason };

export type FramingErrorReason =
  'buffer-overflow' | 'missing-content-length' | 'bad-content-length' | 'conflicting-content-length';

const CRLFCRLF = Buffer.from('\r\n\r\n');
const CL_RE = /^(?:content-length|l)[ \t]*:[ \t]*(.*?)[ \t]*$/gim;

/**
 * Frames SIP messages on a byte stream by Content-Length (RFC 3261 §18.3). Content-Length is
 * mandatory on streams; negative, non-numeric or conflicting values make framing unrecoverable.
 * A message (headers + body) larger than `maxMessageBytes` is an overflow.
 */
export class StreamFramer {
  private buf: Buffer = Buffer.alloc(0);
  private broken = false;

  constructor(private readonly maxMessageBytes = 65536) {}

  /** True while a partial message is buffered (used for the incomplete-body timeout). */
  get pending(): boolean {
    return this.buf.length > 0;
  }

  push(chunk: Buffer): FramerEvent[] {
    if (this.broken) return [];
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const events: FramerEvent[] = [];
    for (;;) {
      // RFC 5626 keep-alive: CRLFCRLF ping between messages; a lone CRLF is ignored.
      let skip = 0;
      while (skip < this.buf.length && (this.buf[skip] === 0x0d || this.buf[skip] === 0x0a)) skip++;
      if (skip >= 4) events.push({ kind: 'keepalive' });
      if (skip > 0) this.buf = this.buf.subarray(skip);
      if (this.buf.length === 0) break;
      const headEnd = this.buf.indexOf(CRLFCRLF);
      if (headEnd === -1) {
        if (this.buf.length > this.maxMessageBytes) return this.fail(events, 'buffer-overflow');
        break;
      }
      const head = this.buf.toString('latin1', 0, headEnd);
      const values: string[] = [];
      CL_RE.lastIndex = 0;
      for (let m = CL_RE.exec(head); m; m = CL_RE.exec(head)) values.push(m[1] ?? '');
      if (values.length === 0) return this.fail(events, 'missing-content-length');
      if (values.some((v) => !/^\d{1,10}$/.test(v))) return this.fail(events, 'bad-content-length');
      const cl = Number(values[0]);
      if (values.length > 1) return this.fail(events, 'conflicting-content-length');
      const total = headEnd + 4 + cl;
      if (total > this.maxMessageBytes) return this.fail(events, 'buffer-overflow');
      if (this.buf.length < total) break;
      // Copy so the emitted message does not pin the (possibly large) receive buffer.
      events.push({ kind: 'message', data: Buffer.from(this.buf.subarray(0, total)) });
      this.buf = this.buf.subarray(total);
    }
    return events;
  }

  private fail(events: FramerEvent[], reason: FramingErrorReason): FramerEvent[] {
    this.broken = true;
    this.buf = Buffer.alloc(0);
    events.push({ kind: 'error', reason });
    return events;
  }
}
