// Generates reports for the benchmarks: a JSONL batch for `truce ingest`
// and the same points as CSV (id,lon,lat) for the peers (ogr2ogr, PostGIS)
// and for bench_tagging. Deterministic for a seed.
//
//   truce_gen_reports --mission DIR --count N [--seed S] [--per-incident K] --jsonl OUT [--points OUT]
//
// With --per-incident K, the reports come in groups of K that describe one
// event each (one category, places within 200 m, overlapping times, seen
// by different sources), so a store of N reports holds about N/K
// incidents, as a center's store does; without it every report is alone.
#include <CLI/CLI.hpp>

#include <cmath>
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
  size_t per_incident = 1;
  int64_t days = 90;
  std::string start;
  app.add_option("--mission", mission_dir)->required();
  app.add_option("--days", days, "Spread the reports over this many days (default 90)")->check(CLI::Range(1, 3650));
  app.add_option("--start", start, "From this RFC 3339 time (default: 5 days before the first clause)");
  app.add_option("--count", count);
  app.add_option("--seed", seed);
  app.add_option("--jsonl", jsonl);
  app.add_option("--points", points);
  app.add_option("--per-incident", per_incident)->check(CLI::Range(1, 40));
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
  // `days` days (three months by default) from 5 days before the first clause.
  int64_t t0 = mission->clauses.front().in_force_from.utc_ms - 5 * 86'400'000LL;
  if (!start.empty()) {
    auto t = truce::ParseRfc3339(start);
    if (!t.ok()) {
      std::fprintf(stderr, "--start: %s\n", t.status().message().c_str());
      return 1;
    }
    t0 = t->utc_ms;
  }
  std::uniform_int_distribution<int64_t> when(0, days * 86'400'000LL);

  FILE* out = jsonl.empty() ? nullptr : std::fopen(jsonl.c_str(), "w");
  FILE* pts = points.empty() ? nullptr : std::fopen(points.c_str(), "w");
  if ((!jsonl.empty() && !out) || (!points.empty() && !pts)) {
    std::perror("open output");
    return 1;
  }
  if (pts) std::fprintf(pts, "id,lon,lat\n");
  // The event a group of reports describes; redrawn at each group's start.
  double event_lat = 0, event_lon = 0;
  int64_t event_start = 0;
  const char* event_category = nullptr;
  std::normal_distribution<double> jitter_m(0, 60);
  for (size_t i = 0; i < count; ++i) {
    double la, lo;
    int64_t start, end;
    const char* category;
    const char* kind;
    std::string name;
    if (per_incident == 1) {
      la = lat(rng), lo = lon(rng);
      start = t0 + when(rng);
      end = start + int64_t(unit(rng) * 1'800'000);
      kind = kinds[rng() % 6];
      category = nullptr;  // drawn below, in the order the single reports always drew it
    } else {
      size_t k = i % per_incident;
      if (k == 0) {
        event_lat = lat(rng), event_lon = lon(rng);
        event_start = t0 + when(rng);
        event_category = categories[rng() % 8];
      }
      // Within a couple of hundred metres and a few minutes of the event,
      // each from its own sensor, so fusion sees one event many times.
      la = event_lat + jitter_m(rng) / 111'000.0;
      lo = event_lon + jitter_m(rng) / (111'000.0 * std::cos(event_lat * M_PI / 180));
      start = event_start + int64_t(unit(rng) * 300'000);
      end = start + int64_t(unit(rng) * 600'000);
      kind = kinds[1 + k % 4];  // observer, uav, acoustic, radar: hard reports
      name = "sensor-" + std::to_string(k);
      category = event_category;
    }
    if (pts) std::fprintf(pts, "%zu,%.6f,%.6f\n", i + 1, lo, la);
    if (!out) continue;
    std::string source = std::string("{\"kind\":\"") + kind + "\"";
    if (std::string(kind) == "party")
      source += ",\"party\":\"" + parties[rng() % parties.size()] + "\"";
    else if (name.empty())
      source += ",\"name\":\"sensor-" + std::to_string(rng() % 40) + "\"";
    else
      source += ",\"name\":\"" + name + "\"";
    source += "}";
    if (!category) category = categories[rng() % 8];
    std::fprintf(out,
                 "{\"id\":\"gen-%zu\",\"source\":%s,\"category\":\"%s\",\"observed\":{\"start\":\"%s\","
                 "\"end\":\"%s\"},\"location\":{\"lat\":%.6f,\"lon\":%.6f,\"uncertainty_m\":%d},"
                 "\"blames\":\"%s\",\"text\":\"Generated report %zu for the ingest benchmark\"}\n",
                 i + 1, source.c_str(), category, truce::FormatRfc3339({start, 180}).c_str(),
                 truce::FormatRfc3339({end, 180}).c_str(), la, lo,
                 int(50 + unit(rng) * (per_incident == 1 ? 4950 : 450)), conflict[rng() % conflict.size()].c_str(),
                 i + 1);
  }
  if (out) std::fclose(out);
  if (pts) std::fclose(pts);
  return 0;
}
