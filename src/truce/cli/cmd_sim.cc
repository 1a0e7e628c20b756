// truce sim: a scenario's ground truth and the reports its sources make.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>

#include <chrono>
#include <thread>
#include "sim/flights.h"
#include "sim/patrols.h"
#include "sim/scenario.h"
#include "sim/score.h"
#include "truce/cli/center_client.h"
#include "truce/cli/commands.h"
#include "truce/cli/input_file.h"
#include "truce/register/entry.h"

namespace truce::cli {
namespace {

struct SimArgs {
  std::string mission, out, start, serve, ca, pin;
  std::vector<std::string> keys;
  double rate = 2;
  size_t skip = 0;  // with --serve: reports already sent by an earlier run
  sim::Options options;
  double flights_per_day = 8;
};

// The party each center party's reports are filed by: its own; reports of
// no center party (news) are filed by the parties in turn.
class Filing {
 public:
  explicit Filing(const Mission& mission) : center_(mission.CenterParties()) {}
  std::string PartyOf(const Report& r) {
    if (std::find(center_.begin(), center_.end(), r.source.party) != center_.end()) return r.source.party;
    return center_[turn_++ % center_.size()];
  }

 private:
  std::vector<std::string> center_;
  size_t turn_ = 0;
};

// Sends the reports to a running server as each party's officer would, one
// signed entry at a time, at `rate` reports a second.
Status Stream(const Mission& mission, const sim::Scenario& s, const SimArgs& a) {
  // Each key's party as the server knows it: pinned by the pack or added
  // in the register since.
  // The first officer's key also signs the reads (the keys' parties).
  TRUCE_ASSIGN_OR_RETURN(reg::NoteSigner reader, reg::ReadSignerKeyFile(a.keys.front()));
  TRUCE_ASSIGN_OR_RETURN(CenterClient client, CenterClient::Connect(a.serve, {a.ca, a.pin}, std::move(reader)));
  std::map<std::string, reg::NoteSigner> signers;  // party → key
  for (const std::string& path : a.keys) {
    TRUCE_ASSIGN_OR_RETURN(reg::NoteSigner key, reg::ReadSignerKeyFile(path));
    auto party = client.PartyOfKey(key.verifier().name);
    if (!party.ok()) return party.status().WithContext(path);
    signers.emplace(*party, std::move(key));
  }
  Filing filing(mission);
  size_t sent = 0, refused = 0;
  auto next = std::chrono::steady_clock::now();
  for (size_t i = 0; i < s.reports.size(); ++i) {
    const sim::SimReport& r = s.reports[i];
    std::string party = filing.PartyOf(r.report);  // also for skipped ones: news is filed in turn
    if (i < a.skip) continue;
    auto signer = signers.find(party);
    if (signer == signers.end()) continue;  // a party whose key was not given
    const Instant now{SystemClock::Instance().NowMs(), 0};
    TRUCE_ASSIGN_OR_RETURN(reg::Entry e, reg::MakeEntry(reg::kind::kReport, party, signer->second.verifier().name, now,
                                                        sim::ReportJson(r), &signer->second));
    std::this_thread::sleep_until(next);
    next += std::chrono::microseconds(int64_t(1e6 / a.rate));
    auto answer = client.PostEntries(e.bytes + "\n");
    if (!answer.ok()) {
      if (answer.status().code() == Code::kUnavailable) return answer.status();
      std::fprintf(stderr, "truce: %s: %s\n", r.report.source_report_id.c_str(), answer.status().message().c_str());
      ++refused;
      continue;
    }
    if (++sent % 10 == 0 || i + 1 == s.reports.size()) {
      // The position in the scenario, so a stopped run can go on with --skip.
      std::printf("sim: %zu of %zu reports sent to %s\n", i + 1, s.reports.size(), client.base().c_str());
      std::fflush(stdout);
    }
  }
  std::printf("sim: done: %zu reports sent, %zu refused\n", sent, refused);
  return Status::Ok();
}

Status WriteLines(const std::filesystem::path& path, const std::vector<std::string>& lines) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  for (const std::string& l : lines) f << l << '\n';
  f.flush();
  if (!f) return Status::Io("could not write " + path.string());
  return Status::Ok();
}

Status RunSim(const SimArgs& a) {
  TRUCE_ASSIGN_OR_RETURN(Mission mission, LoadMission(a.mission));
  sim::Options options = a.options;
  if (!a.start.empty()) {
    auto t = ParseRfc3339(a.start);
    if (!t.ok()) return Status::Invalid("--start: " + t.status().message());
    options.start = *t;
  }
  TRUCE_ASSIGN_OR_RETURN(sim::Scenario s, sim::Simulate(mission, options));
  if (!a.serve.empty() && a.out.empty()) return Stream(mission, s, a);
  std::error_code ec;
  std::filesystem::create_directories(a.out, ec);
  if (ec) return Status::Io("could not make " + a.out + ": " + ec.message());
  // Each center party files its own claims and its own monitors' reports;
  // reports of no center party (news) are filed by the parties in turn.
  std::vector<std::string> reports, truth, events;
  std::map<std::string, std::vector<std::string>> by_party;
  Filing filing(mission);
  for (const sim::SimReport& r : s.reports) {
    reports.push_back(sim::ReportLine(r));
    truth.push_back(sim::TruthLine(r));
    by_party[filing.PartyOf(r.report)].push_back(reports.back());
  }
  for (const sim::Event& e : s.events) events.push_back(sim::EventLine(e));
  std::filesystem::path out(a.out);
  TRUCE_RETURN_IF_ERROR(WriteLines(out / "reports.jsonl", reports));
  for (const auto& [party, lines] : by_party) {
    TRUCE_RETURN_IF_ERROR(WriteLines(out / ("reports-" + party + ".jsonl"), lines));
  }
  TRUCE_RETURN_IF_ERROR(WriteLines(out / "truth.jsonl", truth));
  TRUCE_RETURN_IF_ERROR(WriteLines(out / "events.jsonl", events));
  // The same days' flights: the notices, the air picture, and their truth.
  sim::FlightOptions flying{options.seed, Instant{sim::FirstDayMs(mission, options), 0}, options.days,
                            a.flights_per_day};
  TRUCE_ASSIGN_OR_RETURN(std::vector<sim::SimFlight> flights, sim::SimulateFlights(mission, flying));
  TRUCE_RETURN_IF_ERROR(WriteLines(out / "flight-notices.jsonl", {sim::NoticeLines(flights)}));
  TRUCE_RETURN_IF_ERROR(WriteLines(out / "flight-tracks.json", {sim::TracksFeed(flights)}));
  TRUCE_RETURN_IF_ERROR(WriteLines(out / "flight-truth.jsonl", {sim::FlightTruthLines(flights)}));
  // And a joint patrol a day, with its vehicles' fixes and when it was off its route.
  TRUCE_ASSIGN_OR_RETURN(std::vector<sim::SimPatrol> patrols,
                         sim::SimulatePatrols(mission, {options.seed, flying.start, options.days}));
  TRUCE_RETURN_IF_ERROR(WriteLines(out / "patrols.jsonl", {sim::PatrolLines(patrols)}));
  std::printf(
      "%zu events, %zu reports (seed %llu) written to %s: reports.jsonl (and reports-PARTY.jsonl, each party's to "
      "file), truth.jsonl, events.jsonl; %zu flights: flight-notices.jsonl, flight-tracks.json, flight-truth.jsonl; "
      "%zu patrols: patrols.jsonl\n",
      s.events.size(), s.reports.size(), static_cast<unsigned long long>(options.seed), a.out.c_str(), flights.size(),
      patrols.size());
  std::fflush(stdout);
  if (!a.serve.empty()) return Stream(mission, s, a);
  return Status::Ok();
}

}  // namespace

