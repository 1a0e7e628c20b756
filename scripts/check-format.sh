#!/usr/bin/env bash
# Whether every C++ file git tracks is formatted as .clang-format says.
# Names each file that is not, and how to fix it. A ctest test runs it.
#   bash scripts/check-format.sh         # check
#   bash scripts/check-format.sh --fix   # rewrite the files in place
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cc' '*.h')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  printf 'not formatted as .clang-format says: %s\n' "${bad[@]}"
  echo "fix with: bash scripts/check-format.sh --fix"
  exit 1
fi
echo "format: ${#files[@]} files as .clang-format says"
