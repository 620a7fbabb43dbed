#!/usr/bin/env bash
# npm run bench:webcall: the latency Janus adds to a browser call, measured on the wire.
# Runs the real browser-call test (headless Chromium -> Janus -> the appliance's SIP port, all on
# loopback) while tshark records UDP on lo, then pairs each RTP packet Janus received with the one
# it sent on (webcall-pairs.py). The agent's audio: appliance RTP 41000-41999 -> Janus SIP leg
# 42100-42199 -> Janus ICE 42000-42099 -> the browser as SRTP; the caller's audio the other way.
# Janus relays packet for packet (no transcoding, no buffering), so each received packet is matched
# with its copy on the other leg by RTP sequence number (Janus renumbers each leg: one constant
# offset); the delay is Janus's forwarding time (plus SRTP protection or unprotection). The
# browser's own jitter buffer is the same with any gateway and is not part of the figure.
# Needs root (capture), tshark, janus and chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
for c in tshark janus chromium; do
  command -v "$c" >/dev/null || { echo "bench:webcall: $c is not installed" >&2; exit 1; }
done
out=$(mktemp -d /tmp/bench-webcall-XXXXXX)
# BENCH_WEBCALL_KEEP=1 keeps the capture and logs (the path is printed).
if [ -n "${BENCH_WEBCALL_KEEP:-}" ]; then echo "bench:webcall: files in $out"; else trap 'rm -rf "$out"' EXIT; fi
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
python3 scripts/bench/webcall-pairs.py "$out/packets.tsv"
