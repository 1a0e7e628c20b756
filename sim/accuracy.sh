#!/usr/bin/env bash
# Accuracy of the findings against the simulator's ground truth
# (docs/ACCURACY.md): for each mission and seed, simulate, let each center
# party ingest its own reports, fuse and adjudicate (truce incidents), and
# score (truce score). Prints two Markdown tables: the scores of each run,
# and the attribution coverage of each mission over its runs.
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
scores=()
for m in $missions; do
  for seed in $seeds; do
    d=$tmp/$m-$seed
    "$build/truce" sim --mission "missions/$m" --out "$d" --seed "$seed" --days "$days" > /dev/null
    "$build/truce" init --mission "missions/$m" --db "$d/c.db" > /dev/null
    "$build/truce" ingest -q --db "$d/c.db" --key "missions/$m/keys/demo/ru-obs-1.key" "$d/reports-RU.jsonl"
    "$build/truce" ingest -q --db "$d/c.db" --key "missions/$m/keys/demo/tr-obs-1.key" "$d/reports-TR.jsonl"
    "$build/truce" incidents -q --db "$d/c.db" --format jsonl > "$d/incidents.jsonl"
    "$build/truce" score --mission "missions/$m" --truth "$d/truth.jsonl" --events "$d/events.jsonl" \
      --reports "$d/reports.jsonl" "$d/incidents.jsonl" > "$d/score.txt"
    scores+=("$m" "$seed" "$d/score.txt")
  done
done
/usr/bin/python3 - "${scores[@]}" <<'PY'
import re, sys
runs = [sys.argv[i:i + 3] for i in range(1, len(sys.argv), 3)]
def g(t, p):
    x = re.search(p, t)
    return x.group(1) if x else "?"
def share(a, b):
    return "%.3f" % (a / b) if b else "n/a"
print("| mission | seed | reports | incidents | B³ precision | B³ recall | attribution accuracy | undetermined "
      "| locatable / named / rightly named | violations: precision / recall by clause kind |")
print("|---|---|---|---|---|---|---|---|---|---|")
totals = {}
for m, seed, path in runs:
    t = open(path).read()
    kinds = []
    for k, p, pn, r, rn in re.findall(r"violations\s+(\S+)\s+precision (\S+) \((\S+)\), recall (\S+) \((\S+)\)", t):
        kinds.append("%s %s (%s) / %s (%s)" % (k, p, pn, r, rn))
    c = re.search(r"coverage\s+locatable \S+ \((\d+) of (\d+) incidents of real events: radar (\d+), 2\+ bearings "
                  r"(\d+), on the ground (\d+)\), named \S+ \((\d+) of \d+\), rightly \S+ \((\d+) of \d+\)", t)
    n = [int(x) for x in c.groups()] if c else None
    cov = "%s (%d of %d) / %s (%d) / %s (%d)" % (share(n[0], n[1]), n[0], n[1], share(n[5], n[0]), n[5],
                                                share(n[6], n[0]), n[6]) if n else "?"
    if n:
        tot = totals.setdefault(m, [0] * 8)
        undetermined = int(g(t, r"undetermined \S+ \((\d+) of"))
        for i, v in enumerate(n + [undetermined]):
            tot[i] += v
    cells = [m, seed, g(t, r"reports (\d+)"), g(t, r"incidents (\d+)"), g(t, r"B-cubed precision ([0-9.]+)"),
             g(t, r"B-cubed precision [0-9.]+, recall ([0-9.]+)"),
             "%s (%s)" % (g(t, r"accuracy (\S+) \("), g(t, r"\((\d+ of \d+) attributed")),
             g(t, r"undetermined (\S+) \("), cov, "; ".join(kinds)]
    print("| " + " | ".join(cells) + " |")
print()
print("| mission | incidents of real events | undetermined | locatable | by radar / 2+ bearings / ground "
      "| locatable named | locatable rightly named | undetermined though locatable |")
print("|---|---|---|---|---|---|---|---|")
for m, (loc, real, radar, bearings, ground, named, right, und) in totals.items():
    print("| %s | %d | %s (%d) | %s (%d) | %d / %d / %d | %s (%d of %d) | %s (%d of %d) | %d |" % (
        m, real, share(und, real), und, share(loc, real), loc, radar, bearings, ground, share(named, loc), named, loc,
        share(right, loc), right, loc, loc - named))
PY
