#!/usr/bin/env bash
# Decoder-argument sweep over bench:stt for the call path's configuration (the interpolated
# per-agent model at the default weight: lm-cover-0.5 for the human speech, lm-vet-0.5 for the vet
# questions). One run of scripts/bench/stt.ts per argument set; one table row each:
#   args | human tune | human held-out (lm-cover-0.5) | vet tune | vet held-out (lm-vet-0.5) |
#   decoder CPU s per audio s (lm-cover-0.5, lm-vet-0.5)
# Usage: scripts/bench/stt-sweep.sh '' '-ds 2' '-topn 2 -maxwpf 10' ...  ('' = current defaults)
# Logs go to ${STT_SWEEP_LOGS:-/tmp/stt-sweep}.
set -u
cd "$(dirname "$0")/../.."
logs=${STT_SWEEP_LOGS:-/tmp/stt-sweep}
mkdir -p "$logs"
for args in "$@"; do
  log="$logs/$(printf '%s' "${args:-defaults}" | tr -c 'A-Za-z0-9._-' '_').$(date +%s).log"
  STT_BENCH_CONFIGS=lm-cover-0.5,lm-vet-0.5 STT_BENCH_LATENCY=0 STT_BENCH_DECODER_ARGS="$args" \
    npx tsx scripts/bench/stt.ts >"$log" 2>&1
  cover=$(grep '^lm-cover-0.5:' "$log")
  vet=$(grep '^lm-vet-0.5:' "$log")
  field() { printf '%s' "$1" | sed 's/^[^:]*: //' | awk -F' [|] ' -v n="$2" '{print $n}' | sed 's/ (.*//'; }
  cpu() { printf '%s' "$1" | sed -n 's/.*decoder CPU \([0-9.]*\) s per audio s.*/\1/p'; }
  if [ -z "$cover" ] || [ -z "$vet" ]; then
    echo "${args:-defaults} | FAILED (see $log)"
    continue
  fi
  echo "${args:-defaults} | $(field "$cover" 1) | $(field "$cover" 2) | $(field "$vet" 3) | $(field "$vet" 4) | $(cpu "$cover") $(cpu "$vet")"
done
