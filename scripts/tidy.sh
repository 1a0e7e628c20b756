#!/usr/bin/env bash
# clang-tidy with the checks .clang-tidy chooses, over every .cc file of src/
# and sim/ (and the headers of ours they include). Needs a build's compile
# commands: build/ (bash scripts/build.sh) unless TIDY_BUILD_DIR names another.
# Not in scripts/test.sh: docs/CONTRIBUTING.md says how long it takes.
#   bash scripts/tidy.sh                    # everything
#   bash scripts/tidy.sh src/truce/center   # only these folders or files
set -euo pipefail
cd "$(dirname "$0")/.."
build="${TIDY_BUILD_DIR:-build}"
if [ ! -f "$build/compile_commands.json" ]; then
  echo "tidy: $build/compile_commands.json is missing; make it with: bash scripts/build.sh" >&2
  exit 2
fi
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=(src sim)
# run-clang-tidy takes the files as regular expressions over the compile commands.
regex="^$(pwd)/($(printf '%s|' "${paths[@]%/}" | sed 's/|$//; s/\./\\./g'))(/.*\.cc)?$"
run-clang-tidy -quiet -p "$build" -j "${TIDY_JOBS:-2}" "$regex"
