"""Pairs the RTP packets Janus received with the ones it sent on (bench:webcall, webcall-latency.sh).

Input: `tshark -T fields -e frame.time_epoch -e udp.srcport -e udp.dstport -e udp.payload` of a
browser call on lo. Prints Janus's forwarding delay per direction, ms.
"""
import sys

APP = (41000, 41999)  # the appliance's RTP ports (browser-call.test.ts)
ICE = (42000, 42099)  # Janus's WebRTC (ICE) ports
SIPLEG = (42100, 42199)  # Janus's SIP-leg RTP ports


def inr(p, r):
    return r[0] <= p <= r[1]


def read(path):
    flows = {'agent_in': [], 'agent_out': [], 'caller_in': [], 'caller_out': []}
    for line in open(path):
        f = line.rstrip('\n').split('\t')
        if len(f) < 4 or not f[3]:
            continue
        t, sp, dp = float(f[0]), int(f[1]), int(f[2])
        payload = bytes.fromhex(f[3].replace(':', ''))
        # RTP (or SRTP: its header is in the clear) only: version 2, not RTCP (200-206), no STUN/DTLS.
        if len(payload) < 12 or payload[0] >> 6 != 2 or 200 <= payload[1] <= 206:
            continue
        pkt = (t, int.from_bytes(payload[2:4], 'big'))
        other = lambda p: not (inr(p, APP) or inr(p, SIPLEG) or inr(p, ICE))
        if inr(sp, APP) and inr(dp, SIPLEG):
            flows['agent_in'].append(pkt)
        elif inr(sp, ICE) and other(dp):
            flows['agent_out'].append(pkt)
        elif inr(dp, ICE) and other(sp):
            flows['caller_in'].append(pkt)
        elif inr(sp, SIPLEG) and inr(dp, APP):
            flows['caller_out'].append(pkt)
    return flows


def pair(ins, outs):
    """Delays (ms) of each sent packet after its original.

    Janus rewrites sequence numbers (each leg has its own), so a packet and its copy are paired by
    sequence number through one constant offset. Pairing by time alone is wrong: packets Janus drops
    before DTLS is up shift every later pair by whole 20 ms packet periods. The offset is the one
    that pairs the most packets with (almost) no copy sent before its original; offsets one packet
    off give delays 20 ms too long, or negative ones.
    """
    cands = set()
    for t, s in ins[:300]:
        for u, r in outs:
            if 0 <= u - t < 0.1:
                cands.add((r - s) % 65536)
    best = []
    for off in cands:
        first = {}
        for t, s in ins:
            first.setdefault((s + off) % 65536, t)
        d = sorted((u - first[r]) * 1000 for u, r in outs if r in first)
        if not d or sum(1 for x in d if x < 0) > len(d) // 100:
            continue
        if len(d) > len(best) or (len(d) == len(best) and d[len(d) // 2] < best[len(best) // 2]):
            best = d
    return best


def pct(v, p):
    return v[min(len(v) - 1, int(len(v) * p / 100))] if v else float('nan')


flows = read(sys.argv[1])
for name, a, b in (('agent -> browser', 'agent_in', 'agent_out'), ('browser -> agent', 'caller_in', 'caller_out')):
    d = pair(flows[a], flows[b])
    print(
        f'janus forwarding, {name}: {len(d)} of {len(flows[b])} packets sent paired with their original; '
        f'p50 {pct(d, 50):.3f} ms, p95 {pct(d, 95):.3f} ms, max {d[-1] if d else float("nan"):.3f} ms'
    )
