// The scenario simulator: from a mission pack and a seed, what really
// happened (events) and what each source would have said of it (reports).
//
// The events follow the ground: fire is exchanged across the line of
// contact from one party's control area into another's, with a daily rhythm
// and bursts of escalation; IEDs go on the corridor's road, heavy weapons
// into withdrawal zones, obstructions onto the patrol route, flights over
// the area. Each source then detects each event with its own probability
// and describes it with its own errors (docs/SIMULATOR.md has the numbers).
// Everything is drawn from one seeded generator: a seed gives the same
// scenario on every machine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/event.h"
#include "truce/core/report.h"
#include "truce/core/status.h"
#include "truce/mission/mission.h"

namespace truce::sim {

struct Options {
  uint64_t seed = 1;
  // The first day; unset: the day after the last clause came into force.
  std::optional<Instant> start;
  int days = 2;
  double events_per_day = 60;
};

// One report and the truth about it.
struct SimReport {
  Report report;
  std::string event;  // the event it describes; empty when the source invented it
  std::string party;  // who really did it; empty for an invention
};

struct Scenario {
  std::vector<Event> events;
  std::vector<SimReport> reports;  // by observed start, as they would arrive
};

// What happened and who did it are the simulator's own choices; the clauses
// each event broke are its own reading of the pack (sim/reading.h). Nothing
// here asks the center's rules, so the truth is not the center's answer.
Result<Scenario> Simulate(const Mission& mission, const Options& options);

// The scenario's first day (UTC ms): options.start, or the day after the
// last clause came into force.
int64_t FirstDayMs(const Mission& mission, const Options& options);

// The report as a source would send it (intake's JSON form). A monitor's
// report gives its sighting, not a location: intake places it.
nlohmann::json ReportJson(const SimReport& r);
std::string ReportLine(const SimReport& r);  // ReportJson on one line
// {"report": ID, "event": ID|null, "party": WHO|null}
std::string TruthLine(const SimReport& r);
// {"event": ID, "category", "start", "end", "lat", "lon", "party", "weapon_class", "clauses", "fired_from"}
std::string EventLine(const Event& e);

}  // namespace truce::sim
