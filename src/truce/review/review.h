// The joint review: determinations proposed, cosigned and disputed in the
// register (docs/USER-GUIDE.md, "The joint review"; docs/REGISTER.md, "Review
// entries").
//
// A determination entry proposes, for one incident, the clauses broken, the
// responsible party and the reasons. It is proposed by the center's engine
// (party "center", signed with the log key) or by a party's analyst. Each
// center party's lead then cosigns it, disputes it with reasons, or says
// with reasons that the center cannot establish what happened
// ("unverifiable"), in entries of its own. A determination is final when
// every center party's lead has cosigned it; nothing is final on one
// party's word (the rule is ReviewState, below). A party's
// later entry on the same determination replaces its earlier position, and
// both stay in the register. A newer determination of the same incident
// supersedes the older one (a report joined the incident, say): the older
// one's positions stay as they were. Which entry is "later" is what each
// entry's `previous` says (reg::ReviewChain), not only log order: a copy of
// an old position, or of an old determination, changes nothing.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "truce/core/status.h"
#include "truce/register/entry.h"
#include "truce/register/review_entries.h"

namespace truce::review {

enum class Stance { kCosign, kDispute, kUnverifiable };
// The position as the wire gives it: "cosigned", "disputed", "unverifiable".
std::string_view StanceName(Stance s);

struct Position {
  std::string party, signer;
  Stance stance = Stance::kCosign;
  std::string reasons;  // a dispute's or an unverifiable's
  uint64_t entry = 0;
  Instant at;
};

enum class State { kProposed, kFinal, kDisputed, kSuperseded, kUnverifiable };
std::string_view StateName(State s);
std::optional<State> ParseState(std::string_view s);
// "proposed, final, disputed, unverifiable or superseded", for messages.
std::string StateList();

// The review's rule, the one place it is written (docs/REGISTER.md,
// "Reading the review"), from each center party's current position:
//   every party cosigned                      → final (and stays final when superseded);
//   else a newer determination replaced it    → superseded;
//   else any party disputes                   → disputed;
//   else every party has taken a position     → unverifiable (at least one said so);
//   else                                      → proposed.
// A party absent from `positions` has taken none yet.
State ReviewState(const std::vector<std::string>& center_parties, const std::map<std::string, Position>& positions,
                  bool superseded);

struct DeterminationRecord {
  uint64_t entry = 0;  // its register index
  std::string incident;
  std::string party, signer;  // who proposed it
  Instant at;
  nlohmann::json body;
  std::optional<uint64_t> superseded_by;
  std::map<std::string, Position> positions;  // each party's current position
  std::vector<Position> history;              // every position, in log order
};

// A determination as the ledger has it now, copied out for readers that do
// not hold the ledger: its record, its state, and the center's parties in
// order (each one's position is in record.positions, or still awaited).
struct DeterminationView {
  DeterminationRecord record;
  State state = State::kProposed;
  std::vector<std::string> center_parties;
};

class Ledger {
 public:
  explicit Ledger(std::vector<std::string> center_parties) : center_parties_(std::move(center_parties)) {}

  // Applies a review entry at register index `index`, in log order. Other
  // kinds are ignored. An entry the chain does not admit (a cosign or
  // dispute of an unknown determination or naming another incident, a
  // stale `previous`, a repeat) is refused and changes nothing.
  Status Apply(uint64_t index, const reg::Entry& e);

  const DeterminationRecord* Find(uint64_t index) const;
  // The newest determination of an incident.
  const DeterminationRecord* Latest(const std::string& incident) const;
  State StateOf(const DeterminationRecord& d) const;
  // Whether `d` is proposed and `party` has taken no position on it: it is
  // in that party lead's review queue.
  bool Awaits(const DeterminationRecord& d, const std::string& party) const;
  bool IsCenterParty(std::string_view party) const;
  // Every determination, oldest first.
  const std::map<uint64_t, DeterminationRecord>& all() const { return records_; }
  const std::vector<std::string>& center_parties() const { return center_parties_; }

  // The record with its state now (wire/findings.h writes it out).
  DeterminationView View(const DeterminationRecord& d) const;

 private:
  std::vector<std::string> center_parties_;
  std::map<uint64_t, DeterminationRecord> records_;
  std::unordered_map<std::string, uint64_t> latest_;  // incident → newest determination
  reg::ReviewChain chain_;
};

}  // namespace truce::review
