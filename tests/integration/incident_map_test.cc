// The dashboard's data from a running center: the map's clusters, the
// timeline's bins and an incident's geometry, over HTTP, on a simulated day
// of the Idlib scenario (docs/API.md, "GET /v1/incidents/map",
// "GET /v1/incidents/timeline").
#include <map>
#include <set>

#include "serve_fixture.h"

namespace truce::testing {
namespace {

class IncidentMap : public Serve {
 protected:
  static void SetUpTestSuite() { ServeSimulatedDay(7); }

  static size_t Sum(const json& map) {
    size_t n = 0;
    for (const json& f : map["features"])
      n += f["properties"].value("cluster", false) ? f["properties"]["count"].get<size_t>() : 1;
    return n;
  }
};

const char* const kWorld = "bbox=-180,-90,180,90";

TEST_F(IncidentMap, TheMapsCountsSumToItsTotalAtEveryZoom) {
  const size_t total = Get("/v1/incidents?limit=1")["total"];
  ASSERT_GT(total, 20u);
  for (int zoom : {0, 6, 9, 12, 14, 22}) {
    auto res = Client().Get("/v1/incidents/map?" + std::string(kWorld) + "&zoom=" + std::to_string(zoom));
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/geo+json");
    json map = json::parse(res->body);
    EXPECT_EQ(map["type"], "FeatureCollection");
    EXPECT_EQ(map["total"], total) << "zoom " << zoom;
    EXPECT_EQ(Sum(map), total) << "zoom " << zoom;
    EXPECT_LE(map["features"].size(), 2000u);
    if (zoom == 0) {
      EXPECT_TRUE(map["clustered"]);
    }
    if (zoom >= 14 && total <= 2000) {
      EXPECT_FALSE(map["clustered"]);
      EXPECT_EQ(map["features"].size(), total);
    }
  }
}

// The same filters as GET /v1/incidents; a lone incident is as that list gives it.
TEST_F(IncidentMap, TheMapTakesTheIncidentsFilters) {
  for (const char* filter :
       {"state=proposed", "state=none", "category=shelling", "contested=true", "bbox=36.5,35.6,36.9,36.0",
        "corroboration=single_source", "corroboration=jointly_verified"}) {
    const json list = Get(std::string("/v1/incidents?limit=1000&") + filter);
    const std::string bbox = std::string(filter).rfind("bbox", 0) == 0 ? "" : std::string(kWorld) + "&";
    const json map = Get("/v1/incidents/map?" + bbox + "zoom=22&" + filter);
    EXPECT_EQ(map["total"], list["total"]) << filter;
    if (list["total"].get<size_t>() > 2000) continue;
    std::set<std::string> listed, mapped;
    for (const json& i : list["incidents"]) listed.insert(i["incident"].get<std::string>());
    for (const json& f : map["features"]) mapped.insert(f["properties"]["id"].get<std::string>());
    EXPECT_EQ(mapped, listed) << filter;
  }
  const json first = Get("/v1/incidents?limit=1")["incidents"][0];
  const json map = Get("/v1/incidents/map?" + std::string(kWorld) + "&zoom=22");
  for (const json& f : map["features"]) {
    if (f["properties"]["id"] != first["incident"]) continue;
    EXPECT_EQ(f["properties"]["state"], first["state"]);
    EXPECT_EQ(f["properties"]["corroboration"], first["corroboration"]);
    EXPECT_EQ(f["properties"]["time"], first["time"]);
    EXPECT_EQ(f["geometry"]["coordinates"], json::array({first["location"]["lon"], first["location"]["lat"]}));
  }
}

TEST_F(IncidentMap, CorroborationPartitionsTheIncidents) {
  size_t sum = 0;
  for (const char* c : {"single_source", "corroborated", "confirmed_technical", "jointly_verified"}) {
    const json list = Get(std::string("/v1/incidents?limit=1000&corroboration=") + c);
    for (const json& i : list["incidents"]) EXPECT_EQ(i["corroboration"], c);
    sum += list["total"].get<size_t>();
  }
  EXPECT_EQ(sum, Get("/v1/incidents?limit=1")["total"].get<size_t>());
  const json bad = Get("/v1/incidents?corroboration=rumour", 400);
  EXPECT_NE(bad.dump().find("corroboration must be"), std::string::npos) << bad.dump();
}

// Each incident names the zones its fused place is in; the zone filter gives
// exactly those naming it, on the list and the map alike.
TEST_F(IncidentMap, TheZoneFilterGivesTheIncidentsInTheZone) {
  const json all = Get("/v1/incidents?limit=1000");
  ASSERT_LE(all["total"].get<size_t>(), 1000u);
  std::set<std::string> known;
  const json zones = Get("/v1/zones");
  for (const json& z : zones["features"]) known.insert(z["id"].get<std::string>());
  std::map<std::string, std::set<std::string>> by_zone;
  for (const json& i : all["incidents"]) {
    for (const json& z : i["zones"]) {
      EXPECT_TRUE(known.count(z.get<std::string>())) << z;
      by_zone[z.get<std::string>()].insert(i["incident"].get<std::string>());
    }
  }
  ASSERT_TRUE(by_zone.count("idlib-deescalation-area"));
  ASSERT_TRUE(by_zone.count("m4-security-corridor"));
  EXPECT_LT(by_zone["m4-security-corridor"].size(), by_zone["idlib-deescalation-area"].size());
  for (const auto& [zone, ids] : by_zone) {
    const json list = Get("/v1/incidents?limit=1000&zone=" + zone);
    std::set<std::string> listed;
    for (const json& i : list["incidents"]) listed.insert(i["incident"].get<std::string>());
    EXPECT_EQ(listed, ids) << zone;
    EXPECT_EQ(Get("/v1/incidents/map?" + std::string(kWorld) + "&zoom=3&zone=" + zone)["total"], ids.size()) << zone;
  }
  const json bad = Get("/v1/incidents?zone=nowhere", 400);
  EXPECT_NE(bad.dump().find("not one of the mission's zones"), std::string::npos) << bad.dump();
}

TEST_F(IncidentMap, TheTimelineCountsEveryIncidentByState) {
  const size_t total = Get("/v1/incidents?limit=1")["total"];
  const json t = Get("/v1/incidents/timeline");
  ASSERT_EQ(t["counts"].size(), 200u);
  size_t sum = 0;
  for (const json& c : t["counts"]) sum += c.get<size_t>();
  EXPECT_EQ(sum, total);
  size_t by_state = 0;
  for (const auto& [state, counts] : t["states"].items()) {
    for (const json& c : counts) by_state += c.get<size_t>();
  }
  EXPECT_EQ(by_state, total);
  EXPECT_GT(t["bin_seconds"].get<int>(), 0);
  const json fifty = Get("/v1/incidents/timeline?bins=50&state=proposed");
  EXPECT_EQ(fifty["counts"].size(), 50u);
  sum = 0;
  for (const json& c : fifty["counts"]) sum += c.get<size_t>();
  EXPECT_EQ(sum, Get("/v1/incidents?limit=1&state=proposed")["total"]);
}

TEST_F(IncidentMap, ParametersOutOfRangeAreNamed) {
  struct Case {
    const char* target;
    const char* says;
  };
  for (const Case& c :
       {Case{"/v1/incidents/map?zoom=3", "bbox is required"},
        Case{"/v1/incidents/map?bbox=36,35,37,36", "zoom is required"},
        Case{"/v1/incidents/map?bbox=36,35,37,36&zoom=23", "zoom must be a whole number from 0 to 22"},
        Case{"/v1/incidents/map?bbox=36,35,37,91&zoom=3", "bbox: latitudes"},
        Case{"/v1/incidents/map?bbox=170,35,-170,36&zoom=3", "antimeridian"},
        Case{"/v1/incidents/map?bbox=36,35,37&zoom=3", "four numbers"},
        Case{"/v1/incidents/map?bbox=3.6e1,35,37,36&zoom=3", "not a decimal number"},
        Case{"/v1/incidents/timeline?bins=0", "bins must be a whole number from 1 to 1000"},
        Case{"/v1/incidents/timeline?bins=1001", "bins must be a whole number from 1 to 1000"},
        Case{"/v1/incidents/timeline?from=2020-03-12T00:00:00Z&to=2020-03-11T00:00:00Z", "from is after to"}}) {
    const json err = Get(c.target, 400);
    EXPECT_NE(err.dump().find(c.says), std::string::npos) << c.target << ": " << err.dump();
  }
}

// An incident a counter-battery radar located: its page gets the firing
// point, the fused place and each report's place.
TEST_F(IncidentMap, AnIncidentsGeometryDrawsItsReportsAndTheRadarsFiringPoint) {
  const json list = Get("/v1/incidents?limit=1000");
  std::string radar;
  for (const json& i : list["incidents"]) {
    if (i["attribution"]["method"] == "radar") radar = i["incident"];
  }
  ASSERT_FALSE(radar.empty()) << "no incident located by radar in the day";
  const json detail = Get("/v1/incidents/" + radar);
  std::map<std::string, size_t> roles;
  for (const json& f : detail["geometry"]["features"]) ++roles[f["properties"]["role"].get<std::string>()];
  EXPECT_EQ(roles["fused_place"], 1u);
  EXPECT_EQ(roles["report_place"], detail["report_ids"].size());
  EXPECT_GE(roles["firing_point"], 1u);
}

}  // namespace
}  // namespace truce::testing
