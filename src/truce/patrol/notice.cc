#include "truce/patrol/notice.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>

#include "truce/geo/geodesic.h"
#include "truce/patrol/fields.h"

namespace truce::patrol {
namespace {

using nlohmann::json;

constexpr size_t kMaxVertices = 2000;
constexpr int64_t kMaxNoticeMs = 86'400'000LL;  // a notice is for one day's flying at most
constexpr double kMaxAltitudeM = 20'000;
constexpr double kMaxHalfWidthM = 50'000;
// Faster than any aircraft a ceasefire center watches (a jet at low level
// is under 350 m/s): a fix beyond it is a feed's error, not a flight.
constexpr double kMaxSpeedMs = 700;

// "08:00+03:00": the hour in the time's own offset, as the feed gave it.
std::string Clock(const Instant& t) {
  std::string s = FormatRfc3339(t);
  const size_t offset = s.find_first_of("+-Z", 19);
  return s.size() >= 20 && offset != std::string::npos ? s.substr(11, 5) + s.substr(offset) : s;
}

std::string Metres(double m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f m", m);
  return buf;
}

bool GoodId(const std::string& id) {
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

Result<geo::Line> Vertices(const json& j, const std::string& field, size_t min) {
  if (!j.is_array() || j.size() < min || j.size() > kMaxVertices) {
    return Field(field, "must be " + std::to_string(min) + " to " + std::to_string(kMaxVertices) +
                            " [latitude, longitude] pairs");
  }
  geo::Line out;
  for (size_t i = 0; i < j.size(); ++i) {
    TRUCE_ASSIGN_OR_RETURN(geo::LatLng p, Position(j[i], field + "[" + std::to_string(i) + "]"));
    out.push_back(p);
  }
  return out;
}

Result<double> Number(const json& j, const std::string& key, const std::string& field, double lo, double hi) {
  if (!j.contains(key) || !j[key].is_number()) return Field(field, "is missing or not a number");
  const double v = j[key].get<double>();
  if (!(v >= lo && v <= hi)) return Field(field, "must be " + Metres(lo) + " to " + Metres(hi));
  return v;
}

}  // namespace

Result<FlightNotice> ParseNotice(const json& body) {
  if (!body.is_object()) return Status::Invalid("a flight notice is a JSON object");
  TRUCE_RETURN_IF_ERROR(OnlyKeys(body, "", {"notice", "area", "route", "altitude_m", "window", "aircraft", "purpose"}));
  FlightNotice n;
  TRUCE_ASSIGN_OR_RETURN(n.id, Text(body, "notice", "", 64));
  if (!GoodId(n.id)) return Field("notice", "'" + n.id + "' may hold only letters, digits, '-', '_' and '.'");
  if (body.contains("area") == body.contains("route")) {
    return Field("area",
                 "give an area ([[lat, lon], ...]) or a route ({\"waypoints\", \"half_width_m\"}), one of them");
  }
  if (body.contains("area")) {
    TRUCE_ASSIGN_OR_RETURN(geo::Ring ring, Vertices(body["area"], "area", 3));
    if (ring.front().lat != ring.back().lat || ring.front().lon != ring.back().lon) ring.push_back(ring.front());
    if (ring.size() < 4) return Field("area", "must have three corners at least");
    n.area.rings.push_back(std::move(ring));
  } else {
    const json& r = body["route"];
    if (!r.is_object()) return Field("route", "must be {\"waypoints\": [[lat, lon], ...], \"half_width_m\": N}");
    TRUCE_RETURN_IF_ERROR(OnlyKeys(r, "route", {"waypoints", "half_width_m"}));
    if (!r.contains("waypoints")) return Field("route.waypoints", "is missing");
    TRUCE_ASSIGN_OR_RETURN(n.route, Vertices(r["waypoints"], "route.waypoints", 2));
    TRUCE_ASSIGN_OR_RETURN(n.half_width_m, Number(r, "half_width_m", "route.half_width_m", 100, kMaxHalfWidthM));
  }
  if (!body.contains("altitude_m") || !body["altitude_m"].is_object()) {
    return Field("altitude_m", "must be {\"min\": METRES, \"max\": METRES} above mean sea level");
  }
  TRUCE_RETURN_IF_ERROR(OnlyKeys(body["altitude_m"], "altitude_m", {"min", "max"}));
  TRUCE_ASSIGN_OR_RETURN(n.min_altitude_m, Number(body["altitude_m"], "min", "altitude_m.min", 0, kMaxAltitudeM));
  TRUCE_ASSIGN_OR_RETURN(n.max_altitude_m, Number(body["altitude_m"], "max", "altitude_m.max", 0, kMaxAltitudeM));
  if (n.max_altitude_m < n.min_altitude_m) return Field("altitude_m", "max is below min");
  TRUCE_ASSIGN_OR_RETURN(n.window, Window(body, kMaxNoticeMs, "24 hours (file one notice a day)"));
  TRUCE_ASSIGN_OR_RETURN(n.aircraft, Text(body, "aircraft", "", 80));
  TRUCE_ASSIGN_OR_RETURN(n.purpose, Text(body, "purpose", "", 500));
  return n;
}

Result<std::vector<FlightTrack>> ParseFlightTracks(const json& body, size_t max_fixes) {
  if (!body.is_object() || !body.contains("tracks") || !body["tracks"].is_array()) {
    return Status::Invalid("the body must be {\"tracks\": [{\"track\", \"fixes\": [...]}, ...]}");
  }
  std::vector<FlightTrack> out;
  std::map<std::string, size_t> seen;
  size_t total = 0;
  for (size_t i = 0; i < body["tracks"].size(); ++i) {
    const json& t = body["tracks"][i];
    const std::string where = "tracks[" + std::to_string(i) + "]";
    if (!t.is_object()) return Field(where, "must be {\"track\", \"party\"?, \"aircraft\"?, \"fixes\"}");
    TRUCE_RETURN_IF_ERROR(OnlyKeys(t, where, {"track", "party", "aircraft", "fixes"}));
    FlightTrack track;
    TRUCE_ASSIGN_OR_RETURN(track.id, Text(t, "track", where, 64));
    if (!seen.emplace(track.id, i).second) return Field(where + ".track", "'" + track.id + "' is sent twice");
    if (t.contains("party")) {
      TRUCE_ASSIGN_OR_RETURN(track.party, Text(t, "party", where, 64));
    }
    if (t.contains("aircraft")) {
      TRUCE_ASSIGN_OR_RETURN(track.aircraft, Text(t, "aircraft", where, 80));
    }
    if (!t.contains("fixes") || !t["fixes"].is_array() || t["fixes"].empty()) {
      return Field(where + ".fixes", "must list the track's fixes, {\"t\", \"lat\", \"lon\", \"alt_m\"} each");
    }
    total += t["fixes"].size();
    if (total > max_fixes) return Status::Invalid("more than " + std::to_string(max_fixes) + " fixes in one request");
    for (size_t k = 0; k < t["fixes"].size(); ++k) {
      const json& f = t["fixes"][k];
      const std::string at = where + ".fixes[" + std::to_string(k) + "]";
      if (!f.is_object()) return Field(at, "must be {\"t\", \"lat\", \"lon\", \"alt_m\"}");
      TRUCE_RETURN_IF_ERROR(OnlyKeys(f, at, {"t", "lat", "lon", "alt_m"}));
      FlightFix fix;
      TRUCE_ASSIGN_OR_RETURN(std::string text, Text(f, "t", at, 64));
      auto time = ParseRfc3339(text);
      if (!time.ok()) return Field(at + ".t", time.status().message());
      fix.t = *time;
      if (!f.contains("lat") || !f.contains("lon")) return Field(at, "needs lat and lon");
      TRUCE_ASSIGN_OR_RETURN(fix.at, Position(json::array({f["lat"], f["lon"]}), at + ".lat/lon"));
      TRUCE_ASSIGN_OR_RETURN(fix.altitude_m, Number(f, "alt_m", at + ".alt_m", -500, kMaxAltitudeM));
      if (!track.fixes.empty()) {
        const FlightFix& prev = track.fixes.back();
        if (fix.t.utc_ms <= prev.t.utc_ms) {
          return Field(at + ".t", "is not after the fix before it (" + FormatRfc3339(prev.t) +
                                      "): a track's fixes go in time order, once each");
        }
        const double speed = geo::DistanceM(prev.at, fix.at) / ((fix.t.utc_ms - prev.t.utc_ms) / 1000.0);
        if (speed > kMaxSpeedMs) {
          return Field(at, "is " + Metres(speed) + "/s from the fix before it: faster than an aircraft flies");
        }
      }
      track.fixes.push_back(fix);
    }
    out.push_back(std::move(track));
  }
  return out;
}

Result<AirspaceMatcher> AirspaceMatcher::Build(const Mission& mission, std::vector<FlightNotice> notices,
                                               double altitude_tolerance_m) {
  AirspaceMatcher m;
  m.altitude_tolerance_m_ = altitude_tolerance_m;
  std::vector<const geo::Zone*> zones;
  for (const Clause& c : mission.clauses) {
    if (c.kind != ClauseKind::kAirspace) continue;
    for (const std::string& id : c.zones) {
      if (const geo::Zone* z = mission.FindZone(id)) zones.push_back(z);
    }
  }
  if (zones.empty()) {
    for (const geo::Zone& z : mission.zones) {
      if (z.kind == geo::ZoneKind::kDeescalationArea) zones.push_back(&z);
    }
  }
  for (const geo::Zone* z : zones) {
    Result<int> added = !z->polygons.empty() ? m.airspace_.AddArea(z->polygons)
                        : !z->lines.empty()  ? m.airspace_.AddLineBuffer(z->lines, z->half_width_m)
                                             : m.airspace_.AddPointBuffer(z->points, z->half_width_m);
    if (!added.ok()) return Status::Invalid("airspace zone " + z->id + ": " + added.status().message());
  }
  m.airspace_regions_ = m.airspace_.size();
  if (m.airspace_regions_ > 0) m.airspace_.Build();
  for (const FlightNotice& n : notices) {
    Result<int> added =
        !n.route.empty() ? m.areas_.AddLineBuffer({n.route}, n.half_width_m) : m.areas_.AddArea({n.area});
    if (!added.ok()) return Status::Invalid("notice " + n.id + ": " + added.status().message());
  }
  if (!notices.empty()) m.areas_.Build();
  m.notices_ = std::move(notices);
  return m;
}

bool AirspaceMatcher::InAirspace(geo::LatLng p) const {
  // A mission with no airspace zone watches its whole area: every fix counts.
  if (airspace_regions_ == 0) return true;
  std::vector<int> hit;
  airspace_.Lookup(p, &hit);
  return !hit.empty();
}

TrackMatch AirspaceMatcher::Match(const FlightTrack& track) const {
  TrackMatch out;
  out.track = track.id;
  out.fixes = track.fixes.size();
  std::vector<bool> used(notices_.size(), false);
  for (const FlightFix& f : track.fixes) {
    if (!InAirspace(f.at)) continue;
    ++out.inside;
    // The nearest miss, for the reason: in time, then in place, then in height.
    std::string reason = "no notice is in force at " + Clock(f.t);
    int best = 0;  // 1: in time; 2: and in place; 3: and in the band (another party's)
    bool covered = false;
    for (size_t i = 0; i < notices_.size() && !covered; ++i) {
      const FlightNotice& n = notices_[i];
      if (f.t < n.window.start || f.t > n.window.end) continue;
      if (!areas_.Contains(static_cast<int>(i), f.at)) {
        if (best < 1) {
          best = 1;
          char buf[64];
          std::snprintf(buf, sizeof buf, "%.1f km", areas_.DistanceM(static_cast<int>(i), f.at) / 1000);
          reason = "outside the area of notice " + n.id + " (" + buf + " from it)";
        }
        continue;
      }
      if (f.altitude_m < n.min_altitude_m - altitude_tolerance_m_ ||
          f.altitude_m > n.max_altitude_m + altitude_tolerance_m_) {
        if (best < 2) {
          best = 2;
          reason = "at " + Metres(f.altitude_m) + ", outside notice " + n.id + "'s band of " +
                   Metres(n.min_altitude_m) + " to " + Metres(n.max_altitude_m);
        }
        continue;
      }
      if (!track.party.empty() && track.party != n.party) {
        if (best < 3) {
          best = 3;
          reason = "notice " + n.id + " is " + n.party + "'s, and the aircraft is " + track.party + "'s";
        }
        continue;
      }
      covered = true;
      used[i] = true;
    }
    if (!covered) {
      if (out.uncovered++ == 0) {
        out.first_uncovered = f;
        out.reason = reason;
      }
    }
  }
  for (size_t i = 0; i < notices_.size(); ++i) {
    if (used[i]) out.notices.push_back(notices_[i].id);
  }
  return out;
}

}  // namespace truce::patrol
