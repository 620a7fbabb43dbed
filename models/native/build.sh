#!/bin/sh
# Builds the warm pocketsphinx helper used by the STT layer.
# Needs apt packages: gcc, pkg-config, libpocketsphinx-dev, libsphinxbase-dev
# (runtime: pocketsphinx-en-us for the model). Output: models/native/build/ps_helper
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/build"
gcc -O2 -Wall -o "$here/build/ps_helper.tmp" "$here/ps_helper.c" $(pkg-config --cflags --libs pocketsphinx sphinxbase)
mv "$here/build/ps_helper.tmp" "$here/build/ps_helper"
echo "built $here/build/ps_helper"
