#include "sim/flights.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>

#include <nlohmann/json.hpp>

#include "sim/event.h"
#include "sim/random.h"
#include "truce/geo/geodesic.h"

namespace truce::sim {
namespace {

using geo::LatLng;
using nlohmann::json;

constexpr int64_t kFixEveryMs = 20'000;
// The air picture's error: a radar track, not a receiver on board.
constexpr double kPositionSdM = 150;
constexpr double kAltitudeSdM = 30;
constexpr double kNoticeHalfWidthM = 3000;
constexpr double kNoticeBandM = 500;  // each side of the planned altitude

json Position(LatLng p) { return json::array({std::round(p.lat * 1e6) / 1e6, std::round(p.lon * 1e6) / 1e6}); }

// The point `at_m` metres along a polyline (straight between vertices in
// degrees: legs of tens of kilometres).
LatLng Along(const geo::Line& line, const std::vector<double>& cum, double at_m) {
  at_m = std::clamp(at_m, 0.0, cum.back());
  size_t i = size_t(std::upper_bound(cum.begin(), cum.end(), at_m) - cum.begin());
  i = std::clamp<size_t>(i, 1, line.size() - 1);
  const double len = cum[i] - cum[i - 1];
  const double f = len > 0 ? (at_m - cum[i - 1]) / len : 0;
  return {line[i - 1].lat + f * (line[i].lat - line[i - 1].lat), line[i - 1].lon + f * (line[i].lon - line[i - 1].lon)};
}

json NoticeBody(const patrol::FlightNotice& n) {
  json waypoints = json::array();
  for (const LatLng& p : n.route) waypoints.push_back(Position(p));
  return {{"notice", n.id},
          {"route", {{"waypoints", waypoints}, {"half_width_m", n.half_width_m}}},
          {"altitude_m", {{"min", n.min_altitude_m}, {"max", n.max_altitude_m}}},
          {"window", {{"start", FormatRfc3339(n.window.start)}, {"end", FormatRfc3339(n.window.end)}}},
          {"aircraft", n.aircraft},
          {"purpose", n.purpose}};
}

}  // namespace

Result<std::vector<SimFlight>> SimulateFlights(const Mission& mission, const FlightOptions& o) {
  if (o.days < 1 || o.days > 366) return Status::Invalid("--days must be between 1 and 366");
  if (!(o.flights_per_day >= 0) || o.flights_per_day > 10'000) {
    return Status::Invalid("flights a day must be 0 to 10000");
  }
  const std::vector<std::string> parties = mission.CenterParties();
  if (parties.empty()) return Status::Invalid("the mission has no center party to fly");
  // Where flights go: the mission's airspace, as the center's matcher sees it.
  TRUCE_ASSIGN_OR_RETURN(patrol::AirspaceMatcher airspace, patrol::AirspaceMatcher::Build(mission, {}));
  // Routes are drawn over the de-escalation area, or else the ground the
  // parties control; a mission with neither has no flights.
  geo::BoundingBox box{90, 180, -90, -180};
  for (geo::ZoneKind kind : {geo::ZoneKind::kDeescalationArea, geo::ZoneKind::kControlArea}) {
    for (const geo::Zone& z : mission.zones) {
      if (z.kind != kind) continue;
      for (const geo::Polygon& p : z.polygons) {
        for (const LatLng& v : p.rings.empty() ? geo::Ring{} : p.rings[0]) {
          box = {std::min(box.south, v.lat), std::min(box.west, v.lon), std::max(box.north, v.lat),
                 std::max(box.east, v.lon)};
        }
      }
    }
    if (box.south <= box.north) break;
  }
  if (box.south > box.north) return std::vector<SimFlight>{};
  Rng rng(o.seed ^ kFlightStream);
  auto sample = [&]() -> std::optional<LatLng> {
    for (int tries = 0; tries < 200; ++tries) {
      LatLng p{rng.Uniform(box.south, box.north), rng.Uniform(box.west, box.east)};
      if (airspace.InAirspace(p)) return p;
    }
    return std::nullopt;
  };

  std::vector<SimFlight> out;
  for (int day = 0; day < o.days; ++day) {
    const int n = rng.Poisson(o.flights_per_day);
    for (int k = 0; k < n; ++k) {
      SimFlight f;
      const std::string party = parties[size_t(rng.Int(0, int(parties.size()) - 1))];
      char id[64];
      std::snprintf(id, sizeof id, "SIM-AIR-%03d-%02d", day + 1, k + 1);
      // A route of two to four legs of 5 km or more.
      geo::Line route;
      const int legs = rng.Int(2, 4);
      for (int tries = 0; tries < 50 && int(route.size()) < legs + 1; ++tries) {
        auto p = sample();
        if (!p) break;
        if (!route.empty() && geo::DistanceM(route.back(), *p) < 5000) continue;
        route.push_back(*p);
      }
      if (route.size() < 2) continue;
      std::vector<double> cum{0};
      for (size_t i = 1; i < route.size(); ++i) cum.push_back(cum.back() + geo::DistanceM(route[i - 1], route[i]));
      const double speed = rng.Uniform(30, 50);  // m/s: a tactical UAV
      const double altitude = rng.Uniform(1200, 3500);
      const int64_t t0 = o.start.utc_ms + int64_t(day) * 24 * kHour + int64_t(rng.Uniform(6, 18) * double(kHour));

      const double r = rng.Uniform(0, 1);
      f.truth = r < 0.6 ? "kept" : r < 0.75 ? "unnotified" : r < 0.9 ? "strayed" : "high";
      // What it flies: its route; a strayed flight turns off it somewhere
      // to a point 5 to 12 km away (and more than 4.5 km from every leg),
      // and back, at its speed.
      geo::Line path = route;
      if (f.truth == "strayed") {
        const double turn_m = rng.Uniform(0.2, 0.6) * cum.back();
        const LatLng on = Along(route, cum, turn_m);
        std::optional<LatLng> away;
        for (int tries = 0; tries < 50 && !away; ++tries) {
          LatLng p = geo::Destination(on, rng.Uniform(0, 360), rng.Uniform(5000, 12000));
          bool clear = airspace.InAirspace(p);
          for (size_t i = 1; clear && i < route.size(); ++i) {
            clear = geo::DistanceToSegmentM(p, route[i - 1], route[i]) > 4500;
          }
          if (clear) away = p;
        }
        if (away) {
          const size_t leg = size_t(std::upper_bound(cum.begin(), cum.end(), turn_m) - cum.begin());
          path.assign(route.begin(), route.begin() + long(std::clamp<size_t>(leg, 1, route.size() - 1)));
          path.insert(path.end(), {on, *away, on});
          path.insert(path.end(), route.begin() + long(std::clamp<size_t>(leg, 1, route.size() - 1)), route.end());
        } else {
          f.truth = "kept";  // nowhere to stray to inside the airspace: it kept to its notice
        }
      }
      std::vector<double> flown{0};
      for (size_t i = 1; i < path.size(); ++i) flown.push_back(flown.back() + geo::DistanceM(path[i - 1], path[i]));
      const int64_t duration = int64_t(flown.back() / speed * 1000);
      if (f.truth != "unnotified") {
        patrol::FlightNotice notice;
        notice.id = std::string("FN-") + id;
        notice.party = party;
        notice.route = route;
        notice.half_width_m = kNoticeHalfWidthM;
        notice.min_altitude_m = std::max(0.0, std::round(altitude - kNoticeBandM));
        notice.max_altitude_m = std::round(altitude + kNoticeBandM);
        notice.window = {Instant{t0 - 30 * kMinute, kOffsetMin}, Instant{t0 + duration + 30 * kMinute, kOffsetMin}};
        notice.aircraft = "Orlan-10";
        notice.purpose = "reconnaissance over the de-escalation area";
        f.notice = std::move(notice);
      }
      // A kept flight drifts up to 2.5 km off its line and back (inside the
      // 3 km it notified); a high one climbs 1,000 to 1,500 m above its band
      // for 4 to 10 minutes.
      const double wander = rng.Uniform(0, 2500);
      const double wander_az = rng.Uniform(0, 360);
      const int64_t high_from = t0 + int64_t(rng.Uniform(0.2, 0.6) * double(duration));
      const int64_t high_to = high_from + int64_t(rng.Uniform(4, 10) * double(kMinute));
      const double climb = rng.Uniform(1000, 1500);

      f.track.id = id;
      f.track.party = party;
      f.track.aircraft = "Orlan-10";
      for (int64_t t = t0; t <= t0 + duration; t += kFixEveryMs) {
        LatLng p = Along(path, flown, (double(t - t0) / 1000) * speed);
        double alt = altitude;
        if (f.truth == "kept" || f.truth == "unnotified") {
          const double phase = std::sin(M_PI * double(t - t0) / double(std::max<int64_t>(duration, 1)));
          p = geo::Destination(p, wander_az, wander * phase);
        }
        if (f.truth == "high" && t >= high_from && t <= high_to) alt = f.notice->max_altitude_m + climb;
        p = geo::Destination(p, rng.Uniform(0, 360), std::abs(rng.Normal(kPositionSdM)));
        alt += rng.Normal(kAltitudeSdM);
        f.track.fixes.push_back({Instant{t, kOffsetMin}, p, std::round(alt)});
      }
      out.push_back(std::move(f));
    }
  }
  return out;
}

std::string NoticeLines(const std::vector<SimFlight>& flights) {
  std::string out;
  for (const SimFlight& f : flights) {
    if (!f.notice) continue;
    out += json{{"party", f.notice->party}, {"notice", NoticeBody(*f.notice)}}.dump() + "\n";
  }
  return out;
}

std::string TracksFeed(const std::vector<SimFlight>& flights) {
  json tracks = json::array();
  for (const SimFlight& f : flights) {
    json fixes = json::array();
    for (const patrol::FlightFix& x : f.track.fixes) {
      fixes.push_back({{"t", FormatRfc3339(x.t)},
                       {"lat", std::round(x.at.lat * 1e6) / 1e6},
                       {"lon", std::round(x.at.lon * 1e6) / 1e6},
                       {"alt_m", x.altitude_m}});
    }
    tracks.push_back(
        {{"track", f.track.id}, {"party", f.track.party}, {"aircraft", f.track.aircraft}, {"fixes", std::move(fixes)}});
  }
  return json{{"tracks", std::move(tracks)}}.dump() + "\n";
}

std::string FlightTruthLines(const std::vector<SimFlight>& flights) {
  std::string out;
  for (const SimFlight& f : flights) {
    out += json{{"track", f.track.id}, {"truth", f.truth}, {"notice", f.notice ? json(f.notice->id) : json()}}.dump() +
           "\n";
  }
  return out;
}

Result<FlightScore> ScoreFlights(const Mission& mission, std::string_view notices_jsonl, std::string_view tracks_json,
                                 std::string_view truth_jsonl) {
  auto lines = [](std::string_view text, const char* what, const std::function<Status(const json&)>& each) -> Status {
    size_t n = 0;
    while (!text.empty()) {
      const size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      ++n;
      if (line.empty()) continue;
      json j = json::parse(line, nullptr, false);
      if (!j.is_object())
        return Status::Invalid(std::string(what) + ": line " + std::to_string(n) + ": not a JSON object");
      if (Status st = each(j); !st.ok()) {
        return Status::Invalid(std::string(what) + ": line " + std::to_string(n) + ": " + st.message());
      }
    }
    return Status::Ok();
  };
  FlightScore s;
  std::vector<patrol::FlightNotice> notices;
  TRUCE_RETURN_IF_ERROR(lines(notices_jsonl, "the notices", [&](const json& j) -> Status {
    if (!j.contains("party") || !j["party"].is_string() || !j.contains("notice")) {
      return Status::Invalid("needs \"party\" and \"notice\"");
    }
    TRUCE_ASSIGN_OR_RETURN(patrol::FlightNotice n, patrol::ParseNotice(j["notice"]));
    n.party = j["party"].get<std::string>();
    notices.push_back(std::move(n));
    return Status::Ok();
  }));
  std::map<std::string, std::string> truth;
  TRUCE_RETURN_IF_ERROR(lines(truth_jsonl, "the flight truth", [&](const json& j) -> Status {
    if (!j.contains("track") || !j["track"].is_string() || !j.contains("truth") || !j["truth"].is_string()) {
      return Status::Invalid("needs \"track\" and \"truth\"");
    }
    truth[j["track"].get<std::string>()] = j["truth"].get<std::string>();
    return Status::Ok();
  }));
  json feed = json::parse(tracks_json, nullptr, false);
  if (feed.is_discarded()) return Status::Invalid("the tracks: not JSON");
  TRUCE_ASSIGN_OR_RETURN(std::vector<patrol::FlightTrack> tracks, patrol::ParseFlightTracks(feed, SIZE_MAX));
  s.notices = notices.size();
  TRUCE_ASSIGN_OR_RETURN(patrol::AirspaceMatcher matcher, patrol::AirspaceMatcher::Build(mission, std::move(notices)));
  for (const patrol::FlightTrack& t : tracks) {
    auto it = truth.find(t.id);
    if (it == truth.end()) return Status::Invalid("the tracks: " + t.id + " is not in the flight truth");
    ++s.flights;
    const bool alerted = !matcher.Match(t).matched();
    const bool needed = it->second != "kept";
    auto& [count, alerts] = s.by_truth[it->second];
    ++count;
    if (alerted) {
      ++alerts;
      ++s.alerts;
      if (needed) ++s.alerts_right;
    }
    if (needed) {
      ++s.needing;
      if (alerted) ++s.found;
    }
  }
  return s;
}

std::string FormatFlightScore(const FlightScore& s) {
  auto ratio = [](size_t a, size_t b) { return b ? double(a) / double(b) : 1.0; };
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "flights: %zu, notices: %zu\n"
                "flights without notice: %zu alerts, precision %.3f (%zu right); recall %.3f (%zu of %zu)\n",
                s.flights, s.notices, s.alerts, ratio(s.alerts_right, s.alerts), s.alerts_right,
                ratio(s.found, s.needing), s.found, s.needing);
  std::string out = buf;
  for (const auto& [truth, counts] : s.by_truth) {
    std::snprintf(buf, sizeof buf, "  %-11s %4zu flights, %4zu alerted\n", truth.c_str(), counts.first, counts.second);
    out += buf;
  }
  return out;
}

}  // namespace truce::sim
