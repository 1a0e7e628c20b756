#include "truce/findings/patrol_board.h"

#include <algorithm>

namespace truce {
namespace {

PatrolStep StepOf(uint64_t index, const reg::Entry& e) { return {index, e.party, e.signer, e.signed_at}; }

// The road the corridor's coverage is counted along: the mission's patrol
// route, or else its security corridor's centre line.
const geo::Zone* CoverageRoad(const Mission& mission) {
  for (geo::ZoneKind kind : {geo::ZoneKind::kPatrolRoute, geo::ZoneKind::kSecurityCorridor}) {
    for (const geo::Zone& z : mission.zones) {
      if (z.kind == kind && !z.lines.empty() && z.lines[0].size() >= 2) return &z;
    }
  }
  return nullptr;
}

bool Overlaps(const patrol::PatrolPlan& p, std::optional<int64_t> from_ms, std::optional<int64_t> to_ms) {
  return !(from_ms && p.end.utc_ms < *from_ms) && !(to_ms && p.start.utc_ms > *to_ms);
}

}  // namespace

PatrolBoard::PatrolBoard(const Mission& mission, const Tagger& tagger)
    : mission_(mission), tagger_(tagger), settings_(patrol::TrackSettingsOf(mission)) {}

std::optional<std::string> PatrolBoard::Apply(uint64_t index, const reg::Entry& e) {
  if (!reg::IsPatrolKind(e.kind) || e.kind == reg::kind::kFlightNotice || !reg::CheckPatrolBody(e).ok()) {
    return std::nullopt;  // a flight notice is the airspace board's
  }
  MutexLock lock(mu_);
  if (!chain_.Admit(index, e).ok()) return std::nullopt;
  const std::string id = e.body["patrol"].get<std::string>();
  Patrol& p = patrols_[id];
  p.record.id = id;
  if (e.kind == reg::kind::kPatrolPlan) {
    // Checked against the mission when it was written; read again here for
    // the route and schedule the tracker follows. A plan the mission pack no
    // longer admits (a zone since changed) is still the parties' plan: it is
    // shown, untracked.
    auto plan = patrol::ParsePlan(e.body["plan"]);
    if (plan.ok()) p.record.plan = *plan;
    auto checked = plan.ok() ? patrol::CheckPlan(*plan, mission_, tagger_) : Result<patrol::CheckedPlan>(plan.status());
    p.checked.reset();
    if (checked.ok()) p.checked = std::move(checked).value();
    p.tracker.reset();
    p.record.planned = StepOf(index, e);
    p.record.revisions.push_back(index);
    p.record.agreements = {StepOf(index, e)};
    p.record.route = p.checked ? p.checked->route.line() : geo::Line{};
    p.record.route_km = p.checked ? p.checked->route.length_m() / 1000 : 0;
    p.record.progress = {};
    p.record.alerts.clear();
    p.record.track.clear();
  } else if (e.kind == reg::kind::kPatrolAgree) {
    p.record.agreements.push_back(StepOf(index, e));
  } else {
    PatrolOutcome o;
    o.step = StepOf(index, e);
    o.outcome = e.body["outcome"].get<std::string>();
    o.reached_km = e.body["reached_km"].get<double>();
    o.reasons = e.body.value("reasons", std::string());
    if (auto r = e.body.find("report_entries"); r != e.body.end()) o.report_entries = r->get<std::vector<uint64_t>>();
    p.record.outcome = std::move(o);
  }
  chain_.Apply(index, e);
  Restate(p);
  return id;
}

// The patrol's state and who it waits for, from the chain; a tracker once
// every party has agreed.
void PatrolBoard::Restate(Patrol& p) const {
  const reg::PatrolChain::Patrol* c = chain_.Find(p.record.id);
  p.record.waiting_for.clear();
  for (const std::string& party : c->parties) {
    if (!c->agreed.count(party)) p.record.waiting_for.push_back(party);
  }
  if (c->Agreed() && !p.tracker && p.checked) p.tracker.emplace(p.checked->route, p.checked->schedule, settings_);
  if (p.record.outcome) {
    p.record.state = "ended";
  } else if (!c->Agreed()) {
    p.record.state = "planned";
  } else {
    p.record.state = p.record.progress.fixes > 0 ? "under_way" : "agreed";
  }
}

Result<FixesResult> PatrolBoard::AddFixes(const std::string& id, const std::vector<patrol::Fix>& fixes,
                                          const KeepFixes& keep) {
  return Take(id, fixes, &keep);
}

Result<FixesResult> PatrolBoard::ReplayFixes(const std::string& id, const std::vector<patrol::Fix>& fixes) {
  return Take(id, fixes, nullptr);
}

Result<FixesResult> PatrolBoard::Take(const std::string& id, const std::vector<patrol::Fix>& fixes,
                                      const KeepFixes* keep) {
  MutexLock lock(mu_);
  auto it = patrols_.find(id);
  if (it == patrols_.end()) return Status::NotFound("no patrol '" + id + "' is planned in the register");
  Patrol& p = it->second;
  if (keep && p.record.outcome) {
    return Status::Precondition("patrol " + id + " has ended (its outcome is entry " +
                                std::to_string(p.record.outcome->step.entry) + "); it takes no more fixes");
  }
  if (!p.tracker) {
    if (!p.checked)
      return Status::Precondition("patrol " + id + "'s plan no longer fits the mission pack; it is not tracked");
    std::string waiting;
    for (const std::string& party : p.record.waiting_for) waiting += (waiting.empty() ? "" : ", ") + party;
    return Status::Precondition("patrol " + id + " is not agreed yet (waiting for " + waiting +
                                "): a patrol is tracked once every party has agreed to its plan");
  }
  FixesResult out;
  std::optional<Patrol> before;
  if (keep) before = p;  // to undo the batch if it cannot be kept
  std::vector<patrol::Fix> taken;
  for (size_t i = 0; i < fixes.size(); ++i) {
    const size_t before = out.alerts.size();
    Status st = p.tracker->Add(fixes[i], &out.alerts);
    if (!st.ok()) {
      out.refused.emplace_back(i, st.message());
      continue;
    }
    ++out.taken;
    taken.push_back(fixes[i]);
    p.record.track.push_back(fixes[i]);
    p.record.alerts.insert(p.record.alerts.end(), out.alerts.begin() + long(before), out.alerts.end());
  }
  if (keep && !taken.empty()) {
    if (Status st = (*keep)(taken); !st.ok()) {
      p = std::move(*before);
      return Status(st.code(), "the fixes were not kept, and not taken: " + st.message());
    }
  }
  p.record.progress = p.tracker->progress();
  Restate(p);
  return out;
}

std::vector<std::pair<std::string, patrol::Alert>> PatrolBoard::CheckSilence(int64_t now_ms) {
  MutexLock lock(mu_);
  std::vector<std::pair<std::string, patrol::Alert>> out;
  for (auto& [id, p] : patrols_) {
    if (!p.tracker || p.record.outcome) continue;
    if (auto a = p.tracker->CheckSilence(now_ms)) {
      p.record.alerts.push_back(*a);
      out.emplace_back(id, *a);
    }
  }
  return out;
}

PatrolRecord PatrolBoard::Summary(const Patrol& p, bool with_track) const {
  if (with_track) return p.record;
  PatrolRecord r = p.record;
  r.track.clear();
  return r;
}

std::vector<PatrolRecord> PatrolBoard::List(std::optional<int64_t> from_ms, std::optional<int64_t> to_ms) const {
  MutexLock lock(mu_);
  std::vector<PatrolRecord> out;
  for (const auto& [id, p] : patrols_) {
    if (Overlaps(p.record.plan, from_ms, to_ms)) out.push_back(Summary(p, false));
  }
  std::sort(out.begin(), out.end(), [](const PatrolRecord& a, const PatrolRecord& b) {
    return a.plan.start.utc_ms != b.plan.start.utc_ms ? a.plan.start.utc_ms > b.plan.start.utc_ms : a.id < b.id;
  });
  return out;
}

Result<PatrolRecord> PatrolBoard::Find(const std::string& id, bool with_track) const {
  MutexLock lock(mu_);
  auto it = patrols_.find(id);
  if (it == patrols_.end()) return Status::NotFound("no patrol '" + id + "' is planned in the register");
  return Summary(it->second, with_track);
}

Result<PatrolBoard::CorridorCoverage> PatrolBoard::Coverage(std::optional<int64_t> from_ms,
                                                            std::optional<int64_t> to_ms) const {
  const geo::Zone* road_zone = CoverageRoad(mission_);
  if (!road_zone) return Status::NotFound("the mission has no patrol route or corridor line to count coverage along");
  TRUCE_ASSIGN_OR_RETURN(patrol::Route road, patrol::Route::Make(road_zone->lines[0]));
  CorridorCoverage out;
  out.road_zone = road_zone->id;
  out.road = road.line();
  std::vector<patrol::PatrolRun> runs;
  {
    MutexLock lock(mu_);
    for (const auto& [id, p] : patrols_) {
      // Only patrols that were agreed count: a plan never agreed was never
      // going to drive.
      if (!p.checked || !Overlaps(p.record.plan, from_ms, to_ms)) continue;
      const reg::PatrolChain::Patrol* c = chain_.Find(id);
      if (!c || !c->Agreed()) continue;
      const patrol::Route& route = p.checked->route;
      const double from = road.Locate(route.line().front()).along_m;
      const double to = road.Locate(route.line().back()).along_m;
      double driven = p.record.outcome ? p.record.outcome->reached_km * 1000 : p.record.progress.furthest_m;
      driven = std::min(driven, std::abs(to - from));
      runs.push_back({from, to, from, from + (to >= from ? driven : -driven)});
    }
  }
  out.patrols = runs.size();
  out.coverage = patrol::CoverageOf(road.length_m(), runs);
  return out;
}

}  // namespace truce
