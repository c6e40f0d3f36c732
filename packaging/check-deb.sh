#!/usr/bin/env bash
# Builds the Debian package of a build tree with cpack into a scratch folder and checks its contents
# and control fields.   check-deb.sh BUILD_DIR VERSION DESKTOP_FILE
set -euo pipefail
build="$1"
version="$2"
desktop_source="$3"

for tool in cpack dpkg-deb objdump; do
  command -v "$tool" >/dev/null || { echo "check-deb: $tool is missing; run scripts/install-deps.sh" >&2; exit 1; }
done

scratch="$(mktemp -d "${TMPDIR:-/tmp}/orderbridge-deb.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$scratch" >"$scratch/cpack.log" 2>&1; then
  cat "$scratch/cpack.log" >&2
  echo "check-deb: cpack failed (is the whole project built? cmake --build $build)" >&2
  exit 1
fi
deb="$(find "$scratch" -maxdepth 1 -name 'orderbridge_*.deb' | awk 'NR == 1')"
[ -n "$deb" ] || { cat "$scratch/cpack.log" >&2; echo "check-deb: cpack wrote no orderbridge_*.deb" >&2; exit 1; }
echo "check-deb: built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

failures=0
fail() { echo "check-deb: FAIL: $*" >&2; failures=$((failures + 1)); }

contents="$(dpkg-deb -c "$deb" | awk '{print $NF}')"
for path in ./usr/bin/orderbridge ./usr/bin/orderbridge-cli ./usr/bin/orderbridge-sandbox \
            ./usr/share/applications/orderbridge.desktop \
            ./usr/share/icons/hicolor/scalable/apps/orderbridge.svg; do
  grep -qx -- "$path" <<<"$contents" || fail "package lacks $path"
done
# Executables are executable; nothing lands outside /usr.
for bin in orderbridge orderbridge-cli orderbridge-sandbox; do
  dpkg-deb -c "$deb" | grep -E " \./usr/bin/$bin\$" | grep '^-rwxr-xr-x' >/dev/null || fail "/usr/bin/$bin is not mode 0755"
done
if grep -v -E '^\./(usr(/.*)?)?$' <<<"$contents" | grep . >/dev/null; then
  fail "files outside /usr: $(grep -v -E '^\./(usr(/.*)?)?$' <<<"$contents" | tr '\n' ' ')"
fi

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = orderbridge ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', expected $version"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$(field Architecture)'"
depends="$(field Depends)"
# Package names in Depends, one a line, without versions ("a (>= 1) | b" gives a and b).
dependency_names="$(tr ',|' '\n\n' <<<"$depends" | sed -e 's/^ *//' -e 's/[ (].*//' | grep -v '^$')"
has_dependency() { grep -Fxq -- "$1" <<<"$dependency_names"; }
# Run-time plugins and dlopen()ed libraries, which dpkg-shlibdeps cannot see.
for dep in libqt6widgets6 libqt6sql6-sqlite qt6-qpa-plugins libqt6svg6 libsecret-1-0; do
  has_dependency "$dep" || fail "Depends lacks $dep: $depends"
done
# Every shared library the packaged binaries link must come from a package in Depends.
unpacked="$scratch/root"
mkdir -p "$unpacked"
dpkg-deb -x "$deb" "$unpacked"
for bin in "$unpacked"/usr/bin/*; do
  for lib in $(objdump -p "$bin" | awk '$1 == "NEEDED" {print $2}'); do
    # Reads all of ldconfig's output (no early exit): with pipefail, SIGPIPE would end the script.
    path="$(ldconfig -p | awk -v lib="$lib" '$1 == lib && !found {print $NF; found = 1}')"
    [ -n "$path" ] || { fail "$(basename "$bin") needs $lib, which is not installed here"; continue; }
    package=""
    # dpkg knows each file under one spelling only (/lib or /usr/lib on merged-/usr systems).
    real="$(readlink -f "$path")"
    for candidate in "$path" "$real" "/usr${path#/usr}" "${path#/usr}" "/usr${real#/usr}" "${real#/usr}"; do
      package="$( (dpkg -S "$candidate" 2>/dev/null || true) | awk -F: 'NR == 1 {print $1}')"
      [ -z "$package" ] || break
    done
    [ -n "$package" ] || { fail "no package owns $path"; continue; }
    has_dependency "$package" || fail "$(basename "$bin") needs $lib from $package, which Depends lacks: $depends"
  done
done
grep -q gnome-keyring <<<"$(field Recommends)" || fail "Recommends lacks gnome-keyring"
# Chinese, Japanese and Korean customer names need a CJK font; the Latin ones draw boxes.
grep -q fonts-wqy-microhei <<<"$(field Recommends)" || fail "Recommends lacks the CJK font fonts-wqy-microhei"

# The packaged desktop file is the source one, and it is valid.
packaged_desktop="$scratch/orderbridge.desktop"
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/applications/orderbridge.desktop >"$packaged_desktop"
cmp -s "$packaged_desktop" "$desktop_source" || fail "packaged .desktop differs from $desktop_source"
for key in Type=Application Name= Exec=orderbridge Icon=orderbridge Categories=; do
  grep -q "^$key" "$packaged_desktop" || fail ".desktop lacks $key"
done
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$packaged_desktop" || fail "desktop-file-validate rejects the .desktop file"
else
  echo "check-deb: desktop-file-validate not installed (desktop-file-utils); skipped the full .desktop check"
fi

if [ "$failures" -ne 0 ]; then
  echo "--- dpkg-deb -I" >&2; dpkg-deb -I "$deb" >&2
  echo "--- dpkg-deb -c" >&2; dpkg-deb -c "$deb" >&2
  exit 1
fi
echo "check-deb: OK: $(wc -l <<<"$contents") entries; Depends: $depends"
