#include "truce/review/review.h"

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
  }
  return "proposed";
}

std::optional<State> ParseState(std::string_view s) {
  for (State st : {State::kProposed, State::kFinal, State::kDisputed, State::kSuperseded}) {
    if (StateName(st) == s) return st;
  }
  return std::nullopt;
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
             e.kind == reg::kind::kCosign ? Stance::kCosign : Stance::kDispute,
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

// A final determination stays final: it is what the parties agreed. Any
// other one that a newer determination replaced is superseded, whatever the
// positions on it (they stay on record); the rest are disputed or proposed.
State Ledger::StateOf(const DeterminationRecord& d) const {
  bool all = !center_parties_.empty(), disputed = false;
  for (const std::string& p : center_parties_) {
    auto it = d.positions.find(p);
    if (it != d.positions.end() && it->second.stance == Stance::kDispute) disputed = true;
    if (it == d.positions.end() || it->second.stance != Stance::kCosign) all = false;
  }
  if (all) return State::kFinal;
  if (d.superseded_by) return State::kSuperseded;
  return disputed ? State::kDisputed : State::kProposed;
}

DeterminationView Ledger::View(const DeterminationRecord& d) const { return {d, StateOf(d), center_parties_}; }

}  // namespace truce::review
