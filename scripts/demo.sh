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
exec ./build/truce serve --mission missions/idlib-2020 --db "$db" --port "${PORT:-8080}"
