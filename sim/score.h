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
// * Coverage (with the reports): of the incidents of real events, those
//   whose reports carried enough to locate who acted, and how many of those
//   name a party, and the right one. An incident is locatable when one of
//   its reports gives a located firing point (a radar's `origin`), two or
//   more give a back-azimuth (`bearing`), or the act it stands for is bound
//   to the ground (an IED, a heavy weapon, an obstruction: its place is the
//   actor's). It says how much of "undetermined" is for want of evidence.
// * Violations: per clause kind, an incident's clause is right when its
//   event broke that clause; an event's broken clause is found when an
//   incident standing for it names the clause. Events no source reported
//   cannot be found and are left out (their number is given).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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
  // Coverage, when the reports were given. Each locatable incident is
  // counted under the first of radar, bearings, ground that applies.
  bool coverage = false;
  size_t locatable = 0, by_radar = 0, by_bearings = 0, by_ground = 0;
  size_t locatable_named = 0, locatable_right = 0;
};

// B-cubed precision and recall of a clustering against the true classes:
// item i is in cluster[i] and truly of class truth[i]. Each item scores the
// share of its cluster that is of its class (precision) and the share of
// its class in its cluster (recall); the scores are the means.
template <typename C, typename T>
std::pair<double, double> BCubed(const std::vector<C>& cluster, const std::vector<T>& truth) {
  std::map<std::pair<C, T>, size_t> both;
  std::map<C, size_t> by_cluster;
  std::map<T, size_t> by_truth;
  for (size_t i = 0; i < cluster.size(); ++i) {
    ++both[{cluster[i], truth[i]}];
    ++by_cluster[cluster[i]];
    ++by_truth[truth[i]];
  }
  double p = 0, r = 0;
  for (size_t i = 0; i < cluster.size(); ++i) {
    double same = double(both[{cluster[i], truth[i]}]);
    p += same / double(by_cluster[cluster[i]]);
    r += same / double(by_truth[truth[i]]);
  }
  if (cluster.empty()) return {0, 0};
  return {p / double(cluster.size()), r / double(cluster.size())};
}

// With `reports_jsonl` (the simulator's reports.jsonl), the coverage is
// measured too.
Result<Score> ScoreFindings(const Mission& mission, std::string_view truth_jsonl, std::string_view events_jsonl,
                            std::string_view incidents_jsonl,
                            std::optional<std::string_view> reports_jsonl = std::nullopt);

// A few lines for people; Markdown table rows for docs/ACCURACY.md.
std::string FormatScore(const Score& s);

}  // namespace truce::sim
