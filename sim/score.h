// Scoring findings against a scenario's ground truth (docs/ACCURACY.md).
//
// Everything is read from the plain files, so the same numbers come out for
// anyone's incidents: truth.jsonl ({"report", "event", "party"}),
// events.jsonl ({"event", "clauses", ...}) and incidents as JSONL
// ({"incident", "reports": [ids], "responsible", "clauses": [ids]}).
//
// * Clustering: B-cubed precision and recall over reports; a report of an
//   invented event is its own event.
// * Attribution: an incident stands for the event most of its reports
//   describe. Accuracy is over incidents given a responsible party; the
//   undetermined share is over incidents of real events.
// * Violations: per clause kind, an incident's clause is right when its
//   event broke that clause; an event's broken clause is found when an
//   incident standing for it names the clause. Events no source reported
//   cannot be found and are left out (their number is given).
#pragma once

#include <map>
#include <string>

#include "truce/core/status.h"
#include "truce/mission/mission.h"

namespace truce::sim {

struct ClauseScore {
  size_t asserted = 0, asserted_right = 0;  // precision = right / asserted
  size_t truth = 0, found = 0;              // recall = found / truth
};

struct Score {
  size_t reports = 0, incidents = 0, events_reported = 0, events_unreported = 0;
  double bcubed_precision = 0, bcubed_recall = 0;
  size_t attributed = 0, attributed_right = 0;
  size_t real_incidents = 0, undetermined = 0;
  std::map<std::string, ClauseScore> by_kind;  // clause kind name → counts
};

Result<Score> ScoreFindings(const Mission& mission, std::string_view truth_jsonl, std::string_view events_jsonl,
                            std::string_view incidents_jsonl);

// A few lines for people; Markdown table rows for docs/ACCURACY.md.
std::string FormatScore(const Score& s);

}  // namespace truce::sim
