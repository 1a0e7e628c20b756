// truce sim: a scenario's ground truth and the reports its sources make.
#include <algorithm>
#include <cstdio>
#include <map>
#include <filesystem>
#include <fstream>

#include "sim/scenario.h"
#include "sim/score.h"
#include "truce/cli/input_file.h"
#include "truce/cli/commands.h"

namespace truce::cli {
namespace {

struct SimArgs {
  std::string mission, out, start;
  sim::Options options;
};

Status WriteLines(const std::filesystem::path& path, const std::vector<std::string>& lines) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  for (const std::string& l : lines) f << l << '\n';
  f.flush();
  if (!f) return Status::Io("could not write " + path.string());
  return Status::Ok();
}

Status RunSim(const SimArgs& a) {
  TRUCE_ASSIGN_OR_RETURN(Mission mission, LoadMission(a.mission));
  TRUCE_ASSIGN_OR_RETURN(Tagger tagger, Tagger::Build(mission));
  sim::Options options = a.options;
  if (!a.start.empty()) {
    auto t = ParseRfc3339(a.start);
    if (!t.ok()) return Status::Invalid("--start: " + t.status().message());
    options.start = *t;
  }
  TRUCE_ASSIGN_OR_RETURN(sim::Scenario s, sim::Simulate(mission, tagger, options));
  std::error_code ec;
  std::filesystem::create_directories(a.out, ec);
  if (ec) return Status::Io("could not make " + a.out + ": " + ec.message());
  // Each center party files its own claims and its own monitors' reports;
  // reports of no center party (news) are filed by the parties in turn.
  std::vector<std::string> reports, truth, events;
  std::map<std::string, std::vector<std::string>> by_party;
  std::vector<std::string> center;
  for (const Party& p : mission.parties) {
    if (p.role == PartyRole::kCenter) center.push_back(p.id);
  }
  size_t turn = 0;
  for (const sim::SimReport& r : s.reports) {
    reports.push_back(sim::ReportLine(r));
    truth.push_back(sim::TruthLine(r));
    std::string party = r.report.source.party;
    if (std::find(center.begin(), center.end(), party) == center.end()) party = center[turn++ % center.size()];
    by_party[party].push_back(reports.back());
  }
  for (const sim::Event& e : s.events) events.push_back(sim::EventLine(e));
  std::filesystem::path out(a.out);
  TRUCE_RETURN_IF_ERROR(WriteLines(out / "reports.jsonl", reports));
  for (const auto& [party, lines] : by_party) {
    TRUCE_RETURN_IF_ERROR(WriteLines(out / ("reports-" + party + ".jsonl"), lines));
  }
  TRUCE_RETURN_IF_ERROR(WriteLines(out / "truth.jsonl", truth));
  TRUCE_RETURN_IF_ERROR(WriteLines(out / "events.jsonl", events));
  std::printf("%zu events, %zu reports (seed %llu) written to %s: reports.jsonl (and reports-PARTY.jsonl, each party's to file), truth.jsonl, events.jsonl\n",
              s.events.size(), s.reports.size(), static_cast<unsigned long long>(options.seed), a.out.c_str());
  return Status::Ok();
}

}  // namespace

void AddSim(CLI::App& app) {
  auto* cmd = app.add_subcommand("sim", "Simulate a scenario: ground-truth events and the reports of every source");
  auto a = std::make_shared<SimArgs>();
  cmd->add_option("--mission", a->mission, "Mission pack folder")->required();
  cmd->add_option("--out", a->out, "Folder for reports.jsonl, truth.jsonl and events.jsonl")->required();
  cmd->add_option("--seed", a->options.seed, "Seed: the same seed gives the same scenario")->default_val(1);
  cmd->add_option("--days", a->options.days, "Days to simulate")->default_val(2);
  cmd->add_option("--events-per-day", a->options.events_per_day, "Mean events a day")->default_val(60);
  cmd->add_option("--start", a->start, "First day (RFC 3339); default: the day after the last clause came into force");
  cmd->callback([a] {
    Status st = RunSim(*a);
    if (!st.ok()) throw CLI::RuntimeError(Fail(st));
  });
}

void AddScore(CLI::App& app) {
  auto* cmd = app.add_subcommand("score", "Score incidents (truce incidents --format jsonl) against a scenario's ground truth");
  struct Args {
    std::string mission, truth, events, incidents;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--mission", a->mission, "Mission pack folder (for the clause kinds)")->required();
  cmd->add_option("--truth", a->truth, "truth.jsonl from truce sim")->required();
  cmd->add_option("--events", a->events, "events.jsonl from truce sim")->required();
  cmd->add_option("INCIDENTS", a->incidents, "Incidents as JSONL; - reads standard input")->required();
  cmd->callback([a] {
    auto run = [&]() -> Status {
      TRUCE_ASSIGN_OR_RETURN(Mission mission, LoadMission(a->mission));
      TRUCE_ASSIGN_OR_RETURN(InputFile truth, InputFile::Open(a->truth));
      TRUCE_ASSIGN_OR_RETURN(InputFile events, InputFile::Open(a->events));
      TRUCE_ASSIGN_OR_RETURN(InputFile incidents, InputFile::Open(a->incidents));
      TRUCE_ASSIGN_OR_RETURN(sim::Score s,
                             sim::ScoreFindings(mission, truth.bytes(), events.bytes(), incidents.bytes()));
      std::fputs(sim::FormatScore(s).c_str(), stdout);
      return Status::Ok();
    };
    Status st = run();
    if (!st.ok()) throw CLI::RuntimeError(Fail(st));
  });
}

}  // namespace truce::cli
