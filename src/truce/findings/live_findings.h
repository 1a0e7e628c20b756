// LiveFindings: the incidents and the joint review, kept current while the
// center runs (truce serve).
//
// A thread follows the store and the register: each new report joins the
// incremental fusion (fusion/fusion.h), and each changed incident gets its
// proposed determination worked out again. When an incident has been quiet
// for `settle_ms` and its finding differs from the last one proposed, the
// center proposes it: a determination entry signed with the log key. So
// every incident, broken clause or not, is on the record as the center
// found it, reproducible from the reports the entry lists. Review entries (cosign, dispute, unverifiable), from whoever
// wrote them, update the ledger; patrol entries, the patrol board
// (patrol_board.h). Every change is an event for GET /v1/events.
//
// Reports written by another process (truce ingest beside truce serve)
// are found the same way, by following the store.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "truce/core/thread_annotations.h"
#include "truce/core/timed_condition.h"

#include "truce/adjudicate/determination.h"
#include "truce/center/center.h"
#include "truce/findings/airspace_board.h"
#include "truce/findings/findings.h"
#include "truce/findings/incident_map.h"
#include "truce/findings/patrol_board.h"
#include "truce/fusion/fusion.h"
#include "truce/review/review.h"

namespace truce {

struct LiveOptions {
  int64_t poll_ms = 500;       // how often the store is looked at, at most (by the center's clock)
  int64_t settle_ms = 30'000;  // quiet time before an incident's finding is proposed
  bool propose = true;         // false: follow only (a read-only server)
};

struct IncidentFilter {
  std::string category, responsible, clause, state;  // state: a review state, or "none"
  std::string zone;                                  // a zone of the mission (Finding::zones)
  std::string corroboration;                         // fusion::CorroborationName
  std::optional<int64_t> from_ms, to_ms;             // fused time overlaps [from, to]
  std::optional<geo::BoundingBox> bbox;              // the fused place is inside (edges included)
  bool contested_only = false;
  size_t limit = 100;
  size_t offset = 0;
};

// One incident as the center sees it now: its finding and, once one has
// been proposed, its newest determination as the review has it.
struct IncidentRecord {
  Finding finding;
  std::optional<review::DeterminationView> determination;
};

struct IncidentPage {
  size_t total = 0;       // incidents matching the filter; `incidents` is the page asked for
  bool complete = false;  // false while the reports stored before the start are still being fused
  std::vector<IncidentRecord> incidents;
};

// One incident and every determination of it, oldest first.
struct IncidentHistory {
  IncidentRecord incident;
  std::vector<review::DeterminationView> determinations;
};

// What an event says: an incident new or changed, an incident gone (its
// reports now belong to others), a determination proposed or reviewed, or
// the catch-up at start done (with how many incidents it found).
struct IncidentRemoved {
  std::string incident;
};
struct CatchUpComplete {
  size_t incidents = 0;
};
// A patrol planned, agreed, under way or ended (without its track), and an
// alert one of its vehicles raised.
struct PatrolAlertEvent {
  std::string patrol;
  patrol::Alert alert;
};
// A flight notice filed, and a flight seen without one.
struct FlightAlertEvent {
  FlightRecord flight;
};
using FindingEvent = std::variant<IncidentRecord, IncidentRemoved, review::DeterminationView, CatchUpComplete,
                                  PatrolRecord, PatrolAlertEvent, NoticeRecord, FlightAlertEvent>;

class LiveFindings {
 public:
  struct Event {
    uint64_t seq = 0;
    FindingEvent what;  // as it was when the event happened
  };

  static Result<std::unique_ptr<LiveFindings>> Start(Center* center, LiveOptions options);
  ~LiveFindings();

  // Look now rather than at the next poll. Every commit to the center's
  // register does this (Registrar::OnCommit).
  void Poke();
  // Blocks until the findings have caught up with everything committed
  // before the call (for tests and the CLI).
  void Sync();

  // Incidents, newest first, each with its current determination;
  // "complete" is false while the reports stored before the start are still
  // being fused.
  IncidentPage Incidents(const IncidentFilter& filter) const;
  // The dashboard's map of the incidents matching `filter` (its limit and
  // offset unused), clustered for the query's zoom (incident_map.h).
  IncidentMap Map(const IncidentFilter& filter, const MapQuery& query) const;
  // Matching incidents counted by their start time; the span defaults to
  // that of the matching incidents.
  IncidentTimeline Timeline(const IncidentFilter& filter, const TimelineQuery& query) const;
  // One incident and every determination of it; NotFound.
  Result<IncidentHistory> Incident(const std::string& id) const;
  // Determinations in a state ("" for all), newest first.
  std::vector<review::DeterminationView> Determinations(const std::string& state, size_t limit) const;
  // A lead's review queue: the proposed determinations on which `party` has
  // taken no position, oldest first. InvalidArgument if `party` is not a
  // center party.
  Result<std::vector<review::DeterminationView>> Awaiting(const std::string& party, size_t limit) const;
  Result<review::DeterminationView> Determination(uint64_t entry) const;