void AddSim(CLI::App& app) {
  auto* cmd = app.add_subcommand("sim", "Simulate a scenario: ground-truth events and the reports of every source");
  auto a = std::make_shared<SimArgs>();
  cmd->add_option("--mission", a->mission, "Mission pack folder")->required();
  cmd->add_option("--out", a->out, "Folder for reports.jsonl, truth.jsonl and events.jsonl");
  cmd->add_option("--serve", a->serve, "Send the reports, signed, to this running server (http://HOST:PORT)");
  cmd->add_option("--key", a->keys, "With --serve: an officer's key per center party (repeatable)");
  cmd->add_option("--ca", a->ca, "With an https:// server: the CA certificates (PEM) its certificate must chain to");
  cmd->add_option("--pin", a->pin,
                  "With an https:// server: its public key, sha256/BASE64 (truce keys pin --cert FILE)");
  cmd->add_option("--rate", a->rate, "With --serve: reports a second (default 2)")->check(CLI::Range(0.01, 100000.0));
  cmd->add_option("--skip", a->skip,
                  "With --serve: skip the scenario's first N reports (to go on after a run that stopped)");
  cmd->add_option("--seed", a->options.seed, "Seed: the same seed gives the same scenario")->default_val(1);
  cmd->add_option("--days", a->options.days, "Days to simulate")->default_val(2);
  cmd->add_option("--events-per-day", a->options.events_per_day, "Mean events a day")->default_val(60);
  cmd->add_option("--flights-per-day", a->flights_per_day,
                  "With --out: mean UAV flights a day, with and without notice (flight-*.json*)")
      ->default_val(8)
      ->check(CLI::Range(0.0, 10000.0));
  cmd->add_option("--start", a->start, "First day (RFC 3339); default: the day after the last clause came into force");
  cmd->callback([a] {
    if (a->out.empty() && a->serve.empty())
      throw CLI::RuntimeError(Fail(Status::Invalid("give --out DIR, --serve URL, or both")));
    if (!a->serve.empty() && a->keys.empty()) {
      throw CLI::RuntimeError(Fail(Status::Invalid("--serve needs --key: an officer's key of each center party")));
    }
    Status st = RunSim(*a);
    if (!st.ok()) throw CLI::RuntimeError(Fail(st));
  });
}

