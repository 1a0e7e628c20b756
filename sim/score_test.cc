#include "sim/score.h"

#include <gtest/gtest.h>

#include "truce/mission/test_mission.h"

namespace truce::sim {
namespace {

// Four events: shelling located by a radar (ev-1), shelling with two
// back-azimuths (ev-2), an IED (ev-3: bound to the ground), and small-arms
// fire with one back-azimuth, which locates no one (ev-4).
constexpr const char* kTruth = R"({"report":"R/1","event":"ev-1","party":"SY-GOV"}
{"report":"O/1","event":"ev-1","party":"SY-GOV"}
{"report":"A/1","event":"ev-2","party":"SY-GOV"}
{"report":"O/2","event":"ev-2","party":"SY-GOV"}
{"report":"O/3","event":"ev-3","party":"SY-OPP"}
{"report":"O/4","event":"ev-4","party":"SY-OPP"}
{"report":"RU-MOD/1","event":null,"party":null}
)";
constexpr const char* kEvents = R"({"event":"ev-1","category":"shelling","clauses":["C-1"]}
{"event":"ev-2","category":"shelling","clauses":["C-1"]}
{"event":"ev-3","category":"ied","clauses":["C-1"]}
{"event":"ev-4","category":"small_arms_fire","clauses":["C-1"]}
)";
constexpr const char* kReports = R"({"id":"R/1","origin":{"lat":35.5,"lon":36.5,"uncertainty_m":250}}
{"id":"O/1"}
{"id":"A/1","bearing":{"azimuth_deg":180,"error_deg":12}}
{"id":"O/2","bearing":{"azimuth_deg":182,"error_deg":15}}
{"id":"O/3"}
{"id":"O/4","bearing":{"azimuth_deg":90,"error_deg":15}}
{"id":"RU-MOD/1"}
)";
// ev-1 named rightly, ev-2 wrongly, ev-3 not at all; ev-4 named (from one
// bearing) outside the locatable ones; an invention on its own.
constexpr const char* kIncidents =
    R"({"incident":"I-1","reports":["R/1","O/1"],"responsible":"SY-GOV","clauses":["C-1"]}
{"incident":"I-2","reports":["A/1","O/2"],"responsible":"SY-OPP","clauses":["C-1"]}
{"incident":"I-3","reports":["O/3"],"responsible":null,"clauses":["C-1"]}
{"incident":"I-4","reports":["O/4"],"responsible":"SY-OPP","clauses":[]}
{"incident":"I-5","reports":["RU-MOD/1"],"responsible":null,"clauses":[]}
)";

TEST(Score, CoverageCountsWhatTheReportsCouldLocateAndWhatWasNamed) {
  Mission mission = testing::MiniMission();
  auto s = ScoreFindings(mission, kTruth, kEvents, kIncidents, kReports);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->coverage);
  EXPECT_EQ(s->real_incidents, 4u);
  EXPECT_EQ(s->locatable, 3u);
  EXPECT_EQ(s->by_radar, 1u);
  EXPECT_EQ(s->by_bearings, 1u);
  EXPECT_EQ(s->by_ground, 1u);
  EXPECT_EQ(s->locatable_named, 2u);
  EXPECT_EQ(s->locatable_right, 1u);
  EXPECT_EQ(s->attributed, 3u);
  EXPECT_EQ(s->attributed_right, 2u);
  EXPECT_EQ(s->by_kind["ceasefire"].truth, 4u);
  EXPECT_EQ(s->by_kind["ceasefire"].found, 3u);
  EXPECT_NE(FormatScore(*s).find("coverage     locatable 0.750 (3 of 4 incidents of real events: radar 1, 2+ bearings "
                                 "1, on the ground 1), named 0.667 (2 of 3), rightly 0.333 (1 of 3)"),
            std::string::npos)
      << FormatScore(*s);

  // Without the reports, no coverage is claimed.
  auto without = ScoreFindings(mission, kTruth, kEvents, kIncidents);
  ASSERT_TRUE(without.ok());
  EXPECT_FALSE(without->coverage);
  EXPECT_EQ(FormatScore(*without).find("coverage"), std::string::npos);
}

}  // namespace
}  // namespace truce::sim
