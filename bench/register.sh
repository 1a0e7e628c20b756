#!/usr/bin/env bash
# The register's benchmarks (docs/PERFORMANCE.md, "The register"):
#   1. proofs, tiles, Ed25519 and entry reading in process (Google Benchmark);
#   2. individually signed, durable appends from concurrent HTTP clients to a
#      real `truce serve` (group commit);
#   3. a batch-signed bulk import: `truce ingest` of N reports, sealed in
#      batches, into the register and the store;
#   4. `truce verify` of an export of N individually signed entries.
# Usage: bench/register.sh [--rows N] [--appends N] [--clients C] [--smoke]
#   --smoke: tiny runs of each, for ctest; no figures kept.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=1000000
appends=20000
clients=32
smoke=0
mission=missions/idlib-2020
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --appends) appends=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --smoke) smoke=1; rows=2000; appends=300; clients=4; shift ;;
    *) echo "usage: bench/register.sh [--rows N] [--appends N] [--clients C] [--smoke]" >&2; exit 2 ;;
  esac
done
B=${TRUCE_BUILD_DIR:-build}
for tool in "$B/truce" "$B/bench/truce_gen_reports" "$B/bench/truce_gen_register" \
            "$B/bench/truce_bench_register_http" "$B/bench/truce_bench_register" "$B/bench/truce_bench_ed25519"; do
  [ -x "$tool" ] || { echo "bench: $tool is missing; run scripts/build.sh first" >&2; exit 2; }
done
work=$(mktemp -d /tmp/truce-bench-register.XXXXXX)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.3f}')"; }
rate() { python3 -c "print(f'{$1 / $2:,.0f}')"; }
keys=$mission/keys/demo

echo "== 1. in process: proofs over a 1,000,000-leaf tree, tiles, Ed25519, entry reading"
if [ $smoke = 1 ]; then
  "$B/bench/truce_bench_register" --benchmark_min_time=0.01 --benchmark_filter='Tile|Verify|Parse' | tail -4
else
  "$B/bench/truce_bench_register" | tail -7
fi

echo "== 2. signed appends over HTTP: $appends entries, $clients clients, each acknowledged after fsync"
"$B/truce" init --mission $mission --db "$work/http.db" >/dev/null
# Unthrottled: this measures the write path, not the rate limit. The file is
# made first: the server's shell makes it only once it runs, and under load
# the first look below may come sooner (sed failing would end the script).
: >"$work/serve.out"
"$B/truce" serve --mission $mission --db "$work/http.db" --port 0 --write-rate 0 --key-rate 0 >"$work/serve.out" 2>&1 &
server=$!
port=
for _ in $(seq 1 200); do
  port=$(sed -n 's#.*serving on http://127.0.0.1:\([0-9]*\)/#\1#p' "$work/serve.out")
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { cat "$work/serve.out"; exit 1; }
"$B/bench/truce_bench_register_http" --url "http://127.0.0.1:$port/v1/" --key $keys/tr-obs-1.key --party TR \
  --entries "$appends" --clients "$clients" | tee "$work/http.txt"
kill "$server"; wait "$server" 2>/dev/null || true; server=

echo "== 3. batch-signed bulk import: truce ingest of $rows reports"
"$B/bench/truce_gen_reports" --mission $mission --count "$rows" --seed 7 --jsonl "$work/reports.jsonl" >/dev/null
"$B/truce" init --mission $mission --db "$work/bulk.db" >/dev/null
t0=$(now)
"$B/truce" ingest --quiet --key $keys/ru-obs-1.key --db "$work/bulk.db" "$work/reports.jsonl"
t1=$(now)
bulk_s=$(secs "$t0" "$t1")
entries=$("$B/truce" register status --db "$work/bulk.db" | sed -n 's/.*: \([0-9]*\) entries/\1/p')
echo "bulk import: $entries entries ($rows reports and their seals) in $bulk_s s: $(rate "$entries" "$bulk_s") entries/s"

echo "== 4. truce verify of $rows individually signed entries"
"$B/bench/truce_bench_ed25519" --count $([ $smoke = 1 ] && echo 500 || echo 20000)
"$B/bench/truce_gen_register" --mission $mission --entries "$rows" --out "$work/export" >/dev/null
t0=$(now)
"$B/truce" verify "$work/export" --mission $mission | tail -1
t1=$(now)
verify_s=$(secs "$t0" "$t1")
echo "verify: $rows entries in $verify_s s: $(rate "$rows" "$verify_s") entries/s"
[ $smoke = 1 ] && exit 0

echo
echo "| what | figure |"
echo "|---|---|"
echo "| signed durable appends over HTTP ($clients clients) | $(sed -n 's/.*s: \([0-9]*\) appends\/s.*/\1/p' "$work/http.txt") appends/s |"
echo "| batch-signed bulk import ($rows reports) | $(rate "$entries" "$bulk_s") entries/s ($bulk_s s) |"
echo "| truce verify ($rows signed entries) | $verify_s s |"
