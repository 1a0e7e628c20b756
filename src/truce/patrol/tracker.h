// Tracker: a patrol's vehicle fixes held against its plan (docs/USER-GUIDE.md,
// "Patrols"): how far along the route it has got, how far off it is, how far
// behind the schedule, and the alerts an officer on duty must see — off the
// route by more than the mission's tolerance, stopped longer than planned,
// turned back, or silent. Fixes that cannot be true (out of order, repeated,
// faster than a vehicle drives, with no position fix) are skipped, each with
// its reason, and change nothing.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "truce/core/status.h"
#include "truce/patrol/route.h"

namespace truce::patrol {

// One position report of one vehicle.
struct Fix {
  int64_t t_ms = 0;  // UTC
  geo::LatLng at;
  std::string vehicle;  // which vehicle of the patrol; "" for a patrol with one track
  // 0: the receiver had no position (NMEA GGA quality 0, RMC status V, a
  // GPX point with fix "none"); the fix is skipped. 1 and above: a fix.
  int quality = 1;
  double hdop = 0;  // 0 when not given
};

struct PlannedHalt {
  double along_m = 0;  // where on the route
  int64_t duration_ms = 0;
};

// When and how fast the plan has the patrol move.
struct Schedule {
  int64_t start_ms = 0, end_ms = 0;
  double speed_mps = 0;  // while moving
  std::vector<PlannedHalt> halts;
  // When the plan has the patrol at `along_m`: the start, the driving at
  // speed, and every halt before it.
  int64_t PlannedAt(double along_m) const;
};

struct TrackSettings {
  double off_route_m = 500;               // the mission's tolerance
  double max_speed_mps = 160 / 3.6;       // faster than this between two fixes cannot be a patrol vehicle
  int64_t silent_after_ms = 10 * 60'000;  // no fix from any vehicle for this long
  double halt_radius_m = 150;             // moving less than this is standing still
  int64_t unplanned_halt_ms = 15 * 60'000;
  int64_t halt_grace_ms = 10 * 60'000;  // over a planned halt's length
  double planned_halt_reach_m = 1000;   // a stop this near a planned halt is that halt
  double turned_back_m = 1000;          // back along the route from the furthest point reached
  double arrived_m = 300;               // this near the route's end is the end
};

enum class AlertKind { kOffRoute, kBackOnRoute, kHalt, kTurnedBack, kSilent, kArrived };
std::string_view AlertKindName(AlertKind k);

struct Alert {
  AlertKind kind = AlertKind::kOffRoute;
  int64_t t_ms = 0;
  geo::LatLng at;
  double along_m = 0;
  std::string vehicle;
  std::string detail;  // in words, for the duty officer
};

// Where the patrol stands now.
struct Progress {
  bool started = false, arrived = false, off_route = false, halted = false, turned_back = false;
  double furthest_m = 0;  // the furthest point along the route reached on it
  double along_m = 0;     // the newest fix, along the route
  double off_m = 0;       // and off it
  // How late it is: the newest fix's time less the time the plan had it at
  // furthest_m (negative: early). A patrol held up falls further behind.
  int64_t behind_ms = 0;
  int64_t last_fix_ms = 0;
  size_t fixes = 0, skipped = 0;
};

class Tracker {
 public:
  Tracker(Route route, Schedule schedule, TrackSettings settings = {});

  // Takes one fix, in the order received; the alerts it raises are added
  // to `alerts`. A fix that cannot be true is refused with the reason and
  // leaves the tracker as it was.
  Status Add(const Fix& fix, std::vector<Alert>* alerts);
  // Whether the patrol has gone silent by `now_ms` (the center's clock): one
  // alert per silence, none before the start or after the arrival.
  std::optional<Alert> CheckSilence(int64_t now_ms);

  const Progress& progress() const { return progress_; }
  const Route& route() const { return route_; }
  const Schedule& schedule() const { return schedule_; }

 private:
  struct Vehicle {
    int64_t t_ms = 0;
    geo::LatLng at;
  };
  int64_t AllowedHaltMs(double along_m) const;

  Route route_;
  Schedule schedule_;
  TrackSettings settings_;
  Progress progress_;
  std::map<std::string, Vehicle, std::less<>> vehicles_;
  // The standing still being timed: where and since when, and whether its
  // alert has gone.
  std::optional<Vehicle> halt_anchor_;
  double halt_along_m_ = 0;
  bool halt_alerted_ = false;
  bool silence_alerted_ = false;
};

}  // namespace truce::patrol
