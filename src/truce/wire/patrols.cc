#include "truce/wire/patrols.h"

#include <cmath>
#include <map>

#include "truce/geo/simplify.h"

namespace truce::wire {
namespace {

using nlohmann::json;

double Round(double v, double unit) { return std::round(v / unit) * unit; }

json Step(const PatrolStep& s) {
  return {{"entry", s.entry}, {"party", s.party}, {"signer", s.signer}, {"at", FormatRfc3339(s.at)}};
}

json Position(geo::LatLng p) { return json::array({Round(p.lon, 1e-6), Round(p.lat, 1e-6)}); }

json LineGeometry(const geo::Line& line) {
  json coords = json::array();
  for (const geo::LatLng& p : line) coords.push_back(Position(p));
  return {{"type", "LineString"}, {"coordinates", std::move(coords)}};
}

std::string Utc(int64_t ms) { return FormatRfc3339(Instant{ms, 0}); }

}  // namespace

json PatrolAlertJson(const std::string& patrol, const patrol::Alert& a) {
  return {{"patrol", patrol},
          {"kind", patrol::AlertKindName(a.kind)},
          {"at", Utc(a.t_ms)},
          {"position", {{"lat", Round(a.at.lat, 1e-6)}, {"lon", Round(a.at.lon, 1e-6)}}},
          {"along_km", Round(a.along_m / 1000, 0.001)},
          {"vehicle", a.vehicle},
          {"detail", a.detail}};
}

json PatrolJson(const PatrolRecord& r) {
  json agreements = json::array();
  for (const PatrolStep& s : r.agreements) agreements.push_back(Step(s));
  json outcome;
  if (r.outcome) {
    outcome = Step(r.outcome->step);
    outcome["outcome"] = r.outcome->outcome;
    outcome["reached_km"] = r.outcome->reached_km;
    outcome["reasons"] = r.outcome->reasons;
    outcome["report_entries"] = r.outcome->report_entries;
  }
  const patrol::Progress& g = r.progress;
  json progress = {{"fixes", g.fixes},
                   {"skipped", g.skipped},
                   {"started", g.started},
                   {"arrived", g.arrived},
                   {"off_route", g.off_route},
                   {"halted", g.halted},
                   {"turned_back", g.turned_back},
                   {"furthest_km", Round(g.furthest_m / 1000, 0.001)},
                   {"along_km", Round(g.along_m / 1000, 0.001)},
                   {"off_route_m", Round(g.off_m, 1)},
                   {"behind_minutes", g.fixes ? json(Round(g.behind_ms / 60'000.0, 0.1)) : json()},
                   {"last_fix", g.last_fix_ms ? json(Utc(g.last_fix_ms)) : json()}};
  json alerts = json::array();
  for (const patrol::Alert& a : r.alerts) alerts.push_back(PatrolAlertJson(r.id, a));
  return {{"patrol", r.id},
          {"state", r.state},
          {"plan", patrol::PlanBody(r.plan)},
          {"planned", Step(r.planned)},
          {"revisions", r.revisions},
          {"agreements", std::move(agreements)},
          {"waiting_for", r.waiting_for},
          {"outcome", std::move(outcome)},
          {"route_km", Round(r.route_km, 0.001)},
          {"progress", std::move(progress)},
          {"alerts", std::move(alerts)}};
}

json PatrolDetailJson(const PatrolRecord& r, std::optional<int> zoom) {
  json out = PatrolJson(r);
  out["route"] = r.route.empty() ? json() : LineGeometry(r.route);
  // One line per vehicle, in the order its fixes came.
  std::map<std::string, geo::Line> lines;
  for (const patrol::Fix& f : r.track) lines[f.vehicle].push_back(f.at);
  // A pixel at this zoom, at the route's latitude (Web Mercator tiles of
  // 256 px): finer than that cannot be seen.
  const double lat = r.route.empty() ? 0 : r.route.front().lat;
  const double tolerance_m =
      zoom ? 156'543.03 * std::cos(lat * M_PI / 180) / std::pow(2.0, std::clamp(*zoom, 0, 22)) : 0;
  json features = json::array();
  for (const auto& [vehicle, line] : lines) {
    geo::Line drawn;
    if (tolerance_m > 0) {
      for (int i : geo::SimplifyLine(line, tolerance_m)) drawn.push_back(line[size_t(i)]);
    } else {
      drawn = line;
    }
    if (drawn.size() == 1) drawn.push_back(drawn[0]);
    features.push_back({{"type", "Feature"},
                        {"geometry", LineGeometry(drawn)},
                        {"properties", {{"vehicle", vehicle}, {"fixes", line.size()}, {"drawn", drawn.size()}}}});
  }
  out["track"] = {{"type", "FeatureCollection"}, {"features", std::move(features)}};
  return out;
}

json PatrolListJson(const std::vector<PatrolRecord>& list) {
  json out = json::array();
  for (const PatrolRecord& r : list) out.push_back(PatrolJson(r));
  return {{"patrols", std::move(out)}};
}

json CoverageJson(const PatrolBoard::CorridorCoverage& c) {
  const patrol::Coverage& cov = c.coverage;
  json bins = json::array(), never = json::array(), features = json::array();
  for (const patrol::CoverageBin& b : cov.bins) {
    bins.push_back(
        {{"from_km", Round(b.from_m / 1000, 0.001)}, {"to_km", Round(b.to_m / 1000, 0.001)}, {"patrols", b.patrols}});
  }
  for (const patrol::Stretch& s : cov.never_reached) {
    never.push_back({{"from_km", Round(s.from_m / 1000, 0.001)}, {"to_km", Round(s.to_m / 1000, 0.001)}});
  }
  // The map layer: the road cut where the count changes, each piece with
  // its count, so a map colours it without knowing the bins.
  auto road = patrol::Route::Make(c.road);
  if (road.ok()) {
    size_t i = 0;
    while (i < cov.bins.size()) {
      size_t j = i;
      while (j + 1 < cov.bins.size() && cov.bins[j + 1].patrols == cov.bins[i].patrols) ++j;
      features.push_back({{"type", "Feature"},
                          {"geometry", LineGeometry(road->Slice(cov.bins[i].from_m, cov.bins[j].to_m))},
                          {"properties",
                           {{"patrols", cov.bins[i].patrols},
                            {"from_km", Round(cov.bins[i].from_m / 1000, 0.001)},
                            {"to_km", Round(cov.bins[j].to_m / 1000, 0.001)}}}});
      i = j + 1;
    }
  }
  return {{"road_zone", c.road_zone},
          {"road_km", cov.bins.empty() ? 0.0 : Round(cov.bins.back().to_m / 1000, 0.001)},
          {"patrols", c.patrols},
          {"planned_km", Round(cov.planned_m / 1000, 0.001)},
          {"driven_km", Round(cov.driven_m / 1000, 0.001)},
          {"share", Round(cov.share, 0.0001)},
          {"kilometres", std::move(bins)},
          {"never_reached", std::move(never)},
          {"layer", {{"type", "FeatureCollection"}, {"features", std::move(features)}}}};
}

Result<std::vector<patrol::Fix>> ParseFixes(const json& body, size_t max) {
  if (!body.is_object() || !body.contains("fixes") || !body["fixes"].is_array()) {
    return Status::Invalid("fixes: send {\"fixes\": [{\"vehicle\", \"t\", \"lat\", \"lon\"}, ...]}");
  }
  const json& list = body["fixes"];
  if (list.size() > max) {
    return Status::Invalid("fixes: " + std::to_string(list.size()) + " in one request; send at most " +
                           std::to_string(max) + " at a time");
  }
  std::vector<patrol::Fix> out;
  out.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    const json& f = list[i];
    const std::string at = "fixes[" + std::to_string(i) + "]";
    if (!f.is_object()) return Status::Invalid(at + ": an object");
    for (const auto& [k, v] : f.items()) {
      if (k != "vehicle" && k != "t" && k != "lat" && k != "lon" && k != "quality" && k != "hdop") {
        return Status::Invalid(at + "." + k.substr(0, 40) +
                               ": not a field of a fix (vehicle, t, lat, lon, quality, hdop)");
      }
    }
    patrol::Fix fix;
    if (!f.contains("vehicle") || !f["vehicle"].is_string() || f["vehicle"].get<std::string>().size() > 64) {
      return Status::Invalid(at + ".vehicle: the vehicle's id as the plan names it");
    }
    fix.vehicle = f["vehicle"].get<std::string>();
    if (!f.contains("t") || !f["t"].is_string()) return Status::Invalid(at + ".t: the fix's time, RFC 3339");
    auto t = ParseRfc3339(f["t"].get<std::string>());
    if (!t.ok()) return Status::Invalid(at + ".t: " + t.status().message());
    fix.t_ms = t->utc_ms;
    for (const char* k : {"lat", "lon"}) {
      if (!f.contains(k) || !f[k].is_number()) return Status::Invalid(at + "." + k + ": a number, in degrees");
    }
    fix.at = {f["lat"].get<double>(), f["lon"].get<double>()};
    if (!(std::abs(fix.at.lat) <= 90) || !(std::abs(fix.at.lon) <= 180)) {
      return Status::Invalid(at + ": not a position (latitude -90..90, longitude -180..180)");
    }
    if (f.contains("quality")) {
      if (!f["quality"].is_number_integer()) return Status::Invalid(at + ".quality: a whole number (0: no fix)");
      fix.quality = f["quality"].get<int>();
    }
    if (f.contains("hdop")) {
      if (!f["hdop"].is_number() || !(f["hdop"].get<double>() >= 0)) return Status::Invalid(at + ".hdop: a number ≥ 0");
      fix.hdop = f["hdop"].get<double>();
    }
    out.push_back(std::move(fix));
  }
  return out;
}

json FixesResultJson(const std::string& patrol, const FixesResult& r) {
  json refused = json::array(), alerts = json::array();
  for (const auto& [i, why] : r.refused) refused.push_back({{"fix", i}, {"error", why}});
  for (const patrol::Alert& a : r.alerts) alerts.push_back(PatrolAlertJson(patrol, a));
  return {{"patrol", patrol}, {"taken", r.taken}, {"refused", std::move(refused)}, {"alerts", std::move(alerts)}};
}

}  // namespace truce::wire
