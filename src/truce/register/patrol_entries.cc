#include "truce/register/patrol_entries.h"

#include <algorithm>
#include <cmath>

namespace truce::reg {
namespace {

using nlohmann::json;

bool IsIndex(const json& v) { return v.is_number_unsigned() || (v.is_number_integer() && v.get<int64_t>() >= 0); }

std::optional<uint64_t> IndexAt(const json& b, const char* key) {
  auto it = b.find(key);
  if (it == b.end() || !IsIndex(*it)) return std::nullopt;
  return it->get<uint64_t>();
}

json Nullable(std::optional<uint64_t> i) { return i ? json(*i) : json(); }

std::string LeafKey(const Entry& e) {
  Hash h = e.leaf_hash();
  return std::string(reinterpret_cast<const char*>(h.data()), h.size());
}

std::string At(uint64_t i) { return "entry " + std::to_string(i); }

}  // namespace

Status CheckPatrolBody(const Entry& e) {
  const json& b = e.body;
  if (!b.is_object()) return Status::Invalid("body: a patrol entry's body is an object");
  if (e.kind == kind::kFlightNotice) {
    // The rest of the notice is patrol/notice.h's to read, with the mission.
    auto notice = b.find("notice");
    if (notice == b.end() || !notice->is_string() || notice->get<std::string>().empty() ||
        notice->get<std::string>().size() > 64) {
      return Status::Invalid("body.notice: name the notice (up to 64 characters)");
    }
    return Status::Ok();
  }
  const bool plan = e.kind == kind::kPatrolPlan, outcome = e.kind == kind::kPatrolOutcome;
  for (const auto& [name, value] : b.items()) {
    bool known =
        name == "patrol" || name == "plan" || (name == "previous" && !(e.kind == kind::kPatrolAgree)) ||
        (outcome && (name == "outcome" || name == "reached_km" || name == "reasons" || name == "report_entries"));
    if (!known) return Status::Invalid("body." + name.substr(0, 40) + ": not a field of a " + e.kind + " entry");
  }
  auto patrol = b.find("patrol");
  if (patrol == b.end() || !patrol->is_string() || patrol->get<std::string>().empty() ||
      patrol->get<std::string>().size() > 64) {
    return Status::Invalid("body.patrol: name the patrol (the plan's \"patrol\", up to 64 characters)");
  }
  auto p = b.find("plan");
  if (plan ? (p == b.end() || !p->is_object()) : (p == b.end() || !IsIndex(*p))) {
    return Status::Invalid(plan ? "body.plan: the plan, an object"
                                : "body.plan: the register index of the patrol_plan entry");
  }
  if (e.kind != kind::kPatrolAgree) {
    auto previous = b.find("previous");
    if (previous == b.end() || !(previous->is_null() || IsIndex(*previous))) {
      return Status::Invalid(
          plan ? "body.previous: the register index of the patrol's newest plan, or null for its first"
               : "body.previous: the register index of the patrol's newest outcome, or null for "
                 "its first");
    }
  }
  if (!outcome) return Status::Ok();
  auto o = b.find("outcome");
  if (o == b.end() || !o->is_string() ||
      std::find(std::begin(kPatrolOutcomes), std::end(kPatrolOutcomes), o->get<std::string>()) ==
          std::end(kPatrolOutcomes)) {
    return Status::Invalid("body.outcome: one of completed, shortened, obstructed, attacked");
  }
  const std::string what = o->get<std::string>();
  auto reached = b.find("reached_km");
  if (reached == b.end() || !reached->is_number() || !(reached->get<double>() >= 0) ||
      !std::isfinite(reached->get<double>())) {
    return Status::Invalid("body.reached_km: how far along the route the patrol got, in kilometres (≥ 0)");
  }
  auto reasons = b.find("reasons");
  if (reasons != b.end() && !reasons->is_string()) return Status::Invalid("body.reasons: words, a string");
  if (what != "completed" && (reasons == b.end() || reasons->get<std::string>().empty())) {
    return Status::Invalid("body.reasons: a patrol that was " + what + " says why, in words");
  }
  auto reports = b.find("report_entries");
  if (reports != b.end()) {
    if (!reports->is_array() || reports->size() > 100) {
      return Status::Invalid("body.report_entries: a list of up to 100 register indexes");
    }
    for (const auto& r : *reports) {
      if (!IsIndex(r)) return Status::Invalid("body.report_entries: each is a register index (a whole number ≥ 0)");
    }
  }
  if ((what == "obstructed" || what == "attacked") && (reports == b.end() || reports->empty())) {
    return Status::Invalid("body.report_entries: a patrol that was " + what +
                           " cites the report of what happened (file it first, then the outcome)");
  }
  return Status::Ok();
}

json PatrolPlanBody(const std::string& patrol, json plan, std::optional<uint64_t> previous) {
  return {{"patrol", patrol}, {"plan", std::move(plan)}, {"previous", Nullable(previous)}};
}

json PatrolAgreeBody(const std::string& patrol, uint64_t plan) { return {{"patrol", patrol}, {"plan", plan}}; }

json PatrolOutcomeBody(const std::string& patrol, uint64_t plan, const OutcomeFields& o,
                       std::optional<uint64_t> previous) {
  json b = {{"patrol", patrol},
            {"plan", plan},
            {"outcome", o.outcome},
            {"reached_km", std::round(o.reached_km * 1000) / 1000},
            {"previous", Nullable(previous)}};
  if (!o.reasons.empty()) b["reasons"] = o.reasons;
  if (!o.report_entries.empty()) b["report_entries"] = o.report_entries;
  return b;
}

bool PatrolChain::Patrol::Agreed() const {
  return std::all_of(parties.begin(), parties.end(), [&](const std::string& p) { return agreed.count(p) > 0; });
}

const PatrolChain::Patrol* PatrolChain::Find(std::string_view patrol) const {
  auto it = patrols_.find(patrol);
  return it == patrols_.end() ? nullptr : &it->second;
}

Status PatrolChain::Admit(uint64_t index, const Entry& e) const {
  (void)index;
  if (auto it = seen_.find(LeafKey(e)); it != seen_.end()) {
    return Status::Exists("it repeats " + At(it->second) + " byte for byte");
  }
  if (e.kind == kind::kFlightNotice) {
    const std::string& id = e.body["notice"].get_ref<const std::string&>();
    if (auto n = notices_.find(id); n != notices_.end()) {
      return Status::Precondition("flight notice " + id + " was filed already (" + At(n->second) +
                                  "); a change is a new notice under a new name");
    }
    return Status::Ok();
  }
  const std::string& id = e.body["patrol"].get_ref<const std::string&>();
  const Patrol* p = Find(id);
  if (e.kind == kind::kPatrolPlan) {
    std::optional<uint64_t> previous = IndexAt(e.body, "previous");
    std::optional<uint64_t> newest = p ? std::optional<uint64_t>(p->plans.back()) : std::nullopt;
    if (p && !p->outcomes.empty()) {
      return Status::Precondition("patrol " + id + " has ended (its outcome is " + At(p->outcomes.back()) +
                                  "); plan a new patrol under a new name");
    }
    if (previous != newest) {
      return Status::Precondition(newest ? "patrol " + id + "'s newest plan is " + At(*newest) +
                                               "; a revision names it as previous"
                                         : "patrol " + id + " has no plan yet; its first plan's previous is null");
    }
    auto parties = e.body["plan"].find("parties");
    if (parties == e.body["plan"].end() || !parties->is_array() ||
        std::none_of(parties->begin(), parties->end(), [&](const json& x) { return x == e.party; })) {
      return Status::Precondition("a plan is filed by one of the parties it names; " + e.party + " is not among them");
    }
    return Status::Ok();
  }
  const uint64_t plan = *IndexAt(e.body, "plan");
  if (!p || std::find(p->plans.begin(), p->plans.end(), plan) == p->plans.end()) {
    return Status::NotFound(At(plan) + " is not a plan of patrol " + id);
  }
  if (plan != p->plans.back()) {
    return Status::Precondition(At(plan) + " was revised: patrol " + id + "'s plan is now " + At(p->plans.back()));
  }
  if (std::find(p->parties.begin(), p->parties.end(), e.party) == p->parties.end()) {
    return Status::Precondition(e.party + " is not a party to patrol " + id);
  }
  if (e.kind == kind::kPatrolAgree) {
    if (!p->outcomes.empty()) return Status::Precondition("patrol " + id + " has ended; there is nothing to agree to");
    if (auto a = p->agreed.find(e.party); a != p->agreed.end()) {
      return Status::Precondition(e.party + " agreed to " + At(plan) + " already (" + At(a->second) + ")");
    }
    return Status::Ok();
  }
  // An outcome.
  if (!p->Agreed()) {
    std::string missing;
    for (const std::string& party : p->parties) {
      if (!p->agreed.count(party)) missing += (missing.empty() ? "" : ", ") + party;
    }
    return Status::Precondition("patrol " + id + "'s plan is not agreed yet (waiting for " + missing +
                                "): a patrol that was never agreed has no outcome");
  }
  std::optional<uint64_t> previous = IndexAt(e.body, "previous");
  std::optional<uint64_t> newest = p->outcomes.empty() ? std::nullopt : std::optional<uint64_t>(p->outcomes.back());
  if (previous != newest) {
    return Status::Precondition(newest ? "patrol " + id + "'s newest outcome is " + At(*newest) +
                                             "; a correction names it as previous"
                                       : "patrol " + id + " has no outcome yet; its first outcome's previous is null");
  }
  return Status::Ok();
}

void PatrolChain::Apply(uint64_t index, const Entry& e) {
  if (e.kind == kind::kFlightNotice) {
    const std::string& id = e.body["notice"].get_ref<const std::string&>();
    if (undoable_) journal_.push_back({index, LeafKey(e), id, std::nullopt, true});
    seen_.emplace(LeafKey(e), index);
    notices_.emplace(id, index);
    return;
  }
  const std::string& id = e.body["patrol"].get_ref<const std::string&>();
  auto it = patrols_.find(id);
  if (undoable_) {
    journal_.push_back(
        {index, LeafKey(e), id, it == patrols_.end() ? std::nullopt : std::optional<Patrol>(it->second)});
  }
  seen_.emplace(LeafKey(e), index);
  Patrol& p = patrols_[id];
  if (e.kind == kind::kPatrolPlan) {
    p.plans.push_back(index);
    p.parties.clear();
    for (const auto& x : e.body["plan"]["parties"]) {
      if (x.is_string()) p.parties.push_back(x.get<std::string>());
    }
    p.agreed = {{e.party, index}};  // the filing party agrees by signing
  } else if (e.kind == kind::kPatrolAgree) {
    p.agreed[e.party] = index;
  } else {
    p.outcomes.push_back(index);
  }
}

void PatrolChain::Truncate(uint64_t size) {
  while (!journal_.empty() && journal_.back().index >= size) {
    Applied& a = journal_.back();
    seen_.erase(a.leaf);
    if (a.notice) {
      notices_.erase(a.patrol);
    } else if (a.before) {
      patrols_[a.patrol] = std::move(*a.before);
    } else {
      patrols_.erase(a.patrol);
    }
    journal_.pop_back();
  }
}

}  // namespace truce::reg
