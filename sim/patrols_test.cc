#include "sim/patrols.h"

#include <gtest/gtest.h>

#include <set>

#include "sim/scenario.h"
#include "truce/mission/test_mission.h"

namespace truce::sim {
namespace {

class PatrolsTest : public ::testing::Test {
 protected:
  static std::vector<SimPatrol> Drive(uint64_t seed, int days) {
    auto p = SimulatePatrols(*mission_, {seed, Instant{FirstDayMs(*mission_, {}), 0}, days});
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? *p : std::vector<SimPatrol>{};
  }
  static inline const Mission* mission_ = &testing::IdlibPack();
};

TEST_F(PatrolsTest, APatrolADayOfEveryKindWithItsTruth) {
  std::vector<SimPatrol> patrols = Drive(4, 20);
  ASSERT_EQ(patrols.size(), 20u);
  std::set<std::string> kinds;
  for (const SimPatrol& p : patrols) {
    kinds.insert(p.truth);
    EXPECT_GT(p.fixes.size(), 100u);
    // Only a detour takes a patrol off its route by more than the tolerance.
    EXPECT_EQ(!p.off_route.empty(), p.truth == "detoured") << p.plan["patrol"];
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"completed", "detoured", "shortened"}));
  EXPECT_EQ(PatrolLines(Drive(4, 3)), PatrolLines(Drive(4, 3)));
}

TEST_F(PatrolsTest, TheCentersTrackerRaisesTheDeviationsThatHappened) {
  std::vector<SimPatrol> patrols = Drive(9, 30);
  auto s = ScorePatrols(*mission_, PatrolLines(patrols));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->patrols, 30u);
  EXPECT_EQ(s->refused, 0u) << FormatPatrolScore(*s);
  ASSERT_GT(s->episodes, 2u);
  EXPECT_EQ(s->found, s->episodes) << FormatPatrolScore(*s);
  EXPECT_EQ(s->alerts_right, s->alerts) << FormatPatrolScore(*s);
}

TEST_F(PatrolsTest, ABadLineIsNamed) {
  auto s = ScorePatrols(*mission_, "{\"plan\": {}, \"fixes\": [], \"off_route\": []}\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message().rfind("patrols.jsonl: line 1: plan.", 0), 0u) << s.status().message();
}

}  // namespace
}  // namespace truce::sim
