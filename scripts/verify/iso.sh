#!/usr/bin/env bash
# npm run verify:iso: builds a bootable hybrid ISO (BIOS and UEFI, grub-mkrescue + xorriso) whose
# live system (live-boot, squashfs) is the container image's userland (Debian bookworm, Node 20,
# the speech engines, the built service: localhost/voice-appliance:verify, built first if missing)
# plus a kernel, systemd, the appliance and first-boot units. It boots the ISO in
# qemu-system-x86_64 with user-mode networking (HTTP, SIP and a small RTP range forwarded to host
# loopback), once per accelerator (KVM when /dev/kvm works, and software emulation), and checks from
# the host: /healthz ok, the initial admin password on the console, a SIPp call answered and
# recorded. Prints build time, ISO size, boot-to-healthz time and the call result. Root, slow: not
# a CI test.
#   VERIFY_ISO_ACCELS     accelerators to boot with (default "tcg": software emulation; add kvm where
#                         KVM guests run: on the nested host this was written on, qemu starts with
#                         KVM but the guest prints nothing, neither SeaBIOS's CD boot nor a kernel
#                         started directly; kvm is skipped without /dev/kvm)
#   VERIFY_ISO_REBUILD=1  rebuild the ISO even if it is newer than the image and the units
#   VERIFY_SIPP_SCENARIO  SIPp UAC scenario (default ../shared/speech/sipp/uac_jfk_pcmu.xml)
#   VERIFY_ISO_BOOT_TIMEOUT  s from qemu's start to /healthz ok (default 3600 under emulation, where
#                         a boot on 2 busy cores reached the first-boot set-up only after ~525 s and
#                         the service's start takes many times its native ~45 s; 600 with KVM)
# The serial console of the last boot stays in $VERIFY_BUILD_DIR/iso-console-<accel>.log; while
# waiting, its latest line is logged every 2 minutes.
source "$(dirname "$0")/common.sh"
need qemu-system-x86_64 grub-mkrescue xorriso mksquashfs sipp curl node
SCENARIO=${VERIFY_SIPP_SCENARIO:-$REPO/../shared/speech/sipp/uac_jfk_pcmu.xml}
[ -f "$SCENARIO" ] || die "SIPp scenario $SCENARIO not found (set VERIFY_SIPP_SCENARIO)"
IMAGE=localhost/voice-appliance:verify
ISO="$BUILD_DIR/voice-appliance.iso"
R="$BUILD_DIR/iso-root"
ISODIR="$BUILD_DIR/iso-tree"
RUN_DIR="$BUILD_DIR/iso-run-$$"
QEMU_PID=
PROGRESS_PID=
mkdir -p "$RUN_DIR"

