import { type Params, isToken, parseParams } from './headers.js';
import { parseHostPort } from './uri.js';

export interface Via {
  /** Upper-cased transport token (UDP, TCP, TLS, SCTP or anything else: unknown ones are legal). */
  readonly transport: string;
  readonly host: string;
  readonly port: number | undefined;
  readonly params: Params;
  /** Branch, undefined when absent. */
  readonly branch: string | undefined;
}

export const BRANCH_COOKIE = 'z9hG4bK';

/** Parse one Via value (already split from its list). Returns null when malformed. */
export function parseVia(value: string): Via | null {
  // sent-protocol: name / version / transport, with LWS allowed around the slashes (RFC 4475 wsinv).
  const m = /^\s*([^\s/]+)\s*\/\s*([^\s/]+)\s*\/\s*([^\s/]+)\s+([^;\s]+)\s*(;.*)?$/s.exec(value);
  if (!m) return null;
  const [, proto, ver, transport, sentBy, paramText] = m;
  if (!proto || !ver || !transport || !sentBy) return null;
  if (proto.toUpperCase() !== 'SIP' || !isToken(transport)) return null;
  const hp = parseHostPort(sentBy);
  if (!hp) return null;
  const params = parseParams(paramText ?? '');
  if (!params) return null;
  const branch = params.get('branch');
  return {
    transport: transport.toUpperCase(),
    host: hp.host,
    port: hp.port,
    params,
    branch: branch === null ? undefined : branch,
  };
}
