#!/bin/sh
# First-boot set-up of the appliance (ISO/disk installs), run by appliance-firstboot.service before
# appliance.service on every boot; each step is done only when missing, so it is safe to repeat:
#   - the data directory /var/lib/appliance (0750, owned by the appliance user)
#   - the master key <data>/keys/appliance.key: 32 random bytes, base64, 0600, the format
#     appliance/auth/keyfile.ts reads (made here so a backup can be taken before the first start)
#   - a self-signed TLS certificate <data>/tls/cert.pem + key.pem (10 years, CN = host name) for
#     a TLS front end (the service itself speaks plain HTTP); its SHA-256 fingerprint is shown
#   - the console account `admin` (sudo) with a random initial password, which must be changed at
#     the first login; shown on the console and in /etc/issue.d/appliance.issue until changed
#   - settings a hypervisor hands a VM (QEMU/KVM, Proxmox: -fw_cfg name=opt/appliance/env,file=F):
#     its APPLIANCE_*=value lines become /etc/appliance/env (read by appliance.service)
# No network is needed. ROOT (default /) prefixes every path and runs the account tools with
# --root, so the logic can be tested on a scratch tree.
set -eu
ROOT=${ROOT:-}
DATA=${APPLIANCE_DATA_DIR:-/var/lib/appliance}
SVC_USER=${APPLIANCE_USER:-appliance}
ADMIN=${APPLIANCE_ADMIN_USER:-admin}
ISSUE="$ROOT/etc/issue.d/appliance.issue"
rootopt() { [ -n "$ROOT" ] && printf -- '--root\n%s\n' "$ROOT"; true; }
# stdout: the unit sends it to the journal and the console.
say() { printf '%s\n' "$*"; }

FWCFG=${APPLIANCE_FWCFG_ENV:-/sys/firmware/qemu_fw_cfg/by_name/opt/appliance/env/raw}
[ -z "$ROOT" ] && modprobe qemu_fw_cfg 2>/dev/null
if [ -r "$FWCFG" ]; then
  mkdir -p "$ROOT/etc/appliance"
  # Only APPLIANCE_* assignments pass; anything else is named and dropped.
  grep -v -E '^(APPLIANCE_[A-Z0-9_]+=.*)?$' "$FWCFG" | sed 's/^/appliance first-boot: ignored fw_cfg line: /' >&2 || true
  grep -E '^APPLIANCE_[A-Z0-9_]+=' "$FWCFG" >"$ROOT/etc/appliance/env.tmp" || true
  chmod 0640 "$ROOT/etc/appliance/env.tmp"
  mv "$ROOT/etc/appliance/env.tmp" "$ROOT/etc/appliance/env"
fi

# The service user (the ISO has it already; a hand-made install may not).
if ! grep -q "^$SVC_USER:" "$ROOT/etc/passwd"; then
  # shellcheck disable=SC2046
  useradd $(rootopt) --system --home-dir "$DATA" --no-create-home --shell /usr/sbin/nologin "$SVC_USER"
fi

d="$ROOT$DATA"
mkdir -p "$d/keys" "$d/tls"
chmod 0750 "$d"
chmod 0700 "$d/keys" "$d/tls"

key="$d/keys/appliance.key"
if [ ! -s "$key" ]; then
  umask 077
  head -c 32 /dev/urandom | base64 >"$key.tmp"
  mv "$key.tmp" "$key"
  umask 022
fi
chmod 0600 "$key"

if [ ! -s "$d/tls/cert.pem" ] || [ ! -s "$d/tls/key.pem" ]; then
  host=$(cat "$ROOT/etc/hostname" 2>/dev/null || echo appliance)
  openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=$host" \
    -addext "subjectAltName=DNS:$host,DNS:localhost,IP:127.0.0.1" \
    -keyout "$d/tls/key.pem.tmp" -out "$d/tls/cert.pem.tmp" 2>/dev/null
  chmod 0600 "$d/tls/key.pem.tmp"
  mv "$d/tls/key.pem.tmp" "$d/tls/key.pem"
  mv "$d/tls/cert.pem.tmp" "$d/tls/cert.pem"
fi
# Owned by the service user (numeric ids from the tree's own passwd, so ROOT works too).
ids=$(awk -F: -v u="$SVC_USER" '$1 == u { print $3 ":" $4 }' "$ROOT/etc/passwd")
chown -R "$ids" "$d"
fingerprint=$(openssl x509 -in "$d/tls/cert.pem" -noout -fingerprint -sha256 | cut -d= -f2)

# The console account: created with a random password on the first boot only. Field 3 of its
# shadow line is 0 while that password has not been changed (chage -d 0 forces the change).
if ! grep -q "^$ADMIN:" "$ROOT/etc/passwd"; then
  # shellcheck disable=SC2046
  useradd $(rootopt) --create-home --shell /bin/bash --groups sudo,systemd-journal "$ADMIN"
  # 12 characters from an alphabet without look-alikes (no 0/O, 1/l/I): typed from a screen.
  pw=$(tr -dc 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789' </dev/urandom 2>/dev/null | head -c 12)
  # Hashed here (SHA-512 crypt) and set with usermod -p: no PAM needed, so ROOT works.
  hash=$(printf '%s\n' "$pw" | openssl passwd -6 -stdin)
  # shellcheck disable=SC2046
  usermod $(rootopt) -p "$hash" "$ADMIN"
  # shellcheck disable=SC2046
  chage $(rootopt) -d 0 "$ADMIN"
  mkdir -p "$(dirname "$ISSUE")"
  umask 077
  cat >"$ISSUE" <<ISSUE
Voice appliance: log in as '$ADMIN' with the initial password  $pw
(you must change it at the first login). HTTP API and admin UI on port 8080, SIP on 5060.
TLS certificate SHA-256 $fingerprint

ISSUE
  umask 022
  chmod 0600 "$ISSUE"
fi
changed=$(awk -F: -v u="$ADMIN" '$1 == u { print $3 }' "$ROOT/etc/shadow")
if [ "$changed" != "0" ]; then
  rm -f "$ISSUE"
elif [ -f "$ISSUE" ]; then
  say "$(cat "$ISSUE")"
fi
say "appliance first-boot: data $DATA ready, key file present, certificate SHA-256 $fingerprint"
