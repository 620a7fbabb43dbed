#!/usr/bin/env bash
# The README's two commands:
#   scripts/quickstart.sh start   set up, then run the appliance on its embedded defaults
#   scripts/quickstart.sh test    set up with the test peers, then typecheck, lint and test
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  start)
    scripts/setup.sh runtime
    exec node dist/appliance/main.js
    ;;
  test)
    scripts/setup.sh test
    exec npm run check
    ;;
  *)
    echo "usage: $0 start|test" >&2
    exit 2
    ;;
esac
