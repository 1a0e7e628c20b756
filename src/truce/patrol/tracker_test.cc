#include "truce/patrol/tracker.h"

#include <gtest/gtest.h>

#include <random>

#include "truce/geo/geodesic.h"
#include "truce/mission/mission.h"

namespace truce::patrol {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kStart = 1584259200000;  // 2020-03-15T08:00:00Z
constexpr double kSpeed = 30 / 3.6;        // 30 km/h

Route M4() {
  auto m = LoadMission(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020");
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return Route::Make(m->FindZone("m4-patrol-route")->lines.at(0)).value();
}

// A vehicle on the road with a few metres of GPS noise.
class Drive {
 public:
  explicit Drive(const Route& route) : route_(route) {}
  Fix At(int64_t t_ms, double along_m, double off_m = 0) {
    geo::LatLng p = route_.PointAt(along_m);
    if (off_m > 0) p = geo::Destination(p, 0, off_m);
    p = geo::Destination(p, turn_(rng_), std::abs(noise_(rng_)));
    return {t_ms, p, "BTR-1", 1, 1.2};
  }

 private:
  const Route& route_;
  std::mt19937 rng_{5};
  std::normal_distribution<double> noise_{0, 5};
  std::uniform_real_distribution<double> turn_{0, 360};
};

std::vector<AlertKind> Kinds(const std::vector<Alert>& alerts) {
  std::vector<AlertKind> out;
  for (const Alert& a : alerts) out.push_back(a.kind);
  return out;
}

TEST(Tracker, APatrolDrivenToPlanArrivesOnTimeWithNoOtherAlert) {
  const Route route = M4();
  Tracker t(route, {kStart, kStart + 4 * 60 * kMinute, kSpeed, {}});
  Drive d(route);
  std::vector<Alert> alerts;
  int64_t now = kStart;
  for (double along = 0; along <= route.length_m(); along += kSpeed * 10, now += 10'000) {
    ASSERT_TRUE(t.Add(d.At(now, along), &alerts).ok());
  }
  EXPECT_EQ(Kinds(alerts), std::vector<AlertKind>{AlertKind::kArrived});
  EXPECT_TRUE(t.progress().arrived);
  EXPECT_NEAR(t.progress().furthest_m, route.length_m(), 400);
  EXPECT_LT(std::abs(t.progress().behind_ms), 2 * kMinute);
  EXPECT_FALSE(t.CheckSilence(now + 60 * kMinute)) << "an arrived patrol is not silent";
}

// 15 March 2020: the first joint patrol was stopped short by a sit-in on the
// road near al-Nayrab and went back.
TEST(Tracker, StoppedByACrowdAndTurnedBack) {
  const Route route = M4();
  Tracker t(route, {kStart, kStart + 4 * 60 * kMinute, kSpeed, {}});
  Drive d(route);
  std::vector<Alert> alerts;
  int64_t now = kStart;
  const double blocked = 14'000;
  double along = 0;
  for (; along < blocked; along += kSpeed * 10, now += 10'000) ASSERT_TRUE(t.Add(d.At(now, along), &alerts).ok());
  for (int i = 0; i < 6 * 20; ++i, now += 10'000) ASSERT_TRUE(t.Add(d.At(now, along), &alerts).ok());  // 20 min
  EXPECT_TRUE(t.progress().halted);
  for (; along > blocked - 5000; along -= kSpeed * 10, now += 10'000)
    ASSERT_TRUE(t.Add(d.At(now, along), &alerts).ok());
  EXPECT_EQ(Kinds(alerts), (std::vector<AlertKind>{AlertKind::kHalt, AlertKind::kTurnedBack}));
  EXPECT_NE(alerts[0].detail.find("longer than the 15 min allowed there"), std::string::npos) << alerts[0].detail;
  EXPECT_NEAR(alerts[0].along_m, blocked, 100);
  EXPECT_TRUE(t.progress().turned_back);
  EXPECT_FALSE(t.progress().arrived);
  EXPECT_NEAR(t.progress().furthest_m, blocked, 50);
  // Behind: the 20 minutes it stood and the 10 it drove back.
  EXPECT_NEAR(double(t.progress().behind_ms), 30.0 * kMinute, 1.0 * kMinute);
}

TEST(Tracker, APlannedHaltIsNotAnAlertUntilItRunsOver) {
  const Route route = M4();
  const PlannedHalt at_nayrab{14'000, 20 * kMinute};
  for (int64_t stay : {25 * kMinute, 35 * kMinute}) {
    Tracker t(route, {kStart, kStart + 4 * 60 * kMinute, kSpeed, {at_nayrab}});
    Drive d(route);
    std::vector<Alert> alerts;
    int64_t now = kStart;
    double along = 0;
    for (; along < 14'200; along += kSpeed * 10, now += 10'000) ASSERT_TRUE(t.Add(d.At(now, along), &alerts).ok());
    for (int64_t s = 0; s < stay; s += 10'000, now += 10'000) ASSERT_TRUE(t.Add(d.At(now, along), &alerts).ok());
    for (int i = 0; i < 60; ++i, along += kSpeed * 10, now += 10'000)
      ASSERT_TRUE(t.Add(d.At(now, along), &alerts).ok());
    // 20 planned + 10 grace: 25 min is in time, 35 is not.
    EXPECT_EQ(Kinds(alerts).size(), stay > 30 * kMinute ? 1u : 0u) << stay;
    // Behind the schedule by what it stood beyond the plan.
    EXPECT_NEAR(double(t.progress().behind_ms), double(stay - 20 * kMinute), 2.0 * kMinute) << stay;
  }
}

TEST(Tracker, LeavingTheRouteAndComingBack) {
  const Route route = M4();
  Tracker t(route, {kStart, kStart + 4 * 60 * kMinute, kSpeed, {}}, {.off_route_m = 500});
  Drive d(route);
  std::vector<Alert> alerts;
  int64_t now = kStart;
  for (double a = 0; a < 5000; a += 80, now += 10'000) ASSERT_TRUE(t.Add(d.At(now, a), &alerts).ok());
  for (double off = 100; off <= 1200; off += 50, now += 10'000) ASSERT_TRUE(t.Add(d.At(now, 5000, off), &alerts).ok());
  EXPECT_TRUE(t.progress().off_route);
  for (double off = 1200; off >= 0; off -= 50, now += 10'000) ASSERT_TRUE(t.Add(d.At(now, 5000, off), &alerts).ok());
  ASSERT_EQ(Kinds(alerts), (std::vector<AlertKind>{AlertKind::kOffRoute, AlertKind::kBackOnRoute}));
  EXPECT_NE(alerts[0].detail.find("off the route"), std::string::npos);
  EXPECT_NEAR(alerts[0].along_m, 5000, 100);
  EXPECT_FALSE(t.progress().off_route);
}

TEST(Tracker, SilenceIsAlertedOnceByTheCentersClock) {
  const Route route = M4();
  Tracker t(route, {kStart, kStart + 4 * 60 * kMinute, kSpeed, {}}, {.silent_after_ms = 10 * kMinute});
  EXPECT_FALSE(t.CheckSilence(kStart + 5 * kMinute));
  auto late = t.CheckSilence(kStart + 11 * kMinute);
  ASSERT_TRUE(late);
  EXPECT_NE(late->detail.find("after the planned start"), std::string::npos) << late->detail;
  EXPECT_FALSE(t.CheckSilence(kStart + 12 * kMinute));
  Drive d(route);
  std::vector<Alert> alerts;
  ASSERT_TRUE(t.Add(d.At(kStart + 12 * kMinute, 0), &alerts).ok());
  EXPECT_FALSE(t.CheckSilence(kStart + 20 * kMinute));
  auto gone = t.CheckSilence(kStart + 23 * kMinute);
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->kind, AlertKind::kSilent);
  EXPECT_NE(gone->detail.find("no fix for 11 min"), std::string::npos) << gone->detail;
}

TEST(Tracker, FixesThatCannotBeTrueAreSkippedWithTheReason) {
  const Route route = M4();
  Tracker t(route, {kStart, kStart + 4 * 60 * kMinute, kSpeed, {}});
  Drive d(route);
  std::vector<Alert> alerts;
  const Fix first = d.At(kStart + 60'000, 500);
  ASSERT_TRUE(t.Add(first, &alerts).ok());
  const Progress before = t.progress();
  auto reason = [&](const Fix& f) { return t.Add(f, &alerts).message(); };

  EXPECT_NE(reason(d.At(kStart, 0)).find("out of order"), std::string::npos);
  Fix same = first;
  same.at = geo::Destination(first.at, 90, 200);
  EXPECT_NE(reason(same).find("second fix"), std::string::npos) << reason(same);
  EXPECT_NE(reason(first).find("a repeat"), std::string::npos) << reason(first);
  Fix far = d.At(kStart + 70'000, 5000);  // 4.5 km in 10 s
  EXPECT_NE(reason(far).find("impossible speed"), std::string::npos) << reason(far);
  Fix none = d.At(kStart + 70'000, 600);
  none.quality = 0;
  EXPECT_NE(reason(none).find("no position fix"), std::string::npos);
  Fix nowhere = d.At(kStart + 70'000, 600);
  nowhere.at.lat = 135;
  EXPECT_NE(reason(nowhere).find("not a position"), std::string::npos);
  EXPECT_TRUE(alerts.empty());
  EXPECT_EQ(t.progress().fixes, before.fixes);
  EXPECT_EQ(t.progress().along_m, before.along_m);
  // Another vehicle has its own order: its earlier fix is fine.
  Fix other = d.At(kStart + 30'000, 300);
  other.vehicle = "Tigr-2";
  EXPECT_TRUE(t.Add(other, &alerts).ok());
}

TEST(Tracker, TheScheduleCountsDrivingAndEveryHaltBefore) {
  Schedule s{kStart, kStart + 4 * 60 * kMinute, 10, {{1000, 5 * kMinute}, {3000, 10 * kMinute}}};
  EXPECT_EQ(s.PlannedAt(0), kStart);
  EXPECT_EQ(s.PlannedAt(1000), kStart + 100'000);
  EXPECT_EQ(s.PlannedAt(2000), kStart + 200'000 + 5 * kMinute);
  EXPECT_EQ(s.PlannedAt(4000), kStart + 400'000 + 15 * kMinute);
}

}  // namespace
}  // namespace truce::patrol
