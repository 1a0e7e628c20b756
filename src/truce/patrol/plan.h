// PatrolPlan: what the parties agree a joint patrol will do before it
// starts (docs/REGISTER.md, "Patrol entries"): the route, the time window,
// who takes part with which vehicles, the speed and the halts. The plan is
// the body of a `patrol_plan` register entry; CheckPlan holds it against the
// mission (the route inside the zones patrols may use, places that exist,
// a schedule that fits the window) and gives the route and schedule the
// tracker follows.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "truce/core/status.h"
#include "truce/core/time.h"
#include "truce/mission/mission.h"
#include "truce/mission/tagger.h"
#include "truce/patrol/tracker.h"

namespace truce::patrol {

struct PlanVehicle {
  std::string id;     // as the vehicle's fixes name it ("RU-BTR-1")
  std::string party;  // a center party
  std::string kind;   // "BTR-82A", free text
};

struct PlanHalt {
  std::string place;  // a gazetteer name, or "" when given by position
  geo::LatLng at;
  int64_t minutes = 0;
};

struct PatrolPlan {
  std::string id;  // the parties' name for it: letters, digits, '-', '_', '.'
  // The route: along a zone's line (a road, the corridor's centre line)
  // from one gazetteer place to another, or straight between waypoints.
  std::string along_zone, from, to;
  geo::Line waypoints;
  Instant start, end;
  std::vector<std::string> parties;
  std::vector<PlanVehicle> vehicles;
  double speed_kmh = 0;
  std::vector<PlanHalt> halts;
};

// The body as the register holds it: {"patrol", "route": {"along", "from",
// "to"} or {"waypoints": [[lat, lon], ...]}, "window": {"start", "end"},
// "parties", "vehicles": [{"id", "party", "kind"}], "speed_kmh", "halts":
// [{"place" | "at": [lat, lon], "minutes"}]}. Every error names the field.
Result<PatrolPlan> ParsePlan(const nlohmann::json& body);
nlohmann::json PlanBody(const PatrolPlan& plan);

struct CheckedPlan {
  PatrolPlan plan;
  Route route;
  Schedule schedule;
};

// The plan held against the mission: the parties are the center's, the
// places exist and lie on the route, the route stays inside the zones
// patrols may use ([patrols] zones, or every corridor and patrol route)
// for the whole window, and the driving and halts fit the window.
Result<CheckedPlan> CheckPlan(const PatrolPlan& plan, const Mission& mission, const Tagger& tagger);

// The tracker's settings from the mission's [patrols].
TrackSettings TrackSettingsOf(const Mission& mission);

}  // namespace truce::patrol
