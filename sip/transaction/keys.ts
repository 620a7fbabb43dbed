import { getHeader, getHeaderValues } from '../message/headers.js';
import { parseNameAddr } from '../message/nameaddr.js';
import type { SipMessage } from '../message/types.js';
import { BRANCH_COOKIE, parseVia } from '../message/via.js';

export function cseqOf(msg: SipMessage): { seq: number; method: string } {
  const v = getHeader(msg, 'cseq') ?? '';
  const sp = v.search(/[ \t]/);
  return { seq: Number(v.slice(0, sp)), method: v.slice(sp).trim() };
}

export function tagOf(msg: SipMessage, name: 'from' | 'to'): string | undefined {
  const na = parseNameAddr(getHeader(msg, name) ?? '');
  const tag = na?.params.get('tag');
  return tag ?? undefined;
}

/**
 * Server transaction key (RFC 3261 §17.2.3): branch + sent-by + method (ACK maps to INVITE).
 * Branches without the magic cookie (or the bare cookie, RFC 4475 badbranch) fall back to
 * RFC 2543 matching on Call-ID, CSeq number, From tag and the top Via.
 */
export function serverKey(msg: SipMessage, methodOverride?: string): string {
  const method = methodOverride ?? cseqOf(msg).method;
  const m = method === 'ACK' ? 'INVITE' : method;
  const topRaw = getHeaderValues(msg, 'via')[0] ?? '';
  const via = parseVia(topRaw);
  const branch = via?.branch;
  if (branch && branch.startsWith(BRANCH_COOKIE) && branch.length > BRANCH_COOKIE.length) {
    // Call-ID is not in RFC 3261's rule, but peers that reuse branches across calls (RFC 4475
    // reuses them between messages) must not have their new requests absorbed as retransmissions.
    return `${branch}|${via.host}:${via.port ?? ''}|${m}|${getHeader(msg, 'call-id') ?? ''}`;
  }
  return `2543|${getHeader(msg, 'call-id')}|${cseqOf(msg).seq}|${tagOf(msg, 'from') ?? ''}|${topRaw}|${m}`;
}

/** Client transaction key (RFC 3261 §17.1.3): top Via branch + CSeq method. */
export function clientKey(msg: SipMessage): string {
  const via = parseVia(getHeaderValues(msg, 'via')[0] ?? '');
  return `${via?.branch ?? ''}|${cseqOf(msg).method}`;
}
