// Flight notices and flights as truce gives them out (docs/API.md,
// "Airspace"), and the report a flight without notice is filed as.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "truce/findings/airspace_board.h"

namespace truce::wire {

// {"notice", "party", "signer", "entry", "filed", "geometry" (GeoJSON:
//  a Polygon, or a LineString with "half_width_m"), "altitude_m": {"min",
//  "max"}, "window": {"start", "end"}, "aircraft", "purpose"}
nlohmann::json NoticeJson(const NoticeRecord& n);
// {"track", "party", "aircraft", "matched", "notices", "fixes", "inside",
//  "uncovered", "reason", "first_uncovered": {"t", "lat", "lon", "alt_m"},
//  "line": a GeoJSON LineString, "received", "report" (without notice: the
//  report to file, as ReportForFlight)}
nlohmann::json FlightJson(const FlightRecord& f);
// {"notices": [...], "flights": [...]}
nlohmann::json AirspaceJson(const std::vector<NoticeRecord>& notices, const std::vector<FlightRecord>& flights);
// {"tracks": [FlightJson...]}: the answer to a feed's tracks.
nlohmann::json TracksResultJson(const std::vector<FlightRecord>& flights);

// The report of a flight without notice, for the airspace clause: category
// flight, from the first fix under no notice to the track's last, blaming
// the aircraft's party when the feed knows it. Its source is the caller's
// to set (the feed that saw it).
nlohmann::json ReportForFlight(const FlightRecord& f);

}  // namespace truce::wire
