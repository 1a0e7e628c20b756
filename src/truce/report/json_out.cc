#include "truce/report/json_out.h"

#include <cstdio>

#include "truce/intake/report_body.h"

namespace truce::report {

using nlohmann::json;

json ReportJson(const StoredReport& s) {
  // The fields as submitted, then what the center added: its own number
  // (the source's id moves to source_report_id), the tags, the time received.
  json j = intake::ReportBody(s.report);
  j["source_report_id"] = std::move(j["id"]);
  j["id"] = s.id;
  j["zones"] = s.report.zones;
  j["clauses"] = s.report.clauses;
  if (s.received_ms > 0) j["received"] = FormatRfc3339({s.received_ms, 0});
  return j;
}

json ReportFeature(const StoredReport& s) {
  json props = ReportJson(s);
  json coords = json::array({s.report.location.lon, s.report.location.lat});
  props["uncertainty_m"] = s.report.location.uncertainty_m;
  if (!s.report.location.place.empty()) props["place"] = s.report.location.place;
  props.erase("location");
  return {{"type", "Feature"},
          {"id", s.id},
          {"geometry", {{"type", "Point"}, {"coordinates", coords}}},
          {"properties", props}};
}

json ReportCollection(const std::vector<StoredReport>& reports) {
  json features = json::array();
  for (const auto& r : reports) features.push_back(ReportFeature(r));
  return {{"type", "FeatureCollection"}, {"features", features}};
}

json MissionJson(const Mission& m) {
  json parties = json::array();
  for (const Party& p : m.parties) {
    parties.push_back({{"id", p.id}, {"name", p.name}, {"role", p.role == PartyRole::kCenter ? "center" : "conflict"}});
  }
  json clauses = json::array();
  for (const Clause& c : m.clauses) {
    json j = {{"id", c.id},
              {"kind", ClauseKindName(c.kind)},
              {"text", c.text},
              {"in_force_from", FormatRfc3339(c.in_force_from)},
              {"zones", c.zones}};
    if (c.in_force_until) j["in_force_until"] = FormatRfc3339(*c.in_force_until);
    if (!c.weapon_classes.empty()) j["weapon_classes"] = c.weapon_classes;
    if (!c.from_zone.empty()) j["from_zone"] = c.from_zone;
    if (c.distance_km > 0) j["distance_km"] = c.distance_km;
    if (!c.route_zone.empty()) j["route_zone"] = c.route_zone;
    if (!c.binds.empty()) j["binds"] = c.binds;
    clauses.push_back(j);
  }
  json weapons = json::array();
  for (const WeaponClass& w : m.weapon_classes) {
    weapons.push_back({{"id", w.id},
                       {"name", w.name},
                       {"indirect", w.indirect},
                       {"min_range_km", w.min_range_km},
                       {"max_range_km", w.max_range_km},
                       {"withdrawal_km", w.withdrawal_km}});
  }
  json places = json::array();
  for (const geo::Place& p : m.gazetteer.places()) {
    places.push_back({{"name", p.name}, {"kind", p.kind}, {"lat", p.position.lat}, {"lon", p.position.lon}});
  }
  return {{"id", m.id},
          {"name", m.name},
          {"timezone", m.timezone},
          {"description", m.description},
          {"parties", parties},
          {"agreement",
           {{"id", m.agreement.id},
            {"title", m.agreement.title},
            {"signed", m.agreement.signed_on},
            {"place", m.agreement.place},
            {"source", m.agreement.source}}},
          {"clauses", clauses},
          {"weapon_classes", weapons},
          {"places", places}};
}

json ZonesGeoJson(const std::vector<ZoneRecord>& zones) {
  json features = json::array();
  for (const ZoneRecord& z : zones) {
    features.push_back({{"type", "Feature"},
                        {"id", z.id},
                        {"geometry", json::parse(z.geometry_json)},
                        {"properties", json::parse(z.properties_json)}});
  }
  return {{"type", "FeatureCollection"}, {"features", features}};
}

std::string ReportTable(const std::vector<StoredReport>& reports) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%-8s %-25s %-20s %-16s %-22s %s\n", "ID", "OBSERVED", "CATEGORY", "SOURCE", "WHERE",
                "ZONES / CLAUSES");
  out += line;
  for (const StoredReport& s : reports) {
    const Report& r = s.report;
    std::string source = std::string(SourceKindName(r.source.kind));
    if (!r.source.party.empty()) source += ":" + r.source.party;
    char where[64];
    if (!r.location.place.empty()) {
      std::snprintf(where, sizeof where, "%s", r.location.place.c_str());
    } else {
      std::snprintf(where, sizeof where, "%.4f,%.4f", r.location.lat, r.location.lon);
    }
    std::string tags;
    for (const auto& z : r.zones) tags += (tags.empty() ? "" : " ") + z;
    if (!r.clauses.empty()) tags += " |";
    for (const auto& c : r.clauses) tags += " " + c;
    std::snprintf(line, sizeof line, "%-8lld %-25s %-20s %-16s %-22s %s\n", (long long)s.id,
                  FormatRfc3339(r.observed.start).c_str(), std::string(CategoryName(r.category)).c_str(),
                  source.c_str(), where, tags.c_str());
    out += line;
  }
  return out;
}

}  // namespace truce::report
