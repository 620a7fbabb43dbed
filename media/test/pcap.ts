/** Minimal libpcap reader for test references: UDP payloads of Ethernet/IPv4 (or Linux SLL) captures. */
import { readFileSync } from 'node:fs';

export interface UdpRecord {
  timeMs: number;
  srcPort: number;
  dstPort: number;
  payload: Uint8Array;
}

export function readPcapUdp(path: string): UdpRecord[] {
  const buf = readFileSync(path);
  const magic = buf.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!le && buf.readUInt32BE(0) !== 0xa1b2c3d4) throw new Error(`${path}: not a pcap file`);
  const u32 = (o: number): number => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const nanos = magic === 0xa1b23c4d;
  const linkType = u32(20);
  const out: UdpRecord[] = [];
  let off = 24;
  while (off + 16 <= buf.length) {
    const sec = u32(off);
    const frac = u32(off + 4);
    const capLen = u32(off + 8);
    const pkt = buf.subarray(off + 16, off + 16 + capLen);
    off += 16 + capLen;
    let ip = linkType === 1 ? 14 : linkType === 113 ? 16 : 0;
    if (linkType === 1 && pkt.readUInt16BE(12) === 0x8100) ip += 4; // VLAN tag
    if ((pkt[ip] ?? 0) >> 4 !== 4 || pkt[ip + 9] !== 17) continue;
    const udp = ip + ((pkt[ip] ?? 0) & 0x0f) * 4;
    const udpLen = pkt.readUInt16BE(udp + 4);
    out.push({
      timeMs: sec * 1000 + (nanos ? frac / 1e6 : frac / 1e3),
      srcPort: pkt.readUInt16BE(udp),
      dstPort: pkt.readUInt16BE(udp + 2),
      payload: new Uint8Array(pkt.subarray(udp + 8, udp + udpLen)),
    });
  }
  return out;
}
