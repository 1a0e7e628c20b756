// PatrolBoard: the center's joint patrols as they stand (docs/USER-GUIDE.md,
// "Patrols") — each patrol's plan and who has agreed to it, read from the
// register in log order under the patrol chain's rules (register/
// patrol_entries.h); for an agreed patrol, its tracker fed by the vehicles'
// fixes, with its progress and alerts; its outcome; and the coverage of the
// corridor over a period. LiveFindings feeds it the register's patrol
// entries as it follows the register, so its changes are events on the
// same stream as the incidents'.
//
// Fixes are the center's working data, not register entries: kept in the
// store beside the register (Store::AddFixes), and taken again at start.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/thread_annotations.h"
#include "truce/mission/mission.h"
#include "truce/mission/tagger.h"
#include "truce/patrol/coverage.h"
#include "truce/patrol/plan.h"
#include "truce/patrol/tracker.h"
#include "truce/register/entry.h"
#include "truce/register/patrol_entries.h"

namespace truce {

struct PatrolStep {
  uint64_t entry = 0;  // register index
  std::string party, signer;
  Instant at;  // as signed
};

struct PatrolOutcome {
  PatrolStep step;
  std::string outcome;  // completed, shortened, obstructed, attacked
  double reached_km = 0;
  std::string reasons;
  std::vector<uint64_t> report_entries;
};

// One patrol as the board has it now.
struct PatrolRecord {
  std::string id;
  // planned: waiting for a party's agreement; agreed: every party agreed,
  // no fix yet; under_way: fixes coming in; ended: it has an outcome.
  std::string state;
  patrol::PatrolPlan plan;
  PatrolStep planned;                  // the newest plan's entry
  std::vector<uint64_t> revisions;     // every plan entry, oldest first
  std::vector<PatrolStep> agreements;  // of the newest plan, the filing party's first
  std::vector<std::string> waiting_for;
  std::optional<PatrolOutcome> outcome;  // the newest
  geo::Line route;                       // the planned route, as the tracker follows it
  double route_km = 0;
  patrol::Progress progress;
  std::vector<patrol::Alert> alerts;  // oldest first
  std::vector<patrol::Fix> track;     // the fixes taken, in order (only in Find)
};

struct FixesResult {
  size_t taken = 0;
  std::vector<std::pair<size_t, std::string>> refused;  // (position in the batch, why)
  std::vector<patrol::Alert> alerts;                    // raised by this batch
};

class PatrolBoard {
 public:
  // `mission` and `tagger` outlive the board.
  PatrolBoard(const Mission& mission, const Tagger& tagger);

  // A patrol entry at register index `index`, in log order. One the chain
  // does not admit (out of order, a copy) changes nothing: the answer says
  // which patrol changed, if any.
  std::optional<std::string> Apply(uint64_t index, const reg::Entry& e);

  // A batch of fixes of an agreed patrol's vehicles, in the order they were
  // sent. NotFound: no such patrol; FailedPrecondition: not agreed yet, or
  // ended. Each fix the tracker refuses is listed with its reason. `keep`
  // is given the fixes taken, under the board's lock, to store them; if it
  // fails, the batch is undone and its error returned, so what the board
  // shows is what is kept.
  using KeepFixes = std::function<Status(const std::vector<patrol::Fix>& taken)>;
  Result<FixesResult> AddFixes(const std::string& patrol, const std::vector<patrol::Fix>& fixes, const KeepFixes& keep);
  // Fixes kept before a restart, taken again in their order: as AddFixes,
  // but into a patrol that has ended since, and nothing stored.
  Result<FixesResult> ReplayFixes(const std::string& patrol, const std::vector<patrol::Fix>& fixes);
  // Patrols gone silent by `now_ms`, each alert once.
  std::vector<std::pair<std::string, patrol::Alert>> CheckSilence(int64_t now_ms);

  // Every patrol whose window overlaps [from, to] (unbounded when absent),
  // by window start, newest first; without their tracks.
  std::vector<PatrolRecord> List(std::optional<int64_t> from_ms, std::optional<int64_t> to_ms) const;
  Result<PatrolRecord> Find(const std::string& patrol, bool with_track = true) const;

  // Coverage of the mission's patrol road by the patrols whose window
  // overlaps [from, to]: what each drove (from its outcome's reached_km,
  // or its tracker's furthest point while under way) against what each was
  // planned to drive, per kilometre of `road_zone`'s line.
  struct CorridorCoverage {
    std::string road_zone;
    geo::Line road;
    patrol::Coverage coverage;
    size_t patrols = 0;
  };
  Result<CorridorCoverage> Coverage(std::optional<int64_t> from_ms, std::optional<int64_t> to_ms) const;

 private:
  struct Patrol {
    std::optional<patrol::CheckedPlan> checked;  // of the newest plan
    std::optional<patrol::Tracker> tracker;      // once agreed
    PatrolRecord record;
  };
  PatrolRecord Summary(const Patrol& p, bool with_track) const TRUCE_REQUIRES(mu_);
  Result<FixesResult> Take(const std::string& patrol, const std::vector<patrol::Fix>& fixes, const KeepFixes* keep);
  void Restate(Patrol& p) const TRUCE_REQUIRES(mu_);

  const Mission& mission_;
  const Tagger& tagger_;
  patrol::TrackSettings settings_;
  mutable Mutex mu_;
  reg::PatrolChain chain_ TRUCE_GUARDED_BY(mu_);
  std::map<std::string, Patrol, std::less<>> patrols_ TRUCE_GUARDED_BY(mu_);
};

}  // namespace truce
