#include "truce/report/export.h"

#include <gtest/gtest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "truce/mission/test_mission.h"

namespace truce::report {
namespace {

constexpr Column kColumns[] = {
    {"id", ColumnType::kInteger, "#meta+id"}, {"text", ColumnType::kText, "#description"},
    {"zones", ColumnType::kList, ""},         {"latitude", ColumnType::kReal, "#geo+lat"},
    {"contested", ColumnType::kBoolean, ""},
};

Row Sample(std::string text) {
  Row r;
  r.lat = 35.5;
  r.lon = 36.25;
  r.cells = {Cell(int64_t(7)), Cell(std::move(text)), Cell(std::vector<std::string>{"a", "b"}), Cell(35.5), Cell(true)};
  return r;
}

std::string Csv(const std::vector<Row>& rows, bool hxl = false) {
  auto w = MakeCsvWriter(hxl);
  std::string out;
  w->Begin("t", kColumns, &out);
  for (const Row& r : rows) w->Write(r, &out);
  w->End(&out);
  return out;
}

TEST(CsvExport, WritesAHeaderAndQuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(Csv({Sample("plain")}), "id,text,zones,latitude,contested\r\n7,plain,a;b,35.5,true\r\n");
  EXPECT_EQ(Csv({Sample("say \"hi\", then\nleave")}),
            "id,text,zones,latitude,contested\r\n7,\"say \"\"hi\"\", then\nleave\",a;b,35.5,true\r\n");
  Row none = Sample("");
  none.cells[1] = Cell();
  EXPECT_EQ(Csv({none}).substr(Csv({none}).find("\r\n") + 2), "7,,a;b,35.5,true\r\n");
}

// The quoting test looks at eight characters at a time: each character
// that needs quotes, at every place in a longer cell, is found.
TEST(CsvExport, FindsWhatNeedsQuotesAnywhereInALongCell) {
  for (char special : {',', '"', '\r', '\n'}) {
    for (size_t at = 0; at < 20; ++at) {
      std::string text(19, 'x');
      text.insert(at, 1, special);
      const std::string csv = Csv({Sample(text)});
      const std::string row = csv.substr(csv.find("\r\n") + 2);
      EXPECT_EQ(row.rfind("7,\"", 0), 0u) << int(special) << " at " << at;
    }
  }
  // Borrowed text, lists and times are written as held ones are.
  Row borrowed = Sample("");
  const std::vector<std::string> zones{"a", "b"};
  borrowed.cells[1] = Cell(std::string_view("plain, borrowed"));
  borrowed.cells[2] = Cell(std::span<const std::string>(zones));
  borrowed.cells[3] = Cell(*ParseRfc3339("2020-03-10T14:20:00.5+03:00"));
  const std::string csv = Csv({borrowed});
  EXPECT_EQ(csv.substr(csv.find("\r\n") + 2), "7,\"plain, borrowed\",a;b,2020-03-10T14:20:00.500+03:00,true\r\n");
}

TEST(CsvExport, NeutralisesCellsASpreadsheetWouldRunAsFormulas) {
  for (const char* attack : {"=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)"}) {
    const std::string csv = Csv({Sample(attack)});
    const std::string row = csv.substr(csv.find("\r\n") + 2);
    EXPECT_EQ(row.rfind("7,\"'", 0), 0u) << row;
  }
}

TEST(CsvExport, TheHxlRowComesUnderTheHeader) {
  const std::string csv = Csv({Sample("x")}, true);
  EXPECT_EQ(csv.substr(0, csv.find("7,")), "id,text,zones,latitude,contested\r\n#meta+id,#description,,#geo+lat,\r\n");
}

TEST(GeoJsonExport, IsAFeatureCollectionOfPointsWithTypedProperties) {
  auto w = MakeGeoJsonWriter();
  std::string out;
  w->Begin("incidents", kColumns, &out);
  w->Write(Sample("x"), &out);
  Row none = Sample("y");
  none.cells[1] = Cell();
  w->Write(none, &out);
  w->End(&out);
  const auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["type"], "FeatureCollection");
  EXPECT_EQ(j["name"], "incidents");
  ASSERT_EQ(j["features"].size(), 2u);
  const auto& f = j["features"][0];
  EXPECT_EQ(f["geometry"]["coordinates"], nlohmann::json::array({36.25, 35.5}));  // longitude first
  EXPECT_EQ(f["properties"]["id"], 7);
  EXPECT_EQ(f["properties"]["zones"], nlohmann::json::array({"a", "b"}));
  EXPECT_EQ(f["properties"]["contested"], true);
  EXPECT_TRUE(j["features"][1]["properties"]["text"].is_null());
}

class ExportRequestTest : public ::testing::Test {
 protected:
  Result<ExportRequest> Parse(std::string_view table, std::map<std::string, std::string> params) {
    return ParseExportRequest(table, LookupIn(params), mission_, zone_);
  }
  std::string Error(std::string_view table, std::map<std::string, std::string> params) {
    auto r = Parse(table, std::move(params));
    EXPECT_FALSE(r.ok());
    return r.ok() ? "" : r.status().message();
  }
  Mission mission_ = testing::MiniMission();
  LocalZone zone_ = LocalZone::Find("Asia/Damascus").value();
};

TEST_F(ExportRequestTest, ADayIsTheMissionsLocalDay) {
  auto r = Parse("incidents", {{"date", "2020-03-15"}, {"format", "acled"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->format, ExportFormat::kAcled);
  EXPECT_EQ(*r->from_ms, ParseRfc3339("2020-03-15T00:00:00+02:00")->utc_ms);
  EXPECT_EQ(*r->to_ms, ParseRfc3339("2020-03-16T00:00:00+02:00")->utc_ms);
  auto reports = Parse("reports", {{"from", "2020-03-15"}, {"to", "2020-03-15"}, {"category", "shelling"}});
  ASSERT_TRUE(reports.ok()) << reports.status().ToString();
  EXPECT_EQ(*reports->reports.to_ms, *r->to_ms - 1);  // the whole of the last day, inclusive
  EXPECT_EQ(reports->reports.category, "shelling");
}

TEST_F(ExportRequestTest, RefusesWhatItCannotDoNamingTheParameter) {
  EXPECT_NE(Error("reports", {{"format", "acled"}}).find("only incidents"), std::string::npos);
  EXPECT_NE(Error("reports", {{"format", "xlsx"}}).find("format: 'xlsx' is not csv, geojson, gpkg or acled"),
            std::string::npos);
  EXPECT_NE(Error("patrols", {}).find("table: 'patrols'"), std::string::npos);
  EXPECT_NE(Error("reports", {{"format", "geojson"}, {"hxl", "true"}}).find("hxl:"), std::string::npos);
  EXPECT_NE(Error("reports", {{"from", "2020-03-16"}, {"to", "2020-03-14"}}).find("before from"), std::string::npos);
  EXPECT_NE(Error("reports", {{"date", "2020-02-30"}}).find("date"), std::string::npos);
  EXPECT_NE(Error("reports", {{"state", "final"}}).find("state: not a filter of reports"), std::string::npos);
  EXPECT_NE(Error("incidents", {{"party", "TR"}}).find("party: not a filter of incidents"), std::string::npos);
  EXPECT_NE(Error("incidents", {{"responsible", "XX"}}).find("responsible: 'XX'"), std::string::npos);
  EXPECT_NE(Error("incidents", {{"size", "0"}}).find("size:"), std::string::npos);
  EXPECT_NE(Error("incidents", {{"from", "yesterday"}}).find("from: 'yesterday'"), std::string::npos);
}

}  // namespace
}  // namespace truce::report
