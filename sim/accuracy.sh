#!/usr/bin/env bash
# Accuracy of the findings against the simulator's ground truth
# (docs/ACCURACY.md): for each mission and seed, simulate, let each center
# party ingest its own reports, fuse and adjudicate (truce incidents), and
# score (truce score). Prints a Markdown table.
#   bash sim/accuracy.sh [--seeds "1 2 3"] [--days 3] [--missions "idlib-2020 karabakh-2020"]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${TRUCE_BUILD_DIR:-build}
seeds="1 2 3"
days=3
missions="idlib-2020 karabakh-2020"
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --missions) missions=$2; shift 2 ;;
    *) echo "accuracy.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "| mission | seed | reports | incidents | B³ precision | B³ recall | attribution accuracy | undetermined | violations: precision / recall by clause kind |"
echo "|---|---|---|---|---|---|---|---|---|"
for m in $missions; do
  for seed in $seeds; do
    d=$tmp/$m-$seed
    "$build/truce" sim --mission "missions/$m" --out "$d" --seed "$seed" --days "$days" > /dev/null
    "$build/truce" init --mission "missions/$m" --db "$d/c.db" > /dev/null
    "$build/truce" ingest -q --db "$d/c.db" --key "missions/$m/keys/demo/ru-obs-1.key" "$d/reports-RU.jsonl"
    "$build/truce" ingest -q --db "$d/c.db" --key "missions/$m/keys/demo/tr-obs-1.key" "$d/reports-TR.jsonl"
    "$build/truce" incidents -q --db "$d/c.db" --format jsonl > "$d/incidents.jsonl"
    "$build/truce" score --mission "missions/$m" --truth "$d/truth.jsonl" --events "$d/events.jsonl" \
      "$d/incidents.jsonl" > "$d/score.txt"
    /usr/bin/python3 - "$m" "$seed" "$d/score.txt" <<'PY'
import re, sys
m, seed, path = sys.argv[1:4]
t = open(path).read()
def g(p):
    x = re.search(p, t)
    return x.group(1) if x else "?"
kinds = []
for k, p, pn, r, rn in re.findall(r"violations\s+(\S+)\s+precision (\S+) \((\S+)\), recall (\S+) \((\S+)\)", t):
    kinds.append("%s %s (%s) / %s (%s)" % (k, p, pn, r, rn))
cells = [m, seed, g(r"reports (\d+)"), g(r"incidents (\d+)"), g(r"B-cubed precision ([0-9.]+)"),
         g(r"B-cubed precision [0-9.]+, recall ([0-9.]+)"),
         "%s (%s)" % (g(r"accuracy (\S+) \("), g(r"\((\d+ of \d+) attributed")),
         g(r"undetermined (\S+) \("), "; ".join(kinds)]
print("| " + " | ".join(cells) + " |")
PY
  done
done
