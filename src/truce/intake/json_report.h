// Reading one report from a JSON object (the form of docs/API.md), or from a
// GeoJSON Feature whose geometry is a Point and whose properties are the
// report's fields.
#pragma once

#include <simdjson.h>
#include <nlohmann/json.hpp>

#include "truce/intake/report_fields.h"

namespace truce::intake {

void ReadReportJson(simdjson::dom::element object, ReportFields* fields);
// The same from a value already parsed: a register entry's body.
void ReadReportJson(const nlohmann::json& object, ReportFields* fields);
void ReadReportFeature(simdjson::dom::element feature, ReportFields* fields);

}  // namespace truce::intake
