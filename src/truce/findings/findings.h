// Findings: the store's reports fused into incidents, each with its
// proposed determination. Reproducible: the same reports give the same
// findings, whatever order they came in (fusion/fusion.h).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "truce/adjudicate/determination.h"
#include "truce/center/center.h"
#include "truce/fusion/fusion.h"

namespace truce {

struct Finding {
  fusion::Incident incident;
  adjudicate::Determination determination;
  std::vector<std::string> source_ids;  // each report's id from its source, as incident.reports
  // The mission's zones holding the fused place during the incident's time,
  // by id. Not in FindingBody: it follows from the place, which is.
  std::vector<std::string> zones;
};

// The finding of each group of fusion members (Fuser::Groups), with its
// proposed determination; shared out over the cores when there are many.
std::vector<Finding> FindingsOf(const fusion::Fuser& fuser, const std::vector<std::vector<size_t>>& groups,
                                const std::vector<std::string>& source_ids, const Mission& mission,
                                const Tagger& tagger, const adjudicate::Attributor& attributor);

// Every report in the store, fused; `progress(done, total)` as reports load.
Result<std::vector<Finding>> FindAll(Center& center, const std::function<void(size_t, size_t)>& progress = nullptr);

// The finding as the center states it in a determination entry (docs/REGISTER.md,
// "Review entries"): {"incident", "reports": [source ids], "report_ids": [center
// ids], "responsible", "clauses", "category", "time", "location",
// "corroboration", "contested", ...}. Register content, signed and digested
// (LiveFindings compares a new finding with the one on record by it), so it is
// built here beside the findings; wire/findings.h gives it out as it is.
nlohmann::json FindingBody(const Finding& f);

}  // namespace truce
