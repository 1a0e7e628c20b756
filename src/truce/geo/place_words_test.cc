#include "truce/geo/place_words.h"

#include <gtest/gtest.h>

#include "truce/geo/geodesic.h"

namespace truce::geo {
namespace {

Gazetteer Two() {
  Gazetteer g;
  g.Add({"Ariha", {}, "town", "", {35.8136, 36.6097}, 2000});
  g.Add({"Saraqib", {}, "town", "", {35.8625, 36.8006}, 2000});
  return g;
}

TEST(PlaceWords, NamesTheNearestPlaceWithDistanceAndCompassPoint) {
  const Gazetteer g = Two();
  const LatLng north = Destination({35.8136, 36.6097}, 2, 3100);
  PlaceWords w = DescribePlace(g, north);
  EXPECT_EQ(w.words, "3 km north of Ariha");
  EXPECT_EQ(DescribePlace(g, Destination({35.8625, 36.8006}, 225, 5400)).words, "5 km south-west of Saraqib");
  EXPECT_EQ(DescribePlace(g, Destination({35.8625, 36.8006}, 100, 1500)).words, "in Saraqib");
  EXPECT_EQ(DescribePlace(Gazetteer(), {35.81, 36.61}).words, "35.81000° N, 36.61000° E");
  EXPECT_EQ(CompassPoint(359), "north");
  EXPECT_EQ(CompassPoint(-90), "west");
}

}  // namespace
}  // namespace truce::geo
