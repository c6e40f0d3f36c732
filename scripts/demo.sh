#!/usr/bin/env bash
# Installs what OrderBridge needs, builds it and starts the console on the built-in demo
# (a sandbox Magento store and Salesforce org on loopback).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

"$here/scripts/install-deps.sh"
cmake --preset default
cmake --build --preset default -j "$(nproc)"
exec "$here/build/default/app/orderbridge" --demo "$@"
