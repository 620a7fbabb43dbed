#!/bin/sh
# Builds the warm pocketsphinx helper used by the STT layer and, when libspeexdsp-dev is there,
# the speexdsp denoiser helper of the caller-audio cleaner.
# Needs apt packages: gcc, pkg-config, libpocketsphinx-dev, libsphinxbase-dev
# (runtime: pocketsphinx-en-us for the model), libspeexdsp-dev.
# Output: models/native/build/ps_helper, models/native/build/dsp_helper
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/build"
gcc -O2 -Wall -o "$here/build/ps_helper.tmp" "$here/ps_helper.c" $(pkg-config --cflags --libs pocketsphinx sphinxbase)
mv "$here/build/ps_helper.tmp" "$here/build/ps_helper"
echo "built $here/build/ps_helper"
if pkg-config --exists speexdsp 2>/dev/null; then
  gcc -O2 -Wall -o "$here/build/dsp_helper.tmp" "$here/dsp_helper.c" $(pkg-config --cflags --libs speexdsp)
  mv "$here/build/dsp_helper.tmp" "$here/build/dsp_helper"
  echo "built $here/build/dsp_helper"
else
  echo "build.sh: NOT building the speexdsp denoiser helper: libspeexdsp-dev is missing" >&2
fi
