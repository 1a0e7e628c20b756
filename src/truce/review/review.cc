#include "truce/review/review.h"

#include <algorithm>
#include <iterator>

namespace truce::review {

std::string_view StateName(State s) {
  switch (s) {
    case State::kProposed:
      return "proposed";
    case State::kFinal:
      return "final";
    case State::kDisputed:
      return "disputed";
    case State::kSuperseded:
      return "superseded";
    case State::kUnverifiable:
      return "unverifiable";
  }
  return "proposed";
}

namespace {
constexpr State kStates[] = {State::kProposed, State::kFinal, State::kDisputed, State::kUnverifiable,
                             State::kSuperseded};
}  // namespace

std::optional<State> ParseState(std::string_view s) {
  for (State st : kStates) {
    if (StateName(st) == s) return st;
  }
  return std::nullopt;
}

std::string StateList() {
  std::string out;
  for (size_t i = 0; i < std::size(kStates); ++i) {
    out += (i == 0 ? "" : i + 1 == std::size(kStates) ? " or " : ", ") + std::string(StateName(kStates[i]));
  }
  return out;
}

std::string_view StanceName(Stance s) {
  switch (s) {
    case Stance::kCosign:
      return "cosigned";
    case Stance::kDispute:
      return "disputed";
    case Stance::kUnverifiable:
      return "unverifiable";
  }
  return "cosigned";
}

// A final determination stays final: it is what the parties agreed. Any
// other one that a newer determination replaced is superseded, whatever the
// positions on it (they stay on record). A dispute outweighs the rest: one
// party's "unverifiable" does not hide another's dispute. "Unverifiable"
// needs every party's word, as "final" does: one party cannot close the
// review alone by saying it cannot be established.
State ReviewState(const std::vector<std::string>& center_parties, const std::map<std::string, Position>& positions,
                  bool superseded) {
  bool all_cosigned = !center_parties.empty(), all_taken = !center_parties.empty(), disputed = false;
  for (const std::string& p : center_parties) {
    auto it = positions.find(p);
    if (it == positions.end()) {
      all_cosigned = all_taken = false;
      continue;
    }
    if (it->second.stance != Stance::kCosign) all_cosigned = false;
    if (it->second.stance == Stance::kDispute) disputed = true;
  }
  if (all_cosigned) return State::kFinal;
  if (superseded) return State::kSuperseded;
  if (disputed) return State::kDisputed;
  return all_taken ? State::kUnverifiable : State::kProposed;
}

Status Ledger::Apply(uint64_t index, const reg::Entry& e) {
  if (!reg::IsReviewKind(e.kind)) return Status::Ok();
  TRUCE_RETURN_IF_ERROR(reg::CheckReviewBody(e, reg::ReviewBodyRules::kLogged));
  TRUCE_RETURN_IF_ERROR(chain_.Admit(index, e));
  chain_.Apply(index, e);
  std::string incident = e.body["incident"].get<std::string>();
  if (e.kind == reg::kind::kDetermination) {
    DeterminationRecord d;
    d.entry = index;
    d.incident = incident;
    d.party = e.party;
    d.signer = e.signer;
    d.at = e.signed_at;
    d.body = e.body;
    if (auto it = latest_.find(incident); it != latest_.end()) records_[it->second].superseded_by = index;
    latest_[incident] = index;
    records_.emplace(index, std::move(d));
    return Status::Ok();
  }
  DeterminationRecord& d = records_.at(reg::ReferencedDetermination(e));  // the chain admitted it: it exists
  auto reasons = e.body.find("reasons");
  Position p{e.party,
             e.signer,
             e.kind == reg::kind::kCosign    ? Stance::kCosign
             : e.kind == reg::kind::kDispute ? Stance::kDispute
                                             : Stance::kUnverifiable,
             reasons != e.body.end() && reasons->is_string() ? reasons->get<std::string>() : "",
             index,
             e.signed_at};
  d.positions[e.party] = p;
  d.history.push_back(std::move(p));
  return Status::Ok();
}

const DeterminationRecord* Ledger::Find(uint64_t index) const {
  auto it = records_.find(index);
  return it == records_.end() ? nullptr : &it->second;
}

const DeterminationRecord* Ledger::Latest(const std::string& incident) const {
  auto it = latest_.find(incident);
  return it == latest_.end() ? nullptr : Find(it->second);
}

State Ledger::StateOf(const DeterminationRecord& d) const {
  return ReviewState(center_parties_, d.positions, d.superseded_by.has_value());
}

bool Ledger::Awaits(const DeterminationRecord& d, const std::string& party) const {
  return !d.positions.count(party) && StateOf(d) == State::kProposed;
}

bool Ledger::IsCenterParty(std::string_view party) const {
  return std::find(center_parties_.begin(), center_parties_.end(), party) != center_parties_.end();
}

DeterminationView Ledger::View(const DeterminationRecord& d) const { return {d, StateOf(d), center_parties_}; }

}  // namespace truce::review
