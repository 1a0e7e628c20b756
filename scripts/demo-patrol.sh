#!/usr/bin/env bash
# The first joint patrol of the March 2020 protocol, as it went, sent to a
# running center: planned by Russia's lead, agreed by Turkey's, the Russian
# vehicle's track from its GPX file, stopped by a sit-in near al-Nayrab
# (reported, and fused with the other sources' reports of it), and its
# outcome; then that day's airspace, a notice and the flights seen. scripts/demo.sh runs it once; the dashboard's browser test runs
# it too, so what the demo shows is what the test checks.
#   bash scripts/demo-patrol.sh URL [TRUCE]   (TRUCE: ./build/truce)
# Does nothing when the center already has the patrol: a patrol's plan is
# closed after its outcome.
set -euo pipefail
cd "$(dirname "$0")/.."
url=$1
truce=${2:-./build/truce}
keys=missions/idlib-2020/keys/demo
p=missions/idlib-2020/patrols
if "$truce" patrol show --server "$url" --key $keys/tr-lead.key JP-2020-03-15 >/dev/null 2>&1; then
  echo "JP-2020-03-15 is in the register already"
  exit 0
fi
"$truce" patrol plan --server "$url" --key $keys/ru-lead.key $p/JP-2020-03-15.json
"$truce" patrol agree --server "$url" --key $keys/tr-lead.key JP-2020-03-15
"$truce" patrol track --server "$url" --key $keys/ru-obs-1.key JP-2020-03-15 $p/JP-2020-03-15-RU-BTR-1.gpx
said=$("$truce" patrol report --server "$url" --key $keys/ru-obs-1.key JP-2020-03-15 $p/JP-2020-03-15-sit-in.json)
echo "$said"
entry=$(sed -n 's/.*register entry \([0-9]*\).*/\1/p' <<<"$said")
"$truce" patrol outcome --server "$url" --key $keys/ru-lead.key JP-2020-03-15 --outcome obstructed \
  --reason "A sit-in on the M4 near al-Nayrab blocked the road; the patrol turned back to Trumba." \
  --report-entry "$entry"
# The same day's airspace: Turkey's notice of the UAV over the patrol's road,
# then the center's air picture of that day (illustrative tracks, said so in
# the pack's README): the notified UAV, and one no party notified, which is
# reported for the airspace clause.
a=missions/idlib-2020/airspace
"$truce" airspace notify --server "$url" --key $keys/tr-lead.key $a/FN-2020-03-15-TR-1.json
"$truce" airspace tracks --server "$url" --key $keys/tr-obs-1.key --source "center air picture" $a/tracks-2020-03-15.json
