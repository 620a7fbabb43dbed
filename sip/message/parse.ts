import { SipParseError, type ParseErrorCode } from './errors.js';
import {
  SINGLE_VALUE_HEADERS,
  canonicalHeaderName,
  countHeader,
  getHeader,
  getHeaderValues,
  isToken,
  isWs,
} from './headers.js';
import { parseNameAddr } from './nameaddr.js';
import type { SipHeader, SipMessage } from './types.js';
import { parseUri } from './uri.js';
import { parseVia } from './via.js';

export interface ParseOptions {
  /** Reject larger messages (default 65,536 bytes). */
  readonly maxBytes?: number;
  /** Reject messages with more header lines (default 256). */
  readonly maxHeaders?: number;
}

export type ParseResult =
  { readonly ok: true; readonly message: SipMessage } | { readonly ok: false; readonly error: SipParseError };

const CRLFCRLF = Buffer.from('\r\n\r\n');
const LFLF = Buffer.from('\n\n');
const VERSION_RE = /^SIP\/\d+\.\d+$/i;
const CSEQ_RE = /^(\d{1,10})[ \t]+(\S+)$/;
const MAX_CSEQ = 0xffffffff;

/**
 * Parse one SIP message from a datagram or a framed stream chunk. Never throws: every failure
 * is a `SipParseError`. Bytes after Content-Length are ignored (RFC 3261 §18.3); without
 * Content-Length the body runs to the end of the buffer (UDP, RFC 2543 compatibility).
 */
export function parseMessage(buf: Buffer, opts: ParseOptions = {}): ParseResult {
  try {
    return parseInner(buf, opts);
  } catch (err) {
    // Defensive: a bug in a helper must never escape as an untyped exception.
    return fail('bad-header', `internal parser error: ${(err as Error).message}`);
  }
}

function fail(code: ParseErrorCode, detail: string, respondWith?: SipParseError['respondWith']): ParseResult {
  return { ok: false, error: new SipParseError(code, detail, respondWith) };
}

