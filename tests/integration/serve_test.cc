// `truce serve` as a user runs it: a real process on a loopback port, a
// real SQLite file, spoken to over HTTP.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "serve_fixture.h"
#include "truce/geo/geodesic.h"
#include "truce/mission/mission.h"
#include "truce/register/checkpoint.h"
#include "truce/register/entry.h"
#include "truce/register/verifier.h"

namespace {

using nlohmann::json;
using truce::testing::Serve;

std::string CeasefireClause(const json& mission) {
  for (const auto& c : mission["clauses"]) {
    if (c["kind"] == "ceasefire") return c["id"];
  }
  return "";
}

bool Has(const json& list, const std::string& v) {
  for (const auto& x : list) {
    if (x == v) return true;
  }
  return false;
}

TEST_F(Serve, HealthzMissionAndZones) {
  json h = Get("/healthz");
  EXPECT_EQ(h["status"], "ok");
  EXPECT_EQ(h["mission"], "idlib-2020");
  json m = Get("/v1/mission");
  EXPECT_EQ(m["id"], "idlib-2020");
  EXPECT_FALSE(CeasefireClause(m).empty());
  json z = Get("/v1/zones");
  EXPECT_EQ(z["type"], "FeatureCollection");
  bool corridor = false;
  for (const auto& f : z["features"]) corridor = corridor || f["properties"]["id"] == "m4-security-corridor";
  EXPECT_TRUE(corridor);
}

// The issue's "done when": the corridor, the ceasefire, and their absence.
// The points are placed from the pack: the M4's nearest point to Ariha,
// then 3 km and 9 km north of it.
TEST_F(Serve, TagsReportsWithCorridorAndCeasefire) {
  auto mission = truce::LoadMission(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020");
  ASSERT_TRUE(mission.ok());
  const auto& road = mission->FindZone("m4-security-corridor")->lines;
  auto on_road = truce::geo::NearestOnLines(mission->gazetteer.Find("Ariha")->position, road).point;
  auto three_km = truce::geo::Destination(on_road, 0, 3000);
  auto nine_km = truce::geo::Destination(on_road, 0, 9000);
  ASSERT_GT(truce::geo::NearestOnLines(nine_km, road).distance_m, 6000);

  std::string ceasefire = CeasefireClause(Get("/v1/mission"));
  json r = Post("/v1/reports", Sign(Report("ariha-1", "2020-03-10T14:20+03:00", three_km.lat, three_km.lon)), 201);
  EXPECT_EQ(r["accepted"], 1);
  int64_t id = r["reports"][0]["id"];
  json got = Get("/v1/reports/" + std::to_string(id));
  EXPECT_TRUE(Has(got["zones"], "m4-security-corridor")) << got.dump();
  EXPECT_TRUE(Has(got["clauses"], ceasefire)) << got.dump();
  EXPECT_EQ(got["observed"]["start"], "2020-03-10T14:20:00+03:00");

  json list = Get("/v1/reports?zone=m4-security-corridor&clause=" + ceasefire);
  bool found = false;
  for (const auto& x : list["reports"]) found = found || x["id"] == id;
  EXPECT_TRUE(found);

  r = Post("/v1/reports", Sign(Report("ariha-early", "2020-03-01T14:20:00+03:00", three_km.lat, three_km.lon)), 201);
  EXPECT_FALSE(Has(r["reports"][0]["clauses"], ceasefire)) << r.dump();

  r = Post("/v1/reports", Sign(Report("ariha-far", "2020-03-10T14:20:00+03:00", nine_km.lat, nine_km.lon)), 201);
  EXPECT_FALSE(Has(r["reports"][0]["zones"], "m4-security-corridor")) << r.dump();
  EXPECT_TRUE(Has(r["reports"][0]["clauses"], ceasefire)) << r.dump();  // still in the area
}

TEST_F(Serve, BadInputGetsAClearErrorAndChangesNothing) {
  int64_t before = Count();
  uint64_t size_before = Get("/v1/register/entries?start=0&end=0")["size"];
  std::string good = Sign(Report("ok-1", "2020-03-10T14:20:00+03:00", 35.84, 36.61));
  struct Case {
    std::string body, code, needle;
  };
  std::vector<Case> cases = {
      {"{\"source\":", "invalid_entry", "not valid JSON"},
      {Sign(
           R"({"source":{"kind":"party","party":"TR"},"observed":{"start":"2020-03-10T14:20:00+03:00"},"location":{"lat":35.84,"lon":36.61,"uncertainty_m":500}})"),
       "invalid_entry", "body.category"},
      {Sign(Report("x", "2020-03-10T14:20:00+03:00", 95.0, 36.61)), "invalid_entry", "body.location.lat"},
      {Sign(
           R"({"source":{"kind":"party","party":"TR"},"category":"shelling","observed":{"start":"2020-03-10T14:20:00+03:00"},"location":{"place":"Atlantis"}})"),
       "invalid_entry", "gazetteer"},
      {Sign(Report("y", "2020-03-10T14:20:00", 35.84, 36.61)), "invalid_entry", "time zone"},
      {"source_kind,source_party,category,start,lat,lon,uncertainty_m\nparty,TR,shelling,2020-03-10T14:20:00Z,35.8\n",
       "invalid_entry", "line"},
      {good + "\n" + Sign(Report("z", "2020-03-10T14:20:00+03:00", 35.84, 361.0)), "invalid_entry",
       "body.location.lon"},
  };
  for (const auto& c : cases) {
    auto res = Client().Post("/v1/reports", c.body, "application/x-ndjson");
    ASSERT_TRUE(res);
    EXPECT_TRUE(res->status == 400 || res->status == 422) << res->status;
    json e = json::parse(res->body);
    EXPECT_EQ(e["error"]["code"], c.code) << res->body;
    EXPECT_NE(res->body.find(c.needle), std::string::npos) << c.needle << " not in " << res->body;
  }
  EXPECT_EQ(Count(), before);
  EXPECT_EQ(Get("/v1/register/entries?start=0&end=0")["size"], size_before);

  // The JSONL case with on_error=skip stores the good row and lists the bad.
  json r = Post("/v1/reports?on_error=skip", cases.back().body, 201, "application/x-ndjson");
  EXPECT_EQ(r["accepted"], 1);
  EXPECT_EQ(r["rejected"].size(), 1u);
  EXPECT_EQ(r["rejected"][0]["line"], 2);
  EXPECT_EQ(Count(), before + 1);
}

TEST_F(Serve, ReadsTheBodyAsSentNotAsAForm) {
  // curl -d without a Content-Type sends a form; the report's own words
  // must not turn into request parameters.
  std::string body = json{{"id", "form-1"},
                          {"source", {{"kind", "news"}, {"name", "wire"}}},
                          {"category", "shelling"},
                          {"observed", "2020-03-10T14:20:00+03:00"},
                          {"location", {{"place", "Saraqib"}}},
                          {"text", "quoted: format=csv&on_error=skip"}}
                         .dump();
  json r = Post("/v1/reports", Sign(body), 201, "application/x-www-form-urlencoded");
  EXPECT_EQ(r["accepted"], 1);
  json e = Post("/v1/reports", "", 400, "application/json");
  EXPECT_EQ(e["error"]["code"], "invalid_input");
}

TEST_F(Serve, PagesFiltersAndErrors) {
  std::string batch;
  for (int i = 0; i < 25; ++i) {
    batch += Sign(Report("page-" + std::to_string(i), "2020-04-0" + std::to_string(1 + i % 9) + "T10:00:00Z",
                         35.7 + 0.01 * i, 36.4 + 0.01 * i)) +
             "\n";
  }
  Post("/v1/reports", batch, 201, "application/x-ndjson");
  json page = Get("/v1/reports?from=2020-04-01T00:00:00Z&to=2020-04-30T00:00:00Z&limit=10");
  EXPECT_EQ(page["count"], 10);
  int64_t seen = 10;
  while (!page["next_after"].is_null()) {
    page = Get("/v1/reports?from=2020-04-01T00:00:00Z&to=2020-04-30T00:00:00Z&limit=10&after=" +
               std::to_string(page["next_after"].get<int64_t>()));
    seen += page["count"].get<int64_t>();
  }
  EXPECT_EQ(seen, 25);
  json geo = Get("/v1/reports?format=geojson&bbox=36.39,35.69,36.45,35.75");
  EXPECT_EQ(geo["type"], "FeatureCollection");
  EXPECT_GE(geo["features"].size(), 5u);
  json bad = Get("/v1/reports?from=yesterday", 400);
  EXPECT_EQ(bad["error"]["code"], "invalid_argument");
  bad = Get("/v1/reports?zone=atlantis", 400);
  EXPECT_NE(bad["error"]["message"].get<std::string>().find("atlantis"), std::string::npos);
  bad = Get("/v1/nothing", 404);
  EXPECT_EQ(bad["error"]["code"], "not_found");
  auto res = Client().Delete("/v1/reports");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(res->get_header_value("Allow"), "GET, POST");
  EXPECT_EQ(Get("/v1/reports?blames=SY-GOV&limit=1")["count"], 1);
  Get("/v1/reports/999999", 404);
}

}  // namespace
