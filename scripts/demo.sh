#!/usr/bin/env bash
# Installs what OrderBridge needs, builds it and starts the console on the built-in demo: orderbridge
# starts orderbridge-sandbox (a Magento store and a Salesforce org on loopback) in the background, fills
# in the demo connection and opens the console with the Demo Store panel.
#   scripts/demo.sh                    the demo, its data in ~/.local/share/OrderBridge/OrderBridge/demo
#   scripts/demo.sh --data-dir DIR     the demo with its data (store, sandbox state, secrets) in DIR
#   SKIP_DEPS=1 scripts/demo.sh        skip the package installation (already done)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

if [ "${SKIP_DEPS:-}" != "1" ]; then
    "$here/scripts/install-deps.sh"
fi
cmake --preset default
cmake --build --preset default -j "$(nproc)" --target orderbridge orderbridge-sandbox

# The console finds the sandbox itself in the build tree; naming it keeps a stale one on PATH out.
export ORDERBRIDGE_SANDBOX="$here/build/default/sandbox/orderbridge-sandbox"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "demo.sh: no display found (DISPLAY / WAYLAND_DISPLAY unset); run it in a desktop session," >&2
    echo "         or under a virtual one: xvfb-run -a scripts/demo.sh" >&2
    exit 1
fi
exec "$here/build/default/app/orderbridge" --demo "$@"
