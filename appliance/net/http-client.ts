import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { OutboundRefused, type OutboundGuard } from './outbound-guard.js';

/**
 * Outbound HTTP(S) for webhooks and CRM connectors, always under the OutboundGuard: the URL is
 * vetted (scheme, credentials, names), every address is checked at connect time, no redirect
 * is followed (a redirect could lead anywhere), and the whole exchange is bounded.
 */
export interface HttpResult {
  statusCode: number;
  /** The response body, truncated to maxResponseBytes (default 64 KiB). */
  body: string;
}

export interface SendOptions {
  method?: 'POST' | 'GET';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  guard: OutboundGuard;
  maxResponseBytes?: number;
}

export function parseTargetUrl(raw: string, guard: OutboundGuard): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused('not a valid absolute URL', 'invalid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new OutboundRefused('only http and https URLs are allowed', 'scheme');
  if (url.username || url.password)
    throw new OutboundRefused('credentials in the URL are not allowed; use a header', 'credentials');
  // WHATWG parsing already made IPv4 literals canonical (127.1, 2130706433, 0x7f000001, 0177.0.0.1).
  guard.checkName(url.hostname.replace(/^\[|\]$/g, ''));
  return url;
}

export const portOf = (url: URL): number =>
  url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;

/** Full check of a target URL: syntax, name, every address it resolves to now. */
export async function checkTargetUrl(raw: string, guard: OutboundGuard): Promise<URL> {
  const url = parseTargetUrl(raw, guard);
  await guard.resolve(url.hostname, portOf(url));
  return url;
}

/** What a delivery log may say about a failed exchange: nothing that tells open from closed ports. */
export function publicError(err: unknown): string {
  if (err instanceof OutboundRefused) return `destination refused: ${err.message}`;
  return 'no response from the destination (connection failed, closed or timed out)';
}

export function sendHttp(o: SendOptions): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = parseTargetUrl(o.url, o.guard);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host)) o.guard.checkAddress(host, portOf(url), host);
    } catch (err) {
      reject(err as Error);
      return;
    }
    const port = portOf(url);
    const lib = url.protocol === 'https:' ? https : http;
    const max = o.maxResponseBytes ?? 65_536;
    const headers: Record<string, string | number> = { 'user-agent': 'voice-appliance/1', ...o.headers };
    if (o.body !== undefined) headers['content-length'] = Buffer.byteLength(o.body);
    const req = lib.request(
      url,
      {
        method: o.method ?? 'POST',
        headers,
        lookup: o.guard.lookup(port) as never,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < max) chunks.push(c.subarray(0, max - size));
          size += c.length;
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${o.timeoutMs} ms`)), o.timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(o.body);
  });
}
