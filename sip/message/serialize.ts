import { displayHeaderName } from './headers.js';
import type { SipMessage } from './types.js';

/**
 * Serialize with canonical header names, CRLF line ends and a Content-Length derived from the
 * body (always present, so the output is valid over TCP too).
 */
export function serializeMessage(msg: SipMessage): Buffer {
  let head =
    msg.kind === 'request'
      ? `${msg.method} ${msg.uri} ${msg.version}\r\n`
      : `${msg.version} ${msg.status} ${msg.reason}\r\n`;
  for (const h of msg.headers) {
    if (h.name === 'content-length') continue;
    head += `${displayHeaderName(h.name)}: ${h.value}\r\n`;
  }
  head += `Content-Length: ${msg.body.length}\r\n\r\n`;
  if (msg.body.length === 0) return Buffer.from(head, 'utf8');
  return Buffer.concat([Buffer.from(head, 'utf8'), msg.body]);
}
