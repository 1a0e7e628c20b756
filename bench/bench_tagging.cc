// Tags points with a mission's zones (the real Tagger path: the S2 cell
// index, and the exact geodesic test near boundaries) and prints points/s
// on one thread and on all threads, and how many points fell in each zone
// (for comparing with PostGIS on the same points).
//
//   truce_bench_tagging --mission DIR --points CSV [--threads N]
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <thread>

#include "truce/mission/tagger.h"

int main(int argc, char** argv) {
  CLI::App app{"Benchmark zone tagging"};
  std::string mission_dir, points_path;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  app.add_option("--mission", mission_dir)->required();
  app.add_option("--points", points_path)->required();
  app.add_option("--threads", threads);
  CLI11_PARSE(app, argc, argv);

  auto mission = truce::LoadMission(mission_dir);
  if (!mission.ok()) {
    std::fprintf(stderr, "%s\n", mission.status().ToString().c_str());
    return 1;
  }
  auto t_build = std::chrono::steady_clock::now();
  auto tagger = truce::Tagger::Build(*mission);
  if (!tagger.ok()) {
    std::fprintf(stderr, "%s\n", tagger.status().ToString().c_str());
    return 1;
  }
  double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_build).count();

  std::vector<truce::Report> reports;
  std::ifstream in(points_path);
  std::string line;
  std::getline(in, line);  // header
  // The observed time is after every clause came into force, so the clause
  // loop does its full work.
  truce::Instant when = mission->clauses.back().in_force_from;
  when.utc_ms += 86'400'000;
  while (std::getline(in, line)) {
    size_t a = line.find(','), b = line.find(',', a + 1);
    truce::Report r;
    r.location.lon = std::stod(line.substr(a + 1, b - a - 1));
    r.location.lat = std::stod(line.substr(b + 1));
    r.observed = {when, when};
    reports.push_back(std::move(r));
  }
  auto run = [&](unsigned n) {
    auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (unsigned k = 0; k < n; ++k) {
      pool.emplace_back([&, k] {
        for (size_t i = k; i < reports.size(); i += n) tagger->Tag(&reports[i]);
      });
    }
    for (auto& t : pool) t.join();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  run(1);  // warm the caches
  double one = run(1);
  double all = run(threads);
  std::map<std::string, size_t> per_zone;
  for (const auto& r : reports)
    for (const auto& z : r.zones) ++per_zone[z];
  std::printf("points %zu, index build %.3f s, %zu ranges\n", reports.size(), build_s, tagger->index().range_count());
  std::printf("1 thread: %.3f s, %.0f points/s\n", one, double(reports.size()) / one);
  std::printf("%u threads: %.3f s, %.0f points/s (%.0f per thread)\n", threads, all, double(reports.size()) / all,
              double(reports.size()) / all / threads);
  for (const auto& [zone, n] : per_zone) std::printf("zone %s %zu\n", zone.c_str(), n);
  return 0;
}
