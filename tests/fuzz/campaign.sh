#!/usr/bin/env bash
# A long fuzz campaign (behind a flag, not in CI): each target for SECONDS
# over its seed corpus and what earlier campaigns found, one at a time,
# then a table of what each did. A crash stops nothing: its input is kept
# as var/fuzz/crash-TARGET-* and the table says so.
#
#   bash tests/fuzz/campaign.sh [SECONDS] [TARGET...]   # default 1800 s, every target
#
# Needs the fuzzers built: bash scripts/test.sh (or cmake --build build-fuzz --target fuzzers).
# New inputs go to var/fuzz/corpus-TARGET, never into the source tree.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-1800}
shift || true
B=${TRUCE_FUZZ_BUILD_DIR:-build-fuzz}/tests/fuzz
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$B"/fuzz_*; do [ -x "$f" ] && targets+=("${f##*/fuzz_}"); done
fi
[ ${#targets[@]} -gt 0 ] || { echo "campaign: no fuzzers in $B; run bash scripts/test.sh"; exit 1; }
out=var/fuzz
mkdir -p "$out"
summary="$out/summary.md"
{
  echo "Fuzz campaign, $(date -u +%Y-%m-%dT%H:%MZ), ${seconds} s a target, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "| target | runs | runs/s | coverage (edges) at start → end | corpus | peak RSS | crashes |"
  echo "|---|---:|---:|---|---:|---:|---:|"
} >"$summary"
n=0
for t in "${targets[@]}"; do
  n=$((n + 1))
  bin="$B/fuzz_$t"
  [ -x "$bin" ] || { echo "campaign: $bin is missing"; exit 1; }
  # The CSV target shares the batch target's seeds.
  seeds=tests/fuzz/corpus/$t
  [ -d "$seeds" ] || seeds=tests/fuzz/corpus/report_batch
  mkdir -p "$out/corpus-$t"
  printf 'campaign: %d/%d %s for %d s\n' "$n" "${#targets[@]}" "$t" "$seconds"
  log="$out/$t.log"
  "$bin" -max_total_time="$seconds" -max_len=8192 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$out/crash-$t-" "$out/corpus-$t" "$seeds" >"$log" 2>&1 || true
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
  start=$(grep -m1 'INITED' "$log" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  end=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  corpus=$(ls "$out/corpus-$t" | wc -l)
  crashes=$(ls "$out" | grep -c "^crash-$t-" || true)
  echo "| $t | ${runs:-?} | ${rate:-?} | ${start:-?} → ${end:-?} | $corpus | ${rss:-?} MB | $crashes |" >>"$summary"
done
echo
cat "$summary"
! ls "$out" | grep -q '^crash-'
