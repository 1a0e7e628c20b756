#include "truce/geo/simplify.h"

#include <s2/s2earth.h>
#include <s2/s2latlng.h>
#include <s2/s2polyline.h>

namespace truce::geo {

std::vector<int> SimplifyLine(const Line& line, double tolerance_m) {
  std::vector<int> kept;
  if (line.size() <= 2) {
    for (size_t i = 0; i < line.size(); ++i) kept.push_back(int(i));
    return kept;
  }
  std::vector<S2Point> points;
  points.reserve(line.size());
  for (const LatLng& p : line) points.push_back(S2LatLng::FromDegrees(p.lat, p.lon).Normalized().ToPoint());
  // Unchecked: repeated points are a vehicle standing still, not an error.
  S2Polyline polyline(points, S2Debug::DISABLE);
  polyline.SubsampleVertices(S2Earth::MetersToAngle(tolerance_m), &kept);
  return kept;
}

}  // namespace truce::geo
