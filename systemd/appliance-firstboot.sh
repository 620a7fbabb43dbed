#!/bin/sh
# First-boot set-up of the appliance (ISO/disk installs), run by appliance-firstboot.service before
# appliance.service on every boot; each step is done only when missing, so it is safe to repeat:
#   - the data directory /var/lib/appliance (0750, owned by the appliance user)
#   - the master key <data>/keys/appliance.key: 32 random bytes, base64, 0600, the format
#     appliance/auth/keyfile.ts reads (made here so a backup can be taken before the first start)
#   - the self-signed certificate the service's HTTPS listener serves (tls.mode self-signed, the
#     default): <data>/tls/self-signed.crt + .key, the files appliance/http/tls.ts reads and keeps
#     while valid (P-256, 825 days, CN and DNS name = host name, localhost, 127.0.0.1, ::1), so the
#     SHA-256 fingerprint shown here is the one browsers see. Made here rather than at the
#     service's first start so the console can show it; the service adds the machine's
#     addresses only when it makes a new one (expired or missing): name it in tls.hostnames
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

crt="$d/tls/self-signed.crt"
tkey="$d/tls/self-signed.key"
if [ ! -s "$crt" ] || [ ! -s "$tkey" ]; then
  host=$(cat "$ROOT/etc/hostname" 2>/dev/null || echo appliance)
  # P-256 as the service makes it: an RSA-3072 key takes tens of seconds on an emulated CPU.
  umask 077
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tkey.tmp"
  umask 022
  openssl req -x509 -new -key "$tkey.tmp" -out "$crt.tmp" -days 825 -sha256 \
    -subj "/CN=$host/O=Voice appliance (self-signed)" \
    -addext "subjectAltName=DNS:$host,DNS:localhost,IP:127.0.0.1,IP:::1" \
    -addext "basicConstraints=critical,CA:FALSE" -addext "keyUsage=critical,digitalSignature" \
    -addext "extendedKeyUsage=serverAuth"
  chmod 0600 "$tkey.tmp"
  mv "$tkey.tmp" "$tkey"
  mv "$crt.tmp" "$crt"
fi
# Owned by the service user (numeric ids from the tree's own passwd, so ROOT works too).
ids=$(awk -F: -v u="$SVC_USER" '$1 == u { print $3 ":" $4 }' "$ROOT/etc/passwd")
chown -R "$ids" "$d"
fingerprint=$(openssl x509 -in "$crt" -noout -fingerprint -sha256 | cut -d= -f2)

# The console account: created with a random password on the first boot only. Field 3 of its
# shadow line is 0 while that password has not been changed (chage -d 0 forces the change).
if ! grep -q "^$ADMIN:" "$ROOT/etc/passwd"; then
  # shellcheck disable=SC2046
  useradd $(rootopt) --create-home --shell /bin/bash --groups sudo,systemd-journal "$ADMIN"
  # 12 characters from an alphabet without look-alikes (no 0/O, 1/l/I): typed from a screen.
  # From a bounded read (tr on /dev/urandom itself ends with 'write error: Broken pipe' on the console).
  pw=$(head -c 512 /dev/urandom | tr -dc 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789' | head -c 12)
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
