#!/usr/bin/env bash
# npm run verify:image: builds the OCI image from the repo's Dockerfile with buildah on a Debian
# bookworm base made here with debootstrap (no registry needed), runs it with podman and checks it
# from the host: /healthz ok, a SIPp call answered and recorded, the data volume kept across
# container re-creation (login, agent, recording decrypting to the same bytes). Prints figures.
#   VERIFY_EXTRA_CA_DIR   *.crt CAs the base trusts besides Debian's (default /usr/local/share/ca-certificates)
# Root on a Debian bookworm host with buildah, podman, debootstrap and sipp. Slow: not a CI test.
#   VERIFY_SIPP_SCENARIO  SIPp UAC scenario (default ../shared/speech/sipp/uac_jfk_pcmu.xml)
#   VERIFY_SIPP_CWD       where its pcap paths resolve (default: the folder above the scenario's)
source "$(dirname "$0")/common.sh"
need buildah podman sipp curl node
SCENARIO=${VERIFY_SIPP_SCENARIO:-$REPO/../shared/speech/sipp/uac_jfk_pcmu.xml}
SIPP_CWD=${VERIFY_SIPP_CWD:-$(dirname "$(dirname "$SCENARIO")")}
[ -f "$SCENARIO" ] || die "SIPp scenario $SCENARIO not found (set VERIFY_SIPP_SCENARIO)"
BASE_TAG=localhost/appliance-base:bookworm-node$NODE_VERSION
IMAGE=localhost/voice-appliance:verify
RUN_ID=appliance-verify-$$
STATE="$BUILD_DIR/$RUN_ID.json"

cleanup() {
  podman rm -f -t 5 "$RUN_ID" >/dev/null 2>&1 || true
  podman volume rm -f "$RUN_ID" >/dev/null 2>&1 || true
  rm -f "$STATE"
}
trap cleanup EXIT

# 1. The base: what node:20-bookworm-slim is (bookworm, Node 20, npm and headers in /usr/local),
# made from debootstrap and the npm registry's Node build. Imported once per Node version.
t0=$(now)
if ! podman image exists "$BASE_TAG"; then
  rootfs=$(debootstrap_rootfs container --variant=minbase --include=ca-certificates)
  stage="$BUILD_DIR/base-stage"
  rm -rf "$stage" && cp -a "$rootfs" "$stage"
  install_node "$stage"
  cat >"$stage/etc/apt/sources.list" <<SRC
