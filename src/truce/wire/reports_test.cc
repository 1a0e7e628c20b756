#include "truce/wire/reports.h"

#include <gtest/gtest.h>

#include "truce/wire/mission.h"

namespace truce::wire {
namespace {

StoredReport Stored(int64_t id) {
  StoredReport s;
  s.id = id;
  s.received_ms = 1583839800000;  // 2020-03-10T11:30:00Z
  Report& r = s.report;
  r.source_report_id = "OP-1";
  r.source = {SourceKind::kObserver, "TR", "OP-7"};
  r.category = Category::kShelling;
  r.observed = {{1583839200000, 180}, {1583839800000, 180}};
  r.location = {35.8, 36.5, 300, "Saraqib"};
  r.zones = {"idlib-de-escalation"};
  r.clauses = {"art-1"};
  return s;
}

// The stored form is the submitted form plus what the center added: its own
// number takes "id", the source's moves to "source_report_id".
TEST(WireReports, AReportIsItsBodyWithTheCentersNumberAndTags) {
  nlohmann::json j = ReportJson(Stored(7));
  EXPECT_EQ(j["id"], 7);
  EXPECT_EQ(j["source_report_id"], "OP-1");
  EXPECT_EQ(j["zones"], nlohmann::json::array({"idlib-de-escalation"}));
  EXPECT_EQ(j["clauses"], nlohmann::json::array({"art-1"}));
  EXPECT_EQ(j["received"], "2020-03-10T11:30:00Z");
  EXPECT_EQ(j["category"], "shelling");
}

TEST(WireReports, AFeatureCarriesThePointAsGeometryAndNotAsALocation) {
  nlohmann::json f = ReportFeature(Stored(7));
  EXPECT_EQ(f["id"], 7);
  EXPECT_EQ(f["geometry"]["coordinates"], nlohmann::json::array({36.5, 35.8}));  // lon, lat
  EXPECT_FALSE(f["properties"].contains("location"));
  EXPECT_EQ(f["properties"]["uncertainty_m"], 300);
  EXPECT_EQ(f["properties"]["place"], "Saraqib");
}

// A full page names the id to ask after; the last page says null, in both forms.
TEST(WireReports, APageSaysWhereTheNextOneStarts) {
  std::vector<StoredReport> reports = {Stored(3), Stored(4)};
  nlohmann::json page = ReportPage(reports, 4, false);
  EXPECT_EQ(page["count"], 2);
  EXPECT_EQ(page["next_after"], 4);
  EXPECT_EQ(page["reports"], ReportList(reports));
  nlohmann::json last = ReportPage(reports, std::nullopt, true);
  EXPECT_EQ(last["type"], "FeatureCollection");
  EXPECT_EQ(last["features"].size(), 2u);
  ASSERT_TRUE(last.contains("next_after"));
  EXPECT_TRUE(last["next_after"].is_null());
  EXPECT_FALSE(ReportCollection(reports).contains("next_after"));
}

TEST(WireReports, TheTableHasAHeaderAndALinePerReport) {
  std::string table = ReportTable({Stored(3)});
  EXPECT_EQ(table.rfind("ID", 0), 0u);
  EXPECT_NE(table.find("observer:TR"), std::string::npos) << table;
  EXPECT_NE(table.find("idlib-de-escalation | art-1"), std::string::npos) << table;
}

TEST(WireMission, TheHealthCheckNamesHowManyReportsOnlyWhenAsked) {
  EXPECT_EQ(HealthJson("idlib-2020", std::nullopt), nlohmann::json({{"status", "ok"}, {"mission", "idlib-2020"}}));
  EXPECT_EQ(HealthJson("idlib-2020", 12)["reports"], 12);
}

}  // namespace
}  // namespace truce::wire
