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
  libfmt-dev libsqlite3-dev sqlite3 libsodium-dev libssl-dev openssl zlib1g-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev curl python3 python3-sklearn python3-numpy
  gdal-bin postgresql-15 postgresql-15-postgis-3 postgresql-client-15
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
