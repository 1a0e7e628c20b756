// Joint patrols as truce gives them out (docs/API.md, "Patrols"): the list,
// one patrol with its route and track, alerts, coverage; and vehicle fixes
// as they come in over HTTP.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "truce/core/status.h"
#include "truce/findings/patrol_board.h"

namespace truce::wire {

// {"patrol", "state", "plan": {...as signed}, "planned": {entry, party, signer, at},
//  "revisions", "agreements", "waiting_for", "outcome", "route_km", "progress", "alerts"}
nlohmann::json PatrolJson(const PatrolRecord& r);
// The same with "route" (a GeoJSON LineString of the planned route) and
// "track": a FeatureCollection, one LineString per vehicle, simplified for
// `zoom` (a pixel's width at that zoom; every fix when absent), with how
// many fixes each had.
nlohmann::json PatrolDetailJson(const PatrolRecord& r, std::optional<int> zoom);
// {"patrols": [...]}
nlohmann::json PatrolListJson(const std::vector<PatrolRecord>& list);
nlohmann::json PatrolAlertJson(const std::string& patrol, const patrol::Alert& a);
// {"road_zone", "road_km", "patrols", "planned_km", "driven_km", "share",
//  "kilometres": [{"from_km", "to_km", "patrols"}], "never_reached": [{"from_km", "to_km"}],
//  "layer": a FeatureCollection of the road cut at each change of count}
nlohmann::json CoverageJson(const PatrolBoard::CorridorCoverage& c);

// Fixes as a vehicle sends them: {"fixes": [{"vehicle", "t", "lat", "lon",
// "quality"?, "hdop"?}, ...]}, at most `max` of them. Every error names the
// fix and the field.
Result<std::vector<patrol::Fix>> ParseFixes(const nlohmann::json& body, size_t max);
// {"taken", "refused": [{"fix", "error"}], "alerts": [...]}
nlohmann::json FixesResultJson(const std::string& patrol, const FixesResult& r);

}  // namespace truce::wire