void AddScore(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("score", "Score incidents (truce incidents --format jsonl) against a scenario's ground truth");
  struct Args {
    std::string mission, truth, events, reports, incidents, alerts;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--mission", a->mission, "Mission pack folder (for the clause kinds)")->required();
  cmd->add_option("--truth", a->truth, "truth.jsonl from truce sim");
  cmd->add_option("--events", a->events, "events.jsonl from truce sim");
  cmd->add_option("--reports", a->reports,
                  "reports.jsonl from truce sim: also measure attribution coverage (what the reports could locate)");
  cmd->add_option("INCIDENTS", a->incidents, "Incidents as JSONL; - reads standard input");
  cmd->add_option("--alerts", a->alerts,
                  "A truce sim --out folder: hold its flight tracks against its notices and its patrols' fixes "
                  "against their plans, as the center does, and score the alerts (flights without notice, "
                  "patrols off their route)");
  cmd->callback([a] {
    auto run = [&]() -> Status {
      TRUCE_ASSIGN_OR_RETURN(Mission mission, LoadMission(a->mission));
      if (!a->alerts.empty()) {
        const std::filesystem::path dir(a->alerts);
        TRUCE_ASSIGN_OR_RETURN(InputFile notices, InputFile::Open((dir / "flight-notices.jsonl").string()));
        TRUCE_ASSIGN_OR_RETURN(InputFile tracks, InputFile::Open((dir / "flight-tracks.json").string()));
        TRUCE_ASSIGN_OR_RETURN(InputFile truth, InputFile::Open((dir / "flight-truth.jsonl").string()));
        TRUCE_ASSIGN_OR_RETURN(sim::FlightScore f,
                               sim::ScoreFlights(mission, notices.bytes(), tracks.bytes(), truth.bytes()));
        std::fputs(sim::FormatFlightScore(f).c_str(), stdout);
        TRUCE_ASSIGN_OR_RETURN(InputFile patrols, InputFile::Open((dir / "patrols.jsonl").string()));
        TRUCE_ASSIGN_OR_RETURN(sim::PatrolScore p, sim::ScorePatrols(mission, patrols.bytes()));
        std::fputs(sim::FormatPatrolScore(p).c_str(), stdout);
        if (a->incidents.empty()) return Status::Ok();
      }
      if (a->truth.empty() || a->events.empty() || a->incidents.empty()) {
        return Status::Invalid("give --truth, --events and INCIDENTS to score incidents (or --alerts DIR alone)");
      }
      TRUCE_ASSIGN_OR_RETURN(InputFile truth, InputFile::Open(a->truth));
      TRUCE_ASSIGN_OR_RETURN(InputFile events, InputFile::Open(a->events));
      TRUCE_ASSIGN_OR_RETURN(InputFile incidents, InputFile::Open(a->incidents));
      std::optional<InputFile> reports;
      if (!a->reports.empty()) {
        TRUCE_ASSIGN_OR_RETURN(InputFile file, InputFile::Open(a->reports));
        reports.emplace(std::move(file));
      }
      TRUCE_ASSIGN_OR_RETURN(
          sim::Score s, sim::ScoreFindings(mission, truth.bytes(), events.bytes(), incidents.bytes(),
                                           reports ? std::optional<std::string_view>(reports->bytes()) : std::nullopt));
      std::fputs(sim::FormatScore(s).c_str(), stdout);
      return Status::Ok();
    };
    Status st = run();
    if (!st.ok()) throw CLI::RuntimeError(Fail(st));
  });
}

}  // namespace truce::cli
