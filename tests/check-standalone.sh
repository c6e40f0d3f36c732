#!/usr/bin/env bash
# Fails when a file of the repository refers to something outside it: a path through "../shared"
# (the team's notes beside the checkout, which a clone does not have) or an environment variable
# that points there. Run by CTest as repository_stands_alone; a self-test proves it can fail.
set -euo pipefail
root="${1:?usage: check-standalone.sh REPOSITORY_ROOT}"
cd "$root"

pattern='\.\./shared|ORDERBRIDGE_SHARED_DIR'

scan() {
    # Tracked files when this is a git checkout (the tests' own copy of data included), else all.
    if git -C "$1" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git -C "$1" ls-files -z | (cd "$1" && xargs -0 grep -nIE "$pattern" -- 2>/dev/null) || true
    else
        grep -rnIE "$pattern" "$1" --exclude-dir=build --exclude-dir=.git 2>/dev/null || true
    fi
}

# Self-test: a scratch tree with one offending line must be caught, or the check proves nothing.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
printf 'path = "%s/reference/x.json"\n' "../shared" > "$scratch/offender.txt"
if [ -z "$(scan "$scratch")" ]; then
    echo "check-standalone: the self-test found nothing in a file that refers to ../shared" >&2
    exit 1
fi

# This script names the pattern it looks for; it is the one file allowed to.
hits="$(scan "$root" | grep -v '^tests/check-standalone.sh:' || true)"
if [ -n "$hits" ]; then
    echo "check-standalone: these lines refer to files outside the repository;" >&2
    echo "copy what they need into the repository (with its licence) and point at the copy:" >&2
    echo "$hits" >&2
    exit 1
fi
echo "check-standalone: no file refers outside the repository"
