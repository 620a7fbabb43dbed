import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { checkAddress, guardedLookup, parseTargetUrl, portOf, type GuardOptions } from './url-guard.js';

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
  guard: GuardOptions;
  maxResponseBytes?: number;
}

/**
 * One outbound HTTP request under the URL policy: the address is vetted at connect time (IP
 * literal checked here, names through guardedLookup), no redirects are followed (a redirect
 * could lead anywhere), and the whole exchange is bounded by timeoutMs.
 */
export function sendHttp(o: SendOptions): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = parseTargetUrl(o.url);
      const port = portOf(url);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host)) checkAddress(host, port, o.guard);
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
        lookup: guardedLookup(port, o.guard) as never,
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
