#!/usr/bin/env bash
# Idempotent set-up on Debian bookworm (as root, or with sudo): system packages, npm ci, build.
#   scripts/setup.sh runtime   what the appliance needs to run
#   scripts/setup.sh test      plus the real test peers (SIPp, baresip, PostgreSQL, chromium, ...)
set -euo pipefail
mode="${1:-runtime}"
cd "$(dirname "$0")/.."

runtime_pkgs=(ca-certificates python3 make g++ sox espeak-ng flite festival festvox-us-slt-hts
  pocketsphinx pocketsphinx-en-us libpocketsphinx-dev libsphinxbase-dev pkg-config tar
  libspeexdsp-dev # speexdsp: the 'speex' caller-audio denoiser (models/native/dsp_helper.c)
  wordnet-base) # WordNet data: the agent relates callers' words to the documents' (APPLIANCE_LEXICON_DIR)
test_pkgs=(postgresql sip-tester baresip linphone-cli iproute2 util-linux chromium tshark procps
  libspandsp-dev # spandsp: the reference G.722 that media/test/g722-reference.test.ts compares with
  janus # Janus Gateway: browser calls (appliance/webcall) in webcall/test/browser-call.test.ts
  kamailio # Kamailio 5.6: the cluster's SIP front door in cluster/test/front.test.ts and bench:cluster
  openjdk-17-jdk-headless) # javac/java 17: the Java SDK's scenario in sdk/test/scenario.test.ts

pkgs=("${runtime_pkgs[@]}")
[ "$mode" = "test" ] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is required (found: $(node -v 2>/dev/null || echo none))" >&2
  exit 1
fi

export ORT_DISABLE_TELEMETRY=1
# npm ci only when the lock file changed since the last install.
stamp=node_modules/.setup-lock-sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi

# Native helpers of the models layer (compiled against Debian's libraries), TypeScript to dist/
# and the admin UI to admin/dist/.
npm run build --silent
echo "setup: done ($mode)"
