#include "sim/reading.h"

#include <gtest/gtest.h>

#include "truce/mission/test_mission.h"

namespace truce::sim {
namespace {

// The mini mission: an area (35.5-36.2 N, 36-37 E) with C-1 (ceasefire), a
// road corridor 6 km either side of 35.8 N with C-2, a front along 35.6 N
// with C-3 (120 mm mortars withdrawn 10 km from it, everywhere), and
// SY-GOV's ground south of the front.
class Reading : public ::testing::Test {
 protected:
  Reading() : mission_(testing::MiniMission()), ground_(std::move(Ground::Build(mission_)).value()) {}

  Event Shelling(geo::LatLng from, geo::LatLng at) const {
    Event e = Act(Category::kShelling, at);
    e.fired_from = from;
    e.weapon_class = "mortar-120";
    return e;
  }
  Event Act(Category c, geo::LatLng at) const {
    Event e;
    e.category = c;
    e.at = at;
    e.party = "SY-GOV";
    Instant t = ParseRfc3339("2020-03-20T05:00:00+03:00").value();
    e.time = {t, {t.utc_ms + 10 * 60'000, t.offset_min}};
    return e;
  }
  std::vector<std::string> Broken(const Event& e) const { return ClausesBroken(mission_, ground_, e); }

  Mission mission_;
  Ground ground_;
};

using Ids = std::vector<std::string>;

TEST_F(Reading, GroundIsHeldByTheControlAreaItIsIn) {
  EXPECT_EQ(ground_.Holder({35.3, 36.5}, Act(Category::kOther, {}).time.start.utc_ms), "SY-GOV");
  EXPECT_EQ(ground_.Holder({35.9, 36.5}, Act(Category::kOther, {}).time.start.utc_ms), "");
}

TEST_F(Reading, FireBreaksWhatCoversEitherEnd) {
  // From SY-GOV's ground outside the area, 17 km behind the front, into the
  // corridor: the ceasefire and the corridor at the impact; the mortar stood
  // beyond the withdrawal band.
  EXPECT_EQ(Broken(Shelling({35.45, 36.5}, {35.8, 36.5})), (Ids{"C-1", "C-2"}));
  // From inside the corridor onto ground outside it: the corridor still,
  // since the weapon stood in it.
  EXPECT_EQ(Broken(Shelling({35.8, 36.5}, {35.52, 36.5})), (Ids{"C-1", "C-2"}));
  // From 5.5 km behind the front: the mortar was not withdrawn.
  EXPECT_EQ(Broken(Shelling({35.55, 36.5}, {35.7, 36.5})), (Ids{"C-1", "C-3"}));
}

TEST_F(Reading, AWithdrawalIsOfTheWeaponsItLists) {
  Event mortar = Act(Category::kHeavyWeaponPresent, {35.65, 36.5});
  mortar.weapon_class = "mortar-120";
  EXPECT_EQ(Broken(mortar), (Ids{"C-3"}));
  Event far = mortar;
  far.at = {35.75, 36.5};  // 16.7 km from the front, and in the corridor
  EXPECT_EQ(Broken(far), (Ids{"C-2"}));
  Event tank = mortar;
  tank.weapon_class = "tank-gun";
  EXPECT_EQ(Broken(tank), Ids{});
}

TEST_F(Reading, WhatNoClauseForbidsOrNoClauseBindsBreaksNothing) {
  EXPECT_EQ(Broken(Act(Category::kOther, {35.8, 36.5})), Ids{});  // a flare
  Event by_center = Shelling({35.45, 36.5}, {35.8, 36.5});
  by_center.party = "RU";  // a center party: no clause without `binds` binds it
  EXPECT_EQ(Broken(by_center), Ids{});
  mission_.clauses[0].binds = {"SY-OPP"};
  EXPECT_EQ(Broken(Shelling({35.45, 36.5}, {35.8, 36.5})), (Ids{"C-2"}));
  Event before = Shelling({35.45, 36.5}, {35.8, 36.5});
  before.time.start.utc_ms = before.time.end.utc_ms = ParseRfc3339("2020-03-05T00:00:00Z").value().utc_ms;
  EXPECT_EQ(Broken(before), Ids{});
}

}  // namespace
}  // namespace truce::sim
