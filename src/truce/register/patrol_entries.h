// The bodies of a joint patrol's entries (docs/REGISTER.md, "Patrol
// entries") and the order they must keep: what the server refuses at write
// time and `truce verify` flags in an export. What a plan says (its route,
// window, vehicles) is patrol/plan.h's to check against the mission; here
// are only the parts that tie the entries together.
//
//   patrol_plan:    {"patrol": ID, "plan": {...}, "previous": INDEX|null}
//   patrol_agree:   {"patrol": ID, "plan": INDEX}
//   patrol_outcome: {"patrol": ID, "plan": INDEX, "outcome": "completed"|"shortened"|"obstructed"|"attacked",
//                    "reached_km": NUMBER, "reasons": TEXT, "report_entries": [INDEX...],
//                    "previous": INDEX|null}
//   flight_notice:  {"notice": ID, ...the notice (patrol/notice.h)}
//
// A plan's `previous` is the patrol's newest plan (a revision replaces it,
// and needs everyone's agreement again); an outcome's is the patrol's
// newest outcome (a correction). The party that files a plan agrees to it
// by signing it; every other party the plan names signs a patrol_agree of
// that very plan entry. An outcome is of the newest plan, once every party
// has agreed to it; after it the patrol's plan is closed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "truce/core/status.h"
#include "truce/register/entry.h"

namespace truce::reg {

// A flight notice keeps the patrols' company: the same writers (a party's
// lead), the same check of its content against the mission before it is
// taken, and one rule of order (a notice's name is used once).
inline bool IsPatrolKind(std::string_view k) {
  return k == kind::kPatrolPlan || k == kind::kPatrolAgree || k == kind::kPatrolOutcome || k == kind::kFlightNotice;
}
inline constexpr std::string_view kPatrolKinds[] = {kind::kPatrolPlan, kind::kPatrolAgree, kind::kPatrolOutcome,
                                                    kind::kFlightNotice};

// What the patrol's outcome was (docs/USER-GUIDE.md, "Patrols").
inline constexpr std::string_view kPatrolOutcomes[] = {"completed", "shortened", "obstructed", "attacked"};

// Whether a patrol entry's body has its shape; the message names the field.
// The plan inside a patrol_plan is only required to be an object here.
Status CheckPatrolBody(const Entry& e);

nlohmann::json PatrolPlanBody(const std::string& patrol, nlohmann::json plan, std::optional<uint64_t> previous);
nlohmann::json PatrolAgreeBody(const std::string& patrol, uint64_t plan);
struct OutcomeFields {
  std::string outcome;  // one of kPatrolOutcomes
  double reached_km = 0;
  std::string reasons;                   // why it ended where it did; may be empty when completed
  std::vector<uint64_t> report_entries;  // the obstruction's or attack's reports
};
nlohmann::json PatrolOutcomeBody(const std::string& patrol, uint64_t plan, const OutcomeFields& o,
                                 std::optional<uint64_t> previous);

// The order of a patrol's entries, replayed the same way by the registrar
// (at write time), the server's patrol board and the audit.
class PatrolChain {
 public:
  explicit PatrolChain(bool undoable = false) : undoable_(undoable) {}

  // Whether `e`, at register index `index`, changes a patrol. Not, and why:
  //   kAlreadyExists: its bytes were applied before (a replay);
  //   kNotFound: it names a plan that is not the patrol's;
  //   kFailedPrecondition: it is out of order (a stale `previous`, a plan
  //     not yet agreed, a party agreeing twice, a plan after the outcome),
  //     or its party is not one of the plan's.
  // The body must have its shape (CheckPatrolBody).
  Status Admit(uint64_t index, const Entry& e) const;
  // REQUIRES: Admit(index, e).ok(), and index beyond every applied one.
  void Apply(uint64_t index, const Entry& e);
  void Truncate(uint64_t size);  // REQUIRES: undoable; back to the last Settle()
  void Settle() { journal_.clear(); }

  struct Patrol {
    std::vector<uint64_t> plans;             // in log order: the last is the current one
    std::vector<std::string> parties;        // the current plan's
    std::map<std::string, uint64_t> agreed;  // party → the entry that agreed to the current plan
    std::vector<uint64_t> outcomes;          // in log order
    bool Agreed() const;
  };
  const Patrol* Find(std::string_view patrol) const;
  // The flight notices by name: the entry that filed each.
  const std::map<std::string, uint64_t, std::less<>>& notices() const { return notices_; }
  const std::map<std::string, Patrol, std::less<>>& patrols() const { return patrols_; }

 private:
  struct Applied {
    uint64_t index;
    std::string leaf;
    std::string patrol;
    std::optional<Patrol> before;  // nullopt: the patrol was new
    bool notice = false;           // a flight notice, named `patrol`
  };
  std::map<std::string, Patrol, std::less<>> patrols_;
  std::map<std::string, uint64_t, std::less<>> notices_;
  std::unordered_map<std::string, uint64_t> seen_;  // leaf hash → index
  bool undoable_;
  std::vector<Applied> journal_;
};

}  // namespace truce::reg
