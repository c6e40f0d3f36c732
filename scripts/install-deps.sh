#!/usr/bin/env bash
# Installs exactly the Debian 12 packages OrderBridge needs to build, test, run and package.
# Idempotent and non-interactive; run as root or through sudo.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git file dpkg-dev
  # fuzzing (scripts/fuzz.sh): clang 19 with libFuzzer and the sanitizer runtimes
  clang-19 libfuzzer-19-dev libclang-rt-19-dev
  # Qt 6 (Debian 12 ships 6.4)
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins
  qt6-httpserver-dev qt6-websockets-dev qt6-networkauth-dev qt6-svg-dev
  # Qt Charts for the dashboard (ui only); its CMake config needs Qt6 OpenGL/OpenGLWidgets
  qt6-charts-dev libqt6opengl6-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  # keychain, signing, schema validation
  qtkeychain-qt6-dev libssl-dev libvalijson-dev
  # tests: a real Secret Service in a private D-Bus session, a real X server for screenshots
  gnome-keyring dbus dbus-x11 libsecret-tools xvfb xauth fonts-dejavu-core
  # tests: a throwaway CA and server certificate for the sandbox over HTTPS (tests/cli/tst_clitls.cpp)
  openssl
  # team mode: Qt's PostgreSQL driver (above) and a real PostgreSQL 15 server for the store tests, which start their
  # own throwaway cluster with initdb and pg_ctl from /usr/lib/postgresql/15/bin (tests/common/postgresserver.cpp)
  postgresql
  # Chinese, Japanese and Korean customer names in the console and the demo, which DejaVu draws as
  # boxes: WenQuanYi Micro Hei is 1.6 MB (fonts-noto-cjk is 57 MB)
  fonts-wqy-microhei
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
