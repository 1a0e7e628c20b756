#include "truce/report/sources.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "truce/center/filter_params.h"
#include "truce/register/base64.h"
#include "truce/register/checkpoint.h"
#include "truce/register/patrol_entries.h"
#include "truce/register/review_entries.h"
#include "truce/review/review.h"

namespace truce::report {
namespace {

// Reports are fused over a margin either side of the window, so that an
// incident on its edge is fused as it would be from the whole store.
constexpr int64_t kFusionMarginMs = 24 * 3600 * 1000LL;

Result<Instant> SignedAt(StoreReader& reader, uint64_t index) {
  TRUCE_ASSIGN_OR_RETURN(auto entries, reader.Entries(index, index + 1));
  if (entries.empty()) return Status::Internal("register entry " + std::to_string(index) + " is missing");
  TRUCE_ASSIGN_OR_RETURN(reg::Entry e, reg::ParseLeaf(entries[0].bytes));
  return e.signed_at;
}

// How many entries were signed by `t_ms`: entries are appended in the
// order the center takes them, each signed shortly before, so their times
// rise along the log and a binary search finds the boundary.
Result<uint64_t> SizeAt(StoreReader& reader, uint64_t size, int64_t t_ms) {
  uint64_t lo = 0, hi = size;  // entries [0, lo) are by t; [hi, size) after
  while (lo < hi) {
    const uint64_t mid = lo + (hi - lo) / 2;
    TRUCE_ASSIGN_OR_RETURN(Instant at, SignedAt(reader, mid));
    if (at.utc_ms <= t_ms) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace

Result<RegisterPoint> PointOf(StoreReader& reader, std::optional<uint64_t> asked, std::optional<int64_t> cutoff_ms) {
  TRUCE_ASSIGN_OR_RETURN(auto latest, reader.LatestCheckpoint());
  if (latest.first == 0) return Status::Precondition("the register is empty: there is nothing to report on yet");
  uint64_t limit = latest.first;
  if (asked) limit = std::min(limit, *asked);
  if (cutoff_ms) {
    TRUCE_ASSIGN_OR_RETURN(uint64_t by_cutoff, SizeAt(reader, latest.first, *cutoff_ms));
    limit = std::min(limit, by_cutoff);
  }
  TRUCE_ASSIGN_OR_RETURN(auto cp, reader.CheckpointAtOrBelow(limit));
  if (cp.first == 0) {
    return Status::Precondition("the register held no checkpoint by the cut-off" +
                                std::string(asked ? " and size asked for" : "") +
                                ": its first entry came later, so no report had been received by then");
  }
  RegisterPoint p;
  p.size = cp.first;
  p.checkpoint = cp.second;
  const std::string body = cp.second.substr(0, cp.second.find("\n\n") + 1);
  TRUCE_ASSIGN_OR_RETURN(reg::Checkpoint parsed, reg::ParseCheckpoint(body));
  p.root = reg::Base64(std::string_view(reinterpret_cast<const char*>(parsed.root.data()), parsed.root.size()));
  TRUCE_ASSIGN_OR_RETURN(Instant at, SignedAt(reader, p.size - 1));
  p.as_of_ms = at.utc_ms;
  return p;
}

Result<std::vector<std::pair<uint64_t, reg::Entry>>> EntriesBelow(StoreReader& reader, uint64_t size) {
  std::vector<std::string_view> kinds(std::begin(reg::kReviewKinds), std::end(reg::kReviewKinds));
  kinds.insert(kinds.end(), std::begin(reg::kPatrolKinds), std::end(reg::kPatrolKinds));
  std::vector<std::pair<uint64_t, reg::Entry>> out;
  for (std::string_view k : kinds) {
    TRUCE_ASSIGN_OR_RETURN(auto some, reader.EntriesOfKind(std::string(k)));
    for (const StoredEntry& s : some) {
      if (s.index >= size) continue;
      auto e = reg::ParseLeaf(s.bytes);
      if (e.ok()) out.emplace_back(s.index, std::move(e).value());
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

namespace {

struct ReportFacts {
  std::string source;
  bool own = false;  // one of the center's own monitors, not a party's claim or the news
  std::optional<Casualties> casualties;
};

// UCDP's low, best and high from the figures the reports gave (IncidentFacts).
void Estimate(const std::vector<const ReportFacts*>& reports, IncidentFacts* out) {
  std::vector<int> all, own;
  for (const ReportFacts* r : reports) {
    if (!r->casualties) continue;
    all.push_back(r->casualties->killed);
    if (r->own) own.push_back(r->casualties->killed);
  }
  if (all.empty()) return;
  std::sort(all.begin(), all.end());
  out->killed_low = all.front();
  out->killed_high = all.back();
  out->killed_best = own.empty() ? all[(all.size() - 1) / 2] : *std::max_element(own.begin(), own.end());
}

}  // namespace

Result<LocalZone> MissionZone(const Mission& mission) {
  auto zone = LocalZone::Find(mission.timezone);
  if (!zone.ok()) return Status::NotFound("the mission's [mission] timezone: " + zone.status().message());
  return zone;
}

Result<std::vector<IncidentFacts>> IncidentsAt(Center& center, uint64_t size, int64_t from_ms, int64_t to_ms,
                                               size_t* reports_in_window,
                                               const std::function<void(size_t, size_t)>& progress) {
  StoreReader& reader = center.reader();
  TRUCE_ASSIGN_OR_RETURN(const Tagger* tagger, center.tagger());
  fusion::Fuser fuser;
  std::vector<std::string> source_ids;
  std::unordered_map<int64_t, ReportFacts> facts;  // by report id
  ReportFilter filter;
  filter.from_ms = from_ms - kFusionMarginMs;
  filter.to_ms = to_ms + kFusionMarginMs;
  filter.limit = kMaxQueryLimit;
  size_t in_window = 0;
  while (true) {
    TRUCE_ASSIGN_OR_RETURN(auto page, reader.Query(filter));
    if (page.empty()) break;
    filter.after_id = page.back().id;
    for (const StoredReport& r : page) {
      if (r.entry >= size) continue;  // received after the register point
      fuser.Add(r);
      source_ids.push_back(r.report.source_report_id);
      ReportFacts& f = facts[r.id];
      f.source = r.report.source.Describe();
      f.own = !fusion::IsClaim(r.report.source.kind);
      f.casualties = r.report.casualties;
      const int64_t t = r.report.observed.start.utc_ms;
      in_window += from_ms <= t && t < to_ms;
    }
    if (progress) progress(source_ids.size(), source_ids.size());
    if (page.size() < filter.limit) break;
  }
  if (reports_in_window) *reports_in_window = in_window;
  adjudicate::Attributor attributor(center.mission(), *tagger);
  std::vector<Finding> findings = FindingsOf(fuser, fuser.Groups(), source_ids, center.mission(), *tagger, attributor);

  review::Ledger ledger(center.mission().CenterParties());
  TRUCE_ASSIGN_OR_RETURN(auto entries, EntriesBelow(reader, size));
  for (const auto& [index, e] : entries) {
    if (!reg::IsPatrolKind(e.kind)) (void)ledger.Apply(index, e);  // one the review chain refuses changes nothing
  }

  std::vector<IncidentFacts> out;
  for (Finding& f : findings) {
    const int64_t t = f.incident.time.start.utc_ms;
    if (t < from_ms || t >= to_ms) continue;
    IncidentFacts facts_of;
    if (const review::DeterminationRecord* d = ledger.Latest(f.incident.id)) {
      // Only a determination of this very finding speaks for it: one of an
      // earlier fusion of the incident is about other reports.
      const auto finding = d->body.find("finding");
      if (finding != d->body.end() && finding->is_object() &&
          finding->value("report_ids", nlohmann::json::array()) == nlohmann::json(f.incident.reports)) {
        facts_of.state = std::string(review::StateName(ledger.StateOf(*d)));
        for (const auto& [party, pos] : d->positions) {
          if (pos.stance == review::Stance::kCosign) facts_of.cosigned_by.push_back(party);
        }
      }
    }
    std::set<std::string> sources;
    std::vector<const ReportFacts*> reports;
    for (int64_t id : f.incident.reports) {
      auto it = facts.find(id);
      if (it == facts.end()) continue;
      reports.push_back(&it->second);
      sources.insert(it->second.source);
      if (const auto& c = it->second.casualties) {
        facts_of.killed = std::max(facts_of.killed, c->killed);
        facts_of.injured = std::max(facts_of.injured, c->injured);
      }
    }
    Estimate(reports, &facts_of);
    facts_of.sources.assign(sources.begin(), sources.end());
    facts_of.finding = std::move(f);
    out.push_back(std::move(facts_of));
  }
  std::sort(out.begin(), out.end(), [](const IncidentFacts& a, const IncidentFacts& b) {
    return a.finding.incident.reports[0] < b.finding.incident.reports[0];
  });
  return out;
}

Result<DailyInputs> Gather(Center& center, const Period& period, std::optional<uint64_t> register_size,
                           const std::function<void(size_t, size_t)>& progress) {
  StoreReader& reader = center.reader();
  DailyInputs in;
  in.mission = &center.mission();
  TRUCE_ASSIGN_OR_RETURN(in.zone, MissionZone(center.mission()));
  in.period = period;
  TRUCE_ASSIGN_OR_RETURN(in.register_point, PointOf(reader, register_size,
                                                    period.cutoff_min ? std::optional(period.to_ms) : std::nullopt));
  const uint64_t size = in.register_point.size;

  // The window: the trend's first day or the earliest period averaged over,
  // whichever is earlier, to the period's end.
  const int64_t window_from =
      std::min(in.zone.StartOf(period.last - kTrendDays + 1), Before(in.zone, period, kAveragePeriods).from_ms);
  TRUCE_ASSIGN_OR_RETURN(const Tagger* tagger, center.tagger());
  size_t in_period = 0;
  TRUCE_ASSIGN_OR_RETURN(in.incidents, IncidentsAt(center, size, window_from, period.to_ms, nullptr, progress));
  for (const IncidentFacts& f : in.incidents) in_period += period.Holds(f.finding.incident.time.start.utc_ms);
  if (in_period == 0) {
    return Status::NotFound("no report observed in " + PeriodWords(period) + " (" + in.zone.name() +
                            ") was in the register at size " + std::to_string(size) +
                            ": nothing to report on; `truce query --db FILE` shows what the store holds");
  }

  PatrolBoard board(center.mission(), *tagger);
  TRUCE_ASSIGN_OR_RETURN(auto entries, EntriesBelow(reader, size));
  for (const auto& [index, e] : entries) {
    if (reg::IsPatrolKind(e.kind)) board.Apply(index, e);
  }

  // Patrol fixes are working data beside the register: those taken by the
  // period's end.
  TRUCE_ASSIGN_OR_RETURN(std::vector<std::string> tracked, reader.PatrolsWithFixes());
  for (const std::string& id : tracked) {
    TRUCE_ASSIGN_OR_RETURN(std::vector<StoredFix> kept, reader.Fixes(id));
    std::vector<patrol::Fix> fixes;
    for (const StoredFix& f : kept) {
      if (f.t_ms < period.to_ms) fixes.push_back({f.t_ms, {f.lat, f.lon}, f.vehicle, f.quality, f.hdop});
    }
    (void)board.ReplayFixes(id, fixes);
  }
  in.patrols = board.List(period.from_ms, period.to_ms);
  if (!in.patrols.empty()) {
    if (auto c = board.Coverage(period.from_ms, period.to_ms); c.ok()) in.coverage = std::move(c).value();
  }
  return in;
}

}  // namespace truce::report
