#include "truce/patrol/plan.h"

#include "truce/patrol/fields.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace truce::patrol {
namespace {

using nlohmann::json;

constexpr size_t kMaxWaypoints = 2000;
constexpr size_t kMaxVehicles = 50;
constexpr size_t kMaxHalts = 100;
constexpr int64_t kMaxWindowMs = 7 * 86'400'000LL;
// A place named as the route's end may lie this far from the road.
constexpr double kPlaceReachM = 3000;
// The route is checked against the zones at this spacing.
constexpr double kCheckStepM = 100;

std::string Km(double m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f km", m / 1000);
  return buf;
}

std::string Duration(int64_t ms) {
  const int64_t minutes = (ms + 59'999) / 60'000;
  return std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
}

}  // namespace

Result<PatrolPlan> ParsePlan(const json& body) {
  if (!body.is_object()) return Status::Invalid("a patrol plan is a JSON object");
  TRUCE_RETURN_IF_ERROR(OnlyKeys(body, "", {"patrol", "route", "window", "parties", "vehicles", "speed_kmh", "halts"}));
  PatrolPlan p;
  TRUCE_ASSIGN_OR_RETURN(p.id, Text(body, "patrol", "", 64));
  for (char c : p.id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return Field("patrol", "'" + p.id + "' may hold only letters, digits, '-', '_' and '.'");
    }
  }
  if (!body.contains("route") || !body["route"].is_object()) {
    return Field("route",
                 "must be {\"along\": ZONE, \"from\": PLACE, \"to\": PLACE} or {\"waypoints\": [[lat, lon], ...]}");
  }
  const json& route = body["route"];
  TRUCE_RETURN_IF_ERROR(OnlyKeys(route, "route", {"along", "from", "to", "waypoints"}));
  if (route.contains("waypoints")) {
    if (route.contains("along") || route.contains("from") || route.contains("to")) {
      return Field("route", "give waypoints, or along with from and to, not both");
    }
    const json& w = route["waypoints"];
    if (!w.is_array() || w.size() < 2 || w.size() > kMaxWaypoints) {
      return Field("route.waypoints", "must be 2 to " + std::to_string(kMaxWaypoints) + " [latitude, longitude] pairs");
    }
    for (size_t i = 0; i < w.size(); ++i) {
      TRUCE_ASSIGN_OR_RETURN(geo::LatLng at, Position(w[i], "route.waypoints[" + std::to_string(i) + "]"));
      p.waypoints.push_back(at);
    }
  } else {
    TRUCE_ASSIGN_OR_RETURN(p.along_zone, Text(route, "along", "route"));
    TRUCE_ASSIGN_OR_RETURN(p.from, Text(route, "from", "route"));
    TRUCE_ASSIGN_OR_RETURN(p.to, Text(route, "to", "route"));
  }
  TRUCE_ASSIGN_OR_RETURN(TimeInterval window, Window(body, kMaxWindowMs, "7 days"));
  p.start = window.start;
  p.end = window.end;

