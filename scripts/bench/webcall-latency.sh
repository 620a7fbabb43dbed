#!/usr/bin/env bash
# npm run bench:webcall: the latency Janus adds to a browser call, measured on the wire.
# Runs the real browser-call test (headless Chromium -> Janus -> the appliance's SIP port, all on
# loopback) while tshark records UDP on lo, then pairs each RTP packet Janus received with the one
# it sent on (the agent's audio: appliance RTP 41000-41999 -> Janus SIP leg 42100-42199 -> Janus
# ICE 42000-42099 -> the browser as SRTP; the caller's audio the other way). Janus relays packet
# for packet (no transcoding, no buffering), so each received packet is matched with the first
# unused packet sent after it on the other leg; the delay is Janus's forwarding time (plus
# SRTP protection or unprotection). The browser's own jitter buffer is the same with any gateway
# and is not part of the figure. Needs root (capture), tshark, janus and chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
for c in tshark janus chromium; do
  command -v "$c" >/dev/null || { echo "bench:webcall: $c is not installed" >&2; exit 1; }
done
out=$(mktemp -d /tmp/bench-webcall-XXXXXX)
trap 'rm -rf "$out"' EXIT
tshark -q -i lo -f 'udp portrange 41000-42199' -w "$out/cap.pcapng" 2>"$out/tshark.log" &
cap=$!
sleep 2
npx tap --timeout=600 appliance/webcall/test/browser-call.test.ts >"$out/test.log" 2>&1 || {
  kill "$cap" 2>/dev/null || true
  tail -40 "$out/test.log" >&2
  echo "bench:webcall: the browser call test failed; no figure" >&2
  exit 1
}
sleep 1
kill -INT "$cap"
wait "$cap" || true
grep -E 'janus CPU|negotiated' "$out/test.log" | sed 's/^ *//' || true
tshark -r "$out/cap.pcapng" -T fields -e frame.time_epoch -e udp.srcport -e udp.dstport -e udp.payload \
  >"$out/packets.tsv"
python3 - "$out/packets.tsv" <<'EOF'
import sys

def inr(p, a, b):
    return a <= p <= b

APP = (41000, 41999)
ICE = (42000, 42099)
SIPLEG = (42100, 42199)
flows = {'agent_in': [], 'agent_out': [], 'caller_in': [], 'caller_out': []}
for line in open(sys.argv[1]):
    f = line.rstrip('\n').split('\t')
    if len(f) < 4 or not f[3]:
        continue
    t, sp, dp, payload = float(f[0]), int(f[1]), int(f[2]), bytes.fromhex(f[3].replace(':', ''))
    # RTP (or SRTP: its header is in the clear) only: version 2, not RTCP (200-206), no STUN/DTLS.
    if len(payload) < 12 or payload[0] >> 6 != 2 or 200 <= payload[1] <= 206:
        continue
    if inr(sp, *APP) and inr(dp, *SIPLEG):
        flows['agent_in'].append(t)
    elif inr(sp, *ICE) and not inr(dp, *APP) and not inr(dp, *SIPLEG) and not inr(dp, *ICE):
        flows['agent_out'].append(t)
    elif inr(dp, *ICE) and not inr(sp, *APP) and not inr(sp, *SIPLEG) and not inr(sp, *ICE):
        flows['caller_in'].append(t)
    elif inr(sp, *SIPLEG) and inr(dp, *APP):
        flows['caller_out'].append(t)

def pair(ins, outs):
    ins, outs = sorted(ins), sorted(outs)
    d, j = [], 0
    for t in ins:
        while j < len(outs) and outs[j] < t:
            j += 1
        if j == len(outs):
            break
        gap = outs[j] - t
        if gap < 0.05:  # a packet not relayed within 50 ms is not this one's copy
            d.append(gap * 1000)
            j += 1
    return sorted(d)

def pct(v, p):
    return v[min(len(v) - 1, int(len(v) * p / 100))] if v else float('nan')

for name, a, b in (('agent -> browser', 'agent_in', 'agent_out'), ('browser -> agent', 'caller_in', 'caller_out')):
    d = pair(flows[a], flows[b])
    print(f'janus forwarding, {name}: {len(d)} of {len(flows[a])} packets paired; '
          f'p50 {pct(d, 50):.3f} ms, p95 {pct(d, 95):.3f} ms, max {d[-1] if d else float("nan"):.3f} ms')
EOF
