/**
 * Where calls the appliance places may go (issue 23.3), under the one outbound policy
 * (`appliance/net`, config.outbound.allowNetworks):
 * - test calls: a number goes through the trunk; a SIP URI only to a host or network the box
 *   operator allows explicitly (a tenant cannot make the box ring arbitrary SIP endpoints);
 * - transfers (REFER target, bridged leg): an extension or number is the PBX's business; a SIP
 *   URI must be the PBX the call came from, or a destination the outbound policy accepts.
 * Names are checked by what they resolve to; the SIP stack calls `checkDestination` again with
 * the address it is about to send to, so a name that changes meanwhile cannot slip past.
 */
import type { Endpoint } from '../../sip/index.js';
import { AppError } from '../errors.js';
import { OutboundRefused, type OutboundGuard } from '../net/index.js';

/** Host and port of a sip:/sips: URI; undefined for a bare number or extension. */
export function sipUriHost(target: string): { host: string; port: number | undefined } | undefined {
  const m = /^sips?:(?:[^@]*@)?(\[[^\]]*\]|[^:;?>]+)(?::(\d+))?/i.exec(target.trim());
  if (!m?.[1]) return undefined;
  return { host: m[1].replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : undefined };
}

/** Refuses (400) a test-call target the operator does not allow; a number passes (trunk). */
export async function vetTestCallTarget(guard: OutboundGuard, target: string): Promise<void> {
  const h = sipUriHost(target);
  if (!h) return;
  try {
    await guard.resolve(h.host, undefined, { explicitOnly: true });
  } catch (err) {
    if (err instanceof OutboundRefused)
      throw new AppError('validation_failed', `test-call target refused: ${err.message}`, {
        details: { field: 'target', reason: err.reason },
      });
    throw err;
  }
}

/** The SIP stack's connect-time check for a test call. */
export const testCallDestinationCheck =
  (guard: OutboundGuard) =>
  (dest: Endpoint): void =>
    guard.checkAddress(dest.address, undefined, undefined, { explicitOnly: true });

/** The SIP stack's connect-time check for a transfer leg (the PBX the call came from is fine). */
export const transferDestinationCheck =
  (guard: OutboundGuard, pbx: string | undefined) =>
  (dest: Endpoint): void => {
    if (pbx !== undefined && dest.address === pbx) return;
    guard.checkAddress(dest.address, undefined);
  };

/** Whether a transfer target may be used (REFER or bridge); never throws. */
export async function transferTargetAllowed(
  guard: OutboundGuard,
  target: string,
  pbx: string | undefined,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const h = sipUriHost(target);
  if (!h) return /^sips?:/i.test(target.trim()) ? { ok: false, reason: 'not a valid SIP URI' } : { ok: true }; // an extension or number: the PBX routes it
  if (pbx !== undefined && h.host === pbx) return { ok: true };
  try {
    await guard.resolve(h.host, undefined);
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : 'refused' };
  }
}