  if (!body.contains("parties") || !body["parties"].is_array() || body["parties"].empty()) {
    return Field("parties", "must list the parties taking part, such as [\"RU\", \"TR\"]");
  }
  std::set<std::string> seen;
  for (const json& party : body["parties"]) {
    if (!party.is_string() || party.get<std::string>().empty()) return Field("parties", "must be party ids");
    if (!seen.insert(party.get<std::string>()).second)
      return Field("parties", party.get<std::string>() + " is listed twice");
    p.parties.push_back(party.get<std::string>());
  }
  if (!body.contains("vehicles") || !body["vehicles"].is_array() || body["vehicles"].empty() ||
      body["vehicles"].size() > kMaxVehicles) {
    return Field("vehicles",
                 "must list 1 to " + std::to_string(kMaxVehicles) + " vehicles, each {\"id\", \"party\", \"kind\"}");
  }
  seen.clear();
  for (size_t i = 0; i < body["vehicles"].size(); ++i) {
    const json& v = body["vehicles"][i];
    const std::string where = "vehicles[" + std::to_string(i) + "]";
    if (!v.is_object()) return Field(where, "must be {\"id\", \"party\", \"kind\"}");
    TRUCE_RETURN_IF_ERROR(OnlyKeys(v, where, {"id", "party", "kind"}));
    PlanVehicle vehicle;
    TRUCE_ASSIGN_OR_RETURN(vehicle.id, Text(v, "id", where, 64));
    TRUCE_ASSIGN_OR_RETURN(vehicle.party, Text(v, "party", where, 64));
    if (v.contains("kind")) {
      TRUCE_ASSIGN_OR_RETURN(vehicle.kind, Text(v, "kind", where, 64));
    }
    if (!seen.insert(vehicle.id).second) return Field(where + ".id", "'" + vehicle.id + "' is listed twice");
    p.vehicles.push_back(std::move(vehicle));
  }
  if (!body.contains("speed_kmh") || !body["speed_kmh"].is_number() || !(body["speed_kmh"].get<double>() > 0) ||
      body["speed_kmh"].get<double>() > 120) {
    return Field("speed_kmh", "must be the planned speed while moving, above 0 and at most 120 km/h");
  }
  p.speed_kmh = body["speed_kmh"].get<double>();
  if (body.contains("halts")) {
    const json& halts = body["halts"];
    if (!halts.is_array() || halts.size() > kMaxHalts) {
      return Field("halts", "must be a list of at most " + std::to_string(kMaxHalts) + " halts");
    }
    for (size_t i = 0; i < halts.size(); ++i) {
      const json& h = halts[i];
      const std::string where = "halts[" + std::to_string(i) + "]";
      if (!h.is_object())
        return Field(where, "must be {\"place\": NAME, \"minutes\": N} or {\"at\": [lat, lon], \"minutes\": N}");
      TRUCE_RETURN_IF_ERROR(OnlyKeys(h, where, {"place", "at", "minutes"}));
      PlanHalt halt;
      if (h.contains("at") == h.contains("place")) return Field(where, "give place or at, one of them");
      if (h.contains("place")) {
        TRUCE_ASSIGN_OR_RETURN(halt.place, Text(h, "place", where));
      } else {
        TRUCE_ASSIGN_OR_RETURN(halt.at, Position(h["at"], where + ".at"));
      }
      if (!h.contains("minutes") || !h["minutes"].is_number_integer() || h["minutes"].get<int64_t>() < 1 ||
          h["minutes"].get<int64_t>() > 720) {
        return Field(where + ".minutes", "must be a whole number of minutes, 1 to 720");
      }
      halt.minutes = h["minutes"].get<int64_t>();
      p.halts.push_back(std::move(halt));
    }
  }
  return p;
}

json PlanBody(const PatrolPlan& p) {
  json route;
  if (p.waypoints.empty()) {
    route = {{"along", p.along_zone}, {"from", p.from}, {"to", p.to}};
  } else {
    route["waypoints"] = json::array();
    for (const geo::LatLng& w : p.waypoints) route["waypoints"].push_back({w.lat, w.lon});
  }
  json vehicles = json::array();
  for (const PlanVehicle& v : p.vehicles) {
    json j = {{"id", v.id}, {"party", v.party}};
    if (!v.kind.empty()) j["kind"] = v.kind;
    vehicles.push_back(j);
  }
  json halts = json::array();
  for (const PlanHalt& h : p.halts) {
    json j = {{"minutes", h.minutes}};
    if (h.place.empty()) {
      j["at"] = {h.at.lat, h.at.lon};
    } else {
      j["place"] = h.place;
    }
    halts.push_back(j);
  }
  json body = {{"patrol", p.id},
               {"route", route},
               {"window", {{"start", FormatRfc3339(p.start)}, {"end", FormatRfc3339(p.end)}}},
               {"parties", p.parties},
               {"vehicles", vehicles},
               {"speed_kmh", p.speed_kmh}};
  if (!halts.empty()) body["halts"] = halts;
  return body;
}

