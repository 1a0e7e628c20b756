#include "sim/flights.h"

#include <gtest/gtest.h>

#include <set>

#include "sim/scenario.h"
#include "truce/mission/test_mission.h"

namespace truce::sim {
namespace {

class FlightsTest : public ::testing::Test {
 protected:
  static std::vector<SimFlight> Fly(uint64_t seed, int days = 3) {
    FlightOptions o{seed, Instant{FirstDayMs(*mission_, {}), 0}, days, 20};
    auto f = SimulateFlights(*mission_, o);
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? *f : std::vector<SimFlight>{};
  }
  static inline const Mission* mission_ = &testing::IdlibPack();
};

TEST_F(FlightsTest, ASeedGivesTheSameFlights) {
  EXPECT_EQ(TracksFeed(Fly(5)), TracksFeed(Fly(5)));
  EXPECT_NE(TracksFeed(Fly(5)), TracksFeed(Fly(6)));
}

TEST_F(FlightsTest, EveryKindOfFlightIsMadeAndEveryNoticeReadsAsTheCenterReadsIt) {
  std::vector<SimFlight> flights = Fly(7);
  ASSERT_GT(flights.size(), 30u);
  std::set<std::string> kinds;
  for (const SimFlight& f : flights) {
    kinds.insert(f.truth);
    EXPECT_EQ(f.notice.has_value(), f.truth != "unnotified") << f.track.id;
    EXPECT_GT(f.track.fixes.size(), 5u);
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"kept", "unnotified", "strayed", "high"}));
  // The feed passes the center's own checks (order, speed), and so do the notices.
  auto feed = patrol::ParseFlightTracks(nlohmann::json::parse(TracksFeed(flights)), SIZE_MAX);
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->size(), flights.size());
}

TEST_F(FlightsTest, TheCentersMatcherFindsTheFlightsWithoutNotice) {
  std::vector<SimFlight> flights = Fly(11, 5);
  auto s = ScoreFlights(*mission_, NoticeLines(flights), TracksFeed(flights), FlightTruthLines(flights));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->flights, flights.size());
  ASSERT_GT(s->needing, 10u);
  // Every flight with no notice, off its route by kilometres, or far above
  // its band is found; a kept flight drifting near the edge of its notified
  // width may be flagged now and then, through the air picture's error.
  EXPECT_EQ(s->found, s->needing) << FormatFlightScore(*s);
  EXPECT_GE(double(s->alerts_right) / double(s->alerts), 0.9) << FormatFlightScore(*s);
}

TEST_F(FlightsTest, ScoringNamesTheLineThatIsWrong) {
  std::vector<SimFlight> flights = Fly(3, 1);
  auto s = ScoreFlights(*mission_, "{\"party\": \"TR\", \"notice\": {\"notice\": \"x\"}}\n", TracksFeed(flights),
                        FlightTruthLines(flights));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message().rfind("the notices: line 1: ", 0), 0u) << s.status().message();
}

}  // namespace
}  // namespace truce::sim
