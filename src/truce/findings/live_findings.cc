#include "truce/findings/live_findings.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <tuple>

#include "truce/center/filter_params.h"
#include "truce/core/canonical_json.h"
#include "truce/core/digest.h"
#include "truce/register/entry.h"

namespace truce {
namespace {

constexpr size_t kMaxEvents = 10'000;

}  // namespace

LiveFindings::LiveFindings(Center* center, LiveOptions options, const Tagger* tagger)
    : center_(center),
      options_(options),
      tagger_(tagger),
      attributor_(center->mission(), *tagger),
      ledger_(center->mission().CenterParties()),
      patrols_(std::make_unique<PatrolBoard>(center->mission(), *tagger)),
      airspace_(std::make_unique<AirspaceBoard>(center->mission())),
      wake_cv_(center->clock(), wake_mu_) {}

Result<std::unique_ptr<LiveFindings>> LiveFindings::Start(Center* center, LiveOptions options) {
  TRUCE_ASSIGN_OR_RETURN(const Tagger* tagger, center->tagger());
  std::unique_ptr<LiveFindings> f(new LiveFindings(center, options, tagger));
  // The first look at the store is the thread's: with a million reports it
  // takes a while, and the server answers meanwhile ("complete": false).
  f->thread_ = std::thread([p = f.get()] { p->Loop(); });
  f->on_commit_ = center->registrar().OnCommit([p = f.get()](uint64_t) { p->Poke(); });
  return f;
}

Status LiveFindings::CatchUpAtStart() {
  {
    // The review so far, from its own entries rather than a scan of every
    // report's entry: those before `size`; FollowRegister reads on from it.
    const uint64_t size = center_->registrar().size();
    std::vector<StoredEntry> review;
    std::vector<std::string_view> kinds(std::begin(reg::kReviewKinds), std::end(reg::kReviewKinds));
    kinds.insert(kinds.end(), std::begin(reg::kPatrolKinds), std::end(reg::kPatrolKinds));
    for (std::string_view k : kinds) {
      TRUCE_ASSIGN_OR_RETURN(auto some, center_->reader().EntriesOfKind(std::string(k)));
      review.insert(review.end(), std::make_move_iterator(some.begin()), std::make_move_iterator(some.end()));
    }
    std::sort(review.begin(), review.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
    MutexLock lock(mu_);
    for (const StoredEntry& s : review) {
      // Not twice after a retry, and not past `size`: FollowRegister's part.
      if (s.index < register_cursor_ || s.index >= size) continue;
      auto e = reg::ParseLeaf(s.bytes);
      if (!e.ok()) continue;
      if (reg::IsPatrolKind(e->kind)) {
        ApplyPatrolEntry(s.index, *e);
      } else {
        (void)ledger_.Apply(s.index, *e);
      }
    }
    register_cursor_ = std::max(register_cursor_, size);
  }
  // The patrols' fixes kept before this start, after their plans and
  // agreements: each tracker as it stood.
  TRUCE_ASSIGN_OR_RETURN(std::vector<std::string> tracked, center_->reader().PatrolsWithFixes());
  for (const std::string& id : tracked) {
    TRUCE_ASSIGN_OR_RETURN(std::vector<StoredFix> kept, center_->reader().Fixes(id));
    std::vector<patrol::Fix> fixes;
    fixes.reserve(kept.size());
    for (const StoredFix& f : kept) fixes.push_back({f.t_ms, {f.lat, f.lon}, f.vehicle, f.quality, f.hdop});
    (void)patrols_->ReplayFixes(id, fixes);  // a patrol no longer in the register keeps none
  }
  quiet_ = true;  // no event per incident of the whole store: one "complete" at the end
  Status st = FollowReports();
  quiet_ = false;
  TRUCE_RETURN_IF_ERROR(st);
  // What the center proposed before a restart is not proposed again (an
  // analyst's later proposal does not count: the center's own does).
  MutexLock lock(mu_);
  std::unordered_map<std::string, const review::DeterminationRecord*> centers;
  for (const auto& [index, d] : ledger_.all()) {
    if (d.party == reg::kCenterParty) centers[d.incident] = &d;
  }
  for (auto& [id, v] : incidents_) {
    auto it = centers.find(id);
    if (it == centers.end()) continue;
    auto finding = it->second->body.find("finding");
    if (finding != it->second->body.end()) v.proposed_digest = FindingDigest(*finding);
  }
  // Clients that were listening during the catch-up heard nothing of it:
  // this tells them to read the incidents afresh.
  Emit(CatchUpComplete{incidents_.size()});
  return Status::Ok();
}

LiveFindings::~LiveFindings() {
  on_commit_.reset();
  stop_ = true;
  {
    MutexLock lock(wake_mu_);
    poked_ = true;
  }
  wake_cv_.NotifyAll();
  pass_cv_.notify_all();
  events_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void LiveFindings::Poke() {
  {
    MutexLock lock(wake_mu_);
    poked_ = true;
  }
  wake_cv_.NotifyAll();
}

void LiveFindings::Sync() {
  UniqueLock lock(wake_mu_);
  uint64_t target = passes_ + 2;
  wanted_passes_ = std::max(wanted_passes_, target);
  wake_cv_.NotifyAll();
  pass_cv_.wait(lock, [&]() TRUCE_REQUIRES(wake_mu_) { return passes_ >= target || stop_; });
}

void LiveFindings::Loop() {
  while (!stop_) {
    Status st = ready_ ? Step() : CatchUpAtStart();
    if (st.ok()) ready_ = true;
    if (!st.ok() && !stop_) std::fprintf(stderr, "truce: findings: %s\n", st.ToString().c_str());
    UniqueLock lock(wake_mu_);
    ++passes_;
    pass_cv_.notify_all();
    // After a failure, wait longer before trying again, and not for a poke.
    const int64_t wait = st.ok() ? options_.poll_ms : std::max<int64_t>(options_.poll_ms, 5000);
    wake_cv_.WaitFor(lock, wait, [&]() TRUCE_REQUIRES(wake_mu_) {
      return (st.ok() && (poked_ || passes_ < wanted_passes_)) || stop_.load();
    });
    poked_ = false;
  }
}

Status LiveFindings::Step() {
  TRUCE_RETURN_IF_ERROR(FollowReports());
  TRUCE_RETURN_IF_ERROR(FollowRegister());
  auto silent = patrols_->CheckSilence(center_->clock().NowMs());
  if (!silent.empty()) {
    MutexLock lock(mu_);
    for (auto& [id, alert] : silent) {
      Emit(PatrolAlertEvent{id, std::move(alert)});
      if (auto r = patrols_->Find(id, /*with_track=*/false); r.ok()) Emit(*std::move(r));
    }
  }
  return ProposeSettled();
}

void LiveFindings::ApplyPatrolEntry(uint64_t index, const reg::Entry& e) {
  if (e.kind == reg::kind::kFlightNotice) {
    auto notice = airspace_->Apply(index, e);
    if (notice && !quiet_) Emit(*std::move(notice));
    return;
  }
  auto changed = patrols_->Apply(index, e);
  if (!changed || quiet_) return;
  if (auto r = patrols_->Find(*changed, /*with_track=*/false); r.ok()) Emit(*std::move(r));
}

Result<FixesResult> LiveFindings::AddPatrolFixes(const std::string& patrol, const std::vector<patrol::Fix>& fixes) {
  TRUCE_ASSIGN_OR_RETURN(FixesResult out, patrols_->AddFixes(patrol, fixes, [&](const std::vector<patrol::Fix>& taken) {
    std::vector<StoredFix> kept;
    kept.reserve(taken.size());
    for (const patrol::Fix& f : taken) {
      kept.push_back({f.vehicle, f.t_ms, f.at.lat, f.at.lon, f.quality, f.hdop});
    }
    return center_->KeepFixes(patrol, kept);
  }));
  if (out.taken == 0 && out.alerts.empty()) return out;
  MutexLock lock(mu_);
  for (const patrol::Alert& a : out.alerts) Emit(PatrolAlertEvent{patrol, a});
  if (auto r = patrols_->Find(patrol, /*with_track=*/false); r.ok()) Emit(*std::move(r));
  return out;
}

Result<std::vector<FlightRecord>> LiveFindings::AddFlightTracks(std::vector<patrol::FlightTrack> tracks) {
  TRUCE_ASSIGN_OR_RETURN(std::vector<FlightRecord> out,
                         airspace_->AddTracks(std::move(tracks), center_->clock().NowMs()));
  MutexLock lock(mu_);
  for (const FlightRecord& f : out) {
    if (!f.match.matched()) Emit(FlightAlertEvent{f});
  }
  return out;
}

Status LiveFindings::FollowReports() {
  ReportFilter filter;
  filter.limit = kMaxQueryLimit;
  while (true) {
    if (stop_) return Status(Code::kUnavailable, "stopping");
    {
      MutexLock lock(mu_);
      filter.after_id = last_report_id_;
    }
    TRUCE_ASSIGN_OR_RETURN(auto page, center_->reader().Query(filter));
    if (page.empty()) return Status::Ok();
    MutexLock lock(mu_);
    std::vector<size_t> touched;
    // Fusion's answer does not depend on order; adding by observed time
    // keeps each incident's id (its smallest report id) stable sooner.
    for (const StoredReport& r : page) {
      size_t i = fuser_.Add(r);
      touched.push_back(i);
      incident_of_.emplace_back();
      source_ids_.push_back(r.report.source_report_id);
      last_report_id_ = r.id;
    }
    Refresh(touched);
    if (page.size() < filter.limit) return Status::Ok();
  }
}

void LiveFindings::Refresh(const std::vector<size_t>& touched) {
  std::set<size_t> done;
  std::vector<std::vector<size_t>> groups;
  auto take = [&](size_t i) TRUCE_REQUIRES(mu_) {
    if (done.count(i)) return;
    std::vector<size_t> g = fuser_.GroupOf(i);
    done.insert(g.begin(), g.end());
    groups.push_back(std::move(g));
  };
  for (size_t i : touched) take(i);
  // Incidents the new groups took members from: what is left of them is
  // worked out again (a claim that moved to a closer shelling leaves its
  // old incident smaller).
  std::set<std::string> old;
  for (const auto& g : groups) {
    for (size_t m : g) {
      if (!incident_of_[m].empty()) old.insert(incident_of_[m]);
    }
  }
  for (const std::string& id : old) {
    auto it = incidents_.find(id);
    if (it == incidents_.end()) continue;
    for (size_t m : it->second.members) take(m);
  }
  std::map<std::string, std::string> digests;
  for (const std::string& id : old) {
    auto it = incidents_.find(id);
    if (it == incidents_.end()) continue;
    digests[id] = it->second.proposed_digest;
    incidents_.erase(it);
    unproposed_.erase(id);
  }
  const int64_t now = center_->clock().NowMs();
  std::set<std::string> now_present;
  std::vector<Finding> findings = FindingsOf(fuser_, groups, source_ids_, center_->mission(), *tagger_, attributor_);
  for (size_t k = 0; k < groups.size(); ++k) {
    auto& g = groups[k];
    View v;
    v.finding = std::move(findings[k]);
    v.members = std::move(g);
    v.changed_ms = now;
    const std::string id = v.finding.incident.id;
    if (auto d = digests.find(id); d != digests.end()) v.proposed_digest = d->second;
    v.review_state = ReviewStateOf(id);
    for (size_t m : v.members) incident_of_[m] = id;
    now_present.insert(id);
    unproposed_.insert(id);
    auto [it, fresh] = incidents_.insert_or_assign(id, std::move(v));
    if (!quiet_) Emit(RecordOf(it->second));
  }
  for (const std::string& id : old) {
    if (!now_present.count(id)) Emit(IncidentRemoved{id});
  }
}

Status LiveFindings::FollowRegister() {
  uint64_t size = center_->registrar().size();
  while (true) {
    uint64_t from;
    {
      MutexLock lock(mu_);
      from = register_cursor_;
    }
    if (from >= size) return Status::Ok();
    uint64_t to = std::min(size, from + 10'000);
    TRUCE_ASSIGN_OR_RETURN(auto entries, center_->reader().Entries(from, to));
    MutexLock lock(mu_);
    for (const StoredEntry& s : entries) {
      // Most entries are reports: only one that may be a review entry is
      // read (the text may also occur in a body; the parsed kind decides).
      static const std::vector<std::string> kNeedles = [] {
        std::vector<std::string> n;
        for (std::string_view k : reg::kReviewKinds) n.push_back("\"kind\":\"" + std::string(k) + "\"");
        for (std::string_view k : reg::kPatrolKinds) n.push_back("\"kind\":\"" + std::string(k) + "\"");
        return n;
      }();
      if (std::none_of(kNeedles.begin(), kNeedles.end(),
                       [&](const std::string& n) { return s.bytes.find(n) != std::string::npos; })) {
        continue;
      }
      auto e = reg::ParseLeaf(s.bytes);
      if (e.ok() && reg::IsPatrolKind(e->kind)) {
        ApplyPatrolEntry(s.index, *e);
        continue;
      }
      if (!e.ok() || !reg::IsReviewKind(e->kind)) continue;
      if (!ledger_.Apply(s.index, *e).ok()) continue;
      const std::string incident = e->body.value("incident", std::string());
      uint64_t target = e->kind == reg::kind::kDetermination ? s.index : reg::ReferencedDetermination(*e);
      if (const auto* d = ledger_.Find(target)) Emit(ledger_.View(*d));
      if (auto it = incidents_.find(incident); it != incidents_.end()) {
        it->second.review_state = ReviewStateOf(incident);
        Emit(RecordOf(it->second));
      }
    }
    register_cursor_ = to;
  }
}

// Over the canonical form: a finding read back from its entry (where 149.0
// was written 149) must digest as the one just worked out.
std::string LiveFindings::FindingDigest(const nlohmann::json& finding) {
  auto canonical = CanonicalJson(finding);
  return Sha256Hex(canonical.ok() ? *canonical
                                  : finding.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Status LiveFindings::ProposeSettled() {
  if (!options_.propose) return Status::Ok();
  const int64_t now = center_->clock().NowMs();
  struct Proposal {
    std::string incident, digest;
    nlohmann::json body;
    int64_t start_ms = 0, first_report = 0;
  };
  std::vector<Proposal> proposals;
  {
    MutexLock lock(mu_);
    for (auto id_it = unproposed_.begin(); id_it != unproposed_.end();) {
      auto it = incidents_.find(*id_it);
      if (it == incidents_.end()) {
        id_it = unproposed_.erase(id_it);
        continue;
      }
      const View& v = it->second;
      if (now - v.changed_ms < options_.settle_ms) {
        ++id_it;
        continue;
      }
      nlohmann::json finding = FindingBody(v.finding);
      std::string digest = FindingDigest(finding);
      if (digest == v.proposed_digest) {
        id_it = unproposed_.erase(id_it);  // unchanged from what is on record
        continue;
      }
      nlohmann::json entries = nlohmann::json::array();
      for (size_t m : v.members) entries.push_back(fuser_.member(m).entry);
      proposals.push_back({*id_it,
                           digest,
                           {{"report_entries", entries}, {"finding", finding}},
                           v.finding.incident.time.start.utc_ms,
                           v.finding.incident.reports.front()});
      ++id_it;
    }
  }
  if (proposals.empty()) return Status::Ok();
  // In the order the incidents happened, so the leads' queues, which are in
  // register order, read as the days went (not as incident ids sort).
  std::sort(proposals.begin(), proposals.end(), [](const Proposal& a, const Proposal& b) {
    return std::tie(a.start_ms, a.first_report) < std::tie(b.start_ms, b.first_report);
  });
  // A proposal that cannot be signed or checked is left out (and reported);
  // the others still go.
  std::vector<Unit> units;
  std::vector<Proposal> sent;
  Status first_failure;
  for (Proposal& p : proposals) {
    // It follows the incident's newest determination as the register has
    // it now, which the ledger may not have read yet. One committed
    // meanwhile makes this one stale: refused, and proposed again next step.
    nlohmann::json body =
        reg::DeterminationBody(p.incident, std::move(p.body["report_entries"]), std::move(p.body["finding"]),
                               center_->registrar().NewestDetermination(p.incident));
    auto e = center_->registrar().CenterEntry(reg::kind::kDetermination, std::move(body), Instant{now, 0});
    Unit u;
    Status st = e.status();
    if (e.ok()) {
      u.entries.push_back({std::move(e).value(), std::nullopt, 0});
      st = center_->registrar().Check(u);
    }
    if (!st.ok()) {
      if (first_failure.ok()) first_failure = st.WithContext("proposing " + p.incident);
      continue;
    }
    units.push_back(std::move(u));
    sent.push_back(std::move(p));
  }
  proposals = std::move(sent);
  if (units.empty()) return first_failure;
  TRUCE_ASSIGN_OR_RETURN(SubmitResult r, center_->registrar().Submit(std::move(units), intake::BatchPolicy::kSkipBad));
  // Only what was committed counts as proposed: the rest is tried again at
  // the next step.
  {
    MutexLock lock(mu_);
    for (size_t i = 0; i < r.units.size() && i < proposals.size(); ++i) {
      if (!r.units[i].status.ok()) {
        if (first_failure.ok()) first_failure = r.units[i].status;
        continue;
      }
      if (auto it = incidents_.find(proposals[i].incident); it != incidents_.end()) {
        // Only this thread changes incidents, so it is still as proposed.
        it->second.proposed_digest = proposals[i].digest;
        unproposed_.erase(proposals[i].incident);
      }
    }
  }
  TRUCE_RETURN_IF_ERROR(FollowRegister());
  return first_failure;
}

void LiveFindings::Emit(FindingEvent what) {
  if (quiet_) return;
  events_.push_back({++seq_, std::move(what)});
  while (events_.size() > kMaxEvents) events_.pop_front();
  events_cv_.notify_all();
}

IncidentRecord LiveFindings::RecordOf(const View& v) const {
  IncidentRecord r{v.finding, std::nullopt};
  if (const auto* d = ledger_.Latest(v.finding.incident.id)) r.determination = ledger_.View(*d);
  return r;
}

std::string_view LiveFindings::ReviewStateOf(const std::string& incident) const {
  const auto* rec = ledger_.Latest(incident);
  return rec ? review::StateName(ledger_.StateOf(*rec)) : std::string_view("none");
}

template <typename F>
void LiveFindings::ForEachMatch(const IncidentFilter& f, F fn) const {
  for (const auto& [id, v] : incidents_) {
    const auto& inc = v.finding.incident;
    const auto& d = v.finding.determination;
    if (!f.category.empty() && CategoryName(inc.category) != f.category) continue;
    if (!f.responsible.empty() && d.responsible != f.responsible) continue;
    if (!f.corroboration.empty() && fusion::CorroborationName(inc.corroboration) != f.corroboration) continue;
    if (!f.clause.empty() &&
        std::none_of(d.clauses.begin(), d.clauses.end(), [&](const auto& c) { return c.id == f.clause; })) {
      continue;
    }
    if (!f.zone.empty() && std::find(v.finding.zones.begin(), v.finding.zones.end(), f.zone) == v.finding.zones.end())
      continue;
    if (f.from_ms && inc.time.end.utc_ms < *f.from_ms) continue;
    if (f.to_ms && inc.time.start.utc_ms > *f.to_ms) continue;
    if (f.bbox && !f.bbox->Contains({inc.lat, inc.lon})) continue;
    if (f.contested_only && !inc.contested) continue;
    if (!f.state.empty() && v.review_state != f.state) continue;
    fn(v, v.review_state);
  }
}

IncidentPage LiveFindings::Incidents(const IncidentFilter& f) const {
  MutexLock lock(mu_);
  std::vector<const View*> views;
  ForEachMatch(f, [&](const View& v, std::string_view) { views.push_back(&v); });
  // Newest first; only the page asked for is put in order.
  const size_t end = std::min(views.size(), f.offset + f.limit);
  std::partial_sort(views.begin(), views.begin() + end, views.end(), [](const View* a, const View* b) {
    const auto& x = a->finding.incident;
    const auto& y = b->finding.incident;
    return x.time.start.utc_ms != y.time.start.utc_ms ? x.time.start.utc_ms > y.time.start.utc_ms
                                                      : x.reports[0] > y.reports[0];
  });
  IncidentPage out{views.size(), ready_.load(), {}};
  for (size_t i = f.offset; i < end; ++i) out.incidents.push_back(RecordOf(*views[i]));
  return out;
}

IncidentMap LiveFindings::Map(const IncidentFilter& filter, const MapQuery& query) const {
  MapClusterer clusterer(query);
  {
    MutexLock lock(mu_);
    ForEachMatch(filter, [&](const View& v, std::string_view state) { clusterer.Add(v.finding, state); });
  }
  IncidentMap out = std::move(clusterer).Finish();
  out.complete = ready_.load();
  return out;
}

IncidentTimeline LiveFindings::Timeline(const IncidentFilter& filter, const TimelineQuery& query) const {
  MutexLock lock(mu_);
  std::optional<int64_t> from = query.from_ms, to = query.to_ms;
  if (!from || !to) {
    // The span of the matching incidents' start times: a first pass, so
    // that nothing per incident is kept.
    std::optional<int64_t> first, last;
    ForEachMatch(filter, [&](const View& v, std::string_view) {
      const int64_t t = v.finding.incident.time.start.utc_ms;
      first = std::min(first.value_or(t), t);
      last = std::max(last.value_or(t), t);
    });
    // Whole seconds, the last start inside the last bin.
    if (!from && first) from = *first - ((*first % 1000) + 1000) % 1000;
    if (!to && last) to = *last + 1000 - ((*last % 1000) + 1000) % 1000;
    // One bound given and nothing matching on its side of it: an empty span
    // there, not none.
    if (query.from_ms && (!to || *to < *from)) to = from;
    if (query.to_ms && (!from || *from > *to)) from = to;
  }
  if (!from || !to || *from > *to) {
    IncidentTimeline none;
    none.complete = ready_.load();
    return none;
  }
  TimelineCounter counter(*from, *to, query.bins);
  ForEachMatch(
      filter, [&](const View& v, std::string_view state) { counter.Add(v.finding.incident.time.start.utc_ms, state); });
  IncidentTimeline out = std::move(counter).Finish();
  out.complete = ready_.load();
  return out;
}

Result<IncidentHistory> LiveFindings::Incident(const std::string& id) const {
  MutexLock lock(mu_);
  auto it = incidents_.find(id);
  if (it == incidents_.end() && !ready_) {
    return Status(Code::kUnavailable,
                  "the center is still fusing the reports stored before it started; try " + id + " again in a moment");
  }
  if (it == incidents_.end()) {
    return Status::NotFound(
        "no incident " + id +
        " (incidents are named I-<report id> by their first report from the center's own monitors)");
  }
  IncidentHistory out{RecordOf(it->second), {}};
  for (const auto& [index, rec] : ledger_.all()) {
    if (rec.incident == id) out.determinations.push_back(ledger_.View(rec));
  }
  return out;
}

std::vector<review::DeterminationView> LiveFindings::Determinations(const std::string& state, size_t limit) const {
  MutexLock lock(mu_);
  std::vector<review::DeterminationView> out;
  for (auto it = ledger_.all().rbegin(); it != ledger_.all().rend() && out.size() < limit; ++it) {
    if (!state.empty() && review::StateName(ledger_.StateOf(it->second)) != state) continue;
    out.push_back(ledger_.View(it->second));
  }
  return out;
}

Result<std::vector<review::DeterminationView>> LiveFindings::Awaiting(const std::string& party, size_t limit) const {
  MutexLock lock(mu_);
  if (!ledger_.IsCenterParty(party)) {
    std::string parties;
    for (const std::string& p : ledger_.center_parties()) parties += (parties.empty() ? "" : ", ") + p;
    return Status::Invalid("awaiting: '" + party.substr(0, 40) + "' is not a center party (" + parties + ")");
  }
  std::vector<review::DeterminationView> out;
  for (const auto& [index, rec] : ledger_.all()) {
    if (out.size() >= limit) break;
    if (ledger_.Awaits(rec, party)) out.push_back(ledger_.View(rec));
  }
  return out;
}

Result<review::DeterminationView> LiveFindings::Determination(uint64_t entry) const {
  MutexLock lock(mu_);
  const auto* d = ledger_.Find(entry);
  if (!d) return Status::NotFound("entry " + std::to_string(entry) + " is not a determination");
  return ledger_.View(*d);
}

std::vector<LiveFindings::Event> LiveFindings::EventsAfter(uint64_t seq, int64_t wait_ms) const {
  UniqueLock lock(mu_);
  events_cv_.wait_for(lock, std::chrono::milliseconds(wait_ms),
                      [&]() TRUCE_REQUIRES(mu_) { return seq_ > seq || stop_.load(); });
  std::vector<Event> out;
  for (const Event& e : events_) {
    if (e.seq > seq) out.push_back(e);
  }
  return out;
}

uint64_t LiveFindings::last_seq() const {
  MutexLock lock(mu_);
  return seq_;
}

}  // namespace truce
