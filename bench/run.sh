#!/usr/bin/env bash
# The core benchmarks of docs/PERFORMANCE.md, side by side with peers on
# the same generated points:
#   1. bulk ingest: `truce ingest` of N JSONL reports into SQLite (reports/s, peak RSS)
#      beside ogr2ogr (gdal-bin) loading the same points into a GeoPackage;
#   2. zone tagging: the idlib-2020 zones over the same N points (points/s per core)
#      beside PostGIS (ST_Covers / ST_DWithin on geography, GiST indexes) in a
#      throwaway cluster this script starts itself.
# Usage: bench/run.sh [--rows N] [--mission DIR] [--smoke]
#   --smoke: truce's own paths only, for ctest; no peers, no figures kept.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=1000000
mission=missions/idlib-2020
smoke=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --mission) mission=$2; shift 2 ;;
    --smoke) smoke=1; shift ;;
    *) echo "usage: bench/run.sh [--rows N] [--mission DIR] [--smoke]" >&2; exit 2 ;;
  esac
done
B=${TRUCE_BUILD_DIR:-build}
for tool in "$B/truce" "$B/bench/truce_gen_reports" "$B/bench/truce_bench_tagging"; do
  [ -x "$tool" ] || { echo "bench: $tool is missing; run scripts/build.sh first" >&2; exit 2; }
done
work=$(mktemp -d /tmp/truce-bench.XXXXXX)
pg_started=0
cleanup() {
  if [ $pg_started = 1 ]; then as_pg "$PGBIN/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.3f}')"; }
rate() { python3 -c "print(f'{$1 / $2:,.0f}')"; }

echo "== generating $rows reports over $mission"
"$B/bench/truce_gen_reports" --mission "$mission" --count "$rows" --seed 7 \
  --jsonl "$work/reports.jsonl" --points "$work/points.csv"
ls -l "$work/reports.jsonl" | awk '{printf "reports.jsonl: %.1f MB\n", $5/1e6}'

echo "== truce ingest (JSONL -> SQLite, validated, tagged, indexed)"
"$B/truce" init --mission "$mission" --db "$work/bench.db" >/dev/null
t0=$(now)
/usr/bin/time -v "$B/truce" ingest --quiet --key "$mission/keys/demo/ru-obs-1.key" --db "$work/bench.db" "$work/reports.jsonl" 2>"$work/ingest.time"
t1=$(now)
ingest_s=$(secs "$t0" "$t1")
ingest_rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); printf "%.0f", $2/1024}' "$work/ingest.time")
stored=$(sqlite3 "$work/bench.db" "SELECT count(*) FROM reports")
[ "$stored" = "$rows" ] || { echo "bench: stored $stored of $rows reports" >&2; exit 1; }
echo "truce ingest: $ingest_s s, $(rate "$rows" "$ingest_s") reports/s, peak RSS $ingest_rss MiB"

echo "== truce tagging (idlib zones, same points)"
"$B/bench/truce_bench_tagging" --mission "$mission" --points "$work/points.csv" | tee "$work/tagging.txt"

if [ $smoke = 1 ]; then
  echo "smoke run: done"
  exit 0
fi

echo "== ogr2ogr: the same points, CSV -> GeoPackage"
t0=$(now)
ogr2ogr -f GPKG "$work/points.gpkg" "$work/points.csv" -nln points -a_srs EPSG:4326 \
  -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo KEEP_GEOM_COLUMNS=NO
t1=$(now)
ogr_s=$(secs "$t0" "$t1")
echo "ogr2ogr: $ogr_s s, $(rate "$rows" "$ogr_s") points/s"

echo "== PostGIS: a throwaway cluster"
PGBIN=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres "$work" "$work/pg"
chmod 755 "$work"
as_pg "$PGBIN/initdb" -D "$work/pg" -A trust -U bench >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
  -o "-p 54329 -k $work -c listen_addresses='' -c fsync=off -c shared_buffers=512MB -c work_mem=256MB -c max_parallel_workers_per_gather=2" start >/dev/null
