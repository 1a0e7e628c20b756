#!/usr/bin/env bash
# The daily report's speed (docs/PERFORMANCE.md, "The daily report"):
#   bash bench/daily.sh [--day-reports 10000] [--other-days-reports 1000] [--smoke]
# Generates a month of reports (bench/gen_reports.cc, groups of 5 reports
# per event): 38 days before 31 March 2020 with --other-days-reports each,
# then 31 March with --day-reports; ingests them into a fresh SQLite
# database; then times the report of 31 March:
#   1. as a running center makes it (truce_bench_report: the center open,
#      then Gather + Compose + HTML, 5 runs, median and slowest);
#   2. the whole `truce report daily --format html` process (open, load the
#      mission, build its tagger, report), by /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${TRUCE_BUILD_DIR:-build}
day=10000
other=1000
smoke=0
while [ $# -gt 0 ]; do
  case "$1" in
    --day-reports) day=$2; shift 2 ;;
    --other-days-reports) other=$2; shift 2 ;;
    --smoke) day=500; other=20; smoke=1; shift ;;
    *) echo "usage: bench/daily.sh [--day-reports N] [--other-days-reports N] [--smoke]" >&2; exit 2 ;;
  esac
done
for tool in "$B/truce" "$B/bench/truce_gen_reports" "$B/bench/truce_bench_report"; do
  [ -x "$tool" ] || { echo "bench: $tool is missing; run scripts/build.sh -DTRUCE_BUILD_BENCHMARKS=ON first" >&2; exit 2; }
done
work=$(mktemp -d /tmp/truce-daily.XXXXXX)
trap 'rm -rf "$work"' EXIT
m=missions/idlib-2020
"$B/bench/truce_gen_reports" --mission $m --count $((other * 38)) --per-incident 5 --days 38 \
  --start 2020-02-22T00:00:00+02:00 --seed 11 --jsonl "$work/before.jsonl"
"$B/bench/truce_gen_reports" --mission $m --count "$day" --per-incident 5 --days 1 \
  --start 2020-03-31T00:00:00+03:00 --seed 12 --jsonl "$work/day.jsonl"
# The two files were generated apart, so their ids repeat: the day's get their own.
sed -i 's/"id":"gen-/"id":"day-/' "$work/day.jsonl"
"$B/truce" init --mission $m --db "$work/c.db" > /dev/null
"$B/truce" ingest --quiet --db "$work/c.db" --key $m/keys/demo/ru-obs-1.key "$work/before.jsonl" "$work/day.jsonl" > /dev/null
served=$("$B/bench/truce_bench_report" --db "$work/c.db" --mission $m --date 2020-03-31 --runs 5)
/usr/bin/time -f '%e %M' -o "$work/cli.time" "$B/truce" report daily -q --db "$work/c.db" --date 2020-03-31 \
  --format html --out "$work/daily.html" 2> /dev/null
read -r cli_s cli_kb < "$work/cli.time"
grep -q "Ceasefire violations</h2>" "$work/daily.html"
echo "daily report of 31 March 2020: $day reports that day, $other a day on the 38 days before"
echo "  as a running center makes it (Gather + Compose + HTML): $served"
echo "  truce report daily --format html, whole process: ${cli_s} s, peak RSS $((cli_kb / 1024)) MiB"
