#!/usr/bin/env bash
# Exports' speed (docs/PERFORMANCE.md, "Exports"):
#   bash bench/export.sh [--rows 1000000] [--smoke]
# Generates --rows reports (bench/gen_reports.cc) over 90 days, ingests them
# into a fresh SQLite database, then exports every report as CSV two ways,
# in turn, three rounds, on the same file:
#   1. `truce export reports --format csv` (every column, times with their
#      offsets, lists joined, formula cells neutralised), by /usr/bin/time;
#   2. `ogr2ogr -f CSV` of the same rows' stored columns from the same SQLite
#      file (GDAL from Debian), by /usr/bin/time.
# Prints rows a second, peak memory and the ratio of the two times.
# Both write their CSV to memory (/dev/shm, where there is one): the disk's
# write speed is the same for both and is not what is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${TRUCE_BUILD_DIR:-build}
rows=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --smoke) rows=20000; shift ;;
    *) echo "usage: bench/export.sh [--rows N] [--smoke]" >&2; exit 2 ;;
  esac
done
for tool in "$B/truce" "$B/bench/truce_gen_reports"; do
  [ -x "$tool" ] || { echo "bench: $tool is missing; run scripts/build.sh -DTRUCE_BUILD_BENCHMARKS=ON first" >&2; exit 2; }
done
command -v ogr2ogr > /dev/null || { echo "bench: ogr2ogr is missing (gdal-bin; bash scripts/setup.sh)" >&2; exit 2; }
work=$(mktemp -d /tmp/truce-export.XXXXXX)
out=$work
if [ -d /dev/shm ] && [ -w /dev/shm ]; then out=$(mktemp -d /dev/shm/truce-export.XXXXXX); fi
trap 'rm -rf "$work" "$out"' EXIT
m=missions/idlib-2020
"$B/bench/truce_gen_reports" --mission $m --count "$rows" --per-incident 5 --days 90 --seed 21 --jsonl "$work/r.jsonl"
"$B/truce" init --mission $m --db "$work/c.db" > /dev/null
"$B/truce" ingest --quiet --db "$work/c.db" --key $m/keys/demo/ru-obs-1.key "$work/r.jsonl" > /dev/null
rm "$work/r.jsonl"
# The ingest's writes reach the disk first, so neither export runs beside them.
sync

# Three rounds, the two exports in turn in each, so that a machine that
# slows down or speeds up meanwhile touches both alike; the medians are
# compared. Each export writes a new file over the last.
for round in 1 2 3; do
  /usr/bin/time -f '%e %M' -a -o "$work/truce.time" "$B/truce" export reports -q --db "$work/c.db" --format csv \
    --out "$out/truce.csv" 2> /dev/null
  rm -f "$out/ogr.csv"
  /usr/bin/time -f '%e %M' -a -o "$work/ogr.time" ogr2ogr -f CSV "$out/ogr.csv" "$work/c.db" -sql \
    "SELECT id, source_report_id, source_kind, source_party, source_name, category, start_ms, start_offset, end_ms,
            end_offset, lat, lon, uncertainty_m, place, weapon_class, count, bearing_deg, bearing_error_deg, killed,
            injured, blames, zones, clauses, evidence, text, received_ms, entry, content_digest FROM reports" 2> /dev/null
done
# The median time of the three, and the largest peak memory.
median() { sort -n -k1,1 "$1" | awk 'NR == 2 { t = $1 } { if ($2 > m) m = $2 } END { print t, m }'; }
read -r truce_s truce_kb < <(median "$work/truce.time")
read -r ogr_s ogr_kb < <(median "$work/ogr.time")
truce_all=$(awk '{ printf "%s%s", (NR > 1 ? ", " : ""), $1 }' "$work/truce.time")
ogr_all=$(awk '{ printf "%s%s", (NR > 1 ? ", " : ""), $1 }' "$work/ogr.time")

# Both wrote every row (a header each; no report text here holds a newline).
truce_rows=$(($(wc -l < "$out/truce.csv") - 1))
ogr_rows=$(($(wc -l < "$out/ogr.csv") - 1))
[ "$truce_rows" -eq "$rows" ] || { echo "bench: truce wrote $truce_rows rows, not $rows" >&2; exit 1; }
[ "$ogr_rows" -eq "$rows" ] || { echo "bench: ogr2ogr wrote $ogr_rows rows, not $rows" >&2; exit 1; }
awk -v n="$rows" -v t="$truce_s" -v tk="$truce_kb" -v o="$ogr_s" -v ok="$ogr_kb" -v ta="$truce_all" -v oa="$ogr_all" 'BEGIN {
  printf "CSV export of %d reports from one SQLite file (median of 3 rounds)\n", n
  printf "  truce export reports --format csv: %.2f s, %.0f rows/s, peak RSS %d MiB (runs: %s s)\n", t, n / (t > 0 ? t : 0.01), tk / 1024, ta
  printf "  ogr2ogr -f CSV (stored columns):   %.2f s, %.0f rows/s, peak RSS %d MiB (runs: %s s)\n", o, n / (o > 0 ? o : 0.01), ok / 1024, oa
  printf "  ratio ogr2ogr / truce: %.2f (above 1: truce faster)\n", o / (t > 0 ? t : 0.01)
}'
