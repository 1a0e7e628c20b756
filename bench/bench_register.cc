// The register's in-process paths with Google Benchmark: proofs from the
// stored tree, tiles, Ed25519 over an entry, and reading an entry.
#include <benchmark/benchmark.h>

#include <random>

#include "truce/register/entry.h"
#include "truce/register/log_tree.h"

namespace {

const truce::reg::LogTree& Tree() {
  static const truce::reg::LogTree tree = [] {
    truce::reg::LogTree t;
    for (uint64_t i = 0; i < 1'000'000; ++i) t.Append(truce::reg::LeafHash("entry " + std::to_string(i)));
    return t;
  }();
  return tree;
}

void InclusionProof(benchmark::State& state) {
  const auto& tree = Tree();
  std::mt19937_64 rng(1);
  for (auto _ : state) benchmark::DoNotOptimize(tree.InclusionProof(rng() % tree.size(), tree.size()));
}
BENCHMARK(InclusionProof);

void ConsistencyProof(benchmark::State& state) {
  const auto& tree = Tree();
  std::mt19937_64 rng(2);
  for (auto _ : state) benchmark::DoNotOptimize(tree.ConsistencyProof(1 + rng() % (tree.size() - 1), tree.size()));
}
BENCHMARK(ConsistencyProof);

void RootOfAnySize(benchmark::State& state) {
  const auto& tree = Tree();
  std::mt19937_64 rng(3);
  for (auto _ : state) benchmark::DoNotOptimize(tree.Root(1 + rng() % tree.size()));
}
BENCHMARK(RootOfAnySize);

void FullTile(benchmark::State& state) {
  const auto& tree = Tree();
  for (auto _ : state) benchmark::DoNotOptimize(tree.Tile(0, 1234, 256));
}
BENCHMARK(FullTile);

truce::reg::Entry SampleEntry(const truce::reg::NoteSigner& key) {
  nlohmann::json body = {{"id", "b-1"},
                         {"source", {{"kind", "party"}, {"party", "TR"}}},
                         {"category", "shelling"},
                         {"observed", {{"start", "2020-03-10T14:20:00+03:00"}}},
                         {"location", {{"lat", 35.84}, {"lon", 36.61}, {"uncertainty_m", 500}}},
                         {"text", "Artillery shelling north of Ariha"}};
  return *truce::reg::MakeEntry("report", "TR", key.verifier().name, truce::Instant{1583839200000, 180}, body, &key);
}

void VerifyEntrySignature(benchmark::State& state) {
  auto key = truce::reg::NoteSigner::Generate("tr-obs");
  auto e = SampleEntry(key);
  for (auto _ : state) benchmark::DoNotOptimize(truce::reg::VerifyEntrySignature(e, key.verifier()));
}
BENCHMARK(VerifyEntrySignature);

void ParseLeaf(benchmark::State& state) {
  auto key = truce::reg::NoteSigner::Generate("tr-obs");
  auto e = SampleEntry(key);
  for (auto _ : state) benchmark::DoNotOptimize(truce::reg::ParseLeaf(e.bytes));
}
BENCHMARK(ParseLeaf);

}  // namespace

BENCHMARK_MAIN();
