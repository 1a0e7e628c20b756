// The mission as truce gives it out (docs/API.md, "Mission"): its parties,
// agreement, clauses, weapon classes and places, and its zones as a GeoJSON
// FeatureCollection.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "truce/mission/mission.h"
#include "truce/store/store.h"

namespace truce::wire {

nlohmann::json MissionJson(const Mission& m);
// The zones as the store keeps them (Center::ZoneRecords wrote their
// properties when the center was initialised).
nlohmann::json ZonesGeoJson(const std::vector<ZoneRecord>& zones);

// GET /healthz: {"status": "ok", "mission"}, and "reports" (how many the
// center holds) when the caller may know it.
nlohmann::json HealthJson(const std::string& mission, std::optional<int64_t> reports);

}  // namespace truce::wire
