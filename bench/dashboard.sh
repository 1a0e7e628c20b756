#!/usr/bin/env bash
# The dashboard's speed (docs/PERFORMANCE.md, "The dashboard"): for each
# store size, N generated reports are ingested, `truce serve` finds their
# incidents, and headless Chromium (web/bench/dashboard.mjs) measures the
# first meaningful paint, the server's answer to pans and zooms, and the
# page's heap — which must not grow with the store.
#   bash bench/dashboard.sh [--rows "100000 1000000"] [--per-incident K]
# With --per-incident K the generated reports come K to an event, so
# 1,000,000 reports make about 100,000 incidents (K=10), as the issue's
# store of 100,000 incidents and 1,000,000 reports.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="100000 1000000"
per_incident=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --per-incident) per_incident=$2; shift 2 ;;
    *) echo "usage: bench/dashboard.sh [--rows \"N...\"] [--per-incident K]" >&2; exit 2 ;;
  esac
done
B=${TRUCE_BUILD_DIR:-build}
M=missions/idlib-2020
K=$M/keys/demo
for tool in "$B/truce" "$B/bench/truce_gen_reports" "$B/web/index.html"; do
  [ -e "$tool" ] || { echo "bench: $tool is missing; run scripts/build.sh first" >&2; exit 2; }
done
work=$(mktemp -d /tmp/truce-dash.XXXXXX)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
for n in $rows; do
  echo "== $n reports"
  "$B/bench/truce_gen_reports" --mission $M --count "$n" --seed 7 --per-incident "$per_incident" --jsonl "$work/r.jsonl" --points "$work/p.csv"
  rm -f "$work/c.db"*
  "$B/truce" init --mission $M --db "$work/c.db" >/dev/null
  "$B/truce" ingest --quiet --key $K/ru-obs-1.key --db "$work/c.db" "$work/r.jsonl"
  "$B/truce" serve --mission $M --db "$work/c.db" --port 0 --web "$B/web" > "$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 600); do grep -q "serving on" "$work/serve.log" && break; sleep 0.1; done
  url=$(grep -o 'http://[^ ]*/' "$work/serve.log" | head -1)
  # Findings are worked out at start, in the background: wait until complete.
  for _ in $(seq 1200); do
    "$B/truce" get --server "${url%/}" --key $K/tr-lead.key '/v1/incidents?limit=1' | grep -q '"complete":true' && break
    sleep 0.5
  done
  incidents=$("$B/truce" get --server "${url%/}" --key $K/tr-lead.key '/v1/incidents/timeline?bins=1' |
    python3 -c 'import json,sys; print(sum(json.load(sys.stdin)["counts"]))')
  echo "incidents: $incidents"
  # The center proposes a determination of each incident (the demo's log
  # key signs them) once it has been quiet for half a minute: measured once
  # every incident has its determination and the findings have read them
  # all (no incident left in the state "none"), as a center's store is in
  # its steady state, not while 100,000 proposals are written and streamed
  # to the page beside the measurement.
  for _ in $(seq 900); do
    "$B/truce" get --server "${url%/}" --key $K/tr-lead.key '/v1/incidents?state=none&limit=1' |
      grep -q '"total":0' && break
    sleep 1
  done
  echo "register: $("$B/truce" get --server "${url%/}" --key $K/tr-lead.key /v1/register/checkpoint | sed -n 2p) entries"
  (cd web && node bench/dashboard.mjs "$url" "../$K/tr-lead.key" 5)
  kill "$server"; wait "$server" 2>/dev/null || true; server=
done
