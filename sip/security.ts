import { BlockList, isIPv4, isIPv6 } from 'node:net';

export interface InboundCredentials {
  readonly username: string;
  readonly password: string;
  /** Realm in our 401 challenges, default 'appliance'. */
  readonly realm?: string;
}

/**
 * How inbound requests are admitted:
 * - 'open': no allow-list and no credentials: everything is accepted (development default only).
 * - 'allow-list': only listed source IPs/CIDRs; others get 403.
 * - 'digest': everyone must authenticate (401 challenge).
 * - 'allow-list-or-digest': listed sources pass, others must authenticate.
 */
export type SecurityMode = 'open' | 'allow-list' | 'digest' | 'allow-list-or-digest';

export class TrunkSecurity {
  private readonly list = new BlockList();
  readonly mode: SecurityMode;

  constructor(allowFrom: readonly string[], hasCredentials: boolean) {
    for (const entry of allowFrom) {
      const [addr, bitsText] = entry.split('/');
      if (!addr || !(isIPv4(addr) || isIPv6(addr))) throw new Error(`allowFrom: invalid address '${entry}'`);
      const type = isIPv4(addr) ? 'ipv4' : 'ipv6';
      if (bitsText === undefined) this.list.addAddress(addr, type);
      else {
        const bits = Number(bitsText);
        if (!Number.isInteger(bits) || bits < 0 || bits > (type === 'ipv4' ? 32 : 128))
          throw new Error(`allowFrom: invalid prefix length in '${entry}'`);
        this.list.addSubnet(addr, bits, type);
      }
    }
    const hasList = allowFrom.length > 0;
    this.mode = hasList
      ? hasCredentials
        ? 'allow-list-or-digest'
        : 'allow-list'
      : hasCredentials
        ? 'digest'
        : 'open';
  }

  /** 'accept', 'challenge' (needs digest auth) or 'forbid' (403). */
  check(address: string): 'accept' | 'challenge' | 'forbid' {
    if (this.mode === 'open') return 'accept';
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    const addr = mapped?.[1] ?? address;
    const type = isIPv4(addr) ? 'ipv4' : 'ipv6';
    if (this.mode !== 'digest' && this.list.check(addr, type)) return 'accept';
    return this.mode === 'allow-list' ? 'forbid' : 'challenge';
  }
}
