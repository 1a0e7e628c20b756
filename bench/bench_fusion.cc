// Fusion speed and memory (bench/fusion.sh): generated reports of known
// events over a mission-sized area, fused in batch (sorted by time, then
// added) and incrementally (added as they arrive, each followed by the
// lookup of its incident, as truce serve does). Prints one JSON line.
//
// The reports can be written as CSV for scikit-learn's DBSCAN
// (bench/fusion_dbscan.py), and the incidents as a label per report, so
// both are scored against the same truth.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>

#include "sim/score.h"
#include "truce/fusion/fusion.h"
#include "truce/geo/geodesic.h"

namespace {

using truce::SourceKind;
using truce::fusion::Member;

struct Generated {
  std::vector<Member> members;
  std::vector<uint32_t> event;  // the true event of each
};

// Events uniform over 100 × 90 km around Idlib and over time, at 700 a day
// (so a bigger run covers more days, as a longer mission would); each seen
// by 1-5 sources with the radii truce's own sources give.
Generated Generate(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::normal_distribution<double> normal(0, 1);
  struct Kind {
    SourceKind kind;
    double radius, error, weight;
  };
  const Kind kinds[] = {{SourceKind::kObserver, 1500, 400, 3}, {SourceKind::kAcoustic, 1800, 500, 2},
                        {SourceKind::kRadar, 300, 120, 1},     {SourceKind::kUav, 150, 60, 1},
                        {SourceKind::kParty, 3000, 1000, 3},   {SourceKind::kNews, 2000, 800, 0.5}};
  std::discrete_distribution<int> pick_kind({3, 2, 1, 1, 3, 0.5});
  const double days = std::max(1.0, double(n) / 2000.0);
  const int64_t t0 = 1'584'230'400'000;
  Generated g;
  g.members.reserve(n);
  uint32_t ev = 0;
  while (g.members.size() < n) {
    double lat = 35.4 + 0.9 * u(rng), lon = 36.0 + 1.0 * u(rng);
    int64_t t = t0 + int64_t(u(rng) * days * 86'400'000);
    int k = 1 + int(u(rng) * 5);
    for (int i = 0; i < k && g.members.size() < n; ++i) {
      const Kind& kind = kinds[pick_kind(rng)];
      Member m;
      m.id = int64_t(g.members.size() + 1);
      m.kind = kind.kind;
      m.source = std::string(truce::SourceKindName(kind.kind)) + ":" + std::to_string(int(u(rng) * 40));
      m.category = truce::Category::kShelling;
      truce::geo::LatLng p = truce::geo::Destination({lat, lon}, u(rng) * 360, std::abs(normal(rng)) * kind.error);
      m.lat = p.lat;
      m.lon = p.lon;
      m.radius_m = kind.radius;
      bool party = kind.kind == SourceKind::kParty || kind.kind == SourceKind::kNews;
      m.start_ms = t - int64_t(u(rng) * (party ? 30 : 3)) * 60'000;
      m.end_ms = t + int64_t(u(rng) * (party ? 45 : 8)) * 60'000;
      g.members.push_back(std::move(m));
      g.event.push_back(ev);
    }
    ++ev;
  }
  return g;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Fusion benchmark"};
  size_t n = 100'000;
  uint64_t seed = 1;
  std::string csv, labels, input, mode = "both";
  app.add_option("--reports", n, "Reports to generate");
  app.add_option("--seed", seed, "Seed");
  app.add_option("--csv", csv, "Write the reports as CSV (id,lat,lon,start_ms,end_ms,radius_m,kind,event)");
  app.add_option("--input", input, "Read the reports from such a CSV instead of generating them");
  app.add_option("--labels", labels, "Write each report's incident (batch fusion) as CSV (id,incident)");
  app.add_option("--mode", mode, "batch, incremental or both")->check(CLI::IsMember({"batch", "incremental", "both"}));
  CLI11_PARSE(app, argc, argv);

  Generated g;
  if (input.empty()) {
    g = Generate(n, seed);
  } else {
    // The CSV this tool writes, read back: so truce and DBSCAN (which reads
    // the same file) each pay for reading it in a whole-process comparison.
    std::ifstream f(input);
    std::string line;
    std::getline(f, line);
    while (std::getline(f, line)) {
      Member m;
      char kind[32];
      unsigned event = 0;
      long long id = 0, start = 0, end = 0;
      if (std::sscanf(line.c_str(), "%lld,%lf,%lf,%lld,%lld,%lf,%31[^,],%u", &id, &m.lat, &m.lon, &start, &end,
                      &m.radius_m, kind, &event) != 8) {
        std::fprintf(stderr, "%s: cannot read line %zu\n", input.c_str(), g.members.size() + 2);
        return 2;
      }
      m.id = id;
      m.start_ms = start;
      m.end_ms = end;
      m.kind = truce::ParseSourceKind(kind).value_or(SourceKind::kParty);
      m.source = std::string(kind) + ":" + std::to_string(id % 40);
      m.category = truce::Category::kShelling;
      g.members.push_back(std::move(m));
      g.event.push_back(event);
    }
    n = g.members.size();
  }
  if (!csv.empty()) {
    std::ofstream f(csv);
    f << "id,lat,lon,start_ms,end_ms,radius_m,kind,event\n";
    for (size_t i = 0; i < g.members.size(); ++i) {
      const Member& m = g.members[i];
      f << m.id << ',' << std::to_string(m.lat) << ',' << std::to_string(m.lon) << ',' << m.start_ms << ',' << m.end_ms
        << ',' << m.radius_m << ',' << truce::SourceKindName(m.kind) << ',' << g.event[i] << '\n';
    }
  }
  rusage before;
  getrusage(RUSAGE_SELF, &before);

  double batch_s = 0, incremental_s = 0;
  size_t incidents = 0;
  std::pair<double, double> quality{0, 0};
  if (mode != "incremental") {
    // Batch: every report at once, by observed time, then every incident.
    auto start = std::chrono::steady_clock::now();
    std::vector<size_t> order(g.members.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return g.members[a].start_ms != g.members[b].start_ms ? g.members[a].start_ms < g.members[b].start_ms
                                                            : g.members[a].id < g.members[b].id;
    });
    truce::fusion::Fuser fuser;
    for (size_t i : order) fuser.Add(g.members[i]);
    auto groups = fuser.Groups();
    std::vector<truce::fusion::Incident> summaries;
    summaries.reserve(groups.size());
    for (const auto& grp : groups) summaries.push_back(fuser.Summarise(grp));
    batch_s = Seconds(start);
    incidents = groups.size();
    std::vector<uint32_t> label(g.members.size());
    for (size_t k = 0; k < groups.size(); ++k) {
      for (size_t pos : groups[k]) label[size_t(fuser.member(pos).id - 1)] = uint32_t(k);
    }
    quality = truce::sim::BCubed(label, g.event);
    if (!labels.empty()) {
      std::ofstream f(labels);
      f << "id,incident\n";
      for (size_t i = 0; i < label.size(); ++i) f << i + 1 << ',' << label[i] << '\n';
    }
  }
  if (mode != "batch") {
    // Incremental: in arrival order (the order generated, not sorted), each
    // report added and its incident looked up, as the live service does.
    auto start = std::chrono::steady_clock::now();
    truce::fusion::Fuser fuser;
    size_t sink = 0;
    for (const Member& m : g.members) sink += fuser.GroupOf(fuser.Add(m)).size();
    incremental_s = Seconds(start);
    if (sink == 0) std::printf("impossible\n");
  }
  rusage after;
  getrusage(RUSAGE_SELF, &after);
  std::printf(
      "{\"reports\":%zu,\"incidents\":%zu,\"batch_s\":%.3f,\"batch_per_s\":%.0f,\"incremental_s\":%.3f,"
      "\"incremental_per_s\":%.0f,\"bcubed_precision\":%.4f,\"bcubed_recall\":%.4f,\"peak_rss_mib\":%.1f}\n",
      n, incidents, batch_s, batch_s > 0 ? double(n) / batch_s : 0, incremental_s,
      incremental_s > 0 ? double(n) / incremental_s : 0, quality.first, quality.second, after.ru_maxrss / 1024.0);
  return 0;
}
