// The mission's ground as the simulator reads it from the pack's geometry:
// which zones hold a point at a time, and which party holds the ground.
//
// The simulator places every event itself, so who did it and where are
// facts of the scenario; this is how it reads those places against the
// pack. It does not ask the center (mission/tagger.h, adjudicate/): what
// the simulator writes as the truth is then not the center's own answer,
// and a fault in the center's reading shows up in `truce score`.
//
// Geometry is the geo library's, the same as the center's (S2 containment
// for areas; geodesic distance on the WGS84 ellipsoid for buffered lines
// and points, and for a withdrawal's band along its line).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "truce/core/status.h"
#include "truce/geo/geometry.h"
#include "truce/geo/region_index.h"
#include "truce/mission/mission.h"

namespace truce::sim {

class Ground {
 public:
  // REQUIRES: `mission` outlives the Ground.
  static Result<Ground> Build(const Mission& mission);

  // The party of the first control area, in pack order, that holds p and is
  // valid at t_ms; "" where no control area does.
  std::string Holder(geo::LatLng p, int64_t t_ms) const;

  // Whether the zone holds p at some moment of [from_ms, to_ms]: the zone is
  // valid then, and p is inside its area or within its half width of its
  // lines or points (a protected site drawn as an area also holds the band
  // round its edge). A line with no half width holds nothing.
  bool Holds(const geo::Zone& zone, geo::LatLng p, int64_t from_ms, int64_t to_ms) const;

  // Whether p is within the withdrawal clause's distance_km of its
  // from_zone's outline (its lines, or its areas' rings); true for a clause
  // with no from_zone.
  bool WithinBand(const Clause& clause, geo::LatLng p) const;

 private:
  Ground() = default;

  const Mission* mission_ = nullptr;
  geo::RegionIndex index_;
  std::vector<int> region_zone_;                // region → zone index
  std::vector<std::vector<int>> zone_regions_;  // zone index → its regions
  std::vector<int> clause_band_;                // clause index → its band's region, or -1
};

}  // namespace truce::sim
