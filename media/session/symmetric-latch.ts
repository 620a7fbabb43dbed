/**
 * Symmetric RTP (RFC 4961 style "latching"): send to where the peer's packets really come from, so a
 * PBX behind NAT is reachable. The first packet latches at once; afterwards a different source must
 * send RELATCH_PACKETS consecutive packets before we move (a single stray or spoofed packet cannot
 * hijack the stream).
 */
export interface Endpoint {
  address: string;
  port: number;
}

/** Consecutive packets from a new source before re-latching. */
export const RELATCH_PACKETS = 3;

export class SymmetricLatch {
  remote: Endpoint;
  private latched = false;
  private candidate: (Endpoint & { count: number }) | undefined;

  constructor(initial: Endpoint) {
    this.remote = { ...initial };
  }

  /** Account a valid packet from `src`; returns the previous endpoint when the destination changed. */
  observe(src: Endpoint): Endpoint | undefined {
    if (src.address === this.remote.address && src.port === this.remote.port) {
      this.latched = true;
      this.candidate = undefined;
      return undefined;
    }
    if (this.latched) {
      const c = this.candidate;
      if (c && c.address === src.address && c.port === src.port) c.count++;
      else this.candidate = { address: src.address, port: src.port, count: 1 };
      if ((this.candidate?.count ?? 0) < RELATCH_PACKETS) return undefined;
    }
    const prev = this.remote;
    this.remote = { address: src.address, port: src.port };
    this.latched = true;
    this.candidate = undefined;
    return prev;
  }
}
