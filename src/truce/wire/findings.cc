#include "truce/wire/findings.h"

#include "truce/wire/airspace.h"
#include "truce/wire/incident_geometry.h"
#include "truce/wire/patrols.h"
#include "truce/wire/reports.h"

namespace truce::wire {

using nlohmann::json;

json FindingJson(const Finding& f) {
  json j = FindingBody(f);
  j["zones"] = f.zones;
  return j;
}

json DeterminationJson(const review::DeterminationView& v) {
  const review::DeterminationRecord& d = v.record;
  json positions = json::array();
  for (const std::string& p : v.center_parties) {
    auto it = d.positions.find(p);
    if (it == d.positions.end()) {
      positions.push_back({{"party", p}, {"position", "awaited"}});
      continue;
    }
    const review::Position& pos = it->second;
    json j = {{"party", p},
              {"position", review::StanceName(pos.stance)},
              {"signer", pos.signer},
              {"entry", pos.entry},
              {"at", FormatRfc3339(pos.at)}};
    if (!pos.reasons.empty()) j["reasons"] = pos.reasons;
    positions.push_back(std::move(j));
  }
  json j = {{"entry", d.entry},
            {"incident", d.incident},
            {"state", review::StateName(v.state)},
            {"proposed_by", {{"party", d.party}, {"signer", d.signer}, {"at", FormatRfc3339(d.at)}}},
            {"report_entries", d.body.value("report_entries", json::array())},
            {"finding", d.body.value("finding", json::object())},
            {"positions", positions}};
  if (d.superseded_by) j["superseded_by"] = *d.superseded_by;
  return j;
}

json DeterminationList(const std::vector<review::DeterminationView>& list) {
  json out = json::array();
  for (const auto& d : list) out.push_back(DeterminationJson(d));
  return {{"determinations", out}};
}

json IncidentJson(const IncidentRecord& r) {
  json j = FindingJson(r.finding);
  j["determination"] = r.determination ? DeterminationJson(*r.determination) : json();
  j["state"] = r.determination ? std::string(review::StateName(r.determination->state)) : std::string("none");
  return j;
}

json IncidentPageJson(const IncidentPage& page) {
  json out = {{"total", page.total}, {"complete", page.complete}, {"incidents", json::array()}};
  for (const IncidentRecord& r : page.incidents) out["incidents"].push_back(IncidentJson(r));
  return out;
}

json IncidentDetailJson(const IncidentHistory& h, const std::vector<StoredReport>& reports) {
  json j = IncidentJson(h.incident);
  json history = json::array();
  for (const auto& d : h.determinations) history.push_back(DeterminationJson(d));
  j["determinations"] = history;
  json details = json::array();
  for (const StoredReport& r : reports) details.push_back(ReportJson(r));
  j["report_details"] = details;
  j["geometry"] = IncidentGeometryJson(h.incident.finding, reports);
  return j;
}

json IncidentMapJson(const IncidentMap& map) {
  json features = json::array();
  for (const MapCell& c : map.features) {
    json properties;
    if (c.lone) {
      const MapIncident& i = *c.lone;
      properties = {{"id", i.id},
                    {"state", i.state},
                    {"category", i.category},
                    {"responsible", i.responsible.empty() ? json() : json(i.responsible)},
                    {"corroboration", i.corroboration},
                    {"contested", i.contested},
                    {"time", {{"start", FormatRfc3339(i.time.start)}, {"end", FormatRfc3339(i.time.end)}}},
                    {"uncertainty_m", i.uncertainty_m}};
    } else {
      properties = {{"cluster", true},
                    {"count", c.count},
                    {"states", c.states},
                    {"bbox", {c.bbox.west, c.bbox.south, c.bbox.east, c.bbox.north}}};
    }
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "Point"}, {"coordinates", {c.lon, c.lat}}}},
                        {"properties", std::move(properties)}});
  }
  return {{"type", "FeatureCollection"},
          {"features", std::move(features)},
          {"total", map.total},
          {"clustered", map.clustered},
          {"complete", map.complete}};
}

json IncidentTimelineJson(const IncidentTimeline& t) {
  auto time = [](const std::optional<int64_t>& ms) { return ms ? json(FormatRfc3339(Instant{*ms, 0})) : json(); };
  json states = json::object();
  for (const auto& [state, counts] : t.states) states[state] = counts;
  return {{"from", time(t.from_ms)}, {"to", time(t.to_ms)}, {"bin_seconds", t.bin_seconds},
          {"counts", t.counts},      {"states", states},    {"complete", t.complete}};
}

namespace {

struct EventJson {
  json operator()(const IncidentRecord& r) const { return IncidentJson(r); }
  json operator()(const IncidentRemoved& r) const { return {{"incident", r.incident}}; }
  json operator()(const review::DeterminationView& d) const { return DeterminationJson(d); }
  json operator()(const CatchUpComplete& c) const { return {{"incidents", c.incidents}}; }
  json operator()(const PatrolRecord& r) const { return PatrolJson(r); }
  json operator()(const PatrolAlertEvent& a) const { return PatrolAlertJson(a.patrol, a.alert); }
  json operator()(const NoticeRecord& n) const { return NoticeJson(n); }
  json operator()(const FlightAlertEvent& f) const { return FlightJson(f.flight); }
};

}  // namespace

std::string EventName(const LiveFindings::Event& e) {
  static const char* const kNames[] = {"incident", "incident_removed", "determination",   "complete",
                                       "patrol",   "patrol_alert",     "airspace_notice", "airspace_alert"};
  static_assert(std::variant_size_v<FindingEvent> == std::size(kNames));
  return kNames[e.what.index()];
}

std::string EventData(const LiveFindings::Event& e) {
  return std::visit(EventJson{}, e.what).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace truce::wire
