#include "truce/wire/mission.h"

namespace truce::wire {

using nlohmann::json;

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

json HealthJson(const std::string& mission, std::optional<int64_t> reports) {
  json body = {{"status", "ok"}, {"mission", mission}};
  if (reports) body["reports"] = *reports;
  return body;
}

}  // namespace truce::wire
