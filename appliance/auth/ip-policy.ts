import { BlockList, isIP } from 'node:net';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

/**
 * IP allow-lists for the API and admin UI: box-wide (`http.allowFrom`, checked before any route)
 * and per business (`businesses.ip_allow_list`, checked wherever a principal of that business is
 * resolved: sign-in, refresh, every authenticated request). Entries are addresses or CIDRs, IPv4
 * or IPv6; an IPv4 client seen as `::ffff:a.b.c.d` (a dual-stack socket) matches IPv4 entries.
 */
export function canonicalIp(raw: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(raw);
  return m?.[1] ?? raw;
}

export type AllowCheck = (ip: string) => boolean;

/** A matcher for `entries`; empty means every address. Throws on an entry that is not an IP/CIDR. */
export function allowList(entries: readonly string[]): AllowCheck {
  if (!entries.length) return () => true;
  const list = new BlockList();
  for (const raw of entries) {
    const [addrRaw, bitsRaw] = raw.trim().split('/');
    const addr = canonicalIp(addrRaw ?? '');
    const family = isIP(addr);
    if (!family) throw new Error(`not an IP address or CIDR: ${raw}`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const max = family === 4 ? 32 : 128;
    const bits = bitsRaw === undefined ? max : Number(bitsRaw);
    if (
      !Number.isInteger(bits) ||
      bits < 0 ||
      bits > max ||
      (bitsRaw !== undefined && !/^\d+$/.test(bitsRaw))
    )
      throw new Error(`bad prefix length in ${raw}`);
    list.addSubnet(addr, bits, type);
  }
  return (ipRaw) => {
    const ip = canonicalIp(ipRaw);
    const family = isIP(ip);
    return family !== 0 && list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/** Validates a tenant-supplied list (clear 400 naming the entry). */
export function parseAllowList(entries: readonly string[]): AllowCheck {
  try {
    return allowList(entries);
  } catch (err) {
    throw new AppError('validation_failed', (err as Error).message);
  }
}

const cacheMs = 2000;
const cache = new Map<string, { check: AllowCheck; untilMs: number }>();
/** Drop a business's cached list after it changed (other nodes follow within cacheMs). */
export const forgetBusinessAllowList = (businessId: string): void => void cache.delete(businessId);

/** Throws 403 `forbidden` (reason `ip_not_allowed`) when `ip` is outside the business's allow-list. */
export async function assertBusinessIpAllowed(
  app: AppContext,
  businessId: string,
  ip: string,
): Promise<void> {
  let hit = cache.get(businessId);
  if (!hit || hit.untilMs < Date.now()) {
    const row = await app.db.kysely
      .selectFrom('businesses')
      .select('ip_allow_list')
      .where('id', '=', businessId)
      .executeTakeFirst();
    let check: AllowCheck;
    try {
      check = allowList(row?.ip_allow_list ? (JSON.parse(row.ip_allow_list) as string[]) : []);
    } catch (err) {
      // A stored list is validated on write; if it is unreadable anyway, fail closed.
      app.log.error({ err, businessId }, 'unreadable business IP allow-list; refusing');
      check = () => false;
    }
    if (cache.size > 10_000) cache.clear();
    hit = { check, untilMs: Date.now() + cacheMs };
    cache.set(businessId, hit);
  }
  if (!hit.check(ip))
    throw new AppError('forbidden', 'this business does not allow access from your address', {
      details: { reason: 'ip_not_allowed' },
    });
}
