// Incidents, determinations and their events as truce gives them out
// (docs/API.md, "Findings"; `truce incidents`).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "truce/findings/findings.h"
#include "truce/findings/live_findings.h"
#include "truce/review/review.h"
#include "truce/store/store.h"

namespace truce::wire {

// The finding as its determination entry states it (FindingBody): what
// `truce incidents --db` prints for each incident.
nlohmann::json FindingJson(const Finding& f);

// {"entry", "incident", "state", "proposed_by", "report_entries", "finding",
//  "positions": [one per center party: cosigned, disputed or awaited], "superseded_by"}
nlohmann::json DeterminationJson(const review::DeterminationView& d);
// {"determinations": [...]}, as given.
nlohmann::json DeterminationList(const std::vector<review::DeterminationView>& list);

// The finding, its newest "determination" (null if none) and its review
// "state" ("none" if none).
nlohmann::json IncidentJson(const IncidentRecord& r);
// {"total", "complete", "incidents": [...]}
nlohmann::json IncidentPageJson(const IncidentPage& page);
// The incident with "determinations" (every one, oldest first),
// "report_details" (its reports as stored, as ReportJson) and "geometry"
// (what its page draws: IncidentGeometryJson).
nlohmann::json IncidentDetailJson(const IncidentHistory& h, const std::vector<StoredReport>& reports);

// GET /v1/incidents/map: a GeoJSON FeatureCollection with "total",
// "clustered" and "complete"; a cluster's properties are {"cluster": true,
// "count", "states": {state: n}, "bbox": [w, s, e, n]}, a lone incident's
// {"id", "state", "category", "responsible", "corroboration", "contested",
// "time": {start, end}, "uncertainty_m"}.
nlohmann::json IncidentMapJson(const IncidentMap& map);
// GET /v1/incidents/timeline: {"from", "to", "bin_seconds", "counts",
// "states": {state: counts}, "complete"}.
nlohmann::json IncidentTimelineJson(const IncidentTimeline& timeline);

// A server-sent event's name ("incident", "incident_removed",
// "determination", "complete") and its data line (JSON).
std::string EventName(const LiveFindings::Event& e);
std::string EventData(const LiveFindings::Event& e);

}  // namespace truce::wire
