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

Result<Score> ScoreFindings(const Mission& mission, std::string_view truth_jsonl, std::string_view events_jsonl,
                            std::string_view incidents_jsonl);

// A few lines for people; Markdown table rows for docs/ACCURACY.md.
std::string FormatScore(const Score& s);

}  // namespace truce::sim
