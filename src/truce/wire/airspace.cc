#include "truce/wire/airspace.h"

#include <cmath>
#include <cstdio>

namespace truce::wire {
namespace {

using nlohmann::json;

double Round(double v, double unit) { return std::round(v / unit) * unit; }

json Coordinates(const std::vector<geo::LatLng>& line) {
  json coords = json::array();
  for (const geo::LatLng& p : line) coords.push_back(json::array({Round(p.lon, 1e-6), Round(p.lat, 1e-6)}));
  return coords;
}

json FixJson(const patrol::FlightFix& f) {
  return {{"t", FormatRfc3339(f.t)},
          {"lat", Round(f.at.lat, 1e-6)},
          {"lon", Round(f.at.lon, 1e-6)},
          {"alt_m", Round(f.altitude_m, 1)}};
}

}  // namespace

json NoticeJson(const NoticeRecord& r) {
  const patrol::FlightNotice& n = r.notice;
  json geometry;
  if (!n.route.empty()) {
    geometry = {{"type", "LineString"}, {"coordinates", Coordinates(n.route)}, {"half_width_m", n.half_width_m}};
  } else {
    json rings = json::array();
    for (const geo::Ring& ring : n.area.rings) rings.push_back(Coordinates(ring));
    geometry = {{"type", "Polygon"}, {"coordinates", std::move(rings)}};
  }
  return {{"notice", n.id},
          {"party", n.party},
          {"signer", r.signer},
          {"entry", r.entry},
          {"filed", FormatRfc3339(r.filed)},
          {"geometry", std::move(geometry)},
          {"altitude_m", {{"min", n.min_altitude_m}, {"max", n.max_altitude_m}}},
          {"window", {{"start", FormatRfc3339(n.window.start)}, {"end", FormatRfc3339(n.window.end)}}},
          {"aircraft", n.aircraft},
          {"purpose", n.purpose}};
}

json FlightJson(const FlightRecord& f) {
  const patrol::TrackMatch& m = f.match;
  std::vector<geo::LatLng> line;
  line.reserve(f.track.fixes.size());
  for (const patrol::FlightFix& x : f.track.fixes) line.push_back(x.at);
  json out = {{"track", f.track.id},
              {"party", f.track.party.empty() ? json() : json(f.track.party)},
              {"aircraft", f.track.aircraft.empty() ? json() : json(f.track.aircraft)},
              {"matched", m.matched()},
              {"notices", m.notices},
              {"fixes", m.fixes},
              {"inside", m.inside},
              {"uncovered", m.uncovered},
              {"line", {{"type", "LineString"}, {"coordinates", Coordinates(line)}}},
              {"received", FormatRfc3339(Instant{f.received_ms, 0})}};
  if (!f.track.fixes.empty()) {
    out["start"] = FormatRfc3339(f.track.fixes.front().t);
    out["end"] = FormatRfc3339(f.track.fixes.back().t);
  }
  if (!m.matched()) {
    out["reason"] = m.reason;
    if (m.first_uncovered) out["first_uncovered"] = FixJson(*m.first_uncovered);
    out["report"] = ReportForFlight(f);
  }
  return out;
}

json AirspaceJson(const std::vector<NoticeRecord>& notices, const std::vector<FlightRecord>& flights) {
  json n = json::array(), fl = json::array();
  for (const NoticeRecord& r : notices) n.push_back(NoticeJson(r));
  for (const FlightRecord& f : flights) fl.push_back(FlightJson(f));
  return {{"notices", std::move(n)}, {"flights", std::move(fl)}};
}

json TracksResultJson(const std::vector<FlightRecord>& flights) {
  json out = json::array();
  for (const FlightRecord& f : flights) out.push_back(FlightJson(f));
  return {{"tracks", std::move(out)}};
}

json ReportForFlight(const FlightRecord& f) {
  const patrol::TrackMatch& m = f.match;
  if (!m.first_uncovered || f.track.fixes.empty()) return json();
  const patrol::FlightFix& first = *m.first_uncovered;
  std::string who = f.track.party.empty() ? "an aircraft of no known party" : "an aircraft of " + f.track.party;
  if (!f.track.aircraft.empty()) who += " (" + f.track.aircraft + ")";
  char counts[96];
  std::snprintf(counts, sizeof counts, "%zu of its %zu fixes in the mission's airspace were under no notice",
                m.uncovered, m.inside);
  std::string id = "flight-" + f.track.id;
  json r = {
      {"id", id.substr(0, 64)},
      {"category", "flight"},
      {"observed", {{"start", FormatRfc3339(first.t)}, {"end", FormatRfc3339(f.track.fixes.back().t)}}},
      {"location", {{"lat", Round(first.at.lat, 1e-6)}, {"lon", Round(first.at.lon, 1e-6)}, {"uncertainty_m", 500}}},
      {"text", "Flight track " + f.track.id + ": " + who +
                   " in the mission's airspace with no flight notice: " + m.reason + "; " + counts + "."}};
  if (!f.track.party.empty()) r["blames"] = f.track.party;
  return r;
}

}  // namespace truce::wire
