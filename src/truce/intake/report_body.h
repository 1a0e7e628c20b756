// A report as the body of a register entry: the input fields of docs/API.md
// and nothing derived (no center id, tags or digest), so reading the body
// back gives the same report, tags and all, from the same mission pack.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "truce/core/report.h"

namespace truce::intake {

// The body in canonical form (RFC 8785), made without a JSON tree: what
// an ingest signs, a million times over.
std::string CanonicalReportBody(const Report& r);
// The same body as a value, for callers that edit it.
nlohmann::json ReportBody(const Report& r);

}  // namespace truce::intake
