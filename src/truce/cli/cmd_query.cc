// truce query: reports by time, place, zone, clause, category and party.
#include <cstdio>
#include <map>

#include "truce/center/filter_params.h"
#include "truce/cli/commands.h"
#include "truce/wire/reports.h"

namespace truce::cli {

void AddQuery(CLI::App& app) {
  auto* cmd = app.add_subcommand("query", "List stored reports matching filters");
  struct Options {
    std::string db, mission, format = "table";
    std::map<std::string, std::string> params;
    bool all = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--db", o->db, "Database file")->required();
  cmd->add_option("--mission", o->mission, "Mission pack folder (default: the database's)");
  for (auto [flag, key, help] : {
           std::tuple{"--from", "from", "Observed interval ends at or after this RFC 3339 time"},
           std::tuple{"--to", "to", "Observed interval starts at or before this RFC 3339 time"},
           std::tuple{"--bbox", "bbox", "west,south,east,north in degrees"},
           std::tuple{"--zone", "zone", "Tagged with this zone id"},
           std::tuple{"--clause", "clause", "With this clause in force"},
           std::tuple{"--category", "category", "shelling, small_arms_fire, airstrike, ..."},
           std::tuple{"--party", "party", "Reported by this party"},
           std::tuple{"--blames", "blames", "Blaming this party"},
           std::tuple{"--source-kind", "source_kind", "party, observer, uav, acoustic, radar, patrol, news"},
           std::tuple{"--limit", "limit", "At most this many (1-10000, default 100)"},
           std::tuple{"--after", "after", "Only reports with a larger id (paging)"},
       }) {
    std::string k = key;
    cmd->add_option_function<std::string>(
        flag, [o, k](const std::string& v) { o->params[k] = v; }, help);
  }
  cmd->add_flag("--all", o->all, "Every matching report, not just the first page");
  cmd->add_option("--format", o->format, "table, json, jsonl or geojson")
      ->check(CLI::IsMember({"table", "json", "jsonl", "geojson"}));
  cmd->callback([o] {
    auto center = OpenCenter(o->db, o->mission, false);
    if (!center.ok()) throw CLI::RuntimeError(Fail(center.status()));
    auto filter = ParseReportFilter(
        [&](const std::string& name) -> std::optional<std::string> {
          auto it = o->params.find(name);
          if (it == o->params.end()) return std::nullopt;
          return it->second;
        },
        (*center)->mission());
    if (!filter.ok()) throw CLI::RuntimeError(Fail(filter.status()));
    if (o->all) filter->limit = kMaxQueryLimit;
    std::vector<StoredReport> reports;
    while (true) {
      auto page = (*center)->reader().Query(*filter);
      if (!page.ok()) throw CLI::RuntimeError(Fail(page.status()));
      bool more = o->all && page->size() == filter->limit;
      if (!page->empty()) filter->after_id = page->back().id;
      reports.insert(reports.end(), std::make_move_iterator(page->begin()), std::make_move_iterator(page->end()));
      if (!more) break;
    }
    if (o->format == "table") {
      std::fputs(wire::ReportTable(reports).c_str(), stdout);
    } else if (o->format == "jsonl") {
      for (const auto& r : reports)
        std::printf("%s\n", wire::ReportJson(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else if (o->format == "geojson") {
      std::printf(
          "%s\n",
          wire::ReportCollection(reports).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
      std::printf("%s\n",
                  wire::ReportList(reports).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    }
  });
}

}  // namespace truce::cli
