#include "truce/geo/simplify.h"

#include <gtest/gtest.h>

namespace truce::geo {
namespace {

TEST(SimplifyLine, KeepsTheEndsAndTheCornersAndDropsWhatLiesOnTheLine) {
  // East along a parallel, one fix every ~90 m, then north: a corner.
  Line line;
  for (int i = 0; i <= 100; ++i) line.push_back({35.80, 36.50 + i * 0.001});
  for (int i = 1; i <= 50; ++i) line.push_back({35.80 + i * 0.001, 36.60});
  std::vector<int> kept = SimplifyLine(line, 20);
  ASSERT_GE(kept.size(), 3u);
  EXPECT_EQ(kept.front(), 0);
  EXPECT_EQ(kept.back(), int(line.size()) - 1);
  EXPECT_NE(std::find(kept.begin(), kept.end(), 100), kept.end()) << "the corner";
  EXPECT_LT(kept.size(), 10u);  // a parallel bows a metre from the great circle over 9 km
  // A tolerance of a metre keeps far more.
  EXPECT_GT(SimplifyLine(line, 0.5).size(), kept.size());
  // A vehicle standing still repeats its fix: not an error.
  Line still = {{35.8, 36.5}, {35.8, 36.5}, {35.8, 36.5}, {35.81, 36.5}};
  EXPECT_EQ(SimplifyLine(still, 5).back(), 3);
  EXPECT_EQ(SimplifyLine({}, 5).size(), 0u);
}

}  // namespace
}  // namespace truce::geo
