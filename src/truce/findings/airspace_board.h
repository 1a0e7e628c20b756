// AirspaceBoard: the flight notices the parties filed in the register, and
// the flight tracks the center saw, each held against the notices in force
// (patrol/notice.h). A track with fixes in the mission's airspace under no
// notice is a flight without notice: an alert, answered with the report
// the center's observer files for the airspace clause.
//
// Thread safety: every method locks the board.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/status.h"
#include "truce/core/thread_annotations.h"
#include "truce/mission/mission.h"
#include "truce/patrol/notice.h"
#include "truce/register/entry.h"

namespace truce {

struct NoticeRecord {
  patrol::FlightNotice notice;
  uint64_t entry = 0;
  std::string signer;
  Instant filed;  // when the entry was signed
};

struct FlightRecord {
  patrol::FlightTrack track;  // as the feed sent it
  patrol::TrackMatch match;
  int64_t received_ms = 0;  // the center's clock
};

class AirspaceBoard {
 public:
  // The newest tracks kept, and the most fixes a track keeps for the map.
  static constexpr size_t kKeptFlights = 5000;

  explicit AirspaceBoard(const Mission& mission) : mission_(mission) {}

  // A flight_notice entry at register index `index`, in log order (the
  // registrar took it: its order and content are checked). One the notice
  // does not parse from, or whose name is taken, changes nothing; the
  // answer is the notice taken.
  std::optional<NoticeRecord> Apply(uint64_t index, const reg::Entry& e);

  // Tracks from a feed, matched against the notices known now, and kept
  // (the newest kKeptFlights, in the server's memory).
  Result<std::vector<FlightRecord>> AddTracks(std::vector<patrol::FlightTrack> tracks, int64_t now_ms);

  // Notices whose window overlaps [from, to], and flights with a fix in
  // it; newest first. Flights: only those without notice when `unmatched`.
  std::vector<NoticeRecord> Notices(std::optional<int64_t> from_ms, std::optional<int64_t> to_ms) const;
  std::vector<FlightRecord> Flights(std::optional<int64_t> from_ms, std::optional<int64_t> to_ms, bool unmatched) const;

 private:
  Result<const patrol::AirspaceMatcher*> Matcher() TRUCE_REQUIRES(mu_);

  const Mission& mission_;
  mutable Mutex mu_;
  std::map<std::string, NoticeRecord, std::less<>> notices_ TRUCE_GUARDED_BY(mu_);
  std::optional<patrol::AirspaceMatcher> matcher_ TRUCE_GUARDED_BY(mu_);  // reset when a notice comes
  std::deque<FlightRecord> flights_ TRUCE_GUARDED_BY(mu_);
};

}  // namespace truce
