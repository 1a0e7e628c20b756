#!/usr/bin/env bash
# Fusion beside scikit-learn's DBSCAN on the same generated reports
# (docs/PERFORMANCE.md, "Fusion"):
#   bash bench/fusion.sh [--sizes "100000 300000 1000000"] [--mem-gib 16] [--smoke]
# For each size: truce's batch and incremental fusion (bench_fusion), then
# DBSCAN (haversine, ball tree) in Debian's python3 with its address space
# capped at --mem-gib, so running out of memory is a clean MemoryError and
# not a machine brought to a halt. Whole-process wall time and peak memory of
# each come from /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${TRUCE_BUILD_DIR:-build}
sizes="100000 300000 1000000"
mem_gib=16
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --mem-gib) mem_gib=$2; shift 2 ;;
    --smoke) sizes=2000; shift ;;
    *) echo "fusion.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-9s %-44s %-60s\n' reports truce "DBSCAN (space only; then per 1-hour slice)"
for n in $sizes; do
  /usr/bin/time -f '%e %M' -o "$tmp/t.time" "$build/bench/truce_bench_fusion" --reports "$n" \
    --csv "$tmp/points.csv" --labels "$tmp/truce.csv" > "$tmp/t.json"
  read -r t_wall t_kb < <(tail -1 "$tmp/t.time")
  set +e
  ( ulimit -v $((mem_gib * 1024 * 1024)); /usr/bin/time -f '%e %M' -o "$tmp/d.time" \
      /usr/bin/python3 bench/fusion_dbscan.py "$tmp/points.csv" --truce-labels "$tmp/truce.csv" > "$tmp/d.json" )
  d_rc=$?
  set -e
  # /usr/bin/time puts "Command exited with non-zero status N" first on a failure.
  read -r d_wall d_kb < <(tail -1 "$tmp/d.time") || true
  /usr/bin/time -f '%e %M' -o "$tmp/s.time" /usr/bin/python3 bench/fusion_dbscan.py "$tmp/points.csv" \
    --truce-labels "$tmp/truce.csv" --slice-hours 1 > "$tmp/s.json"
  read -r s_wall s_kb < <(tail -1 "$tmp/s.time")
  truce=$(/usr/bin/python3 -c "import json;j=json.load(open('$tmp/t.json'));print('batch %.2fs, incr. %.0f/s, B3 P/R %.3f/%.3f' % (j['batch_s'], j['incremental_per_s'], j['bcubed_precision'], j['bcubed_recall']))")
  dbscan=$(/usr/bin/python3 -c "
import json
try:
    j=json.load(open('$tmp/d.json'))
except Exception:
    j={'error':'no answer (exit $d_rc)'}
if 'error' in j: print(j['error'])
else: print('%.2fs, B3 P/R %.3f/%.3f, agrees with truce P/R %.3f/%.3f' % (j['dbscan_s'], j['bcubed_precision'], j['bcubed_recall'], j['agreement_with_truce']['bcubed_precision'], j['agreement_with_truce']['bcubed_recall']))")
  printf '%-9s %-44s %-60s\n' "$n" "$truce" "$dbscan"
  sliced=$(/usr/bin/python3 -c "import json;j=json.load(open('$tmp/s.json'));print('%.2fs, B3 P/R %.3f/%.3f, agrees with truce P/R %.3f/%.3f' % (j['dbscan_s'], j['bcubed_precision'], j['bcubed_recall'], j['agreement_with_truce']['bcubed_precision'], j['agreement_with_truce']['bcubed_recall']))")
  printf '%-9s %-44s %-60s\n' "" "process ${t_wall}s, peak $((t_kb / 1024)) MiB" "process ${d_wall:-?}s, peak $(( ${d_kb:-0} / 1024 )) MiB"
  printf '%-9s %-44s %-60s\n' "" "" "per hour: $sliced"
  printf '%-9s %-44s %-60s\n' "" "" "process ${s_wall}s, peak $((s_kb / 1024)) MiB"
  echo "truce:  $(cat "$tmp/t.json")" >> "${FUSION_LOG:-/dev/null}"
  echo "DBSCAN: $(cat "$tmp/d.json" 2>/dev/null)" >> "${FUSION_LOG:-/dev/null}"
  echo "DBSCAN per hour: $(cat "$tmp/s.json")" >> "${FUSION_LOG:-/dev/null}"
done