deb $DEBIAN_MIRROR bookworm main
deb $DEBIAN_MIRROR bookworm-updates main
deb ${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security} bookworm-security main
SRC
  # The site's own CAs (e.g. a TLS-inspecting proxy in front of the npm registry) are trusted by
  # the base made here, as by this host: npm ci in the build stage needs them. Node reads its own
  # CA list, so it is pointed at the system's too.
  ca_env=()
  if ls "${VERIFY_EXTRA_CA_DIR:-/usr/local/share/ca-certificates}"/*.crt >/dev/null 2>&1; then
    cp "${VERIFY_EXTRA_CA_DIR:-/usr/local/share/ca-certificates}"/*.crt "$stage/usr/local/share/ca-certificates/"
    chroot "$stage" update-ca-certificates >/dev/null
    ca_env=(--change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt')
  fi
  rm -rf "$stage"/var/cache/apt/archives/*.deb "$stage"/var/lib/apt/lists/* "$stage"/tmp/*
  log "importing $BASE_TAG"
  tar -C "$stage" -c . | podman import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["node"]' "${ca_env[@]}" - "$BASE_TAG" >/dev/null
  rm -rf "$stage"
fi
base_s=$(secs "$t0" "$(now)")
podman run --rm "${LIMITS[@]}" "$BASE_TAG" node -e 'if (!process.version.startsWith("v20.")) process.exit(1)' ||
  die "the base has no Node 20"

# 2. The image, from the unmodified Dockerfile with the base as a build argument (--layers reuses
# the npm ci layer while package-lock.json is unchanged). Docker's manifest format: the OCI format
# has no HEALTHCHECK, and buildah drops the Dockerfile's with a warning.
log "buildah bud (log: $BUILD_DIR/buildah.log)"
t0=$(now)
"${NICE[@]}" buildah bud "${RUNTIME[@]}" "${LIMITS[@]}" --layers --format docker --build-arg "BASE=$BASE_TAG" -t "$IMAGE" -f "$REPO/Dockerfile" "$REPO" \
  >"$BUILD_DIR/buildah.log" 2>&1 || { tail -40 "$BUILD_DIR/buildah.log" >&2; die "buildah bud failed"; }
build_s=$(secs "$t0" "$(now)")
[ "${VERIFY_BUILD_ONLY:-0}" = 1 ] && { log "built $IMAGE in $build_s s"; exit 0; }
size_b=$(podman image inspect --format '{{.Size}}' "$IMAGE")

# 3. Run it on loopback ports picked here (host networking: SIP and RTP reach it unchanged).
HTTP_PORT=$(free_port)
SIP_PORT=$(free_port)
RTP_MIN=$((30000 + 2 * (RANDOM % 4000)))
# Without systemd on the host podman cannot set (or remove) the HEALTHCHECK's timer and says so
# (harmless: the check below runs it by hand); only that line is dropped, here and at removal.
run_container() {
  podman run -d "${LIMITS[@]}" --name "$RUN_ID" --network host -v "$RUN_ID:/var/lib/appliance" \
    -e APPLIANCE_HTTP_PORT="$HTTP_PORT" -e APPLIANCE_SIP_PORT="$SIP_PORT" \
    -e APPLIANCE_BIND_ADDRESS=127.0.0.1 -e APPLIANCE_SIP_PUBLIC_ADDRESS=127.0.0.1 \
    -e APPLIANCE_SIP_ALLOW_FROM=127.0.0.1 \
    -e APPLIANCE_RTP_PORT_MIN="$RTP_MIN" -e APPLIANCE_RTP_PORT_MAX=$((RTP_MIN + 99)) \
    "$IMAGE" 2> >(grep -v 'unable to get systemd connection' >&2) >/dev/null
}
podman volume create "$RUN_ID" >/dev/null
t0=$(now)
run_container
health=$(wait_healthz "https://127.0.0.1:$HTTP_PORT" 300) || {
  podman logs --tail 40 "$RUN_ID" >&2
  die "/healthz not ok within 300 s"
}
healthz_s=$(secs "$t0" "$(now)")
log "healthz: $health"
# The Dockerfile's HEALTHCHECK (what docker/podman report as the container's health) passes too.
podman healthcheck run "$RUN_ID" >/dev/null || die "the image's HEALTHCHECK does not pass (or is missing)"
call=$(NODE_TLS_REJECT_UNAUTHORIZED=0 npx tsx "$REPO/scripts/verify/check.ts" call --http "https://127.0.0.1:$HTTP_PORT" \
  --sip "127.0.0.1:$SIP_PORT" --state "$STATE" --scenario "$SCENARIO" --cwd "$SIPP_CWD") || {
  podman logs --tail 60 "$RUN_ID" >&2
  die "the SIPp call"
}
log "call: $call"

# 4. A new container on the same volume: everything made above is still there.
podman rm -f -t 30 "$RUN_ID" 2> >(grep -v 'unable to get systemd connection' >&2) >/dev/null
t0=$(now)
run_container
wait_healthz "https://127.0.0.1:$HTTP_PORT" 300 >/dev/null || die "/healthz after re-creation"
again_s=$(secs "$t0" "$(now)")
kept=$(NODE_TLS_REJECT_UNAUTHORIZED=0 npx tsx "$REPO/scripts/verify/check.ts" again --http "https://127.0.0.1:$HTTP_PORT" --state "$STATE") ||
  die "data across container re-creation"
log "kept: $kept"

printf '\nverify:image OK\n'
printf '  base image (debootstrap + Node %s): %s s%s\n' "$NODE_VERSION" "$base_s" \
  "$([ "${base_s%.*}" -lt 5 ] && echo ' (cached)')"
printf '  buildah bud: %s s\n' "$build_s"
printf '  image size: %s MB (%s bytes)\n' "$((size_b / 1000000))" "$size_b"
printf '  start to /healthz ok: %s s (re-created on the same volume: %s s); HEALTHCHECK healthy\n' "$healthz_s" "$again_s"
printf '  SIPp call: %s\n' "$call"
printf '  data kept across re-creation: %s\n' "$kept"
