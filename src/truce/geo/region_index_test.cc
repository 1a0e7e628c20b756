#include "truce/geo/region_index.h"

#include <gtest/gtest.h>

#include <random>

#include "truce/geo/geodesic.h"

namespace truce::geo {
namespace {

Polygon Square(double south, double west, double north, double east) {
  return {{{{south, west}, {south, east}, {north, east}, {north, west}, {south, west}}}};
}

TEST(RegionIndex, AreaContainsItsInsideOnly) {
  RegionIndex index;
  auto r = index.AddArea({Square(35.0, 36.0, 36.0, 37.0)});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  index.Build();
  std::vector<int> out;
  index.Lookup({35.5, 36.5}, &out);
  EXPECT_EQ(out, std::vector<int>{0});
  out.clear();
  index.Lookup({36.5, 36.5}, &out);
  EXPECT_TRUE(out.empty());
}

TEST(RegionIndex, EitherWindingMeansTheSmallSide) {
  RegionIndex index;
  Polygon cw = Square(35.0, 36.0, 36.0, 37.0);
  std::reverse(cw.rings[0].begin(), cw.rings[0].end());
  ASSERT_TRUE(index.AddArea({cw}).ok());
  index.Build();
  EXPECT_TRUE(index.Contains(0, {35.5, 36.5}));
  EXPECT_FALSE(index.Contains(0, {0, 0}));
}

TEST(RegionIndex, RefusesSelfIntersectingAndOpenRings) {
  RegionIndex index;
  Polygon bowtie{{{{35, 36}, {36, 37}, {35, 37}, {36, 36}, {35, 36}}}};
  auto r = index.AddArea({bowtie});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("ring 0"), std::string::npos) << r.status().message();
  Polygon open{{{{35, 36}, {36, 37}, {35, 37}, {36, 36}}}};
  EXPECT_FALSE(index.AddArea({open}).ok());
}

TEST(RegionIndex, CorridorIsByGeodesicDistanceNotDegrees) {
  // A road along the meridian 36.6 E (a meridian is a geodesic, so the
  // distance east or west of it is exactly the offset). At 35.8 N, 6 km is
  // 0.066 degrees of longitude but 0.054 of latitude: a buffer in degrees
  // would get one of them wrong.
  RegionIndex index;
  Line road{{35.5, 36.6}, {36.1, 36.6}};
  ASSERT_TRUE(index.AddLineBuffer({road}, 6000).ok());
  index.Build();
  LatLng mid{35.8, 36.6};
  for (double d : {5900.0, 5990.0}) {
    EXPECT_TRUE(index.Contains(0, Destination(mid, 90, d))) << d;
    std::vector<int> out;
    index.Lookup(Destination(mid, 270, d), &out);
    EXPECT_EQ(out.size(), 1u) << d;
  }
  for (double d : {6010.0, 6100.0, 9000.0}) {
    EXPECT_FALSE(index.Contains(0, Destination(mid, 90, d))) << d;
    std::vector<int> out;
    index.Lookup(Destination(mid, 270, d), &out);
    EXPECT_TRUE(out.empty()) << d;
  }
  // Beyond the line's end the buffer is round.
  EXPECT_TRUE(index.Contains(0, Destination({36.1, 36.6}, 0, 5990)));
  EXPECT_FALSE(index.Contains(0, Destination({36.1, 36.6}, 0, 6010)));
  EXPECT_NEAR(index.DistanceM(0, Destination(mid, 90, 3000)), 3000, 0.01);
}

TEST(RegionIndex, LookupAgreesWithTheExactTestEverywhere) {
  RegionIndex index;
  ASSERT_TRUE(index.AddArea({Square(35.5, 36.2, 36.1, 36.8)}).ok());
  Line bent{{35.7, 36.0}, {35.85, 36.4}, {35.8, 36.7}, {35.95, 37.0}};
  ASSERT_TRUE(index.AddLineBuffer({bent}, 6000).ok());
  ASSERT_TRUE(index.AddPointBuffer({{35.9, 36.5}, {35.6, 36.9}}, 1500).ok());
  index.Build();
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> lat(35.4, 36.2), lon(35.9, 37.1);
  std::vector<int> out;
  int inside_any = 0;
  for (int i = 0; i < 20000; ++i) {
    LatLng p{lat(rng), lon(rng)};
    out.clear();
    index.Lookup(p, &out);
    std::vector<int> exact;
    for (int r = 0; r < index.size(); ++r) {
      if (index.Contains(r, p)) exact.push_back(r);
    }
    ASSERT_EQ(out, exact) << p.lat << "," << p.lon;
    inside_any += !out.empty();
  }
  EXPECT_GT(inside_any, 5000);
}

TEST(RegionIndex, ACorridorAcrossTheEquatorAgreesWithTheExactTest) {
  RegionIndex index;
  ASSERT_TRUE(index.AddLineBuffer({{{-1.0, 10.0}, {1.0, 10.0}}}, 6000).ok());
  index.Build();
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> lat(-1.1, 1.1), lon(9.9, 10.1);
  std::vector<int> out;
  for (int i = 0; i < 20000; ++i) {
    LatLng p{lat(rng), lon(rng)};
    out.clear();
    index.Lookup(p, &out);
    ASSERT_EQ(!out.empty(), index.Contains(0, p)) << p.lat << "," << p.lon;
  }
}

TEST(Geodesic, SegmentDistanceMatchesPerpendicularOffsets) {
  LatLng a{35.8, 36.3}, b{35.85, 36.7};
  LatLng mid{35.825, 36.5};
  double d = DistanceToSegmentM(Destination(mid, 0, 2000), a, b);
  EXPECT_GT(d, 1900);
  EXPECT_LT(d, 2000.001);
  EXPECT_NEAR(DistanceToSegmentM(a, a, b), 0, 1e-6);
}

}  // namespace
}  // namespace truce::geo
