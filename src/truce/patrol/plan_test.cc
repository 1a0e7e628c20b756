#include "truce/patrol/plan.h"

#include <gtest/gtest.h>

#include <fstream>

#include "truce/geo/geodesic.h"

namespace truce::patrol {
namespace {

using nlohmann::json;

class PlanTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto m = LoadMission(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020");
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    mission_ = new Mission(std::move(m).value());
    tagger_ = new Tagger(Tagger::Build(*mission_).value());
  }
  static void TearDownTestSuite() {
    delete tagger_;
    delete mission_;
  }

  // The first joint patrol, 15 March 2020: Trumba to Ain al-Hawr along the M4.
  static json FirstPatrol() {
    std::ifstream in(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020/patrols/JP-2020-03-15.json");
    return json::parse(in);
  }
  static Result<CheckedPlan> Check(const json& body) {
    TRUCE_ASSIGN_OR_RETURN(PatrolPlan plan, ParsePlan(body));
    return CheckPlan(plan, *mission_, *tagger_);
  }
  static std::string ErrorOf(const json& body) {
    auto c = Check(body);
    EXPECT_FALSE(c.ok()) << body.dump();
    return c.ok() ? "" : c.status().message();
  }

  static inline Mission* mission_ = nullptr;
  static inline Tagger* tagger_ = nullptr;
};

TEST_F(PlanTest, TheFirstJointPatrolRunsFromTrumbaToAinAlHawr) {
  auto c = Check(FirstPatrol());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const geo::LatLng trumba = mission_->gazetteer.Find("Trumba")->position;
  const geo::LatLng ain = mission_->gazetteer.Find("Ain al-Hawr")->position;
  EXPECT_LT(geo::DistanceM(c->route.line().front(), trumba), 3000);
  EXPECT_LT(geo::DistanceM(c->route.line().back(), ain), 3000);
  EXPECT_GT(c->route.length_m(), 50'000);
  ASSERT_EQ(c->schedule.halts.size(), 1u);
  EXPECT_EQ(c->schedule.halts[0].duration_ms, 20 * 60'000);
  // al-Nayrab is east of Ariha, some 10-20 km from Trumba.
  EXPECT_GT(c->schedule.halts[0].along_m, 5'000);
  EXPECT_LT(c->schedule.halts[0].along_m, 25'000);
  EXPECT_EQ(c->schedule.speed_mps, 30 / 3.6);
}

TEST_F(PlanTest, TheOtherWayRoundRunsBackwards) {
  json body = FirstPatrol();
  body["route"]["from"] = "Ain al-Hawr";
  body["route"]["to"] = "Trumba";
  auto c = Check(body);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_LT(geo::DistanceM(c->route.line().back(), mission_->gazetteer.Find("Trumba")->position), 3000);
}

TEST_F(PlanTest, TheBodyReadsBackAsItWasWritten) {
  auto plan = ParsePlan(FirstPatrol());
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(PlanBody(*plan), FirstPatrol());
  json straight = FirstPatrol();
  straight["route"] = {{"waypoints", {{35.866, 36.78}, {35.8655, 36.70}}}};
  straight["halts"] = {{{"at", {35.8655, 36.74}}, {"minutes", 5}}};
  EXPECT_EQ(PlanBody(ParsePlan(straight).value()), straight);
}

TEST_F(PlanTest, ARouteThatLeavesTheCorridorIsRefusedWithWhere) {
  json body = FirstPatrol();
  // North from Saraqib to Idlib city: out of the M4 corridor within a few km.
  body["route"] = {{"waypoints", {{35.862, 36.80}, {35.93, 36.63}}}};
  const std::string msg = ErrorOf(body);
  EXPECT_NE(msg.find("route: leaves the zones patrols may use at"), std::string::npos) << msg;
  EXPECT_NE(msg.find("m4-security-corridor"), std::string::npos) << msg;
}

TEST_F(PlanTest, BeforeTheCorridorExistedNoRouteIsInIt) {
  json body = FirstPatrol();
  body["window"] = {{"start", "2020-03-01T10:00:00+03:00"}, {"end", "2020-03-01T16:00:00+03:00"}};
  EXPECT_NE(ErrorOf(body).find("leaves the zones patrols may use at 0.0 km"), std::string::npos);
}

TEST_F(PlanTest, AWindowTooShortForTheDriveIsRefused) {
  json body = FirstPatrol();
  body["window"]["end"] = "2020-03-15T11:00:00+03:00";
  const std::string msg = ErrorOf(body);
  EXPECT_NE(msg.find("window: is 1 h 0 min, but"), std::string::npos) << msg;
  EXPECT_NE(msg.find("at 30 km/h with the halts takes"), std::string::npos) << msg;
}

TEST_F(PlanTest, EachBadFieldIsNamed) {
  auto with = [](const char* key, json value) {
    json b = FirstPatrol();
    b[key] = std::move(value);
    return b;
  };
  EXPECT_NE(ErrorOf(with("window", {{"start", "2020-03-15T16:00:00+03:00"}, {"end", "2020-03-15T10:00:00+03:00"}}))
                .find("window: is empty"),
            std::string::npos);
  EXPECT_NE(ErrorOf(with("window", {{"start", "2020-03-15T10:00:00"}, {"end", "2020-03-15T16:00:00+03:00"}}))
                .find("window.start"),
            std::string::npos);
  EXPECT_NE(ErrorOf(with("parties", {"RU", "SY-GOV"})).find("'SY-GOV' is not a party that staffs the center"),
            std::string::npos);
  EXPECT_NE(ErrorOf(with("parties", {"RU", "RU"})).find("listed twice"), std::string::npos);
  EXPECT_NE(ErrorOf(with("parties", {"RU"})).find("vehicles[1].party: 'TR' is not one of the patrol's parties"),
            std::string::npos);
  EXPECT_NE(ErrorOf(with("speed_kmh", 0)).find("speed_kmh"), std::string::npos);
  EXPECT_NE(ErrorOf(with("speed_kmh", 400)).find("at most 120"), std::string::npos);
  EXPECT_NE(ErrorOf(with("halts", {{{"place", "Atlantis"}, {"minutes", 5}}})).find("halts[0].place: 'Atlantis'"),
            std::string::npos);
  EXPECT_NE(ErrorOf(with("halts", {{{"place", "Idlib"}, {"minutes", 5}}})).find("off the route"), std::string::npos);
  EXPECT_NE(ErrorOf(with("halts", {{{"place", "Trumba"}, {"minutes", 0}}})).find("halts[0].minutes"),
            std::string::npos);
  EXPECT_NE(ErrorOf(with("route", {{"along", "m4-patrol-route"}, {"from", "Trumba"}, {"to", "Idlib"}}))
                .find("route.to: 'Idlib' is"),
            std::string::npos);
  EXPECT_NE(
      ErrorOf(with("route", {{"along", "control-sy-opp"}, {"from", "Trumba"}, {"to", "Ariha"}})).find("not a line"),
      std::string::npos);
  EXPECT_NE(ErrorOf(with("route", {{"waypoints", {{35.8, 36.5}}}})).find("route.waypoints"), std::string::npos);
  EXPECT_NE(ErrorOf(with("colour", "red")).find("colour: is not a field here"), std::string::npos);
  EXPECT_NE(ErrorOf(with("patrol", "JP 1")).find("may hold only"), std::string::npos);
  EXPECT_NE(ErrorOf(json::array()).find("JSON object"), std::string::npos);
}

TEST_F(PlanTest, TheMissionsPatrolSettingsReachTheTracker) {
  const TrackSettings t = TrackSettingsOf(*mission_);
  EXPECT_EQ(t.off_route_m, 500);
  EXPECT_EQ(t.silent_after_ms, 10 * 60'000);
  EXPECT_DOUBLE_EQ(t.max_speed_mps, 120 / 3.6);
}

}  // namespace
}  // namespace truce::patrol
