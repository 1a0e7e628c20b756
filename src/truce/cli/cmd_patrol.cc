// truce patrol: joint patrols against a running server (docs/USER-GUIDE.md,
// "Patrols") — a lead plans one from a plan file, the other party's lead
// agrees, a crew sends its vehicle's track (an NMEA or GPX file from the
// vehicle's receiver), a lead records the outcome; and anyone on duty lists
// the patrols, shows one, or reads the corridor's coverage.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "truce/cli/center_client.h"
#include "truce/cli/commands.h"
#include "truce/cli/input_file.h"
#include "truce/cli/progress.h"
#include "truce/cli/server_access.h"
#include "truce/patrol/track_file.h"
#include "truce/register/patrol_entries.h"

namespace truce::cli {
namespace {

// The patrol as the server has it, or nullopt if none is planned by that name.
Result<std::optional<nlohmann::json>> Patrol(CenterClient& client, const std::string& id) {
  auto p = client.Get("/v1/patrols/" + id);
  if (p.ok()) return std::optional<nlohmann::json>(*std::move(p));
  if (p.status().code() == Code::kNotFound) return std::optional<nlohmann::json>();
  return p.status();
}

[[noreturn]] void Stop(const Status& st) { throw CLI::RuntimeError(Fail(st)); }

void PrintPatrols(const nlohmann::json& list) {
  std::printf("%-16s %-10s %-26s %-9s %-9s %-12s %s\n", "patrol", "state", "window start", "route km", "reached",
              "waiting for", "outcome");
  for (const auto& p : list) {
    std::string waiting;
    for (const auto& w : p.value("waiting_for", nlohmann::json::array()))
      waiting += (waiting.empty() ? "" : ",") + w.get<std::string>();
    const nlohmann::json& o = p["outcome"];
    char reached[32] = "-";
    if (o.is_object()) {
      std::snprintf(reached, sizeof reached, "%.1f", o.value("reached_km", 0.0));
    } else if (p["progress"].value("fixes", 0) > 0) {
      std::snprintf(reached, sizeof reached, "%.1f", p["progress"].value("furthest_km", 0.0));
    }
    std::printf(
        "%-16s %-10s %-26s %-9.1f %-9s %-12s %s\n", JsonText(p, "patrol").c_str(), JsonText(p, "state").c_str(),
        JsonText(p["plan"]["window"], "start").c_str(), p.value("route_km", 0.0), reached,
        waiting.empty() ? "-" : waiting.c_str(),
        o.is_object()
            ? (JsonText(o, "outcome") + (o.value("reasons", "").empty() ? "" : ": " + JsonText(o, "reasons"))).c_str()
            : "-");
  }
}

}  // namespace

void AddPatrol(CLI::App& app) {
  auto* cmd = app.add_subcommand("patrol",
                                 "Joint patrols on a server: plan, agree, send a track, record the outcome; "
                                 "list, show, coverage");
  cmd->require_subcommand(1);
  struct Options {
    ServerAccess access;
    std::string file, id, outcome, reason, vehicle, day, from, to;
    double reached_km = -1;
    std::vector<uint64_t> report_entries;
  };
  auto o = std::make_shared<Options>();

  auto* plan = cmd->add_subcommand("plan", "Plan a patrol from a plan file (or revise it, if it is planned already)");
  AddServerAccess(plan, &o->access, false);
  plan->add_option("--key", o->access.key, "Your lead key file")->required();
  plan->add_option("FILE", o->file, "The plan, JSON (docs/USER-GUIDE.md, \"Patrols\")")->required();
  plan->callback([o] {
    std::ifstream in(o->file);
    if (!in) Stop(Status::NotFound(o->file + ": cannot be read"));
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json body = nlohmann::json::parse(text.str(), nullptr, false);
    if (!body.is_object() || !body.contains("patrol") || !body["patrol"].is_string()) {
      Stop(Status::Invalid(o->file + ": not a plan (a JSON object with \"patrol\", its name)"));
    }
    auto s = ConnectToSign(o->access);
    if (!s.ok()) Stop(s.status());
    const std::string id = body["patrol"].get<std::string>();
    auto existing = Patrol(s->client, id);
    if (!existing.ok()) Stop(existing.status());
    // A revision names the plan it replaces (docs/REGISTER.md, "Patrol entries").
    std::optional<uint64_t> previous;
    if (*existing) previous = (**existing)["planned"]["entry"].get<uint64_t>();
    Status st = SendEntry(*s, reg::kind::kPatrolPlan, reg::PatrolPlanBody(id, body, previous),
                          previous ? ("revised the plan of " + id).c_str() : ("planned " + id).c_str());
    if (!st.ok()) Stop(st.WithContext(o->file));
  });

  auto* agree = cmd->add_subcommand("agree", "Agree to a patrol's plan as your party's lead");
  AddServerAccess(agree, &o->access, false);
  agree->add_option("--key", o->access.key, "Your lead key file")->required();
  agree->add_option("PATROL", o->id, "The patrol's name")->required();
  agree->callback([o] {
    auto s = ConnectToSign(o->access);
    if (!s.ok()) Stop(s.status());
    auto p = Patrol(s->client, o->id);
    if (!p.ok()) Stop(p.status());
    if (!*p) Stop(Status::NotFound("no patrol '" + o->id + "' is planned"));
    const uint64_t entry = (**p)["planned"]["entry"].get<uint64_t>();
    Status st = SendEntry(*s, reg::kind::kPatrolAgree, reg::PatrolAgreeBody(o->id, entry),
                          ("agreed to the plan of " + o->id + " (entry " + std::to_string(entry) + ")").c_str());
    if (!st.ok()) Stop(st);
  });

  auto* outcome = cmd->add_subcommand("outcome", "Record how a patrol ended, as a lead of one of its parties");
  AddServerAccess(outcome, &o->access, false);
  outcome->add_option("--key", o->access.key, "Your lead key file")->required();
  outcome->add_option("PATROL", o->id, "The patrol's name")->required();
  outcome->add_option("--outcome", o->outcome, "completed, shortened, obstructed or attacked")
      ->required()
      ->check(CLI::IsMember({"completed", "shortened", "obstructed", "attacked"}));
  outcome->add_option("--reached-km", o->reached_km,
                      "How far along the route it got (default: the whole route if completed, else how far its "
                      "track reached)");
  outcome->add_option("--reason", o->reason, "Why it ended there (needed unless completed)");
  outcome->add_option("--report-entry", o->report_entries,
                      "The register entry of the report of the obstruction or attack (file it first); repeatable");
  outcome->callback([o] {
    auto s = ConnectToSign(o->access);
    if (!s.ok()) Stop(s.status());
    auto p = Patrol(s->client, o->id);
    if (!p.ok()) Stop(p.status());
    if (!*p) Stop(Status::NotFound("no patrol '" + o->id + "' is planned"));
    const nlohmann::json& rec = **p;
    reg::OutcomeFields f{o->outcome, o->reached_km, o->reason, o->report_entries};
    if (f.reached_km < 0) {
      f.reached_km = o->outcome == "completed" ? rec.value("route_km", 0.0) : rec["progress"].value("furthest_km", 0.0);
    }
    std::optional<uint64_t> previous;
    if (rec["outcome"].is_object()) previous = rec["outcome"]["entry"].get<uint64_t>();
    Status st = SendEntry(*s, reg::kind::kPatrolOutcome,
                          reg::PatrolOutcomeBody(o->id, rec["planned"]["entry"].get<uint64_t>(), f, previous),
                          ("recorded " + o->id + " as " + o->outcome).c_str());
    if (!st.ok()) Stop(st);
  });

  auto* report = cmd->add_subcommand(
      "report",
      "File what happened to a patrol (a crowd, a roadblock, an IED) as a report with the patrol as its "
      "source, as an observer of one of its parties; prints its register entry, for `outcome --report-entry`");
  AddServerAccess(report, &o->access, false);
  report->add_option("--key", o->access.key, "Your observer key file")->required();
  report->add_option("PATROL", o->id, "The patrol's name")->required();
  report
      ->add_option("FILE", o->file,
                   "The report, JSON (docs/USER-GUIDE.md, \"Reports\"); its source is set to the patrol")
      ->required();
  report->callback([o] {
    std::ifstream in(o->file);
    if (!in) Stop(Status::NotFound(o->file + ": cannot be read"));
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::json body = nlohmann::json::parse(text.str(), nullptr, false);
    if (!body.is_object()) Stop(Status::Invalid(o->file + ": a report is a JSON object"));
    body["source"] = {{"kind", "patrol"}, {"name", o->id}};
    auto s = ConnectToSign(o->access);
    if (!s.ok()) Stop(s.status());
    Status st = SendEntry(*s, reg::kind::kReport, std::move(body), ("reported for " + o->id).c_str());
    if (!st.ok()) Stop(st.WithContext(o->file));
  });

  auto* track = cmd->add_subcommand(
      "track", "Send a vehicle's track file (NMEA 0183 or GPX) to an agreed patrol, as an officer of its party");
  AddServerAccess(track, &o->access);
  track->add_option("PATROL", o->id, "The patrol's name")->required();
  track->add_option("FILE", o->file, "The track: .nmea/.log/.txt (NMEA 0183) or .gpx")->required();
  track->add_option("--vehicle", o->vehicle, "The vehicle's id in the plan (GPX: default the track's name)");
  track->add_option("--day", o->day, "NMEA: the UTC date (YYYY-MM-DD) of GGA sentences before any RMC gives it");
  track->callback([o] {
    auto file = InputFile::Open(o->file);
    if (!file.ok()) Stop(file.status());
    const bool gpx = o->file.size() > 4 && o->file.substr(o->file.size() - 4) == ".gpx";
    Result<patrol::TrackFile> parsed = Status::Invalid("");
    if (gpx) {
      parsed = patrol::ParseGpx(file->bytes(), o->vehicle);
    } else {
      patrol::NmeaOptions opts;
      opts.vehicle = o->vehicle;
      if (!o->day.empty()) {
        auto day = ParseRfc3339(o->day + "T00:00:00Z");
        if (!day.ok()) Stop(Status::Invalid("--day: " + day.status().message()));
        opts.day_ms = day->utc_ms;
      }
      if (opts.vehicle.empty()) Stop(Status::Invalid("--vehicle: an NMEA log does not name its vehicle; give it"));
      parsed = patrol::ParseNmea(file->bytes(), opts);
    }
    if (!parsed.ok()) Stop(parsed.status().WithContext(o->file));
    for (const auto& skip : parsed->skipped) {
      std::fprintf(stderr, "skipped: %s\n", skip.ToString(o->file).c_str());
    }
    auto client = ConnectTo(o->access);
    if (!client.ok()) Stop(client.status());
    // In pieces the server takes (2,000 fixes a request), in file order.
    constexpr size_t kPiece = 2000;
    ProgressBar bar("sending " + o->file, "fixes");
    size_t taken = 0, refused = 0;
    const auto& fixes = parsed->fixes;
    for (size_t at = 0; at < fixes.size(); at += kPiece) {
      nlohmann::json list = nlohmann::json::array();
      for (size_t i = at; i < std::min(fixes.size(), at + kPiece); ++i) {
        const patrol::Fix& f = fixes[i];
        nlohmann::json j = {{"vehicle", f.vehicle},
                            {"t", FormatRfc3339(Instant{f.t_ms, 0})},
                            {"lat", f.at.lat},
                            {"lon", f.at.lon},
                            {"quality", f.quality}};
        if (f.hdop > 0) j["hdop"] = f.hdop;
        list.push_back(std::move(j));
      }
      auto answer = client->PostJson("/v1/patrols/" + o->id + "/fixes", {{"fixes", list}});
      if (!answer.ok()) Stop(answer.status());
      taken += (*answer).value("taken", size_t{0});
      for (const auto& r : (*answer)["refused"]) {
        ++refused;
        std::fprintf(stderr, "%s: fix %zu: refused: %s\n", o->file.c_str(), at + r.value("fix", size_t{0}) + 1,
                     JsonText(r, "error").c_str());
      }
      for (const auto& a : (*answer)["alerts"]) {
        std::printf("alert %s at %s, %.1f km along: %s\n", JsonText(a, "kind").c_str(), JsonText(a, "at").c_str(),
                    a.value("along_km", 0.0), JsonText(a, "detail").c_str());
      }
      bar.Update(std::min(fixes.size(), at + kPiece), fixes.size(), taken);
    }
    bar.Finish();
    std::printf("%s: %zu fixes taken, %zu refused, %zu lines skipped\n", o->id.c_str(), taken, refused,
                parsed->skipped.size());
  });

  auto* list = cmd->add_subcommand("list", "List the patrols, newest first");
  AddServerAccess(list, &o->access);
  list->add_option("--from", o->from, "Windows ending after this time (RFC 3339)");
  list->add_option("--to", o->to, "Windows starting before this time (RFC 3339)");
  list->callback([o] {
    auto client = ConnectTo(o->access);
    if (!client.ok()) Stop(client.status());
    auto l = client->Get("/v1/patrols" + PeriodQuery(o->from, o->to));
    if (!l.ok()) Stop(l.status());
    PrintPatrols((*l)["patrols"]);
  });

  auto* show = cmd->add_subcommand("show", "One patrol in full, as JSON");
  AddServerAccess(show, &o->access);
  show->add_option("PATROL", o->id, "The patrol's name")->required();
  show->callback([o] {
    auto client = ConnectTo(o->access);
    if (!client.ok()) Stop(client.status());
    auto p = client->Get("/v1/patrols/" + o->id);
    if (!p.ok()) Stop(p.status());
    std::printf("%s\n", p->dump(2).c_str());
  });

  auto* coverage = cmd->add_subcommand("coverage", "Which kilometres of the corridor's road the patrols reached");
  AddServerAccess(coverage, &o->access);
  coverage->add_option("--from", o->from, "Patrols whose window ends after this time (RFC 3339)");
  coverage->add_option("--to", o->to, "… and starts before this time");
  coverage->callback([o] {
    auto client = ConnectTo(o->access);
    if (!client.ok()) Stop(client.status());
    auto c = client->Get("/v1/patrols/coverage" + PeriodQuery(o->from, o->to));
    if (!c.ok()) Stop(c.status());
    std::printf("%s: %.1f km, %d patrols; %.1f of %.1f planned km driven (%.0f%%)\n", JsonText(*c, "road_zone").c_str(),
                c->value("road_km", 0.0), c->value("patrols", 0), c->value("driven_km", 0.0),
                c->value("planned_km", 0.0), 100 * c->value("share", 1.0));
    for (const auto& k : (*c)["kilometres"]) {
      const int n = k.value("patrols", 0);
      std::printf("  km %5.1f–%5.1f  %3d %s\n", k.value("from_km", 0.0), k.value("to_km", 0.0), n,
                  std::string(size_t(std::min(n, 40)), '#').c_str());
    }
    for (const auto& s : (*c)["never_reached"]) {
      std::printf("never reached: km %.1f–%.1f\n", s.value("from_km", 0.0), s.value("to_km", 0.0));
    }
  });
}

}  // namespace truce::cli