  // The joint patrols, read from the register as it is followed. Reads go
  // to the board; fixes go through AddPatrolFixes, so that what they change
  // is an event.
  const PatrolBoard& patrols() const { return *patrols_; }
  Result<FixesResult> AddPatrolFixes(const std::string& patrol, const std::vector<patrol::Fix>& fixes);
  // The flight notices, read from the register likewise; tracks go through
  // AddFlightTracks, so that each flight without notice is an event.
  const AirspaceBoard& airspace() const { return *airspace_; }
  Result<std::vector<FlightRecord>> AddFlightTracks(std::vector<patrol::FlightTrack> tracks);

  // Events after `seq`, waiting up to `wait_ms` for one; stops waiting when
  // the service stops.
  std::vector<Event> EventsAfter(uint64_t seq, int64_t wait_ms) const;
  uint64_t last_seq() const;

 private:
  struct View {
    Finding finding;
    std::vector<size_t> members;
    int64_t changed_ms = 0;       // wall clock of the last change
    std::string proposed_digest;  // of the last finding proposed for it
    // The review state of its newest determination ("none" without one),
    // kept as review entries arrive: a map or filter over every incident
    // reads it here instead of looking each one up in the ledger.
    std::string_view review_state = "none";
  };

  LiveFindings(Center* center, LiveOptions options, const Tagger* tagger);
  void Loop();
  Status CatchUpAtStart();
  Status Step();
  Status FollowReports();
  Status FollowRegister();
  Status ProposeSettled();
  void Refresh(const std::vector<size_t>& touched) TRUCE_REQUIRES(mu_);
  IncidentRecord RecordOf(const View& v) const TRUCE_REQUIRES(mu_);
  std::string_view ReviewStateOf(const std::string& incident) const TRUCE_REQUIRES(mu_);
  // Calls fn(view, state name) for each incident the filter admits (all
  // but its limit and offset), in id order.
  template <typename F>
  void ForEachMatch(const IncidentFilter& filter, F fn) const TRUCE_REQUIRES(mu_);
  void Emit(FindingEvent what) TRUCE_REQUIRES(mu_);
  // A patrol entry read from the register: to the board, and its change out.
  void ApplyPatrolEntry(uint64_t index, const reg::Entry& e) TRUCE_REQUIRES(mu_);
  static std::string FindingDigest(const nlohmann::json& finding);

  Center* center_;
  LiveOptions options_;
  const Tagger* tagger_;
  adjudicate::Attributor attributor_;

  mutable Mutex mu_;
  mutable std::condition_variable_any events_cv_;
  fusion::Fuser fuser_ TRUCE_GUARDED_BY(mu_);
  std::vector<std::string> incident_of_ TRUCE_GUARDED_BY(mu_);  // member → incident id
  std::vector<std::string> source_ids_ TRUCE_GUARDED_BY(mu_);   // member → its source's report id
  std::map<std::string, View> incidents_ TRUCE_GUARDED_BY(mu_);
  // Incidents changed since their finding was last compared with what was
  // proposed: the only ones ProposeSettled looks at.
  std::set<std::string> unproposed_ TRUCE_GUARDED_BY(mu_);
  review::Ledger ledger_ TRUCE_GUARDED_BY(mu_);
  std::unique_ptr<PatrolBoard> patrols_;     // locks itself; applied to under mu_, in log order
  std::unique_ptr<AirspaceBoard> airspace_;  // likewise
  std::deque<Event> events_ TRUCE_GUARDED_BY(mu_);
  uint64_t seq_ TRUCE_GUARDED_BY(mu_) = 0;
  int64_t last_report_id_ TRUCE_GUARDED_BY(mu_) = 0;
  uint64_t register_cursor_ TRUCE_GUARDED_BY(mu_) = 0;

  Mutex wake_mu_;
  TimedCondition wake_cv_;  // on the center's clock: a ManualClock's Advance wakes it
  bool poked_ TRUCE_GUARDED_BY(wake_mu_) = false;
  uint64_t passes_ TRUCE_GUARDED_BY(wake_mu_) = 0;         // completed steps
  uint64_t wanted_passes_ TRUCE_GUARDED_BY(wake_mu_) = 0;  // by Sync: no wait before them
  std::condition_variable_any pass_cv_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> ready_{false};  // the store as it was at start is in
  std::atomic<bool> quiet_{false};  // catching up: no events
  std::thread thread_;
  // Pokes the thread after every commit; goes first in the destructor.
  std::unique_ptr<Registrar::Subscription> on_commit_;
};

}  // namespace truce
