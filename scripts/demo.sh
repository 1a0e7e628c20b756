#!/usr/bin/env bash
# One command for a newcomer: install what is needed, build, and start the
# monitoring center on the bundled idlib-2020 mission with an embedded
# SQLite database. Prints the URL; Ctrl-C stops it.
#   PORT=8080 (default)  DB=var/idlib-2020.db (default)
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
trap 'kill $ru_witness $tr_witness 2>/dev/null' EXIT
./build/truce serve --mission missions/idlib-2020 --db "$db" --port "${PORT:-8080}" \
  --witness RU=http://127.0.0.1:${RU_WITNESS_PORT:-9001}/ --witness TR=http://127.0.0.1:${TR_WITNESS_PORT:-9002}/
