#!/usr/bin/env bash
# One command for a newcomer: install what is needed, build, and start the
# monitoring center on the bundled idlib-2020 mission with an embedded
# SQLite database. Prints the URL; Ctrl-C stops it.
#
# Live, it shows the center at work: the simulator (truce sim) sends each
# party's reports of a simulated scenario as they would arrive, the center
# fuses them into incidents and proposes determinations, and a stand-in
# Russian lead (truce review follow) cosigns them, or disputes those that
# blame the Syrian government. The Turkish lead is you, in the dashboard:
# open the printed address and sign in with keys/demo/tr-lead.key.
#   PORT=8080 (default)  DB=var/idlib-2020.db (default)
#   SIM_RATE=2 (reports a second)  SIM_DAYS=2  SIM_SEED=1  SIM=0 to start without the live feed
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh -DTRUCE_BUILD_TESTS=OFF -DTRUCE_BUILD_BENCHMARKS=OFF
mkdir -p var
db=${DB:-var/idlib-2020.db}
if [ ! -f "$db" ]; then
  ./build/truce init --mission missions/idlib-2020 --db "$db"
  # A first day of reports, so there is something to look at: each party's
  # file signed by its own observer's (demonstration) key.
  keys=missions/idlib-2020/keys/demo
  ./build/truce ingest --db "$db" --key $keys/ru-obs-1.key missions/idlib-2020/examples/reports-ru.jsonl
  ./build/truce ingest --db "$db" --key $keys/tr-obs-1.key missions/idlib-2020/examples/reports-tr.jsonl
fi
# Each center party's witness, as each party would run its own: it cosigns
# the center's checkpoints only while the register only grows.
keys=missions/idlib-2020/keys/demo
./build/truce witness --party RU --key $keys/ru-witness.key --state var/witness-ru \
  --mission missions/idlib-2020 --port "${RU_WITNESS_PORT:-9001}" &
ru_witness=$!
./build/truce witness --party TR --key $keys/tr-witness.key --state var/witness-tr \
  --mission missions/idlib-2020 --port "${TR_WITNESS_PORT:-9002}" &
tr_witness=$!
pids="$ru_witness $tr_witness"
rm -f var/demo-pids
trap 'kill $pids $(cat var/demo-pids 2>/dev/null) 2>/dev/null; rm -f var/demo-pids' EXIT
port=${PORT:-8080}
url=http://127.0.0.1:$port
if [ "${SIM:-1}" != 0 ]; then
  (
    # Once the server answers: the two leads, then the live feed.
    for _ in $(seq 100); do curl -sf "$url/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
    # The first joint patrol of the March 2020 protocol, as it went
    # (scripts/demo-patrol.sh): planned, agreed, tracked, stopped by a sit-in.
    bash scripts/demo-patrol.sh "$url" > var/patrol.log 2>&1 ||
      echo "truce: the demo patrol did not go in: see var/patrol.log" >&2
    ./build/truce review follow --server "$url" --key $keys/ru-lead.key --cosign-at medium \
      --dispute-naming SY-GOV > var/lead-ru.log 2>&1 &
    echo $! >> var/demo-pids
    ./build/truce sim --mission missions/idlib-2020 --serve "$url" --seed "${SIM_SEED:-1}" \
      --days "${SIM_DAYS:-2}" --rate "${SIM_RATE:-2}" \
      --key $keys/ru-obs-1.key --key $keys/tr-obs-1.key > var/sim.log 2>&1
  ) &
  pids="$pids $!"
  echo "truce: live feed: the simulator sends reports to $url (var/sim.log); the stand-in Russian lead's"
  echo "       cosigns and disputes go to var/lead-ru.log. The Turkish lead's review is yours:"
fi
echo "truce: the dashboard: open $url/ and sign in with $keys/tr-lead.key (a lead; tr-obs-1.key files reports)"
if [ "${SIM:-1}" != 0 ]; then
  echo "       or from the command line: ./build/truce review list --server $url --key $keys/tr-lead.key"
  echo "       the joint patrol of 15 March 2020: ./build/truce patrol list --server $url --key $keys/tr-lead.key"
fi
# The settle time is short here so that proposals follow the feed closely.
./build/truce serve --mission missions/idlib-2020 --db "$db" --port "$port" --settle "${SETTLE:-5}" \
  --witness RU=http://127.0.0.1:${RU_WITNESS_PORT:-9001}/ --witness TR=http://127.0.0.1:${TR_WITNESS_PORT:-9002}/
