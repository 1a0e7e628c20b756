#!/usr/bin/env bash
# Installs every Debian package truce needs to build, run, test and benchmark.
# Idempotent and non-interactive: packages already present are skipped.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev clang-format clang-tidy git
  # libraries (docs/ARCHITECTURE.md names what each is for)
  libs2-dev libabsl-dev libgeographiclib-dev libsimdjson-dev nlohmann-json3-dev
  libcpp-httplib-dev libboost-dev libcli11-dev libtomlplusplus-dev libhowardhinnant-date-dev
  libfmt-dev tzdata libsqlite3-dev sqlite3 libsodium-dev libssl-dev openssl zlib1g-dev libexpat1-dev libgdal-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev curl python3 python3-sklearn python3-numpy python3-pandas
  gdal-bin poppler-utils postgresql-15 postgresql-15-postgis-3 postgresql-client-15
  # QGIS's Python API, to open the GeoPackage exports in QGIS itself (tests/integration/export_test.cc)
  python3-qgis
  # the dashboard's browser tests (web/tests): Debian's Chromium, driven by playwright-core
  chromium fonts-dejavu-core
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
else
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "setup: done"
fi

# The dashboard's npm packages, exactly as web/package-lock.json pins them.
# Vite needs Node.js 20.19 or newer.
cd "$(dirname "$0")/../web"
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
  echo "setup: the dashboard needs Node.js 20.19 or newer (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing the dashboard's npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
