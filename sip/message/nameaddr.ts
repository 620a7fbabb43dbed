import { type Params, findQuoteEnd, isToken, isWs, parseParams, serializeParams } from './headers.js';
import { type ParsedUri, parseUri } from './uri.js';

/** name-addr / addr-spec with header params (From, To, Contact, Route, Refer-To...). */
export interface NameAddr {
  /** Display name, unquoted; undefined when absent. */
  readonly displayName: string | undefined;
  /** URI text as written (without <>). */
  readonly uriText: string;
  readonly uri: ParsedUri;
  readonly params: Params;
  /** True when the URI was written inside <>. */
  readonly bracketed: boolean;
}

/**
 * Strict-but-practical parse: quoted or token display names, <uri> with params after it, or a
 * bare addr-spec (whose ';' params then belong to the header, RFC 3261 §20.10). Spaces just
 * inside <> are tolerated (RFC 4475 badaspec). Returns null on anything else.
 */
export function parseNameAddr(text: string): NameAddr | null {
  const s = text.trim();
  if (s.length === 0) return null;
  let displayName: string | undefined;
  let i = 0;
  if (s.charCodeAt(0) === 0x22) {
    const end = findQuoteEnd(s, 0);
    if (end < 0) return null;
    displayName = s.slice(1, end).replace(/\\(.)/g, '$1');
    i = end + 1;
    while (i < s.length && isWs(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== 0x3c) return null;
  }
  const lt = s.indexOf('<', i);
  if (lt !== -1) {
    if (displayName === undefined) {
      const dn = s.slice(0, lt).trim();
      if (dn.length > 0) {
        // Unquoted display name: tokens separated by LWS only.
        for (const word of dn.split(/[ \t]+/)) if (!isToken(word)) return null;
        displayName = dn;
      }
    }
    const gt = s.indexOf('>', lt);
    if (gt === -1) return null;
    const uriText = s.slice(lt + 1, gt).trim();
    const uri = parseUri(uriText);
    if (!uri) return null;
    const params = parseParams(s.slice(gt + 1));
    if (!params) return null;
    return { displayName, uriText, uri, params, bracketed: true };
  }
  if (displayName !== undefined) return null;
  // addr-spec: URI up to the first ';' (URI params are impossible here); '?' headers are not allowed.
  const semi = s.indexOf(';');
  const uriText = (semi === -1 ? s : s.slice(0, semi)).trimEnd();
  if (uriText.indexOf('?') !== -1 || /[\s,]/.test(uriText)) return null;
  const uri = parseUri(uriText);
  if (!uri) return null;
  const params = parseParams(semi === -1 ? '' : s.slice(semi));
  if (!params) return null;
  return { displayName: undefined, uriText, uri, params, bracketed: false };
}

export function serializeNameAddr(na: {
  displayName?: string | undefined;
  uriText: string;
  params?: Params | undefined;
}): string {
  let s = '';
  if (na.displayName !== undefined && na.displayName.length > 0)
    s += `"${na.displayName.replace(/["\\]/g, '\\$&')}" `;
  s += `<${na.uriText}>`;
  if (na.params) s += serializeParams(na.params);
  return s;
}
