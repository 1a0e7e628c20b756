// The JSON shapes truce gives out: a stored report, a report as a GeoJSON
// Feature, the mission, the zones as a FeatureCollection (docs/API.md), and
// the plain-text table of `truce query`.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "truce/core/report.h"
#include "truce/mission/mission.h"
#include "truce/store/store.h"

namespace truce::report {

// The report in the form it is submitted in, plus id, received, zones and
// clauses. Intake accepts this form back unchanged.
nlohmann::json ReportJson(const StoredReport& r);
nlohmann::json ReportFeature(const StoredReport& r);
nlohmann::json ReportCollection(const std::vector<StoredReport>& reports);

nlohmann::json MissionJson(const Mission& m);
nlohmann::json ZonesGeoJson(const std::vector<ZoneRecord>& zones);

// A fixed-width table for terminals: id, time, category, source, place, zones.
std::string ReportTable(const std::vector<StoredReport>& reports);

}  // namespace truce::report
