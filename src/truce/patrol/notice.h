// Flight notices and the flights they account for (docs/REGISTER.md,
// "Flight notices"; docs/API.md, "Airspace"). A party tells the center
// beforehand where, how high and when its aircraft will fly; the center
// holds every flight track it sees inside the mission's airspace against
// the notices in force. A track with fixes no notice covers is a flight
// without notice: an alert, and a report for the airspace clause.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "truce/core/status.h"
#include "truce/core/time.h"
#include "truce/geo/geometry.h"
#include "truce/geo/region_index.h"
#include "truce/mission/mission.h"

namespace truce::patrol {

struct FlightNotice {
  std::string id;     // the party's name for it: letters, digits, '-', '_', '.'
  std::string party;  // who filed it: the register entry's party, not the body's word
  // Where: an area (one polygon), or a route with a half width.
  geo::Polygon area;
  geo::Line route;
  double half_width_m = 0;
  double min_altitude_m = 0, max_altitude_m = 0;  // above mean sea level
  TimeInterval window;
  std::string aircraft;  // "Orlan-10", "Bayraktar TB2": free text
  std::string purpose;
};

// The body of a `flight_notice` entry: {"notice", "area": [[lat, lon], ...]
// | "route": {"waypoints": [[lat, lon], ...], "half_width_m"},
// "altitude_m": {"min", "max"}, "window": {"start", "end"}, "aircraft",
// "purpose"}. Every error names the field; an empty window is refused.
Result<FlightNotice> ParseNotice(const nlohmann::json& body);

struct FlightFix {
  Instant t;
  geo::LatLng at;
  double altitude_m = 0;
};

struct FlightTrack {
  std::string id;        // the feed's name for the track
  std::string party;     // whose aircraft, when the feed knows; "" when not
  std::string aircraft;  // as the feed gives it; may be empty
  std::vector<FlightFix> fixes;
};

// The documented feed (docs/API.md, "POST /v1/airspace/tracks"):
// {"tracks": [{"track", "party"?, "aircraft"?, "fixes": [{"t", "lat",
// "lon", "alt_m"}, ...]}, ...]}, at most `max_fixes` fixes in all. A
// track's fixes must be in time order without repeats, and no faster than
// an aircraft flies; every error names the track, the fix and the field.
Result<std::vector<FlightTrack>> ParseFlightTracks(const nlohmann::json& body, size_t max_fixes);

struct TrackMatch {
  std::string track;
  std::vector<std::string> notices;  // the notices that cover its fixes in the airspace
  size_t fixes = 0;                  // all of the track's fixes
  size_t inside = 0;                 // of them, in the mission's airspace
  size_t uncovered = 0;              // of those, under no notice
  std::optional<FlightFix> first_uncovered;
  std::string reason;  // why that fix is under no notice, in words
  // Nothing to account for: no fix in the airspace, or every one covered.
  bool matched() const { return uncovered == 0; }
};

// The notices in force against the mission's airspace: the zones of its
// airspace clauses (every de-escalation area when it has none).
class AirspaceMatcher {
 public:
  // Altitudes within `altitude_tolerance_m` of a notice's band count as in it.
  static Result<AirspaceMatcher> Build(const Mission& mission, std::vector<FlightNotice> notices,
                                       double altitude_tolerance_m = 100);
  TrackMatch Match(const FlightTrack& track) const;
  // Whether a fix at `p` is in the mission's airspace, needing a notice.
  bool InAirspace(geo::LatLng p) const;
  const std::vector<FlightNotice>& notices() const { return notices_; }

 private:
  AirspaceMatcher() = default;

  geo::RegionIndex airspace_;
  int airspace_regions_ = 0;
  geo::RegionIndex areas_;  // region i: notice i's area or route buffer
  std::vector<FlightNotice> notices_;
  double altitude_tolerance_m_ = 100;
};

}  // namespace truce::patrol
