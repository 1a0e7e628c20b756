// What a write is answered with (docs/API.md, "Writing"): the reports and
// entries stored, the repeats, the refused lines and the register after it.
#pragma once

#include <nlohmann/json.hpp>

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

}  // namespace truce::wire
