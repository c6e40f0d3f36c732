#!/usr/bin/env bash
# Builds the libFuzzer targets (CMake preset "fuzz", clang-19, ASan + UBSan) and runs each for SECONDS
# (default 10) on its seed corpus in fuzz/corpus/<target>/. New corpus entries go to a temporary folder,
# never into the repository; crash inputs are kept in build/fuzz/artifacts/. FUZZ_SEED=N fixes libFuzzer's
# random seed (CI does, so that two runs of one commit try the same inputs); unset, each run draws its own.
#   scripts/fuzz.sh [SECONDS] [TARGET...]      e.g. scripts/fuzz.sh 300 fuzz_soql_quote
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
all=(fuzz_magento_order fuzz_mapping_file fuzz_settings_import fuzz_salesforce_replies fuzz_soql_quote
     fuzz_sandbox_http)

seconds="${1:-10}"
[ $# -gt 0 ] && shift
case "$seconds" in ''|*[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number, not '$seconds'" >&2; exit 2;; esac
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
for t in "${targets[@]}"; do
  [ -d "$here/fuzz/corpus/$t" ] || { echo "fuzz.sh: unknown target '$t' (known: ${all[*]})" >&2; exit 2; }
done

"$here/scripts/install-deps.sh"
cd "$here"
# Compiler cache keys relative to the checkout, as scripts/test.sh does, so another clone reuses the objects.
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2 --target "${targets[@]}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
artifacts="$here/build/fuzz/artifacts"
mkdir -p "$artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
seed=()
if [ -n "${FUZZ_SEED:-}" ]; then
  case "$FUZZ_SEED" in *[!0-9]*) echo "fuzz.sh: FUZZ_SEED must be a whole number, not '$FUZZ_SEED'" >&2; exit 2;; esac
  seed=(-seed="$FUZZ_SEED")
fi
failed=()
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  echo "== $t: ${seconds}s"
  # The first folder receives new entries; the seed corpus is only read.
  if "build/fuzz/fuzz/$t" -max_total_time="$seconds" -timeout=25 -print_final_stats=1 "${seed[@]}" \
       -artifact_prefix="$artifacts/$t-" "$work/$t" "fuzz/corpus/$t" >"$work/$t.log" 2>&1; then
    grep -E '^#[0-9]+[[:space:]]+DONE' "$work/$t.log" | tail -1 || true
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb):' "$work/$t.log" || true
  else
    failed+=("$t")
    tail -n 60 "$work/$t.log"
    echo "== $t: FINDING (input saved under $artifacts/)"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: findings in ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: ${#targets[@]} target(s) ran ${seconds}s each without a finding"
