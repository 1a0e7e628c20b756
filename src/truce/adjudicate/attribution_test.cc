#include "truce/adjudicate/attribution.h"

#include <gtest/gtest.h>

#include "truce/adjudicate/determination.h"
#include "truce/geo/geodesic.h"
#include "truce/mission/test_mission.h"

namespace truce::adjudicate {
namespace {

// The mini mission: the front runs east-west along 35.6°N; SY-GOV holds
// the ground south of it; north of it is no party's drawn area.
class AttributionTest : public ::testing::Test {
 protected:
  AttributionTest()
      : mission_(testing::MiniMission()),
        tagger_(std::move(Tagger::Build(mission_)).value()),
        attributor_(mission_, tagger_) {}

  fusion::Incident Shelling(double lat, double lon) {
    fusion::Incident inc;
    inc.id = "I-1";
    inc.category = Category::kShelling;
    inc.time = {{1'584'230'400'000, 180}, {1'584'230'400'000, 180}};
    inc.lat = lat;
    inc.lon = lon;
    inc.uncertainty_m = 200;
    inc.weapon_class = "mortar-120";
    inc.corroboration = fusion::Corroboration::kTechnical;
    return inc;
  }

  Mission mission_;
  Tagger tagger_;
  Attributor attributor_;
};

TEST_F(AttributionTest, ARadarFiringPointNamesTheGroundsHolder) {
  fusion::Member radar;
  radar.kind = SourceKind::kRadar;
  radar.origin = Origin{35.55, 36.5, 150};  // south of the front
  Attribution a = attributor_.Attribute(Shelling(35.62, 36.5), {radar});
  EXPECT_EQ(a.method, "radar");
  EXPECT_EQ(a.responsible, "SY-GOV");
  EXPECT_DOUBLE_EQ(a.probability, 1.0);
}

TEST_F(AttributionTest, BackAzimuthsGiveASectorIntoTheFiringSidesGround) {
  // Impact 200 m north of the front, past the mortar's least range; the
  // rounds came from due south.
  fusion::Member crater, acoustic;
  crater.bearing = Bearing{180, 15};
  acoustic.bearing = Bearing{175, 10};
  Attribution a = attributor_.Attribute(Shelling(35.602, 36.5), {crater, acoustic});
  EXPECT_EQ(a.method, "sector");
  ASSERT_TRUE(a.sector.has_value());
  EXPECT_NEAR(a.sector->azimuth_deg, 176.5, 1.0);  // weighted towards the sharper bearing
  EXPECT_LT(a.sector->error_deg, 10);              // two bearings are sharper than either
  EXPECT_EQ(a.sector->max_km, 7.2);                // the 120 mm mortar's range
  EXPECT_EQ(a.responsible, "SY-GOV");
  EXPECT_GT(a.probability, 0.95);

  // 2 km north of the front, the sector's near part falls on nobody's
  // ground: less sure, and below the bar for naming anyone.
  Attribution c = attributor_.Attribute(Shelling(35.62, 36.5), {crater, acoustic});
  EXPECT_LT(c.probability, 0.8);
  EXPECT_EQ(c.responsible, "");

  // From due north: no party holds that ground, so no one is named.
  crater.bearing = Bearing{0, 15};
  Attribution b = attributor_.Attribute(Shelling(35.602, 36.5), {crater});
  EXPECT_EQ(b.responsible, "");
  EXPECT_NE(b.why.find("no party's ground"), std::string::npos) << b.why;
}

// Bearings stated as exact, or as no better than a half circle, still count,
// and angles wrap round north.
TEST_F(AttributionTest, ExactAndVagueBearingsAcrossNorth) {
  fusion::Member exact, vague;
  exact.bearing = Bearing{180, 0};
  Attribution a = attributor_.Attribute(Shelling(35.602, 36.5), {exact});
  EXPECT_EQ(a.method, "sector");
  EXPECT_EQ(a.responsible, "SY-GOV");
  exact.bearing = Bearing{355, 180};
  vague.bearing = Bearing{15, 180};
  Attribution b = attributor_.Attribute(Shelling(35.602, 36.5), {exact, vague});
  ASSERT_TRUE(b.sector.has_value());
  EXPECT_NEAR(b.sector->azimuth_deg, 5, 1e-6);  // the mean of 355° and 15°
  double total = 0;
  for (const auto& [party, share] : b.parties) total += share;
  EXPECT_NEAR(total, 1, 1e-9);
}

TEST_F(AttributionTest, ShellingWithNothingToLocateTheFiringSideIsUndetermined) {
  Attribution a = attributor_.Attribute(Shelling(35.62, 36.5), {fusion::Member{}});
  EXPECT_EQ(a.method, "none");
  EXPECT_EQ(a.responsible, "");
}

TEST_F(AttributionTest, ADeterminationNamesTheClausesAndWhy) {
  fusion::Member radar;
  radar.kind = SourceKind::kRadar;
  radar.origin = Origin{35.55, 36.5, 150};
  // Inside the road corridor and the area, after the ceasefire.
  fusion::Incident inc = Shelling(35.80, 36.5);
  Determination d = Propose(mission_, tagger_, attributor_, inc, {radar});
  EXPECT_EQ(d.responsible, "SY-GOV");
  std::vector<std::string> ids;
  for (const auto& c : d.clauses) ids.push_back(c.id);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "C-2"), ids.end());  // the corridor
  EXPECT_FALSE(d.reasons.empty());

  // The same said by one party alone is alleged, not found.
  fusion::Member claim;
  claim.kind = SourceKind::kParty;
  inc.corroboration = fusion::Corroboration::kSingleSource;
  Determination lone = Propose(mission_, tagger_, attributor_, inc, {claim});
  EXPECT_TRUE(lone.clauses.empty());
  EXPECT_FALSE(lone.alleged.empty());
}

}  // namespace
}  // namespace truce::adjudicate
