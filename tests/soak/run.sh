#!/usr/bin/env bash
# The soak test (behind a flag, not in CI): a real `truce serve` with both
# parties' witnesses, fed by the simulator as fast as it will go, read by
# officers paging reports and incidents and following the event stream,
# and killed (-9) and restarted every few minutes. Every 10 s it samples the
# server's resident memory, open file descriptors and threads; at the end it
# says whether they stayed flat (the last quarter of the run against the
# second), and that `truce verify` passes on the register it leaves.
#
#   bash tests/soak/run.sh [MINUTES]     # default 60; SOAK_KILL_EVERY=300 (s)
#
# Needs a build (bash scripts/build.sh). Samples go to var/soak/samples.csv.
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-60}
kill_every=${SOAK_KILL_EVERY:-300}
B=${TRUCE_BUILD_DIR:-build}
T="$B/truce"
mission=missions/idlib-2020
keys=$mission/keys/demo
work=var/soak
rm -rf "$work" && mkdir -p "$work"
[ -x "$T" ] || { echo "soak: $T is missing; run bash scripts/build.sh"; exit 1; }

pids=()
server=
cleanup() {
  for p in "${pids[@]}" $server; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

"$T" witness --party RU --key $keys/ru-witness.key --state "$work/w-ru" --mission $mission --port 0 >"$work/w-ru.out" 2>&1 &
pids+=($!)
"$T" witness --party TR --key $keys/tr-witness.key --state "$work/w-tr" --mission $mission --port 0 >"$work/w-tr.out" 2>&1 &
pids+=($!)
wport() { sed -n 's#.*witness on http://127.0.0.1:\([0-9]*\)/#\1#p' "$1" 2>/dev/null || true; }
for _ in $(seq 100); do [ -n "$(wport "$work/w-ru.out")" ] && [ -n "$(wport "$work/w-tr.out")" ] && break; sleep 0.1; done

port=
start_server() {
  # The port of the first start is kept, so the clients reconnect to it.
  rm -f "$work/serve.out"  # so the old process's "serving" line is not read as the new one's
  "$T" serve --mission $mission --db "$work/center.db" --port "${port:-0}" --settle 5 \
    --witness RU="http://127.0.0.1:$(wport "$work/w-ru.out")/" --witness TR="http://127.0.0.1:$(wport "$work/w-tr.out")/" \
    --write-rate 0 --key-rate 0 >"$work/serve.out" 2>"$work/serve.err" &
  server=$!
  for _ in $(seq 300); do
    p=$(sed -n 's#.*serving on http://127.0.0.1:\([0-9]*\)/#\1#p' "$work/serve.out" 2>/dev/null || true)
    [ -n "$p" ] && port=$p && return 0
    sleep 0.1
  done
  echo "soak: truce serve did not start"; cat "$work/serve.err"; exit 1
}
start_server
url="http://127.0.0.1:$port"

# The feed: the simulator at its highest rate, a scenario long enough for
# the whole run (300 days of 1,000 events: about 475,000 reports). When a
# restart cuts it off, it goes on from the last report it had sent (--skip):
# the one in flight when the server died is sent again and recognised as a
# repeat, and the register keeps growing with new reports all run long.
( skip=0
  while true; do
    "$T" sim --mission $mission --seed 1 --days "${SOAK_DAYS:-300}" --events-per-day 1000 --rate 100000 \
      --skip "$skip" --serve "$url" --key $keys/ru-obs-1.key --key $keys/tr-obs-1.key >"$work/sim.log" 2>&1 || true
    at=$(sed -n 's/^sim: \([0-9]*\) of [0-9]* reports sent.*/\1/p' "$work/sim.log" | tail -1)
    skip=${at:-$skip}
    grep -q '^sim: done' "$work/sim.log" && skip=0  # the whole scenario sent: again from the start
    sleep 1
  done ) &
pids+=($!)
# Readers: paging the reports and the incidents, and following events.
( while true; do
    after=0
    for _ in $(seq 20); do
      page=$("$T" get --server "$url" --key $keys/tr-obs-1.key "/v1/reports?limit=500&after=$after" 2>/dev/null) || break
      after=$(printf '%s' "$page" | python3 -c 'import json,sys; n=json.load(sys.stdin).get("next_after"); print(n if n is not None else 0)')
      [ "$after" = 0 ] && break
    done
    "$T" get --server "$url" --key $keys/ru-lead.key "/v1/incidents?limit=1000" >/dev/null 2>&1 || true
  done ) &
pids+=($!)
( while true; do "$T" get --server "$url" --key $keys/ru-obs-1.key /v1/events >/dev/null 2>&1 || true; sleep 1; done ) &
pids+=($!)

echo "seconds,restarts,rss_kib,fds,threads,register_size" >"$work/samples.csv"
start=$(date +%s)
end=$((start + minutes * 60))
next_kill=$((start + kill_every))
restarts=0
while [ "$(date +%s)" -lt "$end" ]; do
  sleep 10
  now=$(date +%s)
  if [ "$now" -ge "$next_kill" ]; then
    kill -9 "$server"; wait "$server" 2>/dev/null || true
    start_server
    restarts=$((restarts + 1))
    next_kill=$((now + kill_every))
    continue
  fi
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status" 2>/dev/null || echo 0)
  threads=$(awk '/Threads/ {print $2}' "/proc/$server/status" 2>/dev/null || echo 0)
  fds=$(ls "/proc/$server/fd" 2>/dev/null | wc -l)
  size=$(curl -s "$url/healthz" >/dev/null && "$T" get --server "$url" --key $keys/tr-obs-1.key /v1/register/checkpoint 2>/dev/null | sed -n 2p || echo 0)
  echo "$((now - start)),$restarts,$rss,$fds,$threads,${size:-0}" >>"$work/samples.csv"
  printf '\rsoak: %d/%d min, %d restarts, RSS %d MiB, %d fds, %d threads, register %s   ' \
    $(((now - start) / 60)) "$minutes" "$restarts" $((rss / 1024)) "$fds" "$threads" "${size:-0}"
done
echo

for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
kill "$server"; wait "$server" 2>/dev/null || true
start_server
"$T" verify "$url/v1/register/" --mission $mission --key $keys/tr-obs-1.key | tail -3

# Flat: the median of the last quarter of the run within 25% of the
# second quarter's (the first quarter is the warm-up after the first start).
python3 - "$work/samples.csv" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
if len(rows) < 8:
    sys.exit("soak: too few samples to judge (run longer)")
q = len(rows) // 4
ok = True
for col in ("rss_kib", "fds", "threads"):
    early = statistics.median(int(r[col]) for r in rows[q:2 * q])
    late = statistics.median(int(r[col]) for r in rows[3 * q:])
    peak = max(int(r[col]) for r in rows)
    flat = late <= early * 1.25 + (1024 if col == "rss_kib" else 2)
    ok &= flat
    print(f"{col:8} second quarter {early:>9.0f}  last quarter {late:>9.0f}  peak {peak:>9}  {'flat' if flat else 'GROWING'}")
print(f"register: {rows[-1]['register_size']} entries after {rows[-1]['restarts']} restarts")
sys.exit(0 if ok else 1)
EOF
