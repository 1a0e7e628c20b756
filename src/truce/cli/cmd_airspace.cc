// truce airspace: flight notices and flights against a running server
// (docs/USER-GUIDE.md, "Airspace") — a party's lead files a notice before
// its aircraft fly; an observer sends the flight tracks a feed saw, and
// files a report for each flight without notice; anyone on duty lists the
// notices and the flights.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "truce/cli/center_client.h"
#include "truce/cli/commands.h"
#include "truce/cli/server_access.h"
#include "truce/register/entry.h"

namespace truce::cli {
namespace {

[[noreturn]] void Stop(const Status& st) { throw CLI::RuntimeError(Fail(st)); }

nlohmann::json ReadJsonFile(const std::string& file, const char* what) {
  std::ifstream in(file);
  if (!in) Stop(Status::NotFound(file + ": cannot be read"));
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json body = nlohmann::json::parse(text.str(), nullptr, false);
  if (!body.is_object()) Stop(Status::Invalid(file + ": not " + std::string(what) + " (a JSON object)"));
  return body;
}

}  // namespace

void AddAirspace(CLI::App& app) {
  auto* cmd = app.add_subcommand("airspace",
                                 "Airspace on a server: file a flight notice, send flight tracks (and report the "
                                 "flights without notice), list notices and flights");
  cmd->require_subcommand(1);
  struct Options {
    ServerAccess access;
    std::string file, source = "airspace-feed", from, to;
    bool no_report = false, unmatched = false;
  };
  auto o = std::make_shared<Options>();

  auto* notify = cmd->add_subcommand("notify", "File a flight notice, as your party's lead, before the flight");
  AddServerAccess(notify, &o->access, false);
  notify->add_option("--key", o->access.key, "Your lead key file")->required();
  notify->add_option("FILE", o->file, "The notice, JSON (docs/USER-GUIDE.md, \"Airspace\")")->required();
  notify->callback([o] {
    nlohmann::json body = ReadJsonFile(o->file, "a flight notice");
    const std::string id = body.value("notice", "");
    auto s = ConnectToSign(o->access);
    if (!s.ok()) Stop(s.status());
    Status st = SendEntry(*s, reg::kind::kFlightNotice, std::move(body), "filed flight notice " + id);
    if (!st.ok()) Stop(st.WithContext(o->file));
  });

  auto* tracks =
      cmd->add_subcommand("tracks",
                          "Send flight tracks (the documented feed JSON) as an observer; each flight without notice is "
                          "reported for the airspace clause");
  AddServerAccess(tracks, &o->access, false);
  tracks->add_option("--key", o->access.key, "Your observer key file")->required();
  tracks->add_option("FILE", o->file, "{\"tracks\": [...]} (docs/API.md, \"POST /v1/airspace/tracks\")")->required();
  tracks->add_option("--source", o->source, "The feed's name, as the reports give their source (radar)");
  tracks->add_flag("--no-report", o->no_report, "Only say which flights had no notice; file no report");
  tracks->callback([o] {
    nlohmann::json body = ReadJsonFile(o->file, "flight tracks");
    auto s = ConnectToSign(o->access);
    if (!s.ok()) Stop(s.status());
    auto answer = s->client.PostJson("/v1/airspace/tracks", body);
    if (!answer.ok()) Stop(answer.status().WithContext(o->file));
    size_t matched = 0, reported = 0;
    for (const auto& t : (*answer)["tracks"]) {
      if (t.value("matched", false)) {
        ++matched;
        continue;
      }
      std::printf("no notice: %s: %s\n", JsonText(t, "track").c_str(), JsonText(t, "reason").c_str());
      if (o->no_report || !t["report"].is_object()) continue;
      nlohmann::json report = t["report"];
      report["source"] = {{"kind", "radar"}, {"name", o->source}};
      Status st = SendEntry(*s, reg::kind::kReport, std::move(report), "reported " + JsonText(t, "track"));
      if (!st.ok()) Stop(st);
      ++reported;
    }
    std::printf("%zu tracks: %zu under notice, %zu without (%zu reported)\n", (*answer)["tracks"].size(), matched,
                (*answer)["tracks"].size() - matched, reported);
  });

  auto* list = cmd->add_subcommand("list", "List the flight notices and the flights seen, newest first");
  AddServerAccess(list, &o->access);
  list->add_option("--from", o->from, "Notices and flights ending after this time (RFC 3339)");
  list->add_option("--to", o->to, "… and starting before this time");
  list->add_flag("--unmatched", o->unmatched, "Only the flights without notice");
  list->callback([o] {
    auto client = ConnectTo(o->access);
    if (!client.ok()) Stop(client.status());
    std::string q = PeriodQuery(o->from, o->to);
    if (o->unmatched) q += (q.empty() ? "?" : "&") + std::string("flights=unmatched");
    auto a = client->Get("/v1/airspace/notices" + q);
    if (!a.ok()) Stop(a.status());
    std::printf("%-24s %-6s %-26s %-26s %-13s %s\n", "notice", "party", "from", "to", "altitude m", "aircraft");
    for (const auto& n : (*a)["notices"]) {
      std::printf("%-24s %-6s %-26s %-26s %5.0f–%-7.0f %s\n", JsonText(n, "notice").c_str(),
                  JsonText(n, "party").c_str(), JsonText(n["window"], "start").c_str(),
                  JsonText(n["window"], "end").c_str(), n["altitude_m"].value("min", 0.0),
                  n["altitude_m"].value("max", 0.0), JsonText(n, "aircraft").c_str());
    }
    std::printf("\n%-24s %-6s %-26s %-9s %s\n", "flight", "party", "start", "notice", "why not");
    for (const auto& f : (*a)["flights"]) {
      std::string notices;
      for (const auto& n : f["notices"]) notices += (notices.empty() ? "" : ",") + n.get<std::string>();
      std::printf("%-24s %-6s %-26s %-9s %s\n", JsonText(f, "track").c_str(),
                  f["party"].is_string() ? f["party"].get<std::string>().c_str() : "?", JsonText(f, "start").c_str(),
                  f.value("matched", false) ? (notices.empty() ? "outside" : notices.c_str()) : "NONE",
                  f.value("matched", false) ? "" : JsonText(f, "reason").c_str());
    }
  });
}

}  // namespace truce::cli
