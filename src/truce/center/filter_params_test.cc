#include "truce/center/filter_params.h"

#include <gtest/gtest.h>

namespace truce {
namespace {

TEST(ParseBoundingBox, TakesFourPlainDecimalsInTheGeoJsonOrder) {
  auto b = ParseBoundingBox("36.1,-35.5,37.25,36");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_DOUBLE_EQ(b->west, 36.1);
  EXPECT_DOUBLE_EQ(b->south, -35.5);
  EXPECT_DOUBLE_EQ(b->east, 37.25);
  EXPECT_DOUBLE_EQ(b->north, 36);
  EXPECT_TRUE(ParseBoundingBox("-180,-90,180,90").ok());
  EXPECT_TRUE(ParseBoundingBox("36,35,36,35").ok()) << "a point is a box";
}

TEST(ParseBoundingBox, RefusesAnythingButPlainDecimalsNamingBbox) {
  for (const char* text : {"3.6e1,35,37,36", "+36,35,37,36", " 36,35,37,36", "36.,35,37,36", ".5,35,37,36",
                           "nan,35,37,36", "inf,35,37,36", "0x1,35,37,36", "--1,35,37,36", "36,35,37", "36,35,37,36,1",
                           "36,35,37,36,", ",35,37,36", "", "36;35;37;36", "36.0000000000000000000001,35,37,36"}) {
    auto b = ParseBoundingBox(text);
    EXPECT_FALSE(b.ok()) << text;
    if (!b.ok()) {
      EXPECT_EQ(b.status().message().rfind("bbox: ", 0), 0u) << b.status().message();
    }
  }
}

TEST(ParseBoundingBox, ChecksRangesAndOrder) {
  EXPECT_NE(ParseBoundingBox("-181,35,37,36").status().message().find("longitudes"), std::string::npos);
  EXPECT_NE(ParseBoundingBox("36,35,37,90.5").status().message().find("latitudes"), std::string::npos);
  EXPECT_NE(ParseBoundingBox("36,36,37,35").status().message().find("south must not exceed north"), std::string::npos);
  EXPECT_NE(ParseBoundingBox("170,35,-170,36").status().message().find("antimeridian"), std::string::npos);
}

}  // namespace
}  // namespace truce
