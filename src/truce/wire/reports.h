// Stored reports as truce gives them out (docs/API.md, "Reports"): as JSON,
// as GeoJSON Features, and as the plain-text table of `truce query`.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "truce/store/store.h"

namespace truce::wire {

// The report in the form it is submitted in, plus id, received, zones and
// clauses. Intake accepts this form back unchanged.
nlohmann::json ReportJson(const StoredReport& r);
nlohmann::json ReportFeature(const StoredReport& r);
nlohmann::json ReportCollection(const std::vector<StoredReport>& reports);
// [ReportJson, ...]
nlohmann::json ReportList(const std::vector<StoredReport>& reports);

// A page of GET /v1/reports: {"reports", "count", "next_after"}, or with
// `geojson` the FeatureCollection and its "next_after". `next_after` is the
// id to ask after for the next page, none on the last.
nlohmann::json ReportPage(const std::vector<StoredReport>& reports, std::optional<int64_t> next_after, bool geojson);

// A fixed-width table for terminals: id, time, category, source, place, zones.
std::string ReportTable(const std::vector<StoredReport>& reports);

}  // namespace truce::wire
