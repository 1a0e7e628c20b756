// Simulated flights over the mission, with and without notice: what the
// center's air picture would show (tracks with the receivers' noise), the
// notices the parties filed, and the truth of each flight, so that the
// center's matching (patrol/notice.h) can be scored (docs/ACCURACY.md,
// "Flights and their notices").
//
// A flight of a center party flies a route of a few legs over the
// de-escalation area. Most keep to the notice their party filed; some fly
// with no notice, some stray far off their notified route for a while, some
// climb well above their notified band. Only a flight that kept to its
// notice needed no alert. Everything comes from one seeded generator.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/status.h"
#include "truce/core/time.h"
#include "truce/mission/mission.h"
#include "truce/patrol/notice.h"

namespace truce::sim {

struct FlightOptions {
  uint64_t seed = 1;
  Instant start;  // the first day, 00:00
  int days = 2;
  double flights_per_day = 8;
};

struct SimFlight {
  patrol::FlightTrack track;                   // as the feed sends it
  std::optional<patrol::FlightNotice> notice;  // the party's notice, if it filed one
  // kept: flew as notified; unnotified: no notice; strayed: left its notified
  // route by kilometres for a while; high: climbed well above its band.
  std::string truth;
  bool NeedsAlert() const { return truth != "kept"; }
};

Result<std::vector<SimFlight>> SimulateFlights(const Mission& mission, const FlightOptions& options);

// The files `truce sim --out` writes: the notices as each party's lead
// files them ({"party", "notice": {...the notice body}} a line), the feed
// ({"tracks": [...]}, as POST /v1/airspace/tracks takes it), and the truth
// ({"track", "truth", "notice"} a line).
std::string NoticeLines(const std::vector<SimFlight>& flights);
std::string TracksFeed(const std::vector<SimFlight>& flights);
std::string FlightTruthLines(const std::vector<SimFlight>& flights);

struct FlightScore {
  size_t flights = 0, notices = 0;
  size_t alerts = 0, alerts_right = 0;                        // precision = right / alerts
  size_t needing = 0, found = 0;                              // recall = found / needing
  std::map<std::string, std::pair<size_t, size_t>> by_truth;  // truth → (flights, alerted)
};

// The center's matcher run over the files above: every track held against
// every notice, as the server does, and its alerts against the truth.
Result<FlightScore> ScoreFlights(const Mission& mission, std::string_view notices_jsonl, std::string_view tracks_json,
                                 std::string_view truth_jsonl);
std::string FormatFlightScore(const FlightScore& s);

}  // namespace truce::sim
