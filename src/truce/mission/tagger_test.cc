#include "truce/mission/tagger.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "truce/geo/geodesic.h"
#include "truce/mission/test_mission.h"

namespace truce {
namespace {

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

Report At(double lat, double lon, const char* time) {
  Report r;
  r.location = {lat, lon, 500, ""};
  r.observed.start = r.observed.end = *ParseRfc3339(time);
  return r;
}

TEST(Tagger, ZonesAndClausesOfTheMiniMission) {
  Mission m = testing::MiniMission();
  auto tagger = Tagger::Build(m);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();

  Report r = At(35.82, 36.6, "2020-03-10T14:20:00+03:00");  // 2 km from the road
  tagger->Tag(&r);
  EXPECT_EQ(r.zones, (std::vector<std::string>{"area", "road-corridor"}));
  EXPECT_TRUE(Has(r.clauses, "C-1"));
  EXPECT_TRUE(Has(r.clauses, "C-2"));
  EXPECT_FALSE(Has(r.clauses, "C-3"));  // 24 km from the front line

  Report before = At(35.82, 36.6, "2020-03-01T14:20:00+03:00");
  tagger->Tag(&before);
  EXPECT_EQ(before.zones, r.zones);
  EXPECT_TRUE(before.clauses.empty());

  Report near_front = At(35.65, 36.5, "2020-03-10T14:20:00+03:00");  // 5.5 km north of it
  tagger->Tag(&near_front);
  EXPECT_TRUE(Has(near_front.clauses, "C-3"));
  EXPECT_FALSE(Has(near_front.zones, "road-corridor"));

  Report hospital = At(35.902, 36.5, "2020-03-10T14:20:00+03:00");
  tagger->Tag(&hospital);
  EXPECT_TRUE(Has(hospital.zones, "hospital-1"));
}

TEST(Tagger, ASitePolygonCountsItsBuffer) {
  std::string sites = R"json({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"camp","name":"Camp","kind":"camp","buffer_m":500},
 "geometry":{"type":"Polygon","coordinates":[[[36.5,35.9],[36.51,35.9],[36.51,35.91],[36.5,35.91],[36.5,35.9]]]}}]})json";
  auto m = ParseMission(testing::kMiniToml, testing::kMiniZones, testing::kMiniGazetteer, sites);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  auto tagger = Tagger::Build(*m);
  ASSERT_TRUE(tagger.ok());
  for (auto [lat, lon, inside] :
       {std::tuple{35.905, 36.505, true}, std::tuple{35.9135, 36.505, true}, std::tuple{35.9160, 36.505, false}}) {
    Report r = At(lat, lon, "2020-03-10T14:20:00+03:00");
    tagger->Tag(&r);
    EXPECT_EQ(std::count(r.zones.begin(), r.zones.end(), "camp"), inside ? 1 : 0) << lat;
  }
}

// The issue's "done when", on the shipped idlib-2020 pack.
TEST(Tagger, Idlib2020CorridorAndCeasefire) {
  auto m = LoadMission(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  auto tagger = Tagger::Build(*m);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  std::string ceasefire;
  for (const Clause& c : m->clauses) {
    if (c.kind == ClauseKind::kCeasefire) ceasefire = c.id;
  }
  ASSERT_FALSE(ceasefire.empty());
  const geo::Zone* corridor = m->FindZone("m4-security-corridor");
  ASSERT_NE(corridor, nullptr);

  // The corridor line's nearest point to Ariha, then 3 km north of it.
  auto distance = [&](geo::LatLng p) { return geo::NearestOnLines(p, corridor->lines).distance_m; };
  const geo::Place* ariha = m->gazetteer.Find("Ariha");
  ASSERT_NE(ariha, nullptr);
  geo::LatLng on_road = geo::NearestOnLines(ariha->position, corridor->lines).point;
  geo::LatLng three_km = geo::Destination(on_road, 0, 3000);
  EXPECT_GT(distance(three_km), 2500);  // the road runs roughly east-west here

  Report r = At(three_km.lat, three_km.lon, "2020-03-10T14:20:00+03:00");
  tagger->Tag(&r);
  EXPECT_TRUE(Has(r.zones, "m4-security-corridor"));
  EXPECT_TRUE(Has(r.clauses, ceasefire));

  // The issue's example point is in the corridor too.
  Report example = At(35.84, 36.61, "2020-03-10T14:20:00+03:00");
  tagger->Tag(&example);
  EXPECT_TRUE(Has(example.zones, "m4-security-corridor"));

  Report early = At(three_km.lat, three_km.lon, "2020-03-01T14:20:00+03:00");
  tagger->Tag(&early);
  EXPECT_FALSE(Has(early.clauses, ceasefire));

  // 9 km north of the road near Ariha.
  geo::LatLng p = geo::Destination(on_road, 0, 9000);
  EXPECT_GT(distance(p), 6000);
  Report far = At(p.lat, p.lon, "2020-03-10T14:20:00+03:00");
  tagger->Tag(&far);
  EXPECT_FALSE(Has(far.zones, "m4-security-corridor")) << p.lat << "," << p.lon;
}

}  // namespace
}  // namespace truce
