#!/usr/bin/env bash
# Runs a widget test on a real X server: a private Xvfb display (xvfb-run -a picks a free one) and
# Qt's xcb platform, instead of the offscreen platform the other widget tests use.
#   run-under-xvfb.sh TEST_BINARY [test arguments...]
# Without xvfb-run (scripts/install-deps.sh installs the xvfb and xauth packages) the test still
# starts, on the offscreen platform, and skips with ORDERBRIDGE_XVFB_MISSING as its reason.
set -euo pipefail
binary="$1"
shift

if ! command -v xvfb-run >/dev/null || ! command -v Xvfb >/dev/null || ! command -v xauth >/dev/null; then
  export QT_QPA_PLATFORM=offscreen
  export ORDERBRIDGE_XVFB_MISSING="Xvfb is not installed (xvfb-run, Xvfb or xauth missing): install the xvfb and xauth packages (scripts/install-deps.sh)"
  exec "$binary" "$@"
fi

# 24-bit colour, so the screenshots keep the palette's real colours; Xvfb's own messages reach the
# test output (-e), so a server that does not start says why.
export QT_QPA_PLATFORM=xcb
export ORDERBRIDGE_XVFB=1
exec xvfb-run -a -e /dev/stderr -s "-screen 0 1600x1000x24" "$binary" "$@"
