#!/usr/bin/env bash
# Runs a test inside a private D-Bus session, with a real Secret Service (gnome-keyring, unlocked with
# a throw-away password) or, with --no-keyring, with none at all. HOME and the XDG folders point into
# a temporary folder, so the user's own keyring is never touched.
#   with-keyring.sh [--no-keyring] COMMAND [ARGS...]
# The test learns the mode from ORDERBRIDGE_TEST_KEYRING=present|absent.
set -euo pipefail

mode=present
if [ "${1:-}" = "--no-keyring" ]; then
  mode=absent
  shift
fi
if [ $# -eq 0 ]; then
  echo "usage: $0 [--no-keyring] COMMAND [ARGS...]" >&2
  exit 2
fi
for tool in dbus-run-session dbus-daemon gnome-keyring-daemon secret-tool; do
  if ! command -v "$tool" >/dev/null; then
    echo "with-keyring.sh: $tool is missing; run scripts/install-deps.sh" >&2
    exit 1
  fi
done

scratch="$(mktemp -d "${TMPDIR:-/tmp}/orderbridge-keyring.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/data" "$scratch/config" "$scratch/cache" "$scratch/run"
chmod 700 "$scratch/run"
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
       XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/run"
# No desktop hints, so QtKeychain picks the Secret Service and not KWallet.
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION GNOME_DESKTOP_SESSION_ID \
      GNOME_KEYRING_CONTROL DBUS_SESSION_BUS_ADDRESS
export ORDERBRIDGE_TEST_KEYRING="$mode"

# A session bus without service activation: nothing starts a keyring behind the test's back
# (gnome-keyring installs an activation file for org.freedesktop.secrets).
cat >"$scratch/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$scratch/run</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF

inner='
set -euo pipefail
if [ "$ORDERBRIDGE_TEST_KEYRING" = present ]; then
  # --unlock reads the new login keyring password on stdin; the daemon exits with the bus.
  env_lines="$(printf "orderbridge-test\n" | gnome-keyring-daemon --unlock --components=secrets)"
  while IFS= read -r line; do
    case "$line" in *=*) export "$line" ;; esac
  done <<<"$env_lines"
  # Wait until the Secret Service answers, and prove it stores and returns secrets.
  for _ in $(seq 50); do
    if printf probe | secret-tool store --label="OrderBridge probe" orderbridge-probe yes 2>/dev/null; then break; fi
    sleep 0.1
  done
  if [ "$(secret-tool lookup orderbridge-probe yes)" != probe ]; then
    echo "with-keyring.sh: gnome-keyring did not come up in the private session" >&2
    exit 1
  fi
  secret-tool clear orderbridge-probe yes
fi
exec "$@"
'
# dbus-daemon complains it cannot raise its file limit when not root-capable; that is harmless.
# No exec: the trap must still remove the scratch folder.
status=0
dbus-run-session --config-file="$scratch/session.conf" -- bash -c "$inner" with-keyring "$@" \
  2> >(grep -v "Failed to set fd limit" >&2) || status=$?
exit "$status"
