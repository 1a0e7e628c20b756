#include "truce/wire/incident_geometry.h"

#include <gtest/gtest.h>

#include <map>

#include "truce/geo/geodesic.h"
#include "truce/wire/findings.h"

namespace truce::wire {
namespace {

using nlohmann::json;

// An observer's sighting (2-4 km at 135° ± 10° from OP-7) and a
// counter-battery radar's located firing point, fused into one incident
// attributed by a sector.
struct Example {
  Finding finding;
  std::vector<StoredReport> reports;
};

Example ShellingSeenAndLocated() {
  Example e;
  fusion::Incident& inc = e.finding.incident;
  inc.id = "I-3";
  inc.reports = {3, 4};
  inc.lat = 35.8;
  inc.lon = 36.6;
  inc.uncertainty_m = 275;
  adjudicate::Sector sector;
  sector.impact_lat = 35.8;
  sector.impact_lon = 36.6;
  sector.azimuth_deg = 200;
  sector.error_deg = 12;
  sector.min_km = 2;
  sector.max_km = 20;
  e.finding.determination.attribution.sector = sector;

  StoredReport seen;
  seen.id = 3;
  seen.report.source_report_id = "OP-7/12";
  seen.report.source.kind = SourceKind::kObserver;
  seen.report.location = {35.79, 36.61, 1200, ""};
  seen.report.sighting = Sighting{35.81, 36.58, Observation::kImpact, 135, 10, 2000, 4000};
  StoredReport radar;
  radar.id = 4;
  radar.report.source_report_id = "CBR-1/4";
  radar.report.source.kind = SourceKind::kRadar;
  radar.report.location = {35.8, 36.6, 100, ""};
  radar.report.origin = Origin{35.62, 36.52, 150};
  e.reports = {seen, radar};
  return e;
}

geo::LatLng At(const json& position) { return {position[1].get<double>(), position[0].get<double>()}; }

std::map<std::string, std::vector<json>> ByRole(const json& collection) {
  std::map<std::string, std::vector<json>> out;
  for (const json& f : collection["features"]) out[f["properties"]["role"]].push_back(f);
  return out;
}

TEST(IncidentGeometry, GivesEveryRoleThePageDraws) {
  Example e = ShellingSeenAndLocated();
  json g = IncidentGeometryJson(e.finding, e.reports);
  EXPECT_EQ(g["type"], "FeatureCollection");
  auto roles = ByRole(g);
  for (const char* role :
       {"fused_place", "observer", "bearing_ray", "distance_band", "firing_point", "attribution_sector"}) {
    EXPECT_EQ(roles[role].size(), 1u) << role;
  }
  EXPECT_EQ(roles["report_place"].size(), 2u);
  EXPECT_EQ(roles["fused_place"][0]["properties"]["uncertainty_m"], 275.0);
  EXPECT_EQ(roles["fused_place"][0]["geometry"]["coordinates"], json::array({36.6, 35.8}));
  EXPECT_EQ(roles["report_place"][0]["properties"]["source_report_id"], "OP-7/12");
  EXPECT_EQ(roles["observer"][0]["geometry"]["coordinates"], json::array({36.58, 35.81}));
  EXPECT_EQ(roles["observer"][0]["properties"]["what"], "impact");
  EXPECT_EQ(roles["firing_point"][0]["geometry"]["coordinates"], json::array({36.52, 35.62}));
  EXPECT_EQ(roles["firing_point"][0]["properties"]["report"], 4);
  EXPECT_EQ(roles["attribution_sector"][0]["properties"]["range_km"], json::array({2.0, 20.0}));
}

// The ray ends at the far edge of the distance band, on the ellipsoid.
TEST(IncidentGeometry, TheBearingRayRunsFromTheObserverToTheBandsFarEnd) {
  Example e = ShellingSeenAndLocated();
  auto roles = ByRole(IncidentGeometryJson(e.finding, e.reports));
  const json& ray = roles["bearing_ray"][0]["geometry"];
  EXPECT_EQ(ray["type"], "LineString");
  ASSERT_EQ(ray["coordinates"].size(), 2u);
  const geo::LatLng from = At(ray["coordinates"][0]), to = At(ray["coordinates"][1]);
  EXPECT_NEAR(geo::DistanceM(from, to), 4000, 0.2);
  const geo::LatLng expected = geo::Destination({35.81, 36.58}, 135, 4000);
  EXPECT_NEAR(to.lat, expected.lat, 1e-6);
  EXPECT_NEAR(to.lon, expected.lon, 1e-6);
}

// Every vertex of the band lies 2 or 4 km from the observer, within 135° ±
// 10°, and the ring is closed and runs anticlockwise.
TEST(IncidentGeometry, TheDistanceBandIsTheAnnularSectorAClosedAnticlockwiseRing) {
  Example e = ShellingSeenAndLocated();
  auto roles = ByRole(IncidentGeometryJson(e.finding, e.reports));
  const json& band = roles["distance_band"][0]["geometry"];
  EXPECT_EQ(band["type"], "Polygon");
  const json& ring = band["coordinates"][0];
  ASSERT_GE(ring.size(), 7u);
  EXPECT_EQ(ring.front(), ring.back());
  const geo::LatLng observer{35.81, 36.58};
  double area2 = 0;  // the shoelace sum, positive anticlockwise
  for (size_t i = 0; i + 1 < ring.size(); ++i) {
    const geo::LatLng p = At(ring[i]), q = At(ring[i + 1]);
    const double d = geo::DistanceM(observer, p);
    EXPECT_TRUE(std::abs(d - 2000) < 0.5 || std::abs(d - 4000) < 0.5) << d;
    area2 += p.lon * q.lat - q.lon * p.lat;
  }
  EXPECT_GT(area2, 0);
  // The sector from the impact: its inner arc 2 km out, its outer 20 km.
  const json& sector = roles["attribution_sector"][0]["geometry"]["coordinates"][0];
  const double outer = geo::DistanceM({35.8, 36.6}, At(sector[0]));
  EXPECT_NEAR(outer, 20000, 1);
}

// Nothing is drawn that the incident does not have: a party's claim gives
// its place and the fused place only.
TEST(IncidentGeometry, AClaimAloneGivesOnlyPlaces) {
  Finding f;
  f.incident.lat = 35.8;
  f.incident.lon = 36.6;
  StoredReport claim;
  claim.id = 9;
  claim.report.location = {35.8, 36.6, 3000, ""};
  auto roles = ByRole(IncidentGeometryJson(f, {claim}));
  EXPECT_EQ(roles.size(), 2u);
  EXPECT_EQ(roles["report_place"].size(), 1u);
}

// The detail's other members are as they were; "geometry" is added.
TEST(IncidentGeometry, TheDetailGainsAGeometryMemberOnly) {
  Example e = ShellingSeenAndLocated();
  IncidentHistory h;
  h.incident.finding = e.finding;
  json detail = IncidentDetailJson(h, e.reports);
  ASSERT_TRUE(detail.contains("geometry"));
  EXPECT_EQ(detail["geometry"], IncidentGeometryJson(e.finding, e.reports));
  detail.erase("geometry");
  json before = IncidentJson(h.incident);
  before["determinations"] = json::array();
  before["report_details"] = detail["report_details"];
  EXPECT_EQ(detail, before);
}

TEST(IncidentMapJson, WritesClustersAndLoneIncidentsAsGeoJson) {
  IncidentMap m;
  m.total = 4;
  m.clustered = true;
  MapCell cluster;
  cluster.count = 3;
  cluster.lat = 35.8;
  cluster.lon = 36.6;
  cluster.bbox = {35.7, 36.5, 35.9, 36.7};
  cluster.states = {{"final", 2}, {"none", 1}};
  MapCell lone;
  lone.count = 1;
  lone.lat = 35.1;
  lone.lon = 36.1;
  lone.lone = MapIncident{"I-9", "none", "shelling", "", "single_source", true, {{0, 0}, {60'000, 0}}, 35.1, 36.1, 500};
  m.features = {cluster, lone};
  json j = IncidentMapJson(m);
  EXPECT_EQ(j["type"], "FeatureCollection");
  EXPECT_EQ(j["total"], 4);
  EXPECT_EQ(j["clustered"], true);
  ASSERT_EQ(j["features"].size(), 2u);
  EXPECT_EQ(j["features"][0]["properties"], json({{"cluster", true},
                                                  {"count", 3},
                                                  {"states", {{"final", 2}, {"none", 1}}},
                                                  {"bbox", {36.5, 35.7, 36.7, 35.9}}}));
  EXPECT_EQ(j["features"][0]["geometry"], json({{"type", "Point"}, {"coordinates", {36.6, 35.8}}}));
  const json& p = j["features"][1]["properties"];
  EXPECT_EQ(p["id"], "I-9");
  EXPECT_TRUE(p["responsible"].is_null());
  EXPECT_EQ(p["contested"], true);
  EXPECT_EQ(p["time"]["start"], "1970-01-01T00:00:00Z");
  EXPECT_EQ(p["uncertainty_m"], 500.0);
  EXPECT_FALSE(p.contains("cluster"));
}

TEST(IncidentTimelineJson, WritesBinsAndEachStatesCounts) {
  IncidentTimeline t;
  t.from_ms = 0;
  t.to_ms = 4000;
  t.bin_seconds = 2;
  t.counts = {1, 2};
  t.states["final"] = {0, 2};
  t.states["none"] = {1, 0};
  json j = IncidentTimelineJson(t);
  EXPECT_EQ(j["from"], "1970-01-01T00:00:00Z");
  EXPECT_EQ(j["to"], "1970-01-01T00:00:04Z");
  EXPECT_EQ(j["bin_seconds"], 2);
  EXPECT_EQ(j["counts"], json::array({1, 2}));
  EXPECT_EQ(j["states"]["final"], json::array({0, 2}));
  EXPECT_TRUE(IncidentTimelineJson({})["from"].is_null());
}

}  // namespace
}  // namespace truce::wire