unmount_chroot() {
  for m in dev/pts dev sys proc; do mountpoint -q "$R/$m" && umount -l "$R/$m"; done
  return 0
}
cleanup() {
  [ -n "$QEMU_PID" ] && kill "$QEMU_PID" 2>/dev/null
  [ -n "$PROGRESS_PID" ] && kill "$PROGRESS_PID" 2>/dev/null
  unmount_chroot
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT

# The service units and the first-boot script, from this checkout (also into a reused root).
install_units() {
  install -m 0644 "$REPO/systemd/appliance.service" "$REPO/systemd/appliance-firstboot.service" "$R/etc/systemd/system/"
  install -m 0755 "$REPO/systemd/appliance-firstboot.sh" "$R/usr/local/sbin/appliance-firstboot"
  # The service's own output on the serial console as well, so that a boot that never answers
  # /healthz shows why (a crash loop, a slow start) in the console log this script prints.
  mkdir -p "$R/etc/systemd/system/appliance.service.d"
  printf '[Service]\nStandardOutput=journal+console\nStandardError=journal+console\n' \
    >"$R/etc/systemd/system/appliance.service.d/console.conf"
}

# The ISO's root file system: the image's, plus what a booting machine needs.
make_root() {
  log "root file system from $IMAGE -> $R"
  unmount_chroot
  rm -rf "$R" "$R.done"
  mkdir -p "$R"
  local cid
  cid=$(podman create "$IMAGE")
  podman export "$cid" | tar -x -C "$R"
  podman rm -v "$cid" >/dev/null # and the anonymous volume of VOLUME /var/lib/appliance

  # What a booting machine needs beyond the container: kernel, init, live-boot, the first-boot tools.
  mount -t proc proc "$R/proc"
  mount -t sysfs sys "$R/sys"
  mount --bind /dev "$R/dev"
  mount --bind /dev/pts "$R/dev/pts"
  cp /etc/resolv.conf "$R/etc/resolv.conf"
  printf '#!/bin/sh\nexit 101\n' >"$R/usr/sbin/policy-rc.d" # no services start in the chroot
  chmod +x "$R/usr/sbin/policy-rc.d"
  log "apt-get install kernel, systemd, live-boot (log: $BUILD_DIR/iso-apt.log)"
  "${NICE[@]}" chroot "$R" sh -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update &&
    apt-get install -y --no-install-recommends linux-image-amd64 live-boot systemd-sysv dbus udev kmod \
      openssl sudo procps iproute2 less' >"$BUILD_DIR/iso-apt.log" 2>&1 ||
    { tail -30 "$BUILD_DIR/iso-apt.log" >&2; die "apt-get in the ISO root failed"; }

  echo appliance >"$R/etc/hostname"
  printf '127.0.0.1\tlocalhost\n127.0.1.1\tappliance\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$R/etc/hosts"
  : >"$R/etc/machine-id" # made on each boot
  ln -sf /usr/local/bin/node "$R/usr/bin/node" # appliance.service runs /usr/bin/node
  chroot "$R" useradd --system --home-dir /var/lib/appliance --no-create-home --shell /usr/sbin/nologin appliance
  install_units
  mkdir -p "$R/etc/systemd/network" "$R/etc/appliance"
  printf '[Match]\nName=en* eth*\n\n[Network]\nDHCP=yes\n' >"$R/etc/systemd/network/20-wired.network"
  chroot "$R" systemctl enable appliance-firstboot.service appliance.service systemd-networkd.service \
    systemd-networkd-wait-online.service >/dev/null 2>&1

  unmount_chroot
  rm -f "$R/usr/sbin/policy-rc.d" "$R/etc/resolv.conf"
  rm -rf "$R"/var/lib/apt/lists/* "$R"/var/cache/apt/*.bin "$R"/var/cache/apt/archives/*.deb "$R"/tmp/*
}

build_iso() {
  podman image exists "$IMAGE" || VERIFY_BUILD_ONLY=1 bash "$REPO/scripts/verify/image.sh"
  local image_id
  image_id=$(podman image inspect --format '{{.Id}}' "$IMAGE")
  rm -rf "$ISODIR"
  mkdir -p "$ISODIR/live" "$ISODIR/boot/grub"
  # The root file system is reused while it was made from this very image (the apt step is slow).
  if [ "$(cat "$R.done" 2>/dev/null)" = "$image_id" ]; then
    log "reusing $R (made from this image)"
    install_units
  else
    make_root
    echo "$image_id" >"$R.done"
  fi
  cp -L "$R/vmlinuz" "$ISODIR/live/vmlinuz"
  cp -L "$R/initrd.img" "$ISODIR/live/initrd.img"
  log "mksquashfs"
  # zstd level 3: the default (15) wrote about 15 MB a minute on 2 busy cores, half an hour here.
  "${NICE[@]}" mksquashfs "$R" "$ISODIR/live/filesystem.squashfs" -comp zstd -Xcompression-level 3 \
    -noappend -quiet -e boot >/dev/null
  cat >"$ISODIR/boot/grub/grub.cfg" <<'GRUB'
serial --unit=0 --speed=115200
terminal_input console serial
terminal_output console serial
set timeout=3
menuentry "Voice appliance" {
  linux /live/vmlinuz boot=live quiet console=tty0 console=ttyS0,115200n8
  initrd /live/initrd.img
}
menuentry "Voice appliance (verbose boot)" {
  linux /live/vmlinuz boot=live console=tty0 console=ttyS0,115200n8
  initrd /live/initrd.img
}
GRUB
  log "grub-mkrescue"
  "${NICE[@]}" grub-mkrescue -o "$ISO" "$ISODIR" -- -volid VOICE_APPLIANCE >"$BUILD_DIR/grub-mkrescue.log" 2>&1 ||
    { tail -20 "$BUILD_DIR/grub-mkrescue.log" >&2; die "grub-mkrescue failed"; }
}

t0=$(now)
if [ "${VERIFY_ISO_REBUILD:-0}" = 1 ] || [ ! -f "$ISO" ] ||
  [ -n "$(find "$REPO/systemd" "$REPO/scripts/verify/iso.sh" -newer "$ISO")" ] ||
  [ "$(date -d "$(podman image inspect --format '{{.Created}}' "$IMAGE" 2>/dev/null | cut -d' ' -f1,2)" +%s 2>/dev/null || echo 0)" -gt "$(stat -c %Y "$ISO")" ]; then
  build_iso
  iso_s=$(secs "$t0" "$(now)")
else
  iso_s="(cached)"
fi
iso_b=$(stat -c %s "$ISO")

# Boots the ISO once; sets BOOT_S (qemu start to /healthz ok) and CALL (the check's JSON).
boot_and_check() { # accel
  local accel=$1 http sip rtp_min ports="" p env="$RUN_DIR/env" console="$BUILD_DIR/iso-console-$1.log"
  http=$(free_port)
  sip=$(free_port)
  rtp_min=$((46000 + 20 * (RANDOM % 150)))
  for p in $(seq "$rtp_min" $((rtp_min + 9))); do ports="$ports,hostfwd=udp:127.0.0.1:$p-:$p"; done
  # The host's view: SDP and Contact name 127.0.0.1, whose RTP ports are forwarded 1:1.
  printf 'APPLIANCE_SIP_PUBLIC_ADDRESS=127.0.0.1\nAPPLIANCE_RTP_PORT_MIN=%s\nAPPLIANCE_RTP_PORT_MAX=%s\n' \
    "$rtp_min" $((rtp_min + 9)) >"$env"
  local cpu=(-accel tcg,thread=multi -cpu max)
  # KVM: arch-capabilities off, as nested KVM hosts refuse to set that MSR (qemu aborts); and the
  # ISO's kernel and initrd are started directly, because on this nested host SeaBIOS hangs in
  # "Booting from DVD/CD" under KVM (the same ISO boots through grub under emulation, which tests
  # the boot loader). live-boot still finds and mounts the squashfs on the virtual CD.
  [ "$accel" = kvm ] && cpu=(-accel kvm -cpu host,-arch-capabilities -kernel "$ISODIR/live/vmlinuz"
    -initrd "$ISODIR/live/initrd.img" -append "boot=live quiet console=tty0 console=ttyS0,115200n8")
  local t
  t=$(now)
  qemu-system-x86_64 "${cpu[@]}" -m 3072 -smp 2 -cdrom "$ISO" -boot d \
    -netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$http-:8080,hostfwd=udp:127.0.0.1:$sip-:5060$ports" \
    -device virtio-net-pci,netdev=n0 -fw_cfg "name=opt/appliance/env,file=$env" \
    -display none -monitor none -serial "file:$console" -no-reboot &
  QEMU_PID=$!
  # The console's latest line now and then (escape sequences and carriage returns dropped): a slow
  # emulated boot shows where it is.
  (while sleep 120; do
    log "$accel $(secs "$t" "$(now)") s: $(tr -d '\r' <"$console" | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' | grep -v '^\s*$' | tail -1 | cut -c1-160)"
  done) &
  PROGRESS_PID=$!
  local limit=${VERIFY_ISO_BOOT_TIMEOUT:-$([ "$accel" = kvm ] && echo 600 || echo 3600)}
  if ! wait_healthz "https://127.0.0.1:$http" "$limit" >/dev/null; then
    tail -40 "$console" >&2
    die "$accel: /healthz not ok within $limit s (console above, all of it in $console)"
  fi
  BOOT_S=$(secs "$t" "$(now)")
  kill "$PROGRESS_PID" 2>/dev/null
  PROGRESS_PID=
  grep -q "log in as 'admin' with the initial password" "$console" ||
    die "$accel: the initial admin password is not on the console"
  CALL=$(NODE_TLS_REJECT_UNAUTHORIZED=0 npx tsx "$REPO/scripts/verify/check.ts" call --http "https://127.0.0.1:$http" \
    --sip "127.0.0.1:$sip" --state "$RUN_DIR/state-$accel.json" --scenario "$SCENARIO" \
    --cwd "${VERIFY_SIPP_CWD:-$(dirname "$(dirname "$SCENARIO")")}") ||
    { tail -40 "$console" >&2; die "$accel: the SIPp call"; }
  kill "$QEMU_PID"
  wait "$QEMU_PID" 2>/dev/null || true
  QEMU_PID=
}

# KVM works when qemu can start a KVM machine (stopped with -S, so it waits until timeout ends it).
kvm_ok() {
  [ -w /dev/kvm ] || return 1
  timeout 5 qemu-system-x86_64 -accel kvm -machine none -display none -monitor none -S </dev/null >/dev/null 2>&1
  [ $? -eq 124 ]
}

results=()
for accel in ${VERIFY_ISO_ACCELS:-tcg}; do
  if [ "$accel" = kvm ] && ! kvm_ok; then
    log "KVM is not usable here: skipping the KVM boot"
    continue
  fi
  log "booting the ISO ($accel)"
  boot_and_check "$accel"
  log "$accel: healthz after $BOOT_S s; call $CALL"
  results+=("  $accel: boot to /healthz ok $BOOT_S s; admin password on the console; SIPp call $CALL")
done

printf '\nverify:iso OK\n'
printf '  ISO build: %s s\n' "$iso_s"
printf '  ISO size: %s MB (%s bytes) %s\n' "$((iso_b / 1000000))" "$iso_b" "$ISO"
printf '%s\n' "${results[@]}"
