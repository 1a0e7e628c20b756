// truce incidents: the store's reports fused into incidents, with each
// one's proposed determination.
#include <cstdio>

#include "truce/center/findings.h"
#include "truce/cli/commands.h"
#include "truce/cli/progress.h"

namespace truce::cli {
namespace {

std::string Row(const Finding& f) {
  const auto& inc = f.incident;
  std::string clauses;
  for (const auto& c : f.determination.clauses) clauses += (clauses.empty() ? "" : ",") + c.id;
  char buf[512];
  std::snprintf(buf, sizeof buf, "%-10s %-25s %-20s %9.5f %9.5f %6.0f %-19s %-3s %-8s %-10s %s\n", inc.id.c_str(),
                FormatRfc3339(inc.time.start).c_str(), std::string(CategoryName(inc.category)).c_str(), inc.lat,
                inc.lon, inc.uncertainty_m, std::string(fusion::CorroborationName(inc.corroboration)).c_str(),
                inc.contested ? "yes" : "", f.determination.responsible.empty() ? "-" : f.determination.responsible.c_str(),
                clauses.empty() ? "-" : clauses.c_str(), std::to_string(inc.reports.size()).c_str());
  return buf;
}

}  // namespace

void AddIncidents(CLI::App& app) {
  auto* cmd = app.add_subcommand("incidents", "Fuse the reports into incidents and propose a determination for each");
  auto db = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  auto quiet = std::make_shared<bool>(false);
  cmd->add_option("--db", *db, "Database file")->required();
  cmd->add_option("--format", *format, "table, jsonl or json")->check(CLI::IsMember({"table", "jsonl", "json"}));
  cmd->add_flag("-q,--quiet", *quiet, "No progress bar");
  cmd->callback([=] {
    auto center = OpenCenter(*db, "", false);
    if (!center.ok()) throw CLI::RuntimeError(Fail(center.status()));
    std::unique_ptr<ProgressBar> bar;
    if (!*quiet) bar = std::make_unique<ProgressBar>("fuse");
    auto findings = FindAll(**center, [&](size_t done, size_t total) {
      if (bar) bar->Update(done, total, done);
    });
    if (bar) bar->Finish();
    if (!findings.ok()) throw CLI::RuntimeError(Fail(findings.status()));
    if (*format == "jsonl") {
      for (const Finding& f : *findings) std::printf("%s\n", FindingJson(f).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else if (*format == "json") {
      nlohmann::json all = nlohmann::json::array();
      for (const Finding& f : *findings) all.push_back(FindingJson(f));
      std::printf("%s\n", all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
      std::printf("%-10s %-25s %-20s %9s %9s %6s %-19s %-3s %-8s %-10s %s\n", "incident", "start", "category", "lat",
                  "lon", "±m", "corroboration", "con", "by", "clauses", "reports");
      for (const Finding& f : *findings) std::fputs(Row(f).c_str(), stdout);
    }
  });
}

}  // namespace truce::cli
