// The joint review: determinations proposed, cosigned and disputed in the
// register (docs/USER-GUIDE.md, "The joint review"; docs/REGISTER.md, "Review
// entries").
//
// A determination entry proposes, for one incident, the clauses broken, the
// responsible party and the reasons. It is proposed by the center's engine
// (party "center", signed with the log key) or by a party's analyst. Each
// center party's lead then cosigns it or disputes it with reasons, in
// entries of its own. A determination is final when every center party's
// lead has cosigned it; nothing is final on one party's word. A party's
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

enum class Stance { kCosign, kDispute };

struct Position {
  std::string party, signer;
  Stance stance = Stance::kCosign;
  std::string reasons;  // a dispute's
  uint64_t entry = 0;
  Instant at;
};

enum class State { kProposed, kFinal, kDisputed, kSuperseded };
std::string_view StateName(State s);
std::optional<State> ParseState(std::string_view s);

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
