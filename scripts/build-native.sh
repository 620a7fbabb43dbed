#!/bin/sh
# `npm run build` step: builds the native helpers of the models layer when their build
# dependencies are installed (the pocketsphinx STT helper: gcc, pkg-config, libpocketsphinx-dev,
# libsphinxbase-dev). Without them it says what is missing and exits 0, so the TypeScript build
# still succeeds; the appliance then starts without pocketsphinx STT and /healthz reports
# `degraded` (calls cannot be answered) until the helper is built.
set -u
cd "$(dirname "$0")/.."
missing=""
command -v gcc >/dev/null 2>&1 || missing="$missing gcc"
if ! command -v pkg-config >/dev/null 2>&1; then
  missing="$missing pkg-config"
elif ! pkg-config --exists pocketsphinx sphinxbase 2>/dev/null; then
  missing="$missing libpocketsphinx-dev libsphinxbase-dev"
fi
if [ -n "$missing" ]; then
  echo "build-native: NOT building the pocketsphinx STT helper (models/native/build/ps_helper): missing$missing" >&2
  echo "build-native: install them (apt-get install$missing) and run 'npm run build' again;" >&2
  echo "build-native: until then the appliance has no pocketsphinx STT and /healthz reports degraded" >&2
  exit 0
fi
# The build dependencies are there: a compile error is a real failure.
exec models/native/build.sh