function parseInner(buf: Buffer, opts: ParseOptions): ParseResult {
  const maxBytes = opts.maxBytes ?? 65536;
  const maxHeaders = opts.maxHeaders ?? 256;
  if (buf.length > maxBytes) return fail('too-large', `message of ${buf.length} bytes exceeds ${maxBytes}`);
  let start = 0;
  while (start < buf.length && (buf[start] === 0x0d || buf[start] === 0x0a)) start++;
  if (start >= buf.length) return fail('empty', 'no message');

  let headEnd: number;
  let bodyStart: number;
  const crlf = buf.indexOf(CRLFCRLF, start);
  const lf = buf.indexOf(LFLF, start);
  if (crlf !== -1 && (lf === -1 || crlf < lf)) {
    headEnd = crlf;
    bodyStart = crlf + 4;
  } else if (lf !== -1) {
    headEnd = lf;
    bodyStart = lf + 2;
  } else {
    // No blank line: tolerate a header block that runs to the end (RFC 5118 archive files).
    headEnd = buf.length;
    bodyStart = buf.length;
  }
  const headText = buf.toString('utf8', start, headEnd);
  const lines = headText.split('\n');
  const startLine = stripCr(lines[0] ?? '');

  // Headers first, so that errors in the start line can still be answered with a 400.
  const headers: SipHeader[] = [];
  let headerError: string | undefined;
  let lineCount = 0;
  for (let i = 1; i < lines.length; i++) {
    let line = stripCr(lines[i] ?? '');
    if (line.length === 0) continue;
    if (++lineCount > maxHeaders) return fail('too-many-headers', `more than ${maxHeaders} header lines`);
    while (i + 1 < lines.length && isWs((lines[i + 1] ?? '').charCodeAt(0))) {
      line += ' ' + stripCr(lines[i + 1] ?? '').trim();
      i++;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      headerError ??= `header line without name/colon`;
      continue;
    }
    const rawName = line.slice(0, colon).trimEnd();
    if (!isToken(rawName)) {
      headerError ??= `invalid header name`;
      continue;
    }
    headers.push({ name: canonicalHeaderName(rawName), value: line.slice(colon + 1).trim() });
  }

  const isResponse = startLine.startsWith('SIP/') || startLine.startsWith('sip/');
  const msgShell = { headers } as unknown as SipMessage;
  let method = '';
  if (!isResponse) method = startLine.split(' ', 1)[0] ?? '';
  const respondWith = isResponse ? undefined : responseContext(msgShell, method);
  const bad = (code: ParseErrorCode, detail: string): ParseResult => fail(code, detail, respondWith);

  if (headerError) return bad('bad-header', headerError);

  // Content-Length: exactly one non-negative integer no larger than what arrived.
  const clCount = countHeader(msgShell, 'content-length');
  let body: Buffer;
  const available = buf.length - bodyStart;
  if (clCount > 1) return bad('bad-content-length', 'multiple Content-Length headers');
  if (clCount === 1) {
    const clText = getHeader(msgShell, 'content-length') ?? '';
    if (!/^\d{1,10}$/.test(clText))
      return bad('bad-content-length', 'Content-Length is not a non-negative integer');
    const cl = Number(clText);
    if (cl > available)
      return bad('truncated-body', `Content-Length ${cl} exceeds the ${available} body bytes received`);
    body = buf.subarray(bodyStart, bodyStart + cl);
  } else body = buf.subarray(bodyStart);
  const kept = clCount === 0 ? headers : headers.filter((h) => h.name !== 'content-length');

  // Mandatory headers (RFC 3261 §8.1.1), each single-valued where the grammar says so.
  for (const name of ['via', 'from', 'to', 'call-id', 'cseq'] as const) {
    if (countHeader(msgShell, name) === 0) return bad('missing-header', `missing ${name}`);
  }
  for (const name of SINGLE_VALUE_HEADERS) {
    if (countHeader(msgShell, name) > 1) return bad('duplicate-header', `more than one ${name}`);
  }
  const vias = getHeaderValues(msgShell, 'via');
  for (const v of vias) if (!parseVia(v)) return bad('bad-via', 'malformed Via');
  const cseq = CSEQ_RE.exec(getHeader(msgShell, 'cseq') ?? '');
  if (!cseq || Number(cseq[1]) > MAX_CSEQ || !isToken(cseq[2] ?? ''))
    return bad('bad-cseq', 'CSeq must be a 32-bit number and a method');
  for (const name of ['from', 'to'] as const) {
    if (!parseNameAddr(getHeader(msgShell, name) ?? '')) return bad('bad-name-addr', `malformed ${name}`);
  }
  const mf = getHeader(msgShell, 'max-forwards');
  if (mf !== undefined && !/^\d{1,10}$/.test(mf))
    return bad('bad-max-forwards', 'Max-Forwards is not a number');

  if (isResponse) {
    const m = /^(SIP\/\d+\.\d+) (\d{3}) ?(.*)$/is.exec(startLine);
    if (!m) return fail('bad-status', 'malformed status line');
    const status = Number(m[2]);
    if (status < 100 || status > 699) return fail('bad-status', `status ${status} out of range`);
    return {
      ok: true,
      message: {
        kind: 'response',
        version: (m[1] ?? '').toUpperCase(),
        status,
        reason: m[3] ?? '',
        headers: kept,
        body,
      },
    };
  }

  // Request-Line: exactly Method SP Request-URI SP SIP-Version (no extra LWS, RFC 4475 §3.1.2.7-10).
  const parts = startLine.split(' ');
  if (parts.length !== 3)
    return bad('bad-start-line', 'Request-Line must be Method SP Request-URI SP SIP-Version');
  const [, uri, version] = parts as [string, string, string];
  if (!isToken(method)) return bad('bad-start-line', 'invalid method token');
  if (!VERSION_RE.test(version)) return bad('bad-version', 'malformed SIP-Version');
  if (!parseUri(uri)) return bad('bad-uri', 'malformed Request-URI');
  if (cseq[2] !== method) return bad('bad-cseq', 'CSeq method does not match the Request-Line');
  for (const c of getHeaderValues(msgShell, 'contact')) {
    if (c !== '*' && !parseNameAddr(c)) return bad('bad-name-addr', 'malformed Contact');
  }
  return {
    ok: true,
    message: { kind: 'request', method, uri, version: version.toUpperCase(), headers: kept, body },
  };
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

/** Headers a 400 needs (RFC 3261 §8.2.6): all Vias, and the first From/To/Call-ID/CSeq if present. */
function responseContext(msg: SipMessage, method: string): SipParseError['respondWith'] {
  const vias = msg.headers.filter((h) => h.name === 'via');
  if (vias.length === 0 || method.length === 0 || method === 'ACK') return undefined;
  const out: SipHeader[] = [...vias];
  for (const name of ['from', 'to', 'call-id', 'cseq']) {
    const h = msg.headers.find((x) => x.name === name);
    if (h) out.push(h);
  }
  return { method, headers: out };
}
