#include "truce/patrol/coverage.h"

#include <gtest/gtest.h>

namespace truce::patrol {
namespace {

std::vector<int> Counts(const Coverage& c) {
  std::vector<int> out;
  for (const CoverageBin& b : c.bins) out.push_back(b.patrols);
  return out;
}

// A 10.5 km road in 1 km bins (the last half a kilometre long); three
// patrols: one drove all of it, one was stopped at 4.3 km, one drove it
// backwards from the end to 6.4 km.
TEST(Coverage, CountsEachKilometreAPatrolDroveHalfOf) {
  const Coverage c = CoverageOf(10'500, {{0, 10'500, 0, 10'500}, {0, 10'500, 0, 4'300}, {10'500, 0, 10'500, 6'400}});
  EXPECT_EQ(Counts(c), (std::vector<int>{2, 2, 2, 2, 1, 1, 2, 2, 2, 2, 2}));
  EXPECT_EQ(c.bins.back().from_m, 10'000);
  EXPECT_EQ(c.bins.back().to_m, 10'500);
  EXPECT_TRUE(c.never_reached.empty());
  EXPECT_DOUBLE_EQ(c.planned_m, 31'500);
  EXPECT_DOUBLE_EQ(c.driven_m, 10'500 + 4'300 + 4'100);
  EXPECT_DOUBLE_EQ(c.share, 18'900.0 / 31'500);
}

TEST(Coverage, StretchesNoPatrolReachedAreJoined) {
  // 4.6 km counts the fifth kilometre (0.6 of it); from 7.6 km, the eighth is not counted (0.4).
  const Coverage c = CoverageOf(10'000, {{0, 10'000, 0, 4'600}, {0, 10'000, 7'600, 10'000}});
  EXPECT_EQ(Counts(c), (std::vector<int>{1, 1, 1, 1, 1, 0, 0, 0, 1, 1}));
  ASSERT_EQ(c.never_reached.size(), 1u);
  EXPECT_EQ(c.never_reached[0].from_m, 5'000);
  EXPECT_EQ(c.never_reached[0].to_m, 8'000);
}

TEST(Coverage, NothingPlannedIsAllCoveredOfNothingAndOutOfRangeIsClamped) {
  const Coverage none = CoverageOf(3'000, {});
  EXPECT_EQ(Counts(none), (std::vector<int>{0, 0, 0}));
  EXPECT_EQ(none.share, 1);
  ASSERT_EQ(none.never_reached.size(), 1u);
  EXPECT_EQ(none.never_reached[0].to_m, 3'000);
  const Coverage wide = CoverageOf(3'000, {{-500, 9'000, -500, 9'000}});
  EXPECT_EQ(Counts(wide), (std::vector<int>{1, 1, 1}));
  EXPECT_DOUBLE_EQ(wide.planned_m, 3'000);
  EXPECT_TRUE(CoverageOf(0, {{0, 1, 0, 1}}).bins.empty());
  const Coverage tiny = CoverageOf(3'000, {{0, 3'000, 1'200, 1'300}});  // a tenth of a bin
  EXPECT_EQ(Counts(tiny), (std::vector<int>{0, 0, 0}));
}

}  // namespace
}  // namespace truce::patrol
