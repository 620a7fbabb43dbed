/**
 * Twilio request signatures (`X-Twilio-Signature`), as Twilio documents them: HMAC-SHA1, keyed
 * with the account's auth token, over the full URL Twilio requested (scheme, host, port, path and
 * query) followed by every POST parameter's name and value, sorted by name, with no separators;
 * base64. Twilio's own helper libraries also accept the URL with the default port added or
 * removed (a proxy may differ from Twilio in writing it), and so does this check.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Form parameters in request order; a name may repeat (Twilio sorts the pairs, values too). */
export type FormParams = readonly (readonly [string, string])[];

export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  const pairs = [...params].sort(([ka, va], [kb, vb]) => cmp(ka, kb) || cmp(va, vb));
  const h = createHmac('sha1', authToken);
  h.update(url, 'utf8');
  for (const [k, v] of pairs) h.update(k + v, 'utf8');
  return h.digest('base64');
}

/** Byte order (what Twilio's libraries sort by), not locale order. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The URL as written, and with its scheme's default port added or removed. */
export function urlVariants(url: string): string[] {
  const m = /^(https?):\/\/([^/?#]*)(.*)$/i.exec(url);
  if (!m) return [url];
  const [, scheme = '', authority = '', rest = ''] = m;
  const def = scheme.toLowerCase() === 'https' ? '443' : '80';
  // The port follows the last colon after an IPv6 literal's closing bracket, if any.
  const port = /:(\d+)$/.exec(authority.replace(/^.*\]/, ''));
  if (!port) return [url, `${scheme}://${authority}:${def}${rest}`];
  if (port[1] === def) return [url, `${scheme}://${authority.slice(0, -port[0].length)}${rest}`];
  return [url];
}

/** Constant-time check of a signature header against the URL (and its port variants) and params. */
export function validTwilioSignature(
  authToken: string,
  header: string | undefined,
  url: string,
  params: FormParams,
): boolean {
  if (!header) return false;
  const got = Buffer.from(header, 'utf8');
  for (const candidate of urlVariants(url)) {
    const want = Buffer.from(twilioSignature(authToken, candidate, params), 'utf8');
    if (want.length === got.length && timingSafeEqual(want, got)) return true;
  }
  return false;
}
