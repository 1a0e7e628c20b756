#include "truce/patrol/notice.h"

#include <gtest/gtest.h>

#include <fstream>

#include "truce/mission/test_mission.h"

namespace truce::patrol {
namespace {

using nlohmann::json;

class NoticeTest : public ::testing::Test {
 protected:
  // The pack's notice: a Turkish UAV over the 15 March patrol's road.
  static json PackNotice() {
    std::ifstream in(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020/airspace/FN-2020-03-15-TR-1.json");
    return json::parse(in);
  }
  static FlightNotice Notice(const json& body, const std::string& party) {
    auto n = ParseNotice(body);
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    FlightNotice out = n.ok() ? *n : FlightNotice{};
    out.party = party;
    return out;
  }
  static std::string ErrorOf(const json& body) {
    auto n = ParseNotice(body);
    EXPECT_FALSE(n.ok()) << body.dump();
    return n.ok() ? "" : n.status().message();
  }
  static FlightTrack Track(const std::string& party,
                           std::vector<std::tuple<const char*, double, double, double>> fixes) {
    FlightTrack t{"T-1", party, "UAV", {}};
    for (auto& [time, lat, lon, alt] : fixes) t.fixes.push_back({*ParseRfc3339(time), {lat, lon}, alt});
    return t;
  }
  static inline const Mission* mission_ = &testing::IdlibPack();
};

TEST_F(NoticeTest, ThePacksNoticeParses) {
  FlightNotice n = Notice(PackNotice(), "TR");
  EXPECT_EQ(n.id, "FN-2020-03-15-TR-1");
  EXPECT_EQ(n.route.size(), 6u);
  EXPECT_EQ(n.half_width_m, 3000);
  EXPECT_EQ(n.max_altitude_m, 3000);
  EXPECT_EQ(n.window.duration_ms(), 7 * 3'600'000);
}

TEST_F(NoticeTest, BadNoticesAreRefusedNamingTheField) {
  json b = PackNotice();
  b["window"]["end"] = b["window"]["start"];
  EXPECT_EQ(ErrorOf(b), "window: is empty: the end is not after the start");
  b = PackNotice();
  b["window"]["end"] = "2020-03-17T09:30:00+03:00";
  EXPECT_EQ(ErrorOf(b), "window: is longer than 24 hours (file one notice a day)");
  b = PackNotice();
  b["area"] = json::array({json::array({35.8, 36.6}), json::array({35.9, 36.6}), json::array({35.9, 36.7})});
  EXPECT_EQ(ErrorOf(b),
            "area: give an area ([[lat, lon], ...]) or a route ({\"waypoints\", \"half_width_m\"}), one of them");
  b = PackNotice();
  b["altitude_m"] = {{"min", 3000}, {"max", 1000}};
  EXPECT_EQ(ErrorOf(b), "altitude_m: max is below min");
  b = PackNotice();
  b["route"]["waypoints"][2] = json::array({95, 36.6});
  EXPECT_EQ(ErrorOf(b), "route.waypoints[2]: is not a position (latitude -90..90, longitude -180..180)");
  b = PackNotice();
  b["speed"] = 100;
  EXPECT_EQ(ErrorOf(b), "speed: is not a field here (notice, area, route, altitude_m, window, aircraft, purpose)");
  b = PackNotice();
  b.erase("purpose");
  EXPECT_EQ(ErrorOf(b), "purpose: is missing");
}

TEST_F(NoticeTest, AFlightUnderItsNoticeIsMatched) {
  auto m = AirspaceMatcher::Build(*mission_, {Notice(PackNotice(), "TR")});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  // Over Saraqib, al-Nayrab and Ariha at 2,000 m, within the window.
  TrackMatch r = m->Match(Track("TR", {{"2020-03-15T10:00:00+03:00", 35.862, 36.778, 2000},
                                       {"2020-03-15T10:05:00+03:00", 35.8697, 36.7203, 2050},
                                       {"2020-03-15T10:12:00+03:00", 35.8136, 36.6097, 1980}}));
  EXPECT_TRUE(r.matched()) << r.reason;
  EXPECT_EQ(r.inside, 3u);
  EXPECT_EQ(r.notices, std::vector<std::string>{"FN-2020-03-15-TR-1"});
  // A feed that does not know whose aircraft it is: the notice still covers it.
  EXPECT_TRUE(m->Match(Track("", {{"2020-03-15T10:00:00+03:00", 35.862, 36.778, 2000}})).matched());
}

TEST_F(NoticeTest, AFlightWithoutNoticeSaysWhyNot) {
  auto m = AirspaceMatcher::Build(*mission_, {Notice(PackNotice(), "TR")});
  ASSERT_TRUE(m.ok());
  // Before the window.
  TrackMatch r = m->Match(Track("TR", {{"2020-03-15T08:00:00+03:00", 35.862, 36.778, 2000}}));
  EXPECT_FALSE(r.matched());
  EXPECT_EQ(r.reason, "no notice is in force at 08:00+03:00");
  // In the window, over Kafr Nabl: 19 km south of the notified road.
  r = m->Match(Track("TR", {{"2020-03-15T10:00:00+03:00", 35.8136, 36.6097, 2000},
                            {"2020-03-15T10:30:00+03:00", 35.6139, 36.5611, 2000}}));
  EXPECT_FALSE(r.matched());
  EXPECT_EQ(r.uncovered, 1u);
  EXPECT_EQ(r.inside, 2u);
  EXPECT_NE(r.reason.find("outside the area of notice FN-2020-03-15-TR-1 ("), std::string::npos) << r.reason;
  ASSERT_TRUE(r.first_uncovered);
  EXPECT_DOUBLE_EQ(r.first_uncovered->at.lat, 35.6139);
  // Above the band.
  r = m->Match(Track("TR", {{"2020-03-15T10:00:00+03:00", 35.862, 36.778, 4500}}));
  EXPECT_EQ(r.reason, "at 4500 m, outside notice FN-2020-03-15-TR-1's band of 1000 m to 3000 m");
  // Another party's aircraft on a Turkish notice.
  r = m->Match(Track("RU", {{"2020-03-15T10:00:00+03:00", 35.862, 36.778, 2000}}));
  EXPECT_EQ(r.reason, "notice FN-2020-03-15-TR-1 is TR's, and the aircraft is RU's");
}

TEST_F(NoticeTest, OutsideTheMissionsAirspaceThereIsNothingToAccountFor) {
  auto m = AirspaceMatcher::Build(*mission_, {});
  ASSERT_TRUE(m.ok());
  // Hmeimim, on the coast: outside the de-escalation area.
  TrackMatch r = m->Match(Track("RU", {{"2020-03-15T10:00:00+03:00", 35.4011, 35.9487, 500}}));
  EXPECT_EQ(r.inside, 0u);
  EXPECT_TRUE(r.matched());
}

TEST_F(NoticeTest, ABadFeedIsRefusedNamingTheTrackAndFix) {
  auto parse = [](const std::string& text) { return ParseFlightTracks(json::parse(text), 100); };
  auto good = parse(R"({"tracks": [{"track": "R-7", "party": "RU", "fixes": [
      {"t": "2020-03-15T10:00:00+03:00", "lat": 35.86, "lon": 36.78, "alt_m": 2000},
      {"t": "2020-03-15T10:01:00+03:00", "lat": 35.87, "lon": 36.72, "alt_m": 2000}]}]})");
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ((*good)[0].fixes.size(), 2u);
  auto order = parse(R"({"tracks": [{"track": "R-7", "fixes": [
      {"t": "2020-03-15T10:01:00+03:00", "lat": 35.86, "lon": 36.78, "alt_m": 2000},
      {"t": "2020-03-15T10:01:00+03:00", "lat": 35.87, "lon": 36.72, "alt_m": 2000}]}]})");
  ASSERT_FALSE(order.ok());
  EXPECT_EQ(order.status().message(),
            "tracks[0].fixes[1].t: is not after the fix before it (2020-03-15T10:01:00+03:00): a track's fixes go in "
            "time order, once each");
  auto fast = parse(R"({"tracks": [{"track": "R-7", "fixes": [
      {"t": "2020-03-15T10:00:00+03:00", "lat": 35.86, "lon": 36.78, "alt_m": 2000},
      {"t": "2020-03-15T10:00:10+03:00", "lat": 35.96, "lon": 36.78, "alt_m": 2000}]}]})");
  ASSERT_FALSE(fast.ok());
  EXPECT_NE(fast.status().message().find("tracks[0].fixes[1]: is 1110 m/s"), std::string::npos)
      << fast.status().message();
  auto twice = parse(
      R"({"tracks": [{"track": "R-7", "fixes": [{"t": "2020-03-15T10:00:00+03:00", "lat": 35.86, "lon": 36.78, "alt_m": 2000}]},
                                   {"track": "R-7", "fixes": [{"t": "2020-03-15T10:00:00+03:00", "lat": 35.86, "lon": 36.78, "alt_m": 2000}]}]})");
  EXPECT_EQ(twice.status().message(), "tracks[1].track: 'R-7' is sent twice");
  EXPECT_EQ(
      parse(R"({"tracks": [{"track": "R-7", "fixes": [{"t": "x", "lat": 35.86, "lon": 36.78}]}]})").status().code(),
      Code::kInvalidArgument);
  EXPECT_EQ(
      parse(
          R"({"tracks": [{"track": "R-7", "fixes": [{"t": "2020-03-15T10:00:00+03:00", "lat": 35.86, "lon": 36.78}]}]})")
          .status()
          .message(),
      "tracks[0].fixes[0].alt_m: is missing or not a number");
  std::string many = R"({"tracks": [{"track": "R-7", "fixes": [)";
  for (int i = 0; i < 101; ++i) {
    many += (i ? "," : "") +
            std::string(R"({"t": "2020-03-15T10:00:00+03:00", "lat": 35.86, "lon": 36.78, "alt_m": 2000})");
  }
  EXPECT_EQ(parse(many + "]}]}").status().message(), "more than 100 fixes in one request");
}

}  // namespace
}  // namespace truce::patrol
