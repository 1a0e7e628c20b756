#include "sim/score.h"

#include <cstdio>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

namespace truce::sim {
namespace {

template <typename F>
Status ForEachLine(std::string_view name, std::string_view data, F f) {
  size_t line = 0, pos = 0;
  while (pos < data.size()) {
    size_t end = data.find('\n', pos);
    if (end == std::string_view::npos) end = data.size();
    std::string_view text = data.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      return Status::Invalid(std::string(name) + ":" + std::to_string(line) + ": not a JSON object");
    }
    Status st = f(j);
    if (!st.ok()) return Status::Invalid(std::string(name) + ":" + std::to_string(line) + ": " + st.message());
  }
  return Status::Ok();
}

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

Result<Score> ScoreFindings(const Mission& mission, std::string_view truth_jsonl, std::string_view events_jsonl,
                            std::string_view incidents_jsonl, std::optional<std::string_view> reports_jsonl) {
  std::unordered_map<std::string, std::pair<std::string, std::string>> truth;  // report → (event, party)
  TRUCE_RETURN_IF_ERROR(ForEachLine("truth", truth_jsonl, [&](const nlohmann::json& j) {
    std::string id = Str(j, "report");
    if (id.empty()) return Status::Invalid("\"report\" is missing");
    truth[id] = {Str(j, "event"), Str(j, "party")};
    return Status::Ok();
  }));
  std::unordered_map<std::string, std::set<std::string>> broke;  // event → clauses
  std::unordered_set<std::string> on_ground;                     // events bound to the ground
  TRUCE_RETURN_IF_ERROR(ForEachLine("events", events_jsonl, [&](const nlohmann::json& j) {
    std::string id = Str(j, "event");
    if (id.empty()) return Status::Invalid("\"event\" is missing");
    // A weapon or act that stays where it is: whoever did it was there.
    std::string category = Str(j, "category");
    if (category == "ied" || category == "heavy_weapon_present" || category == "patrol_obstructed") {
      on_ground.insert(id);
    }
    auto& set = broke[id];
    if (auto c = j.find("clauses"); c != j.end() && c->is_array()) {
      for (const auto& x : *c) {
        if (x.is_string()) set.insert(x.get<std::string>());
      }
    }
    return Status::Ok();
  }));
  // What each report carried that locates who acted.
  std::unordered_set<std::string> with_origin, with_bearing;
  TRUCE_RETURN_IF_ERROR(ForEachLine("reports", reports_jsonl.value_or(""), [&](const nlohmann::json& j) {
    std::string id = Str(j, "id");
    if (id.empty()) return Status::Invalid("\"id\" is missing");
    if (auto o = j.find("origin"); o != j.end() && o->is_object()) with_origin.insert(id);
    if (auto b = j.find("bearing"); b != j.end() && b->is_object()) with_bearing.insert(id);
    return Status::Ok();
  }));
  auto kind_of = [&](const std::string& clause) -> std::string {
    const Clause* c = mission.FindClause(clause);
    return c ? std::string(ClauseKindName(c->kind)) : "unknown";
  };

  struct Inc {
    std::vector<std::string> reports;
    std::string responsible;
    std::set<std::string> clauses;
  };
  std::vector<Inc> incidents;
  TRUCE_RETURN_IF_ERROR(ForEachLine("incidents", incidents_jsonl, [&](const nlohmann::json& j) {
    Inc inc;
    auto r = j.find("reports");
    if (r == j.end() || !r->is_array()) return Status::Invalid("\"reports\" must be an array of report ids");
    for (const auto& x : *r) {
      if (x.is_string()) inc.reports.push_back(x.get<std::string>());
    }
    inc.responsible = Str(j, "responsible");
    if (auto c = j.find("clauses"); c != j.end() && c->is_array()) {
      for (const auto& x : *c) {
        if (x.is_string()) inc.clauses.insert(x.get<std::string>());
      }
    }
    incidents.push_back(std::move(inc));
    return Status::Ok();
  }));

  Score s;
  s.incidents = incidents.size();
  s.coverage = reports_jsonl.has_value();
  // The event label of each scored report: invented reports are their own.
  auto label = [&](const std::string& report) {
    auto it = truth.find(report);
    if (it == truth.end() || it->second.first.empty()) return "invented:" + report;
    return it->second.first;
  };
  std::vector<size_t> cluster;     // each scored report's incident
  std::vector<std::string> event;  // and its true event
  for (size_t k = 0; k < incidents.size(); ++k) {
    for (const std::string& r : incidents[k].reports) {
      cluster.push_back(k);
      event.push_back(label(r));
    }
  }
  s.reports = cluster.size();
  std::tie(s.bcubed_precision, s.bcubed_recall) = BCubed(cluster, event);
  std::set<std::string> reported_events;
  std::map<std::string, std::set<std::string>> found;  // event → clauses some incident of it names
  for (const Inc& inc : incidents) {
    std::unordered_map<std::string, size_t> in_cluster;
    for (const std::string& r : inc.reports) ++in_cluster[label(r)];
    // The event the incident stands for: the most reports' real event.
    std::string event, party;
    size_t best = 0;
    for (const auto& [l, n] : in_cluster) {
      if (l.rfind("invented:", 0) == 0) continue;
      if (n > best || (n == best && l < event)) {
        best = n;
        event = l;
      }
    }
    for (const std::string& r : inc.reports) {
      auto it = truth.find(r);
      if (it != truth.end() && it->second.first == event) party = it->second.second;
    }
    if (!event.empty()) {
      reported_events.insert(event);
      ++s.real_incidents;
      if (inc.responsible.empty()) ++s.undetermined;
      if (s.coverage) {
        size_t origins = 0, bearings = 0;
        for (const std::string& r : inc.reports) {
          origins += with_origin.count(r);
          bearings += with_bearing.count(r);
        }
        size_t* by = origins > 0              ? &s.by_radar
                     : bearings >= 2          ? &s.by_bearings
                     : on_ground.count(event) ? &s.by_ground
                                              : nullptr;
        if (by) {
          ++*by;
          ++s.locatable;
          if (!inc.responsible.empty()) ++s.locatable_named;
          if (!inc.responsible.empty() && inc.responsible == party) ++s.locatable_right;
        }
      }
    }
    if (!inc.responsible.empty()) {
      ++s.attributed;
      if (!event.empty() && inc.responsible == party) ++s.attributed_right;
    }
    for (const std::string& c : inc.clauses) {
      ClauseScore& cs = s.by_kind[kind_of(c)];
      ++cs.asserted;
      if (!event.empty() && broke[event].count(c)) {
        ++cs.asserted_right;
        found[event].insert(c);
      }
    }
  }
  for (const auto& [event, clauses] : broke) {
    if (!reported_events.count(event)) {
      ++s.events_unreported;
      continue;
    }
    for (const std::string& c : clauses) {
      ClauseScore& cs = s.by_kind[kind_of(c)];
      ++cs.truth;
      if (found[event].count(c)) ++cs.found;
    }
  }
  s.events_reported = reported_events.size();
  return s;
}

std::string FormatScore(const Score& s) {
  auto ratio = [](size_t a, size_t b) {
    char buf[32];
    if (b == 0) return std::string("n/a");
    std::snprintf(buf, sizeof buf, "%.3f", double(a) / double(b));
    return std::string(buf);
  };
  char buf[512];
  std::ostringstream o;
  std::snprintf(
      buf, sizeof buf,
      "reports %zu, incidents %zu, events reported %zu (unreported %zu)\n"
      "clustering   B-cubed precision %.3f, recall %.3f\n"
      "attribution  accuracy %s (%zu of %zu attributed), undetermined %s (%zu of %zu incidents of real events)\n",
      s.reports, s.incidents, s.events_reported, s.events_unreported, s.bcubed_precision, s.bcubed_recall,
      ratio(s.attributed_right, s.attributed).c_str(), s.attributed_right, s.attributed,
      ratio(s.undetermined, s.real_incidents).c_str(), s.undetermined, s.real_incidents);
  o << buf;
  if (s.coverage) {
    std::snprintf(buf, sizeof buf,
                  "coverage     locatable %s (%zu of %zu incidents of real events: radar %zu, 2+ bearings %zu, on the "
                  "ground %zu), named %s (%zu of %zu), rightly %s (%zu of %zu)\n",
                  ratio(s.locatable, s.real_incidents).c_str(), s.locatable, s.real_incidents, s.by_radar,
                  s.by_bearings, s.by_ground, ratio(s.locatable_named, s.locatable).c_str(), s.locatable_named,
                  s.locatable, ratio(s.locatable_right, s.locatable).c_str(), s.locatable_right, s.locatable);
    o << buf;
  }
  for (const auto& [kind, c] : s.by_kind) {
    std::snprintf(buf, sizeof buf, "violations   %-10s precision %s (%zu/%zu), recall %s (%zu/%zu)\n", kind.c_str(),
                  ratio(c.asserted_right, c.asserted).c_str(), c.asserted_right, c.asserted,
                  ratio(c.found, c.truth).c_str(), c.found, c.truth);
    o << buf;
  }
  return o.str();
}

}  // namespace truce::sim
