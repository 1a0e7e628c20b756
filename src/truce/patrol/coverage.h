// Coverage: which stretches of a road the patrols of a period reached, how
// often, and which they never reached (docs/USER-GUIDE.md, "Patrols"). The
// road (the corridor's patrol route) is cut into bins, a kilometre by
// default; a bin counts a patrol when the patrol drove at least half of it.
#pragma once

#include <vector>

#include "truce/patrol/route.h"

namespace truce::patrol {

// One patrol of the period, on the road: the stretch it was planned to
// drive and the stretch it drove (distances along the road; from may be
// above to for a patrol driving the road backwards).
struct PatrolRun {
  double planned_from_m = 0, planned_to_m = 0;
  double driven_from_m = 0, driven_to_m = 0;
};

struct CoverageBin {
  double from_m = 0, to_m = 0;
  int patrols = 0;  // how many drove at least half of it
};

struct Stretch {
  double from_m = 0, to_m = 0;
};

struct Coverage {
  std::vector<CoverageBin> bins;
  std::vector<Stretch> never_reached;  // runs of bins no patrol drove
  double planned_m = 0, driven_m = 0;  // summed over the patrols
  // driven_m / planned_m: the share of the planned distance driven (1 when
  // nothing was planned).
  double share = 1;
};

// Linear in the patrols and the bins: a year of daily patrols on a 70 km
// road is some 25,000 numbers.
Coverage CoverageOf(double road_length_m, const std::vector<PatrolRun>& runs, double bin_m = 1000);

}  // namespace truce::patrol