pg_started=1
PG="host=$work port=54329 user=bench dbname=postgres"
psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$PG" "$@"; }
psql_q -c "CREATE EXTENSION postgis"
ogr2ogr -f PostgreSQL "PG:$PG" "$mission/zones.geojson" -nln zones -lco GEOMETRY_NAME=geom -nlt PROMOTE_TO_MULTI
ogr2ogr -f PostgreSQL "PG:$PG" "$mission/protected_sites.geojson" -nln sites -lco GEOMETRY_NAME=geom
psql_q <<SQL
CREATE TABLE pts(id bigint, lon float8, lat float8);
\copy pts FROM '$work/points.csv' CSV HEADER
ALTER TABLE pts ADD COLUMN geog geography(Point, 4326);
UPDATE pts SET geog = ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography;
CREATE INDEX pts_geog ON pts USING gist(geog);
ALTER TABLE zones ADD COLUMN geog geography;
UPDATE zones SET geog = geom::geography;
CREATE INDEX zones_geog ON zones USING gist(geog);
ALTER TABLE sites ADD COLUMN geog geography;
UPDATE sites SET geog = geom::geography;
CREATE INDEX sites_geog ON sites USING gist(geog);
ANALYZE;
SQL
t0=$(now)
psql_q <<'SQL'
CREATE TABLE tags AS
  SELECT p.id, z.id AS zone FROM zones z JOIN pts p ON ST_Covers(z.geog, p.geog)
   WHERE GeometryType(z.geom) = 'MULTIPOLYGON'
  UNION ALL
  SELECT p.id, z.id FROM zones z JOIN pts p ON ST_DWithin(z.geog, p.geog, z.half_width_m)
   WHERE z.half_width_m > 0 AND GeometryType(z.geom) = 'MULTILINESTRING'
  UNION ALL
  SELECT p.id, s.id FROM sites s JOIN pts p ON ST_DWithin(s.geog, p.geog, s.buffer_m);
SQL
t1=$(now)
pg_s=$(secs "$t0" "$t1")
echo "PostGIS tagging: $pg_s s, $(rate "$rows" "$pg_s") points/s"
psql_q -A -t -F ' ' -c "SELECT 'zone', zone, count(*) FROM tags GROUP BY zone ORDER BY zone" > "$work/pg_zones.txt"

echo
echo "== per-zone agreement (truce vs PostGIS, same points)"
python3 - "$work/tagging.txt" "$work/pg_zones.txt" <<'PY'
import sys
def load(p):
    d = {}
    for line in open(p):
        parts = line.split()
        if len(parts) == 3 and parts[0] == 'zone':
            d[parts[1]] = int(parts[2])
    return d
ours, theirs = load(sys.argv[1]), load(sys.argv[2])
print(f"| zone | truce | PostGIS |")
print(f"|---|---:|---:|")
for z in sorted(set(ours) | set(theirs)):
    print(f"| {z} | {ours.get(z, 0)} | {theirs.get(z, 0)} |")
PY

one=$(awk '/^1 thread/ {print $3}' "$work/tagging.txt")
echo
echo "== summary ($rows points, $(nproc) cores)"
echo "| what | truce | peer | ratio |"
echo "|---|---:|---:|---:|"
echo "| load ${rows} (truce: full reports JSONL->SQLite; ogr2ogr: points CSV->GPKG) | $ingest_s s | $ogr_s s | $(python3 -c "print(f'{$ogr_s/$ingest_s:.2f}x')") |"
echo "| tag ${rows} points with the zones (truce 1 thread; PostGIS query) | $one s | $pg_s s | $(python3 -c "print(f'{$pg_s/$one:.1f}x')") |"
echo "| truce ingest peak RSS | $ingest_rss MiB | | |"
