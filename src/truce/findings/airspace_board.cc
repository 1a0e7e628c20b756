#include "truce/findings/airspace_board.h"

#include <algorithm>

namespace truce {
namespace {

bool Overlaps(int64_t start, int64_t end, std::optional<int64_t> from_ms, std::optional<int64_t> to_ms) {
  return !(from_ms && end < *from_ms) && !(to_ms && start > *to_ms);
}

}  // namespace

std::optional<NoticeRecord> AirspaceBoard::Apply(uint64_t index, const reg::Entry& e) {
  if (e.kind != reg::kind::kFlightNotice) return std::nullopt;
  auto notice = patrol::ParseNotice(e.body);
  if (!notice.ok()) return std::nullopt;
  notice->party = e.party;
  MutexLock lock(mu_);
  NoticeRecord r{*std::move(notice), index, e.signer, e.signed_at};
  if (!notices_.emplace(r.notice.id, r).second) return std::nullopt;
  matcher_.reset();
  return r;
}

Result<const patrol::AirspaceMatcher*> AirspaceBoard::Matcher() {
  if (!matcher_) {
    std::vector<patrol::FlightNotice> all;
    all.reserve(notices_.size());
    for (const auto& [id, n] : notices_) all.push_back(n.notice);
    TRUCE_ASSIGN_OR_RETURN(patrol::AirspaceMatcher m, patrol::AirspaceMatcher::Build(mission_, std::move(all)));
    matcher_.emplace(std::move(m));
  }
  return &*matcher_;
}

Result<std::vector<FlightRecord>> AirspaceBoard::AddTracks(std::vector<patrol::FlightTrack> tracks, int64_t now_ms) {
  MutexLock lock(mu_);
  TRUCE_ASSIGN_OR_RETURN(const patrol::AirspaceMatcher* m, Matcher());
  std::vector<FlightRecord> out;
  out.reserve(tracks.size());
  for (patrol::FlightTrack& t : tracks) {
    patrol::TrackMatch match = m->Match(t);
    out.push_back({std::move(t), std::move(match), now_ms});
  }
  for (const FlightRecord& r : out) {
    flights_.push_back(r);
    if (flights_.size() > kKeptFlights) flights_.pop_front();
  }
  return out;
}

std::vector<NoticeRecord> AirspaceBoard::Notices(std::optional<int64_t> from_ms, std::optional<int64_t> to_ms) const {
  MutexLock lock(mu_);
  std::vector<NoticeRecord> out;
  for (const auto& [id, n] : notices_) {
    if (Overlaps(n.notice.window.start.utc_ms, n.notice.window.end.utc_ms, from_ms, to_ms)) out.push_back(n);
  }
  std::sort(out.begin(), out.end(), [](const NoticeRecord& a, const NoticeRecord& b) {
    return a.notice.window.start.utc_ms != b.notice.window.start.utc_ms
               ? a.notice.window.start.utc_ms > b.notice.window.start.utc_ms
               : a.entry > b.entry;
  });
  return out;
}

std::vector<FlightRecord> AirspaceBoard::Flights(std::optional<int64_t> from_ms, std::optional<int64_t> to_ms,
                                                 bool unmatched) const {
  MutexLock lock(mu_);
  std::vector<FlightRecord> out;
  for (auto it = flights_.rbegin(); it != flights_.rend(); ++it) {
    const auto& f = it->track.fixes;
    if (f.empty() || !Overlaps(f.front().t.utc_ms, f.back().t.utc_ms, from_ms, to_ms)) continue;
    if (unmatched && it->match.matched()) continue;
    out.push_back(*it);
  }
  return out;
}

}  // namespace truce
