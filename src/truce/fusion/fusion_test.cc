#include "truce/fusion/fusion.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

namespace truce::fusion {
namespace {

constexpr int64_t kT0 = 1'584'230'400'000;  // 2020-03-15T00:00Z
constexpr int64_t kMin = 60'000;

Member M(int64_t id, SourceKind kind, const std::string& source, Category c, int64_t start_min, int64_t end_min,
         double lat, double lon, double radius) {
  Member m;
  m.id = id;
  m.kind = kind;
  m.source = source;
  m.party = kind == SourceKind::kParty ? source : "";
  m.category = c;
  m.start_ms = kT0 + start_min * kMin;
  m.end_ms = kT0 + end_min * kMin;
  m.lat = lat;
  m.lon = lon;
  m.radius_m = radius;
  return m;
}

std::set<std::set<int64_t>> Clusters(Fuser& f) {
  std::set<std::set<int64_t>> out;
  for (const auto& inc : f.Incidents()) out.insert({inc.reports.begin(), inc.reports.end()});
  return out;
}

TEST(Fusion, ReportsOfOneEventFuseAndOthersDoNot) {
  Fuser f;
  f.Add(M(1, SourceKind::kObserver, "obs:OP-1", Category::kShelling, 0, 10, 35.80, 36.60, 1500));
  f.Add(M(2, SourceKind::kRadar, "radar:CBR", Category::kShelling, 2, 3, 35.805, 36.605, 300));
  // Too far: 20 km away.
  f.Add(M(3, SourceKind::kObserver, "obs:OP-2", Category::kShelling, 0, 10, 35.98, 36.60, 1500));
  // Too late: two hours after.
  f.Add(M(4, SourceKind::kUav, "uav:U", Category::kShelling, 120, 125, 35.80, 36.60, 150));
  // A heavy weapon parked there is not the shelling.
  f.Add(M(5, SourceKind::kUav, "uav:U", Category::kHeavyWeaponPresent, 0, 5, 35.80, 36.60, 150));
  EXPECT_EQ(Clusters(f), (std::set<std::set<int64_t>>{{1, 2}, {3}, {4}, {5}}));
}

TEST(Fusion, AClaimHangsOnTheCloserShellingAndDoesNotChainTwo) {
  Fuser f;
  f.Add(M(1, SourceKind::kRadar, "radar:A", Category::kShelling, 0, 2, 35.80, 36.60, 300));
  f.Add(M(2, SourceKind::kRadar, "radar:A", Category::kShelling, 20, 22, 35.80, 36.64, 300));  // 3.6 km east
  // A party claim with a 3 km radius overlapping both, nearer the first.
  f.Add(M(3, SourceKind::kParty, "RU", Category::kShelling, 0, 40, 35.80, 36.61, 3000));
  EXPECT_EQ(Clusters(f), (std::set<std::set<int64_t>>{{1, 3}, {2}}));
}

TEST(Fusion, TwoPartiesClaimsOfOneEventFuseWithoutAMonitor) {
  Fuser f;
  f.Add(M(1, SourceKind::kParty, "RU", Category::kShelling, 0, 30, 35.80, 36.60, 3000));
  f.Add(M(2, SourceKind::kParty, "TR", Category::kAirstrike, 10, 40, 35.81, 36.61, 3000));
  auto incidents = f.Incidents();
  ASSERT_EQ(incidents.size(), 1u);
  EXPECT_EQ(incidents[0].corroboration, Corroboration::kCorroborated);
  EXPECT_TRUE(incidents[0].contested);  // shelling against airstrike
}

TEST(Fusion, CorroborationLevels) {
  Fuser f;
  Member a = M(1, SourceKind::kObserver, "obs:RU-OT-1", Category::kShelling, 0, 5, 35.80, 36.60, 1000);
  a.party = "RU";
  f.Add(a);
  EXPECT_EQ(f.Incidents()[0].corroboration, Corroboration::kSingleSource);
  f.Add(M(2, SourceKind::kAcoustic, "acoustic:ACU", Category::kShelling, 1, 2, 35.801, 36.60, 800));
  EXPECT_EQ(f.Incidents()[0].corroboration, Corroboration::kTechnical);
  Member b = M(3, SourceKind::kObserver, "obs:TR-OT-1", Category::kShelling, 0, 5, 35.80, 36.601, 1000);
  b.party = "TR";
  f.Add(b);
  EXPECT_EQ(f.Incidents()[0].corroboration, Corroboration::kJointlyVerified);
}

// The incidents do not depend on the order the reports came in: adding
// them one by one in any order gives what the batch fusion gives.
TEST(Fusion, AnyArrivalOrderGivesTheBatchIncidents) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> lat(35.7, 35.9), lon(36.5, 36.8), minute(0, 600);
  std::vector<Member> members;
  const SourceKind kinds[] = {SourceKind::kObserver, SourceKind::kRadar, SourceKind::kParty, SourceKind::kNews,
                              SourceKind::kUav};
  const Category cats[] = {Category::kShelling, Category::kSmallArmsFire, Category::kAirstrike};
  for (int i = 0; i < 1500; ++i) {
    SourceKind k = kinds[i % 5];
    double start = minute(rng);
    members.push_back(M(i + 1, k, std::string(SourceKindName(k)) + ":" + std::to_string(i % 7), cats[i % 3],
                        int64_t(start), int64_t(start) + 5 + i % 30, lat(rng), lon(rng),
                        k == SourceKind::kParty ? 3000 : 200 + 50 * (i % 20)));
  }
  std::vector<Member> sorted = members;
  std::sort(sorted.begin(), sorted.end(), [](const Member& a, const Member& b) {
    return a.start_ms != b.start_ms ? a.start_ms < b.start_ms : a.id < b.id;
  });
  Fuser batch;
  for (const Member& m : sorted) batch.Add(m);
  auto expected = Clusters(batch);
  EXPECT_GT(expected.size(), 50u);
  EXPECT_LT(expected.size(), 1500u);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(members.begin(), members.end(), rng);
    Fuser f;
    for (const Member& m : members) f.Add(m);
    EXPECT_EQ(Clusters(f), expected) << "round " << round;
  }
}

}  // namespace
}  // namespace truce::fusion
