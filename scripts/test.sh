#!/usr/bin/env bash
# Installs what OrderBridge needs, builds it with a CMake preset and runs the whole test suite.
#   scripts/test.sh            default preset (the "ci" preset, warnings as errors, when CI=true)
#   scripts/test.sh asan       AddressSanitizer + UndefinedBehaviorSanitizer
#   scripts/test.sh tsan       ThreadSanitizer: builds and runs only the tests labelled "threads"
#                              (the preset's build target and test filter; see README "ThreadSanitizer")
set -euo pipefail
default_preset=default
if [ "${CI:-}" = "true" ]; then default_preset=ci; fi
preset="${1:-$default_preset}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
# Compiler cache keyed on paths relative to the checkout, so clones in other folders (CI's fresh
# clone, a second worktree) reuse each other's objects.
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1

"$here/scripts/install-deps.sh"
cmake --preset "$preset"
cmake --build --preset "$preset" -j "$(nproc)"
ctest --preset "$preset"
