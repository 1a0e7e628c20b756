// Tagger: which zones a report falls in and which clauses are in force at
// its time and place.
//
// A zone holds a report when the report's point lies in it (areas by S2
// containment, corridors and site buffers by geodesic distance on the
// ellipsoid) and the zone is valid during the observed interval. A clause
// is in force for a report when its interval overlaps the observed one and
// it covers the report's place: it names no zones (mission-wide), or one of
// its zones holds the report; and, for withdrawal clauses with a from_zone,
// the report is also within distance_km of that line.
#pragma once

#include <memory>
#include <vector>

#include "truce/core/report.h"
#include "truce/core/status.h"
#include "truce/geo/region_index.h"
#include "truce/mission/mission.h"

namespace truce {

class Tagger {
 public:
  // REQUIRES: `mission` outlives the Tagger.
  static Result<Tagger> Build(const Mission& mission);

  // Replaces report->zones and report->clauses. Thread-safe.
  void Tag(Report* report) const;
  // The indexes (into mission.zones) of the zones holding p during
  // [from_ms, to_ms], ascending; no strings made, for callers that ask
  // about many points (attribution). Thread-safe.
  void ZonesAt(geo::LatLng p, int64_t from_ms, int64_t to_ms, std::vector<int>* zones) const;

  const geo::RegionIndex& index() const { return index_; }

 private:
  Tagger() = default;

  const Mission* mission_ = nullptr;
  geo::RegionIndex index_;
  std::vector<int> region_zone_;                // region -> zone index, or -1
  std::vector<int> region_clause_;              // region -> withdrawal clause index, or -1
  std::vector<std::vector<int>> clause_zones_;  // clause -> zone indexes it covers
};

}  // namespace truce
