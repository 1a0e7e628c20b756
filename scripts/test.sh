#!/usr/bin/env bash
# One command: install what is needed, build, and run every test.
#   unit and integration tests (GoogleTest through ctest) in build/,
#   short fuzz runs of every parser (libFuzzer, clang) in build-fuzz/, where clang
#   also compiles all of src/ and sim/ with -Werror=thread-safety (docs/CONTRIBUTING.md).
# FUZZ_SECONDS=N runs each fuzzer for N seconds instead of a short smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh -DTRUCE_BUILD_TESTS=ON -DTRUCE_BUILD_BENCHMARKS=ON
(cd build && ctest --output-on-failure --timeout 600 -j2)
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTRUCE_BUILD_TESTS=OFF -DTRUCE_BUILD_BENCHMARKS=OFF -DTRUCE_BUILD_FUZZERS=ON -DTRUCE_BUILD_DASHBOARD=OFF \
  -DTRUCE_FUZZ_SECONDS="${FUZZ_SECONDS:-0}" >/dev/null
ninja -C build-fuzz fuzzers truce  # with the CLI, every file of src/ and sim/ meets the analysis
(cd build-fuzz && ctest --output-on-failure --timeout 900)
