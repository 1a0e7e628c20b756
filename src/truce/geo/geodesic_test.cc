#include "truce/geo/geodesic.h"

#include <gtest/gtest.h>

namespace truce::geo {
namespace {

// Points read off one geodesic line are the points Direct gives, and a
// distance of 0 is the start.
TEST(Geodesic, PointsAlongAreTheDestinations) {
  LatLng from{35.80, 36.60};
  std::vector<double> d = {0, 150, 2500, 24700};
  auto points = PointsAlong(from, 137.5, d);
  ASSERT_EQ(points.size(), d.size());
  for (size_t i = 0; i < d.size(); ++i) {
    LatLng want = Destination(from, 137.5, d[i]);
    EXPECT_NEAR(points[i].lat, want.lat, 1e-12);
    EXPECT_NEAR(points[i].lon, want.lon, 1e-12);
    EXPECT_NEAR(DistanceM(from, points[i]), d[i], 1e-6);
  }
}

}  // namespace
}  // namespace truce::geo
