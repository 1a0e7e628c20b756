// Simulated joint patrols along the mission's patrol road: the plan the
// parties would agree, each vehicle's receiver fixes (every 10 s, with GPS
// noise), and the truth of when the patrol was really off its route by more
// than the mission's tolerance, so that the center's tracker
// (patrol/tracker.h) can be scored on its deviation alerts
// (docs/ACCURACY.md, "Patrols off their route").
//
// Most patrols drive the road and back within the plan; some leave it for a
// while (a detour of one to three kilometres round a blocked stretch), some
// turn back early. Everything comes from one seeded generator.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "truce/core/status.h"
#include "truce/core/time.h"
#include "truce/mission/mission.h"
#include "truce/patrol/tracker.h"

namespace truce::sim {

struct PatrolOptions {
  uint64_t seed = 1;
  Instant start;  // the first day, 00:00
  int days = 2;
};

struct SimPatrol {
  nlohmann::json plan;             // a patrol_plan's "plan", as the parties agree it
  std::vector<patrol::Fix> fixes;  // every vehicle's, in time order
  std::string truth;               // completed, detoured, shortened
  // When it was really (without the receivers' noise) farther off its route
  // than the mission's tolerance: [from, to] in UTC ms, one per episode.
  std::vector<std::pair<int64_t, int64_t>> off_route;
};

// One patrol a day along the mission's patrol road (its patrol route zone,
// or its security corridor's centre line); none for a mission with neither.
Result<std::vector<SimPatrol>> SimulatePatrols(const Mission& mission, const PatrolOptions& options);

// patrols.jsonl, as `truce sim --out` writes it: one patrol a line,
// {"plan", "truth", "off_route": [{"from", "to"}], "fixes": [{"vehicle",
// "t", "lat", "lon"}]}.
std::string PatrolLines(const std::vector<SimPatrol>& patrols);

struct PatrolScore {
  size_t patrols = 0, fixes = 0, refused = 0;
  size_t alerts = 0, alerts_right = 0;  // off_route alerts; right when raised in a true episode
  size_t episodes = 0, found = 0;       // true episodes, and those with an alert in them
};

// Each patrol's plan held against the mission and its fixes put through the
// center's tracker, as the server does; its off_route alerts against the truth.
Result<PatrolScore> ScorePatrols(const Mission& mission, std::string_view patrols_jsonl);
std::string FormatPatrolScore(const PatrolScore& s);

}  // namespace truce::sim