TrackSettings TrackSettingsOf(const Mission& mission) {
  const PatrolSettings& s = mission.patrols;
  TrackSettings t;
  t.off_route_m = s.tolerance_m;
  t.silent_after_ms = int64_t(s.silent_after_minutes * 60'000);
  t.max_speed_mps = s.max_speed_kmh / 3.6;
  t.unplanned_halt_ms = int64_t(s.unplanned_halt_minutes * 60'000);
  return t;
}

Result<CheckedPlan> CheckPlan(const PatrolPlan& plan, const Mission& mission, const Tagger& tagger) {
  for (const std::string& party : plan.parties) {
    const Party* p = mission.FindParty(party);
    if (!p || p->role != PartyRole::kCenter) {
      std::string centers;
      for (const std::string& c : mission.CenterParties()) centers += (centers.empty() ? "" : ", ") + c;
      return Field("parties", "'" + party + "' is not a party that staffs the center (" + centers + ")");
    }
  }
  for (size_t i = 0; i < plan.vehicles.size(); ++i) {
    if (std::find(plan.parties.begin(), plan.parties.end(), plan.vehicles[i].party) == plan.parties.end()) {
      return Field("vehicles[" + std::to_string(i) + "].party",
                   "'" + plan.vehicles[i].party + "' is not one of the patrol's parties");
    }
  }
  auto place = [&](const std::string& name, const std::string& field) -> Result<geo::LatLng> {
    const geo::Place* p = mission.gazetteer.Find(name);
    if (!p) return Field(field, "'" + name + "' is not in the mission's gazetteer");
    return p->position;
  };

  geo::Line line;
  if (!plan.waypoints.empty()) {
    line = plan.waypoints;
  } else {
    const geo::Zone* zone = mission.FindZone(plan.along_zone);
    if (!zone) return Field("route.along", "'" + plan.along_zone + "' is not a zone of the mission");
    if (zone->lines.empty()) return Field("route.along", "zone '" + plan.along_zone + "' is not a line to drive along");
    TRUCE_ASSIGN_OR_RETURN(geo::LatLng from, place(plan.from, "route.from"));
    TRUCE_ASSIGN_OR_RETURN(geo::LatLng to, place(plan.to, "route.to"));
    TRUCE_ASSIGN_OR_RETURN(Route road, Route::Make(zone->lines[0]));
    const RoutePlace a = road.Locate(from), b = road.Locate(to);
    for (const auto& [name, at] : {std::pair{&plan.from, a}, std::pair{&plan.to, b}}) {
      if (at.off_m > kPlaceReachM) {
        return Field(name == &plan.from ? "route.from" : "route.to",
                     "'" + *name + "' is " + Km(at.off_m) + " from " + plan.along_zone + ": at most " +
                         Km(kPlaceReachM) + " away can start or end a route along it");
      }
    }
    if (std::abs(a.along_m - b.along_m) < kCheckStepM)
      return Field("route", "from and to are the same point of the road");
    line = road.Slice(a.along_m, b.along_m);
    if (a.along_m > b.along_m) std::reverse(line.begin(), line.end());
  }
  auto made = Route::Make(line);
  if (!made.ok()) return made.status().WithContext("route");
  Route route = std::move(made).value();

  // Inside the zones patrols may use, all the way and for the whole window.
  std::vector<int> allowed;
  for (size_t i = 0; i < mission.zones.size(); ++i) {
    const geo::Zone& z = mission.zones[i];
    const bool named =
        std::find(mission.patrols.zones.begin(), mission.patrols.zones.end(), z.id) != mission.patrols.zones.end();
    const bool by_kind = mission.patrols.zones.empty() && z.IsTaggable() &&
                         (z.kind == geo::ZoneKind::kSecurityCorridor || z.kind == geo::ZoneKind::kPatrolRoute);
    if (named || by_kind) allowed.push_back(int(i));
  }
  std::string allowed_names;
  for (int z : allowed) allowed_names += (allowed_names.empty() ? "" : ", ") + mission.zones[size_t(z)].id;
  if (allowed.empty())
    return Status::Invalid("the mission has no zone patrols may use: give [patrols] zones in mission.toml");
  std::vector<int> here;
  const double length = route.length_m();
  for (double d = 0;; d = std::min(length, d + kCheckStepM)) {
    const geo::LatLng p = route.PointAt(d);
    tagger.ZonesAt(p, plan.start.utc_ms, plan.end.utc_ms, &here);
    bool inside = false;
    for (int z : allowed) inside = inside || std::binary_search(here.begin(), here.end(), z);
    if (!inside) {
      char at[64];
      std::snprintf(at, sizeof at, " (%.5f, %.5f)", p.lat, p.lon);
      return Field("route", "leaves the zones patrols may use at " + Km(d) + " along it" + at + ": allowed are " +
                                allowed_names);
    }
    if (d >= length) break;
  }

  Schedule schedule{plan.start.utc_ms, plan.end.utc_ms, plan.speed_kmh / 3.6, {}};
  const TrackSettings settings = TrackSettingsOf(mission);
  for (size_t i = 0; i < plan.halts.size(); ++i) {
    const PlanHalt& h = plan.halts[i];
    const std::string field = "halts[" + std::to_string(i) + "]";
    geo::LatLng at = h.at;
    if (!h.place.empty()) {
      TRUCE_ASSIGN_OR_RETURN(at, place(h.place, field + ".place"));
    }
    const RoutePlace on = route.Locate(at);
    if (on.off_m > std::max(settings.off_route_m, kPlaceReachM)) {
      return Field(field, (h.place.empty() ? std::string("the halt") : "'" + h.place + "'") + " is " + Km(on.off_m) +
                              " off the route");
    }
    schedule.halts.push_back({on.along_m, h.minutes * 60'000});
  }
  std::sort(schedule.halts.begin(), schedule.halts.end(),
            [](const PlannedHalt& a, const PlannedHalt& b) { return a.along_m < b.along_m; });
  const int64_t needed = schedule.PlannedAt(length) - schedule.start_ms;
  if (needed > schedule.end_ms - schedule.start_ms) {
    return Field("window", "is " + Duration(schedule.end_ms - schedule.start_ms) + ", but " + Km(length) + " at " +
                               std::to_string(int(plan.speed_kmh)) + " km/h with the halts takes " + Duration(needed));
  }
  return CheckedPlan{plan, std::move(route), std::move(schedule)};
}

}  // namespace truce::patrol
