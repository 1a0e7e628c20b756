// The bodies of the joint review's entries (docs/REGISTER.md, "Review
// entries"), and the order they must keep: what the server refuses at
// write time and `truce verify` flags in an export. The replay of the
// review's states is review/review.h.
//
//   determination: {"incident": ID, "report_entries": [register indexes], "finding": {...},
//                   "previous": INDEX|null}
//   cosign:        {"determination": INDEX, "incident": ID, "previous": INDEX|null}
//   dispute:       {"determination": INDEX, "incident": ID, "reasons": TEXT, "previous": INDEX|null}
//   unverifiable:  {"determination": INDEX, "incident": ID, "reasons": TEXT, "previous": INDEX|null}
//
// cosign, dispute and unverifiable are a party's positions on a
// determination; they share one chain per party and determination, so a
// party may move from one to another.
//
// `previous` chains each party's positions on a determination, and each
// incident's determinations: an entry says which one it follows, so a copy
// of an old position, or an old determination signed again, is refused
// instead of coming back as the newest.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "truce/core/status.h"
#include "truce/register/entry.h"

namespace truce::reg {

// A party lead's position on a determination.
inline bool IsPositionKind(std::string_view k) {
  return k == kind::kCosign || k == kind::kDispute || k == kind::kUnverifiable;
}
inline bool IsReviewKind(std::string_view k) { return k == kind::kDetermination || IsPositionKind(k); }
// Every review kind, for readers that fetch them by kind.
inline constexpr std::string_view kReviewKinds[] = {kind::kDetermination, kind::kCosign, kind::kDispute,
                                                    kind::kUnverifiable};

// A new entry must state `previous`; one read from a log may lack it, if
// it was written before the chain (docs/REGISTER.md, "Older registers").
enum class ReviewBodyRules { kNewEntry, kLogged };

// Whether a review entry's body has its shape; the message names the field.
Status CheckReviewBody(const Entry& e, ReviewBodyRules rules);
// The determination a position (cosign, dispute, unverifiable) is about.
uint64_t ReferencedDetermination(const Entry& e);

// What a review entry says came before it: for a position, its
// party's position on the determination; for a determination, the
// incident's newest determination.
struct Previous {
  bool stated = false;            // false: no "previous" member (a body from before the chain)
  std::optional<uint64_t> index;  // nullopt: "previous": null, there was none
};
Previous PreviousOf(const Entry& e);

nlohmann::json DeterminationBody(const std::string& incident, nlohmann::json report_entries, nlohmann::json finding,
                                 std::optional<uint64_t> previous);
nlohmann::json CosignBody(uint64_t determination, const std::string& incident, std::optional<uint64_t> previous);
nlohmann::json DisputeBody(uint64_t determination, const std::string& incident, const std::string& reasons,
                           std::optional<uint64_t> previous);
nlohmann::json UnverifiableBody(uint64_t determination, const std::string& incident, const std::string& reasons,
                                std::optional<uint64_t> previous);

// That each of an entry's report_entries (a determination's, a patrol
// outcome's) is a report entry earlier in the log than `index`. `kind_of` gives an entry's kind, "" for none.
Status CheckReportEntries(uint64_t index, const Entry& determination,
                          const std::function<Result<std::string>(uint64_t)>& kind_of);

// The order of the review: each party's current position on each
// determination, each incident's newest determination. The registrar (at
// write time), the ledger (the live review) and the audit (truce verify)
// replay the same chain, so they agree on what a review entry changes.
//
// The rule for registers written before `previous` existed: a body without
// it is read in log order (the last one wins) only until the first review
// entry that states `previous`; from then on every review entry must state
// it. A new entry always must (ReviewBodyRules::kNewEntry).
class ReviewChain {
 public:
  // An undoable chain keeps what it applied since the last Settle(), for
  // Truncate(); a chain only read forward keeps nothing more.
  explicit ReviewChain(bool undoable = false) : undoable_(undoable) {}

  // Whether the review entry `e`, at register index `index`, changes the
  // review. Not, and why:
  //   kAlreadyExists: its bytes were applied before (a replay);
  //   kNotFound / kInvalidArgument: it names no earlier determination of
  //     its incident;
  //   kFailedPrecondition: its `previous` is not the current one, or it has
  //     none once the chain has begun.
  // The body must have its shape (CheckReviewBody).
  Status Admit(uint64_t index, const Entry& e) const;
  // REQUIRES: Admit(index, e).ok(), and index beyond every applied one.
  void Apply(uint64_t index, const Entry& e);

  // Forgets what was applied at `size` and beyond (the writer's undo);
  // only back to the last Settle(). REQUIRES: undoable.
  void Truncate(uint64_t size);
  // What is applied so far stays: no Truncate below it.
  void Settle() { journal_.clear(); }

  std::optional<uint64_t> Position(uint64_t determination, std::string_view party) const;
  std::optional<uint64_t> Newest(std::string_view incident) const;
  // The first review entry that stated `previous`, if any.
  std::optional<uint64_t> chained_since() const { return chained_since_; }

 private:
  struct Applied {
    uint64_t index;
    Hash leaf;
    std::string incident;                   // a determination's
    std::optional<uint64_t> determination;  // a position's
    std::string party;
  };
  std::string LeafKey(const Entry& e) const;

  std::map<uint64_t, std::string> determinations_;  // index → incident
  // Every determination of an incident, and every position of a party on a
  // determination, in log order: the last is the current one.
  std::unordered_map<std::string, std::vector<uint64_t>> newest_;
  std::map<std::pair<uint64_t, std::string>, std::vector<uint64_t>, std::less<>> positions_;
  std::unordered_map<std::string, uint64_t> seen_;  // leaf hash → index, of the review entries applied
  std::optional<uint64_t> chained_since_;
  bool undoable_;
  std::vector<Applied> journal_;  // since the last Settle(), oldest first
};

}  // namespace truce::reg
