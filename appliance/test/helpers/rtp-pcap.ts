/**
 * A pcap of G.711 µ-law RTP (20 ms packets) made from 8 kHz PCM, for SIPp's `play_pcap_audio`:
 * Ethernet + IPv4 + UDP + RTP, one packet per 20 ms of capture time (SIPp paces by it and
 * rewrites the addresses and ports). Lets a test speak audio it synthesised into a real SIP call.
 */
import { writeFileSync } from 'node:fs';
import { encodePcmu } from '../../../media/index.js';

const FRAME = 160; // 20 ms at 8 kHz

export function writeUlawPcap(file: string, pcm8k: Int16Array): void {
  const frames = Math.ceil(pcm8k.length / FRAME);
  const chunks: Buffer[] = [];
  const global = Buffer.alloc(24);
  global.writeUInt32LE(0xa1b2c3d4, 0); // microsecond timestamps
  global.writeUInt16LE(2, 4);
  global.writeUInt16LE(4, 6);
  global.writeUInt32LE(65535, 16); // snaplen
  global.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
  chunks.push(global);
  const ssrc = 0x5eed1234;
  for (let i = 0; i < frames; i++) {
    const frame = new Int16Array(FRAME);
    frame.set(pcm8k.subarray(i * FRAME, Math.min(pcm8k.length, (i + 1) * FRAME)));
    const payload = Buffer.from(encodePcmu(frame));
    const rtp = Buffer.alloc(12);
    rtp[0] = 0x80;
    rtp[1] = i === 0 ? 0x80 : 0x00; // marker on the first packet, PT 0 (PCMU)
    rtp.writeUInt16BE(i & 0xffff, 2);
    rtp.writeUInt32BE((i * FRAME) >>> 0, 4);
    rtp.writeUInt32BE(ssrc, 8);
    const udpLen = 8 + rtp.length + payload.length;
    const udp = Buffer.alloc(8);
    udp.writeUInt16BE(6000, 0);
    udp.writeUInt16BE(6002, 2);
    udp.writeUInt16BE(udpLen, 4);
    const ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip.writeUInt16BE(20 + udpLen, 2);
    ip[8] = 64; // TTL
    ip[9] = 17; // UDP
    ip.writeUInt32BE(0x7f000001, 12);
    ip.writeUInt32BE(0x7f000001, 16);
    let sum = 0;
    for (let k = 0; k < 20; k += 2) sum += ip.readUInt16BE(k);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    ip.writeUInt16BE(~sum & 0xffff, 10);
    const eth = Buffer.alloc(14);
    eth.writeUInt16BE(0x0800, 12);
    const packet = Buffer.concat([eth, ip, udp, rtp, payload]);
    const rec = Buffer.alloc(16);
    const us = i * 20_000;
    rec.writeUInt32LE(Math.floor(us / 1e6), 0);
    rec.writeUInt32LE(us % 1e6, 4);
    rec.writeUInt32LE(packet.length, 8);
    rec.writeUInt32LE(packet.length, 12);
    chunks.push(rec, packet);
  }
  writeFileSync(file, Buffer.concat(chunks));
}
