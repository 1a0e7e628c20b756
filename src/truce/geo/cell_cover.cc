#include "truce/geo/cell_cover.h"

#include <s2/s2cell_id.h>
#include <s2/s2latlng.h>
#include <s2/s2latlng_rect.h>
#include <s2/s2region_coverer.h>

namespace truce::geo {

int64_t CellKey(LatLng p) { return int64_t(S2CellId(S2LatLng::FromDegrees(p.lat, p.lon)).id() >> 1); }

std::vector<std::pair<int64_t, int64_t>> CoverBox(const BoundingBox& box, int max_cells) {
  S2LatLngRect rect(S2LatLng::FromDegrees(box.south, box.west), S2LatLng::FromDegrees(box.north, box.east));
  S2RegionCoverer::Options options;
  options.set_max_cells(max_cells);
  S2RegionCoverer coverer(options);
  std::vector<std::pair<int64_t, int64_t>> ranges;
  for (S2CellId id : coverer.GetCovering(rect)) {
    int64_t lo = int64_t(id.range_min().id() >> 1), hi = int64_t(id.range_max().id() >> 1);
    if (!ranges.empty() && ranges.back().second + 1 >= lo) {
      ranges.back().second = hi;  // the covering is sorted; join neighbours
    } else {
      ranges.emplace_back(lo, hi);
    }
  }
  return ranges;
}

}  // namespace truce::geo
