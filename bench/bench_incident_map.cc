// The dashboard's data (docs/PERFORMANCE.md, "The dashboard's map and
// timeline"): GET /v1/incidents/map and /v1/incidents/timeline answered from
// a LiveFindings holding 100,000 incidents, as `truce serve` holds them, and
// written as their JSON. The incidents are 100,000 observers' reports spread
// over the mini mission's square degree and a thousand days (15 minutes
// apart, so none fuse), ingested into a fresh SQLite file at start.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <random>

#include "truce/center/test_center.h"
#include "truce/findings/live_findings.h"
#include "truce/wire/findings.h"

namespace {

constexpr int kIncidents = 100'000;
const truce::geo::BoundingBox kAll{35.0, 36.0, 36.5, 37.5};  // south, west, north, east

struct Held {
  std::filesystem::path dir;
  std::unique_ptr<truce::Center> center;
  std::unique_ptr<truce::LiveFindings> findings;
};

Held& Findings() {
  static Held* held = [] {
    auto* h = new Held;
    h->dir = std::filesystem::temp_directory_path() / ("truce-bench-map-" + std::to_string(::getpid()));
    std::filesystem::remove_all(h->dir);
    std::filesystem::create_directories(h->dir);
    h->center = std::move(truce::testing::OpenMiniCenter(h->dir / "center.db")).value();
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> lat(kAll.south, kAll.north), lon(kAll.west, kAll.east);
    std::string jsonl;
    const int64_t t0 = 1583839200000;  // 2020-03-10T11:20:00Z
    for (int i = 0; i < kIncidents; ++i) {
      const truce::Instant at{t0 + int64_t(i) * 15 * 60'000, 0};
      char line[512];
      std::snprintf(line, sizeof line,
                    R"({"id":"OP-%d/%d","source":{"kind":"observer","party":"TR","name":"OP-%d"},)"
                    R"("category":"shelling","observed":{"start":"%s"},)"
                    R"("location":{"lat":%.5f,"lon":%.5f,"uncertainty_m":300}})"
                    "\n",
                    i % 40, i, i % 40, truce::FormatRfc3339(at).c_str(), lat(rng), lon(rng));
      jsonl += line;
    }
    const auto signer = truce::reg::NoteSigner::Parse(truce::testing::MiniSignerKey("tr-obs")).value();
    truce::IngestOptions o;
    o.signer = &signer;
    auto r = h->center->Ingest(jsonl, o);
    if (!r.ok() || r->error_count) {
      std::fprintf(stderr, "ingest: %s\n", r.ok() ? r->errors[0].message.c_str() : r.status().ToString().c_str());
      std::abort();
    }
    truce::LiveOptions live;
    live.propose = false;  // what is measured is the reading, not 100,000 proposals
    h->findings = std::move(truce::LiveFindings::Start(h->center.get(), live)).value();
    h->findings->Sync();
    if (h->findings->Incidents({}).total != size_t(kIncidents)) std::abort();
    return h;
  }();
  return *held;
}

// The whole area at zoom Z, then written as the JSON the server sends.
void Map(benchmark::State& state) {
  auto& f = *Findings().findings;
  truce::MapQuery q;
  q.bbox = kAll;
  q.zoom = int(state.range(0));
  size_t features = 0, bytes = 0;
  for (auto _ : state) {
    truce::IncidentMap m = f.Map({}, q);
    std::string body = truce::wire::IncidentMapJson(m).dump();
    features = m.features.size();
    bytes = body.size();
  }
  state.counters["features"] = double(features);
  state.counters["bytes"] = double(bytes);
}
BENCHMARK(Map)->Arg(6)->Arg(9)->Arg(12)->Arg(15)->Unit(benchmark::kMillisecond);

// A city-sized viewport (0.1°) at zoom 13, as a user pans close in.
void MapViewport(benchmark::State& state) {
  auto& f = *Findings().findings;
  truce::MapQuery q;
  q.bbox = {35.80, 36.60, 35.90, 36.70};
  q.zoom = 13;
  for (auto _ : state) benchmark::DoNotOptimize(truce::wire::IncidentMapJson(f.Map({}, q)).dump());
}
BENCHMARK(MapViewport)->Unit(benchmark::kMillisecond);

// A filter that keeps a few: the scan still looks at every incident.
void MapFilteredByState(benchmark::State& state) {
  auto& f = *Findings().findings;
  truce::IncidentFilter filter;
  filter.state = "final";
  truce::MapQuery q;
  q.bbox = kAll;
  q.zoom = 9;
  for (auto _ : state) benchmark::DoNotOptimize(truce::wire::IncidentMapJson(f.Map(filter, q)).dump());
}
BENCHMARK(MapFilteredByState)->Unit(benchmark::kMillisecond);

void Timeline(benchmark::State& state) {
  auto& f = *Findings().findings;
  truce::TimelineQuery q;
  q.bins = size_t(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(truce::wire::IncidentTimelineJson(f.Timeline({}, q)).dump());
}
BENCHMARK(Timeline)->Arg(200)->Arg(1000)->Unit(benchmark::kMillisecond);

// For comparison: the first page of GET /v1/incidents, the same scan.
void IncidentsPage(benchmark::State& state) {
  auto& f = *Findings().findings;
  for (auto _ : state) benchmark::DoNotOptimize(truce::wire::IncidentPageJson(f.Incidents({})).dump());
}
BENCHMARK(IncidentsPage)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  Findings();  // filled once, before any timing
  benchmark::RunSpecifiedBenchmarks();
  std::filesystem::remove_all(Findings().dir);
  return 0;
}
