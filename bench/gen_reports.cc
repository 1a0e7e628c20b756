// Generates reports for the benchmarks: a JSONL batch for `truce ingest`
// and the same points as CSV (id,lon,lat) for the peers (ogr2ogr, PostGIS)
// and for bench_tagging. Deterministic for a seed.
//
//   truce_gen_reports --mission DIR --count N [--seed S] --jsonl OUT [--points OUT]
#include <CLI/CLI.hpp>

#include <cstdio>
#include <random>
#include <string>

#include "truce/core/report.h"
#include "truce/mission/mission.h"

int main(int argc, char** argv) {
  CLI::App app{"Generate benchmark reports over a mission's area"};
  std::string mission_dir, jsonl, points;
  size_t count = 1'000'000;
  uint64_t seed = 1;
  app.add_option("--mission", mission_dir)->required();
  app.add_option("--count", count);
  app.add_option("--seed", seed);
  app.add_option("--jsonl", jsonl);
  app.add_option("--points", points);
  CLI11_PARSE(app, argc, argv);

  auto mission = truce::LoadMission(mission_dir);
  if (!mission.ok()) {
    std::fprintf(stderr, "%s\n", mission.status().ToString().c_str());
    return 1;
  }
  // The points fall in the box around every zone, so some land in each
  // zone and many in none, as real reports do.
  double south = 90, north = -90, west = 180, east = -180;
  auto widen = [&](truce::geo::LatLng p) {
    south = std::min(south, p.lat), north = std::max(north, p.lat);
    west = std::min(west, p.lon), east = std::max(east, p.lon);
  };
  for (const auto& z : mission->zones) {
    for (const auto& poly : z.polygons)
      for (const auto& ring : poly.rings)
        for (auto p : ring) widen(p);
    for (const auto& line : z.lines)
      for (auto p : line) widen(p);
    for (auto p : z.points) widen(p);
  }
  std::vector<std::string> parties, conflict;
  // Party claims are filed by the first center party (whose observer key
  // signs the file): its own, and the conflict parties' it relays.
  for (const auto& p : mission->parties) {
    if (p.role == truce::PartyRole::kConflict || parties.empty()) parties.push_back(p.id);
    if (p.role == truce::PartyRole::kConflict) conflict.push_back(p.id);
  }
  const char* categories[] = {"shelling",       "small_arms_fire",      "airstrike", "drone_strike", "ied",
                              "ground_assault", "heavy_weapon_present", "movement"};
  const char* kinds[] = {"party", "observer", "uav", "acoustic", "radar", "news"};
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> lat(south, north), lon(west, east), unit(0, 1);
  // Three months from the start of the first clause.
  int64_t t0 = mission->clauses.front().in_force_from.utc_ms - 5 * 86'400'000LL;
  std::uniform_int_distribution<int64_t> when(0, 90LL * 86'400'000);

  FILE* out = jsonl.empty() ? nullptr : std::fopen(jsonl.c_str(), "w");
  FILE* pts = points.empty() ? nullptr : std::fopen(points.c_str(), "w");
  if ((!jsonl.empty() && !out) || (!points.empty() && !pts)) {
    std::perror("open output");
    return 1;
  }
  if (pts) std::fprintf(pts, "id,lon,lat\n");
  for (size_t i = 0; i < count; ++i) {
    double la = lat(rng), lo = lon(rng);
    if (pts) std::fprintf(pts, "%zu,%.6f,%.6f\n", i + 1, lo, la);
    if (!out) continue;
    int64_t start = t0 + when(rng);
    int64_t end = start + int64_t(unit(rng) * 1'800'000);
    const char* kind = kinds[rng() % 6];
    std::string source = std::string("{\"kind\":\"") + kind + "\"";
    if (std::string(kind) == "party")
      source += ",\"party\":\"" + parties[rng() % parties.size()] + "\"";
    else
      source += ",\"name\":\"sensor-" + std::to_string(rng() % 40) + "\"";
    source += "}";
    std::fprintf(out,
                 "{\"id\":\"gen-%zu\",\"source\":%s,\"category\":\"%s\",\"observed\":{\"start\":\"%s\","
                 "\"end\":\"%s\"},\"location\":{\"lat\":%.6f,\"lon\":%.6f,\"uncertainty_m\":%d},"
                 "\"blames\":\"%s\",\"text\":\"Generated report %zu for the ingest benchmark\"}\n",
                 i + 1, source.c_str(), categories[rng() % 8], truce::FormatRfc3339({start, 180}).c_str(),
                 truce::FormatRfc3339({end, 180}).c_str(), la, lo, int(50 + unit(rng) * 4950),
                 conflict[rng() % conflict.size()].c_str(), i + 1);
  }
  if (out) std::fclose(out);
  if (pts) std::fclose(pts);
  return 0;
}
