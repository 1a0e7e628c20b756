// A report as the body of a register entry: the input fields of docs/API.md
// and nothing derived (no center id, tags or digest), so reading the body
// back gives the same report, tags and all, from the same mission pack.
#pragma once

#include <nlohmann/json.hpp>

#include "truce/core/report.h"

namespace truce::intake {

nlohmann::json ReportBody(const Report& r);

}  // namespace truce::intake
