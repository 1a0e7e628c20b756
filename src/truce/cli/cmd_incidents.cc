// truce incidents: the reports fused into incidents, each with its proposed
// determination — computed from a database, or read from a running server
// (with each determination's review state).
#include <cstdio>

#include "truce/cli/center_client.h"
#include "truce/cli/commands.h"
#include "truce/cli/progress.h"
#include "truce/cli/server_access.h"
#include "truce/findings/findings.h"
#include "truce/review/review.h"
#include "truce/wire/findings.h"

namespace truce::cli {
namespace {

struct Options {
  std::string db, server, format = "table", category, responsible, clause, zone, state, id;
  ServerAccess access;  // with --server: how to reach it
  bool contested = false, quiet = false;
};

std::string Row(const nlohmann::json& i) {
  std::string clauses;
  for (const auto& c : i.value("clauses", nlohmann::json::array()))
    clauses += (clauses.empty() ? "" : ",") + c.get<std::string>();
  char buf[512];
  std::snprintf(buf, sizeof buf, "%-10s %-25s %-20s %9.5f %9.5f %6.0f %-19s %-3s %-8s %-12s %-12s %zu\n",
                JsonText(i, "incident", "-").c_str(), JsonText(i["time"], "start", "-").c_str(),
                JsonText(i, "category", "-").c_str(), i["location"].value("lat", 0.0), i["location"].value("lon", 0.0),
                i["location"].value("uncertainty_m", 0.0), JsonText(i, "corroboration", "-").c_str(),
                i.value("contested", false) ? "yes" : "", JsonText(i, "responsible", "-").c_str(),
                clauses.empty() ? "-" : clauses.c_str(), JsonText(i, "state").c_str(), i["reports"].size());
  return buf;
}

bool Matches(const Options& o, const nlohmann::json& i) {
  if (!o.category.empty() && JsonText(i, "category", "-") != o.category) return false;
  if (!o.responsible.empty() && JsonText(i, "responsible", "-") != o.responsible) return false;
  if (o.contested && !i.value("contested", false)) return false;
  if (!o.clause.empty()) {
    const auto& c = i["clauses"];
    if (std::find(c.begin(), c.end(), o.clause) == c.end()) return false;
  }
  if (!o.zone.empty()) {
    const auto& z = i["zones"];
    if (std::find(z.begin(), z.end(), o.zone) == z.end()) return false;
  }
  return true;
}

Result<std::vector<nlohmann::json>> FromServer(const Options& o) {
  TRUCE_ASSIGN_OR_RETURN(CenterClient client, ConnectTo(o.access));
  std::string query;
  auto add = [&](const char* name, const std::string& v) {
    if (!v.empty()) query += std::string("&") + name + "=" + v;
  };
  add("category", o.category);
  add("responsible", o.responsible);
  add("clause", o.clause);
  add("zone", o.zone);
  add("state", o.state);
  if (o.contested) query += "&contested=true";
  std::vector<nlohmann::json> out;
  for (size_t offset = 0;; offset += 1000) {
    TRUCE_ASSIGN_OR_RETURN(nlohmann::json page,
                           client.Get("/v1/incidents?limit=1000&offset=" + std::to_string(offset) + query));
    if (offset == 0 && page.contains("complete") && page["complete"] == false) {
      std::fprintf(stderr, "truce: %s is still fusing the reports stored before it started: this list is partial\n",
                   o.server.c_str());
    }
    for (auto& i : page["incidents"]) out.push_back(std::move(i));
    if (out.size() >= page["total"].get<size_t>() || page["incidents"].empty()) break;
  }
  return out;
}

// Each matching incident to `emit`, one at a time: a million reports' worth
// of incidents is not held as JSON all at once.
Status FromDatabase(const Options& o, const std::function<void(const nlohmann::json&)>& emit) {
  if (!o.state.empty()) return Status::Invalid("--state needs --server: the review lives in a running center");
  TRUCE_ASSIGN_OR_RETURN(auto center, OpenCenter(o.db, "", false));
  if (!o.zone.empty() && !center->mission().FindZone(o.zone))
    return Status::Invalid("--zone: '" + o.zone + "' is not one of the mission's zones (truce mission DIR lists them)");
  std::unique_ptr<ProgressBar> bar;
  if (!o.quiet) bar = std::make_unique<ProgressBar>("fuse");
  auto findings = FindAll(*center, [&](size_t done, size_t total) {
    if (bar) bar->Update(done, total, done);
  });
  if (bar) bar->Finish();
  if (!findings.ok()) return findings.status();
  for (const Finding& f : *findings) {
    nlohmann::json j = wire::FindingJson(f);
    if (Matches(o, j)) emit(j);
  }
  return Status::Ok();
}

}  // namespace

void AddIncidents(CLI::App& app) {
  auto* cmd = app.add_subcommand("incidents", "Fuse the reports into incidents and propose a determination for each");
  auto o = std::make_shared<Options>();
  auto* db = cmd->add_option("--db", o->db, "Database file: fuse every report in it");
  auto* server = cmd->add_option("--server", o->server, "Or a running center's URL: its live incidents and review");
  db->excludes(server);
  cmd->add_option("--key", o->access.key, "With --server: your officer key file, which signs each request");
  cmd->add_option("--ca", o->access.ca,
                  "With an https:// server: the CA certificates (PEM) its certificate must chain to");
  cmd->add_option("--pin", o->access.pin, "With an https:// server: its public key, sha256/BASE64");
  cmd->add_option("--format", o->format, "table, jsonl or json")->check(CLI::IsMember({"table", "jsonl", "json"}));
  cmd->add_option("--category", o->category, "Only incidents of this category");
  cmd->add_option("--responsible", o->responsible, "Only incidents found to be this party's doing");
  cmd->add_option("--clause", o->clause, "Only incidents breaking this clause");
  cmd->add_option("--zone", o->zone, "Only incidents whose fused place is in this zone of the mission");
  cmd->add_option("--state", o->state, "With --server: none, " + review::StateList());
  cmd->add_flag("--contested", o->contested, "Only contested incidents");
  cmd->add_option("--id", o->id,
                  "With --server: one incident in full (its reports, determinations and review), as JSON");
  cmd->add_flag("-q,--quiet", o->quiet, "No progress bar");
  cmd->callback([o] {
    o->access.url = o->server;
    if (o->db.empty() && o->server.empty())
      throw CLI::RuntimeError(Fail(Status::Invalid("give --db FILE or --server URL")));
    if (!o->id.empty()) {
      if (o->server.empty()) throw CLI::RuntimeError(Fail(Status::Invalid("--id needs --server")));
      auto client = ConnectTo(o->access);
      if (!client.ok()) throw CLI::RuntimeError(Fail(client.status()));
      auto one = client->Get("/v1/incidents/" + o->id);
      if (!one.ok()) throw CLI::RuntimeError(Fail(one.status()));
      std::printf("%s\n", one->dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
      return;
    }
    auto dump = [](const nlohmann::json& j, int indent) {
      return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    nlohmann::json all = nlohmann::json::array();
    bool header = false;
    auto emit = [&](const nlohmann::json& i) {
      if (o->format == "jsonl") {
        std::printf("%s\n", dump(i, -1).c_str());
      } else if (o->format == "json") {
        all.push_back(i);
      } else {
        if (!header) {
          std::printf("%-10s %-25s %-20s %9s %9s %6s %-19s %-3s %-8s %-12s %-12s %s\n", "incident", "start", "category",
                      "lat", "lon", "±m", "corroboration", "con", "by", "clauses", "review", "reports");
          header = true;
        }
        std::fputs(Row(i).c_str(), stdout);
      }
    };
    Status st;
    if (o->server.empty()) {
      st = FromDatabase(*o, emit);
    } else {
      auto list = FromServer(*o);
      if (list.ok()) {
        for (const auto& i : *list) emit(i);
      } else {
        st = list.status();
      }
    }
    if (!st.ok()) throw CLI::RuntimeError(Fail(st));
    if (o->format == "json") std::printf("%s\n", dump(all, 2).c_str());
  });
}

}  // namespace truce::cli
