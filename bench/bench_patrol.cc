// Patrol tracking (docs/PERFORMANCE.md, "Patrols"): vehicle fixes matched
// against the active patrol plans, as the center takes them — the fix's
// vehicle looked up, then placed on its patrol's route and checked (order,
// speed, off route, halts, turning back). 20 patrols of three vehicles each
// drive the idlib-2020 pack's M4 route (31 segments) at 30 km/h with 5 m of
// GPS noise, one fix per vehicle every 5 s, interleaved as they arrive.
#include <benchmark/benchmark.h>

#include <random>
#include <unordered_map>

#include <fstream>

#include <nlohmann/json.hpp>

#include "truce/findings/patrol_board.h"
#include "truce/geo/geodesic.h"
#include "truce/patrol/coverage.h"
#include "truce/patrol/plan.h"

namespace {

using truce::patrol::Fix;
using truce::patrol::Tracker;

constexpr int kPatrols = 20, kVehicles = 3;
constexpr int64_t kStart = 1584259200000;  // 2020-03-15T08:00:00Z

struct Setup {
  truce::patrol::Route route;
  std::vector<Fix> fixes;
};

const Setup& Data() {
  static const Setup* s = [] {
    auto mission = truce::LoadMission(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020");
    auto route = truce::patrol::Route::Make(mission->FindZone("m4-patrol-route")->lines.at(0)).value();
    auto* out = new Setup{route, {}};
    std::mt19937 rng(3);
    std::normal_distribution<double> noise(0, 5);
    std::uniform_real_distribution<double> turn(0, 360);
    const double speed = 30 / 3.6, step_s = 5;
    const int steps = int(route.length_m() / speed / step_s);
    for (int i = 0; i < steps; ++i) {
      for (int p = 0; p < kPatrols; ++p) {
        for (int v = 0; v < kVehicles; ++v) {
          const double along = std::max(0.0, i * step_s * speed - v * 80.0);
          truce::geo::LatLng at = truce::geo::Destination(route.PointAt(along), turn(rng), std::abs(noise(rng)));
          out->fixes.push_back({kStart + int64_t(i * step_s * 1000) + v * 300, at,
                                "P" + std::to_string(p) + "-V" + std::to_string(v), 1, 1.0});
        }
      }
    }
    return out;
  }();
  return *s;
}

void BM_MatchFixes(benchmark::State& state) {
  const Setup& d = Data();
  size_t done = 0, refused = 0, alerts_seen = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<Tracker> trackers;
    trackers.reserve(kPatrols);
    std::unordered_map<std::string, Tracker*> by_vehicle;
    for (int p = 0; p < kPatrols; ++p) {
      trackers.emplace_back(d.route, truce::patrol::Schedule{kStart, kStart + 6 * 3'600'000, 30 / 3.6, {}});
      for (int v = 0; v < kVehicles; ++v)
        by_vehicle["P" + std::to_string(p) + "-V" + std::to_string(v)] = &trackers.back();
    }
    std::vector<truce::patrol::Alert> alerts;
    state.ResumeTiming();
    for (const Fix& f : d.fixes) {
      Tracker* t = by_vehicle.find(f.vehicle)->second;
      refused += !t->Add(f, &alerts).ok();
    }
    done += d.fixes.size();
    alerts_seen += alerts.size();
  }
  state.SetItemsProcessed(int64_t(done));
  state.counters["fixes"] = double(d.fixes.size());
  state.counters["refused"] = double(refused);
  state.counters["alerts"] = double(alerts_seen) / double(state.iterations());
}
BENCHMARK(BM_MatchFixes)->Unit(benchmark::kMillisecond)->MinTime(2);

// The coverage arithmetic of a year of daily patrols on the M4 route, a
// third of them stopped short somewhere: per kilometre, the stretches never
// reached, the share driven. (Reading the year's tracks from the store is
// not in this figure.)
void BM_CoverageOfAYear(benchmark::State& state) {
  const double road = Data().route.length_m();
  std::mt19937 rng(9);
  std::uniform_real_distribution<double> where(0, road);
  std::vector<truce::patrol::PatrolRun> runs;
  for (int day = 0; day < 365; ++day) {
    const double reached = day % 3 == 0 ? where(rng) : road;
    runs.push_back(day % 2 ? truce::patrol::PatrolRun{0, road, 0, reached}
                           : truce::patrol::PatrolRun{road, 0, road, road - reached});
  }
  for (auto _ : state) benchmark::DoNotOptimize(truce::patrol::CoverageOf(road, runs));
  state.SetItemsProcessed(int64_t(state.iterations()) * 365);
}
BENCHMARK(BM_CoverageOfAYear)->Unit(benchmark::kMicrosecond);

// The same year as GET /v1/patrols/coverage answers it: the patrol board
// of a running center, fed a year of the register's patrol entries (each
// day the pack's 15 March plan again, agreed by the other party, and its
// outcome, a third of them shortened), asked for the year's coverage: the
// patrols picked by their window, their plans' routes laid on the road,
// counted per kilometre, and the map layer cut.
void BM_BoardCoverageOfAYear(benchmark::State& state) {
  static const truce::Mission* mission =
      new truce::Mission(truce::LoadMission(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020").value());
  static const truce::Tagger* tagger = new truce::Tagger(truce::Tagger::Build(*mission).value());
  std::ifstream in(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020/patrols/JP-2020-03-15.json");
  const nlohmann::json first = nlohmann::json::parse(in);
  truce::PatrolBoard board(*mission, *tagger);
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> where(1, 58);
  uint64_t index = 0;
  auto put = [&](std::string_view kind, const std::string& party, nlohmann::json body) {
    auto e = truce::reg::MakeEntry(kind, party, party == "RU" ? "ru-lead" : "tr-lead", truce::Instant{kStart, 180},
                                   std::move(body), nullptr, 0);
    if (!board.Apply(index, e.value())) state.SkipWithError("an entry the board did not take");
    return index++;
  };
  for (int day = 0; day < 365; ++day) {
    nlohmann::json plan = first;
    const std::string id = "JP-Y-" + std::to_string(day + 1);
    const truce::Instant start{kStart + int64_t(day) * 86'400'000, 180};
    plan["patrol"] = id;
    plan["window"] = {{"start", truce::FormatRfc3339(start)},
                      {"end", truce::FormatRfc3339({start.utc_ms + 6 * 3'600'000, 180})}};
    const uint64_t planned = put("patrol_plan", "RU", truce::reg::PatrolPlanBody(id, plan, std::nullopt));
    put("patrol_agree", "TR", truce::reg::PatrolAgreeBody(id, planned));
    truce::reg::OutcomeFields o{"completed", 58.9, "", {}};
    if (day % 3 == 0) o = {"shortened", where(rng), "a crowd on the road", {}};
    put("patrol_outcome", "RU", truce::reg::PatrolOutcomeBody(id, planned, o, std::nullopt));
  }
  const int64_t from = kStart, to = kStart + 366 * 86'400'000LL;
  size_t patrols = 0;
  for (auto _ : state) {
    auto c = board.Coverage(from, to);
    if (!c.ok()) state.SkipWithError(c.status().message().c_str());
    patrols = c.ok() ? c->patrols : 0;
    benchmark::DoNotOptimize(c);
  }
  state.counters["patrols"] = double(patrols);
  state.SetItemsProcessed(int64_t(state.iterations()) * 365);
}
BENCHMARK(BM_BoardCoverageOfAYear)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
