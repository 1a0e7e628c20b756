// What a write is answered with (docs/API.md, "Writing"): the reports and
// entries stored, the repeats, the refused lines and the register after it.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>
#include <vector>

#include "truce/center/center.h"
#include "truce/intake/row_error.h"

namespace truce::wire {

// [{"message", "line", "field"}]: line and field where known.
nlohmann::json RowErrorsJson(const std::vector<intake::RowError>& errors);

// {"accepted", "duplicates", "rejected": [row errors], "reports": [{"id",
//  "source_report_id", "duplicate", "zones", "clauses"}], "entries": [{"line",
//  "index"}], "register": {"size", "checkpoint"}}
nlohmann::json SubmitAnswer(const IngestSummary& s);

// A file of reports checked before anything is signed or stored
// (POST /v1/reports/check): {"format", "reports": [{"line", "report": the
// entry body to sign, "zones", "clauses"}], "errors": [row errors]}.
nlohmann::json ReportCheckAnswer(std::string_view format, const std::vector<Report>& reports,
                                 const std::vector<size_t>& lines, const std::vector<intake::RowError>& errors);

}  // namespace truce::wire
