// The daily report's time, as a running center makes one (bench/daily.sh,
// docs/PERFORMANCE.md, "The daily report"): the center is opened and its
// mission's tagger built once, as `truce serve` has them, then each run
// reads the register and the period's reports, fuses and judges them,
// composes the report and writes it as HTML — GET /v1/daily/{date}'s path.
//
//   truce_bench_report --db FILE --date D [--runs N] [--format html|json|md]
// prints one JSON line: the runs' median and slowest seconds, the bytes.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "truce/center/center.h"
#include "truce/mission/mission.h"
#include "truce/register/note.h"
#include "truce/report/render.h"
#include "truce/report/sources.h"
#include "truce/store/sqlite/sqlite_store.h"

int main(int argc, char** argv) {
  CLI::App app{"Time the daily report of a database, as a running center makes it"};
  std::string db, mission_dir, date, format = "html";
  int runs = 5;
  app.add_option("--db", db)->required();
  app.add_option("--mission", mission_dir)->required();
  app.add_option("--date", date)->required();
  app.add_option("--runs", runs)->check(CLI::Range(1, 1000));
  app.add_option("--format", format)->check(CLI::IsMember({"html", "json", "md"}));
  CLI11_PARSE(app, argc, argv);
  auto fail = [](const truce::Status& st) {
    std::fprintf(stderr, "bench_report: %s\n", st.ToString().c_str());
    return 1;
  };
  auto mission = truce::LoadMission(mission_dir);
  if (!mission.ok()) return fail(mission.status());
  auto store = truce::OpenSqliteStore(db);
  if (!store.ok()) return fail(store.status());
  auto center = truce::Center::Open(*std::move(mission), std::move(store).value(), std::nullopt);
  if (!center.ok()) return fail(center.status());
  if (auto tagger = (*center)->tagger(); !tagger.ok()) return fail(tagger.status());
  auto zone = truce::report::MissionZone((*center)->mission());
  if (!zone.ok()) return fail(zone.status());
  auto period = truce::report::ParsePeriod(*zone, date, "", "", "", (*center)->clock().NowMs());
  if (!period.ok()) return fail(period.status());
  std::vector<double> seconds;
  size_t bytes = 0, incidents = 0;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    auto inputs = truce::report::Gather(**center, *period, std::nullopt);
    if (!inputs.ok()) return fail(inputs.status());
    const truce::report::DailyReport r = truce::report::Compose(*inputs);
    const std::string out = format == "json" ? truce::report::RenderJson(r)
                            : format == "md" ? truce::report::RenderMarkdown(r, "map.png", "trend.png")
                                             : truce::report::RenderHtml(r);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    bytes = out.size();
    incidents = r.in_period.size();
  }
  std::sort(seconds.begin(), seconds.end());
  std::printf("{\"runs\":%d,\"median_s\":%.3f,\"max_s\":%.3f,\"bytes\":%zu,\"incidents_in_period\":%zu}\n", runs,
              seconds[seconds.size() / 2], seconds.back(), bytes, incidents);
  return 0;
}
