#!/usr/bin/env bash
# The crash test: a real `truce serve` under concurrent signed ingest,
# killed with SIGKILL at random moments, restarted, and checked each time:
# every acknowledged entry is there at its index, and the tree extends the
# checkpoint kept from before the kill.
#   tests/crash/run.sh [KILLS]   (default 200: the full run; CI runs fewer)
# TRUCE_BUILD_DIR picks the build (default build/).
set -euo pipefail
cd "$(dirname "$0")/../.."
kills=${1:-200}
B=${TRUCE_BUILD_DIR:-build}
mission=missions/idlib-2020
work=$(mktemp -d /tmp/truce-crash.XXXXXX)
server=
driver=
cleanup() {
  [ -n "$driver" ] && kill "$driver" 2>/dev/null || true
  [ -n "$server" ] && kill -9 "$server" 2>/dev/null || true
  [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT
vkey=$(sed -n 's/^log_key = "\(.*\)"$/\1/p' $mission/mission.toml)
"$B/truce" init --mission $mission --db "$work/center.db" >/dev/null

start_server() {
  # Unthrottled: the test loads the write path as hard as it can. The file is
  # made first, so the first look below never finds it missing under load.
  : >"$work/serve.out"
  "$B/truce" serve --mission $mission --db "$work/center.db" --port 0 --write-rate 0 --key-rate 0 \
    >"$work/serve.out" 2>"$work/serve.err" &
  server=$!
  for _ in $(seq 1 200); do
    port=$(sed -n 's#.*serving on http://127.0.0.1:\([0-9]*\)/#\1#p' "$work/serve.out")
    [ -n "$port" ] && return 0
    if ! kill -0 "$server" 2>/dev/null; then
      echo "truce serve did not start:"; cat "$work/serve.err"; exit 1
    fi
    sleep 0.05
  done
  echo "truce serve did not print its URL"; exit 1
}

start_server
total=0
for round in $(seq 1 "$kills"); do
  url="http://127.0.0.1:$port/v1/"
  "$B/tests/crash_driver" load "$url" $mission/keys/demo/tr-obs-1.key TR "r$round" 4 "$work/acked" \
    2>>"$work/driver.err" &
  driver=$!
  # A random moment: 50 to 700 ms into the load.
  sleep "0.$(( 50 + RANDOM % 650 ))" 2>/dev/null || sleep 0.3
  kill -9 "$server"
  wait "$server" 2>/dev/null || true
  kill "$driver"
  wait "$driver" || true
  driver=
  start_server
  "$B/tests/crash_driver" check "http://127.0.0.1:$port/v1/" "$vkey" $mission/keys/demo/tr-obs-1.key "$work/acked" "$work/checkpoint" \
    "$work/checkpoint.new" >"$work/check.out" || { cat "$work/check.out"; tail -5 "$work/driver.err"; exit 1; }
  mv "$work/checkpoint.new" "$work/checkpoint"
  if (( round % 10 == 0 || round == kills )); then
    echo "round $round/$kills: $(cat "$work/check.out")"
  fi
done
echo "crash test passed: $kills SIGKILLs, $(wc -l <"$work/acked") acknowledged entries, none lost"
