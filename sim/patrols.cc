#include "sim/patrols.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/event.h"
#include "sim/random.h"
#include "truce/geo/geodesic.h"
#include "truce/mission/tagger.h"
#include "truce/patrol/plan.h"
#include "truce/patrol/route.h"

namespace truce::sim {
namespace {

using geo::LatLng;
using nlohmann::json;

constexpr int64_t kFixEveryMs = 10'000;
constexpr double kGpsSdM = 8;  // a vehicle receiver's error
constexpr double kSpeedKmh = 30;

const geo::Zone* PatrolRoad(const Mission& mission) {
  for (geo::ZoneKind kind : {geo::ZoneKind::kPatrolRoute, geo::ZoneKind::kSecurityCorridor}) {
    for (const geo::Zone& z : mission.zones) {
      if (z.kind == kind && !z.lines.empty() && z.lines[0].size() >= 2) return &z;
    }
  }
  return nullptr;
}

// The route's heading at `along_m`, in degrees from north (locally flat:
// a few hundred metres of road).
double Heading(const patrol::Route& route, double along_m) {
  const LatLng a = route.PointAt(std::max(0.0, along_m - 100));
  const LatLng b = route.PointAt(std::min(route.length_m(), along_m + 100));
  const double dy = b.lat - a.lat;
  const double dx = (b.lon - a.lon) * std::cos(a.lat * M_PI / 180);
  return std::atan2(dx, dy) * 180 / M_PI;
}

}  // namespace

Result<std::vector<SimPatrol>> SimulatePatrols(const Mission& mission, const PatrolOptions& o) {
  if (o.days < 1 || o.days > 366) return Status::Invalid("--days must be between 1 and 366");
  const geo::Zone* road = PatrolRoad(mission);
  const std::vector<std::string> parties = mission.CenterParties();
  if (!road || parties.empty()) return std::vector<SimPatrol>{};
  TRUCE_ASSIGN_OR_RETURN(patrol::Route route, patrol::Route::Make(road->lines[0]));
  const double tolerance = patrol::TrackSettingsOf(mission).off_route_m;
  Rng rng(o.seed ^ kPatrolStream);
  std::vector<SimPatrol> out;
  for (int day = 0; day < o.days; ++day) {
    SimPatrol p;
    char id[48];
    std::snprintf(id, sizeof id, "SIM-JP-%03d", day + 1);
    const int64_t start = o.start.utc_ms + int64_t(day) * 24 * kHour + 6 * kHour;  // 09:00 local
    const double drive_ms = route.length_m() / (kSpeedKmh / 3.6) * 1000;
    const int64_t end = start + int64_t(drive_ms * 1.5) + 2 * kHour;
    json waypoints = json::array();
    for (const LatLng& v : route.line()) {
      waypoints.push_back(json::array({std::round(v.lat * 1e6) / 1e6, std::round(v.lon * 1e6) / 1e6}));
    }
    json vehicles = json::array();
    for (const std::string& party : parties) {
      vehicles.push_back({{"id", party + "-V-1"}, {"party", party}, {"kind", "armoured vehicle"}});
    }
    p.plan = {{"patrol", id},
              {"route", {{"waypoints", std::move(waypoints)}}},
              {"window", {{"start", FormatRfc3339({start, kOffsetMin})}, {"end", FormatRfc3339({end, kOffsetMin})}}},
              {"parties", parties},
              {"vehicles", std::move(vehicles)},
              {"speed_kmh", kSpeedKmh}};

    const double r = rng.Uniform(0, 1);
    p.truth = r < 0.65 ? "completed" : r < 0.85 ? "detoured" : "shortened";
    // A detour: off the road sideways to 1 to 3 km over 3 minutes, along it
    // at half speed for 5 to 10, and back over 3. A shortened patrol turns
    // round and drives back to the start.
    const double odd_at = rng.Uniform(0.2, 0.7) * route.length_m();
    const double detour_m = rng.Uniform(1000, 3000);
    const double side = rng.Uniform(0, 1) < 0.5 ? 90 : -90;
    const int64_t away_ms = int64_t(rng.Uniform(5, 10) * double(kMinute));
    const int64_t ramp_ms = 3 * kMinute;
    const double speed = (kSpeedKmh / 3.6) * rng.Uniform(0.85, 1.05);
    const double reach = p.truth == "shortened" ? odd_at : route.length_m();
    const int64_t odd_t = start + int64_t(odd_at / speed * 1000);

    // Where the patrol truly is at time t, and whether that is off its route.
    auto truly = [&](int64_t t) -> std::optional<LatLng> {
      double along = 0, off = 0;
      if (p.truth == "detoured" && t >= odd_t) {
        const int64_t in = t - odd_t;
        const int64_t total = 2 * ramp_ms + away_ms;
        if (in < total) {
          off = in < ramp_ms             ? detour_m * double(in) / double(ramp_ms)
                : in < ramp_ms + away_ms ? detour_m
                                         : detour_m * double(total - in) / double(ramp_ms);
          along = odd_at + speed * 0.5 * double(in) / 1000;
        } else {
          along = odd_at + speed * 0.5 * double(total) / 1000 + speed * double(in - total) / 1000;
        }
      } else {
        along = speed * double(t - start) / 1000;
        if (along > reach) {
          if (p.truth != "shortened") return std::nullopt;  // arrived: the track ends
          along = std::max(0.0, 2 * reach - along);         // on the way back
          if (along <= 0) return std::nullopt;
        }
      }
      if (along > route.length_m()) return std::nullopt;
      LatLng at = route.PointAt(along);
      if (off > 0) at = geo::Destination(at, Heading(route, along) + side, off);
      return at;
    };
    std::optional<int64_t> episode;
    int64_t last = start;
    for (int64_t t = start; t <= end; t += kFixEveryMs) {
      std::optional<LatLng> at = truly(t);
      if (!at) break;
      last = t;
      const bool off = route.Locate(*at).off_m > tolerance;
      if (off && !episode) episode = t;
      if (!off && episode) {
        p.off_route.push_back({*episode, t - kFixEveryMs});
        episode.reset();
      }
      // The vehicles drive in column, each 12 s behind the one before.
      for (size_t v = 0; v < parties.size(); ++v) {
        std::optional<LatLng> own = truly(t - int64_t(v) * 12'000);
        if (!own) continue;
        LatLng seen = geo::Destination(*own, rng.Uniform(0, 360), std::abs(rng.Normal(kGpsSdM)));
        p.fixes.push_back({t, seen, parties[v] + "-V-1", 1, 0.9});
      }
    }
    if (episode) p.off_route.push_back({*episode, last});
    out.push_back(std::move(p));
  }
  return out;
}

std::string PatrolLines(const std::vector<SimPatrol>& patrols) {
  std::string out;
  for (const SimPatrol& p : patrols) {
    json off = json::array();
    for (const auto& [from, to] : p.off_route) {
      off.push_back({{"from", FormatRfc3339({from, kOffsetMin})}, {"to", FormatRfc3339({to, kOffsetMin})}});
    }
    json fixes = json::array();
    for (const patrol::Fix& f : p.fixes) {
      fixes.push_back({{"vehicle", f.vehicle},
                       {"t", FormatRfc3339({f.t_ms, kOffsetMin})},
                       {"lat", std::round(f.at.lat * 1e7) / 1e7},
                       {"lon", std::round(f.at.lon * 1e7) / 1e7}});
    }
    out +=
        json{{"plan", p.plan}, {"truth", p.truth}, {"off_route", std::move(off)}, {"fixes", std::move(fixes)}}.dump() +
        "\n";
  }
  return out;
}

Result<PatrolScore> ScorePatrols(const Mission& mission, std::string_view patrols_jsonl) {
  TRUCE_ASSIGN_OR_RETURN(Tagger tagger, Tagger::Build(mission));
  const patrol::TrackSettings settings = patrol::TrackSettingsOf(mission);
  PatrolScore s;
  size_t n = 0;
  while (!patrols_jsonl.empty()) {
    const size_t nl = patrols_jsonl.find('\n');
    std::string_view line = patrols_jsonl.substr(0, nl);
    patrols_jsonl = nl == std::string_view::npos ? std::string_view() : patrols_jsonl.substr(nl + 1);
    ++n;
    if (line.empty()) continue;
    const std::string at = "patrols.jsonl: line " + std::to_string(n) + ": ";
    json j = json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("plan") || !j.contains("fixes") || !j["fixes"].is_array() ||
        !j.contains("off_route") || !j["off_route"].is_array()) {
      return Status::Invalid(at + "not a simulated patrol ({\"plan\", \"fixes\", \"off_route\"})");
    }
    auto plan = patrol::ParsePlan(j["plan"]);
    if (!plan.ok()) return Status::Invalid(at + "plan." + plan.status().message());
    auto checked = patrol::CheckPlan(*plan, mission, tagger);
    if (!checked.ok()) return Status::Invalid(at + "plan." + checked.status().message());
    std::vector<std::pair<int64_t, int64_t>> truth;
    for (const json& e : j["off_route"]) {
      auto from = ParseRfc3339(e.value("from", ""));
      auto to = ParseRfc3339(e.value("to", ""));
      if (!from.ok() || !to.ok()) return Status::Invalid(at + "off_route: from and to are RFC 3339 times");
      truth.push_back({from->utc_ms, to->utc_ms});
    }
    patrol::Tracker tracker(checked->route, checked->schedule, settings);
    std::vector<patrol::Alert> alerts;
    for (const json& f : j["fixes"]) {
      auto t = ParseRfc3339(f.value("t", ""));
      if (!t.ok() || !f.contains("lat") || !f["lat"].is_number() || !f.contains("lon") || !f["lon"].is_number()) {
        return Status::Invalid(at + "a fix without its t, lat and lon");
      }
      ++s.fixes;
      patrol::Fix fix{t->utc_ms, {f["lat"].get<double>(), f["lon"].get<double>()}, f.value("vehicle", ""), 1, 0};
      if (!tracker.Add(fix, &alerts).ok()) ++s.refused;
    }
    ++s.patrols;
    // An alert is right when raised in a true episode, allowing one fix
    // interval each side (the column's vehicles are 12 s apart).
    constexpr int64_t kSlackMs = 2 * kFixEveryMs;
    std::vector<bool> found(truth.size(), false);
    for (const patrol::Alert& a : alerts) {
      if (a.kind != patrol::AlertKind::kOffRoute) continue;
      ++s.alerts;
      for (size_t i = 0; i < truth.size(); ++i) {
        if (a.t_ms >= truth[i].first - kSlackMs && a.t_ms <= truth[i].second + kSlackMs) {
          ++s.alerts_right;
          found[i] = true;
          break;
        }
      }
    }
    s.episodes += truth.size();
    s.found += size_t(std::count(found.begin(), found.end(), true));
  }
  return s;
}

std::string FormatPatrolScore(const PatrolScore& s) {
  auto ratio = [](size_t a, size_t b) { return b ? double(a) / double(b) : 1.0; };
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "patrols: %zu, fixes: %zu (%zu refused by the tracker)\n"
                "patrols off their route: %zu alerts, precision %.3f (%zu right); recall %.3f (%zu of %zu "
                "episodes)\n",
                s.patrols, s.fixes, s.refused, s.alerts, ratio(s.alerts_right, s.alerts), s.alerts_right,
                ratio(s.found, s.episodes), s.found, s.episodes);
  return buf;
}

}  // namespace truce::sim
