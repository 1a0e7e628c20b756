#include "sim/scenario.h"

#include <gtest/gtest.h>

#include "truce/mission/test_mission.h"

namespace truce::sim {
namespace {

// The mini mission has a front, one party's ground and a mortar: enough to
// simulate; the same seed gives the same scenario, another seed another.
TEST(Scenario, TheSameSeedGivesTheSameScenario) {
  Mission mission = testing::MiniMission();
  Options o;
  o.seed = 3;
  o.days = 1;
  auto a = Simulate(mission, o);
  auto b = Simulate(mission, o);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok());
  ASSERT_FALSE(a->reports.empty());
  ASSERT_EQ(a->reports.size(), b->reports.size());
  for (size_t i = 0; i < a->reports.size(); ++i) EXPECT_EQ(ReportLine(a->reports[i]), ReportLine(b->reports[i]));
  o.seed = 4;
  auto c = Simulate(mission, o);
  ASSERT_TRUE(c.ok());
  EXPECT_NE(ReportLine(a->reports[0]), ReportLine(c->reports[0]));
  // Every report's truth names its event, or none for an invention.
  for (const SimReport& r : a->reports) EXPECT_EQ(r.event.empty(), r.party.empty()) << TruthLine(r);
}

TEST(Scenario, APackItCannotSimulateIsRefusedWithTheReason) {
  Mission mission = testing::MiniMission();
  mission.weapon_classes.clear();  // no indirect weapon to shell with
  auto s = Simulate(mission, Options{});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("indirect weapon"), std::string::npos) << s.status().ToString();
  Options bad;
  bad.days = 0;
  EXPECT_FALSE(Simulate(testing::MiniMission(), bad).ok());
}

}  // namespace
}  // namespace truce::sim
