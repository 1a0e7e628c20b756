#include "truce/patrol/route.h"

#include <gtest/gtest.h>

#include <random>

#include "truce/geo/geodesic.h"
#include "truce/mission/mission.h"

namespace truce::patrol {
namespace {

// The M4 patrol route of the Idlib pack, Trumba to Ain al-Hawr: real road
// geometry, 31 segments of one to three kilometres.
geo::Line M4() {
  auto m = LoadMission(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020");
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return m->FindZone("m4-patrol-route")->lines.at(0);
}

TEST(Route, ItsLengthIsTheGeodesicLengthOfItsLine) {
  const geo::Line line = M4();
  auto route = Route::Make(line);
  ASSERT_TRUE(route.ok()) << route.status().ToString();
  double sum = 0;
  for (size_t i = 0; i + 1 < line.size(); ++i) sum += geo::DistanceM(line[i], line[i + 1]);
  EXPECT_DOUBLE_EQ(route->length_m(), sum);
  // Trumba to Ain al-Hawr along the M4 is some 70 km.
  EXPECT_GT(route->length_m(), 55'000);
  EXPECT_LT(route->length_m(), 80'000);
}

// The local-plane measure agrees with the geodesic one to within a metre,
// for points up to 5 km either side of the road.
TEST(Route, LocateAgreesWithTheGeodesicNearestPoint) {
  const geo::Line line = M4();
  const Route route = Route::Make(line).value();
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> along(0, route.length_m()), side(-5000, 5000), turn(0, 360);
  for (int i = 0; i < 300; ++i) {
    const geo::LatLng on = route.PointAt(along(rng));
    const geo::LatLng p = geo::Destination(on, turn(rng), std::abs(side(rng)));
    const RoutePlace place = route.Locate(p);
    const geo::NearestPoint exact = geo::NearestOnLines(p, {line});
    EXPECT_NEAR(place.off_m, exact.distance_m, 1.0) << i;
    // (Inside a bend two points of the line can be nearest: compare distances.)
    EXPECT_NEAR(geo::DistanceM(p, place.nearest), exact.distance_m, 1.0) << i;
    EXPECT_LT(geo::DistanceM(route.PointAt(place.along_m), place.nearest), 1.0) << i;
  }
}

TEST(Route, AlongGrowsFromStartToEnd) {
  const Route route = Route::Make(M4()).value();
  EXPECT_NEAR(route.Locate(route.line().front()).along_m, 0, 1e-6);
  EXPECT_NEAR(route.Locate(route.line().back()).along_m, route.length_m(), 1e-6);
  double last = -1;
  for (double d = 0; d <= route.length_m(); d += 500) {
    const RoutePlace p = route.Locate(route.PointAt(d));
    EXPECT_NEAR(p.along_m, d, 1.0);
    EXPECT_LT(p.off_m, 0.5);
    EXPECT_GT(p.along_m, last);
    last = p.along_m;
  }
}

// Out along a road and back on the same road: where the patrol was last
// seen decides which pass a fix belongs to.
TEST(Route, OnAnOutAndBackRouteTheHintChoosesThePass) {
  const Route route = Route::Make({{35.80, 36.50}, {35.80, 36.60}, {35.8001, 36.50}}).value();
  const geo::LatLng p{35.80005, 36.55};
  const double half = route.length_m() / 2;
  EXPECT_LT(route.Locate(p, 0).along_m, half);
  EXPECT_GT(route.Locate(p, route.length_m()).along_m, half);
}

TEST(Route, SliceKeepsTheVerticesBetween) {
  const Route route = Route::Make(M4()).value();
  const geo::Line part = route.Slice(10'000, 20'000);
  double length = 0;
  for (size_t i = 0; i + 1 < part.size(); ++i) length += geo::DistanceM(part[i], part[i + 1]);
  EXPECT_NEAR(length, 10'000, 5);
  EXPECT_GT(part.size(), 2u);
}

TEST(Route, ABadLineIsRefusedWithTheReason) {
  EXPECT_NE(Route::Make({{35.8, 36.5}}).status().message().find("two distinct"), std::string::npos);
  EXPECT_NE(Route::Make({{35.8, 36.5}, {35.8, 36.5}}).status().message().find("two distinct"), std::string::npos);
  auto bad = Route::Make({{35.8, 36.5}, {95, 36.5}});
  EXPECT_NE(bad.status().message().find("vertex 2"), std::string::npos) << bad.status().message();
  EXPECT_FALSE(Route::Make({{35.8, 36.5}, {NAN, 36.5}}).ok());
}

}  // namespace
}  // namespace truce::patrol
