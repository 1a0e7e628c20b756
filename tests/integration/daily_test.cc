// The daily report of a running center (GET /v1/daily/{date}) and from its
// database (truce report daily), over a simulated day the center has fused
// and proposed determinations for.
#include <array>
#include <cstdio>
#include <fstream>
#include <set>

#include "run_truce.h"
#include "serve_fixture.h"
#include "truce/core/local_time.h"
#include "truce/report/render.h"

namespace truce::testing {
namespace {

class Daily : public Serve {
 protected:
  static void SetUpTestSuite() { ServeSimulatedDay(3); }
  // The simulated day: the local date (Damascus) of the newest incident the center found.
  std::string Day() {
    json page = Get("/v1/incidents?limit=1");
    EXPECT_FALSE(page["incidents"].empty());
    const int64_t t = ParseRfc3339(page["incidents"][0]["time"]["start"].get<std::string>()).value().utc_ms;
    return FormatCivilDay(LocalZone::Find("Asia/Damascus").value().DayOf(t));
  }
  httplib::Result Fetch(const std::string& path) { return Client().Get(path); }
};

TEST_F(Daily, TheReportCountsWhatTheCenterFoundAndWhereItsReviewStands) {
  const std::string day = Day();
  auto res = Fetch("/v1/daily/" + day + "?format=json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json r = json::parse(res->body);
  // The center's own incidents of that day breaking a ceasefire clause.
  json all = Get("/v1/incidents?limit=1000");
  std::set<std::string> ceasefire_clauses;
  const json mission = Get("/v1/mission");
  for (const auto& c : mission["clauses"]) {
    if (c["kind"] == "ceasefire") ceasefire_clauses.insert(c["id"].get<std::string>());
  }
  const LocalZone damascus = LocalZone::Find("Asia/Damascus").value();
  int64_t violations = 0;
  for (const auto& i : all["incidents"]) {
    bool breaks = false;
    for (const auto& c : i["clauses"]) breaks |= ceasefire_clauses.count(c.get<std::string>()) > 0;
    const int64_t t = ParseRfc3339(i["time"]["start"].get<std::string>()).value().utc_ms;
    if (breaks && FormatCivilDay(damascus.DayOf(t)) == day) ++violations;
  }
  EXPECT_GT(violations, 0);
  EXPECT_EQ(r["violations"]["total"]["now"].get<int64_t>(), violations);
  // Every determination was proposed and none reviewed yet.
  EXPECT_EQ(r["violations"]["by_state"].value("proposed", 0), violations) << r["violations"]["by_state"].dump();
  EXPECT_FALSE(r["notable"].empty());
  EXPECT_NE(r["notable"][0]["text"].get<std::string>().find(" of "), std::string::npos) << "a place in words";
  EXPECT_EQ(r["register"]["size"].get<uint64_t>(), RegisterSize());
  EXPECT_EQ(r["trend"].size(), 30u);

  auto html = Fetch("/v1/daily/" + day);
  ASSERT_TRUE(html);
  EXPECT_EQ(html->status, 200);
  EXPECT_EQ(html->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(html->get_header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  for (const char* section : report::kSections) {
    EXPECT_NE(html->body.find(std::string(">") + section + "</h2>"), std::string::npos) << section;
  }
  // Asked again: the same bytes.
  auto again = Fetch("/v1/daily/" + day);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->body, html->body);
}

TEST_F(Daily, ThePdfHasEverySectionAndTheDatabaseGivesTheSameReport) {
  const std::string day = Day();
  auto res = Fetch("/v1/daily/" + day + "?format=pdf");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body.substr(0, 400);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/pdf");
  ASSERT_EQ(res->body.rfind("%PDF-", 0), 0u);
  const std::filesystem::path pdf = dir_ / "daily.pdf";
  std::ofstream(pdf, std::ios::binary) << res->body;
  // The PDF's text, by poppler's pdftotext (Debian's poppler-utils).
  const std::string text_file = (dir_ / "daily.txt").string();
  ASSERT_EQ(std::system(("pdftotext -layout " + pdf.string() + " " + text_file).c_str()), 0);
  std::ifstream in(text_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const char* section : report::kSections) EXPECT_NE(text.find(section), std::string::npos) << section;

  // From the database beside the running server: the same JSON.
  const std::string json_file = (dir_ / "daily.json").string();
  auto cli = Truce("report daily -q --db " + (dir_ / "center.db").string() + " --date " + day +
                   " --format json --out " + json_file);
  ASSERT_EQ(cli.code, 0) << cli.out;
  std::ifstream written(json_file);
  const std::string from_db((std::istreambuf_iterator<char>(written)), std::istreambuf_iterator<char>());
  auto served = Fetch("/v1/daily/" + day + "?format=json");
  ASSERT_TRUE(served);
  EXPECT_EQ(from_db, served->body);
}

TEST_F(Daily, BadRequestsAreRefusedWithTheReason) {
  auto res = Fetch("/v1/daily/2019-01-01");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_NE(res->body.find("no report observed in 1 January 2019"), std::string::npos) << res->body;
  res = Fetch("/v1/daily/2020-02-30");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("not a day of the calendar"), std::string::npos) << res->body;
  res = Fetch("/v1/daily/" + Day() + "?format=docx");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("is not html, pdf, md or json"), std::string::npos);
  res = Fetch("/v1/daily/2099-01-01?cutoff=19:30");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("is in the future"), std::string::npos) << res->body;
  // The CLI says the same.
  auto cli = Truce("report daily --db " + (dir_ / "center.db").string() + " --date 2020-13-01");
  EXPECT_NE(cli.code, 0);
  EXPECT_NE(cli.out.find("--date: '2020-13-01' is not a day of the calendar"), std::string::npos) << cli.out;
}

TEST_F(Daily, ExportsOverHttpAreTheFilesTheCommandWrites) {
  const std::string day = Day();
  auto acled = Fetch("/v1/export/incidents?format=acled&date=" + day);
  ASSERT_TRUE(acled);
  ASSERT_EQ(acled->status, 200) << acled->body;
  EXPECT_EQ(acled->get_header_value("Content-Type"), "text/csv; charset=utf-8; header=present");
  const std::string size = acled->get_header_value("X-Truce-Register-Size");
  EXPECT_EQ(size, std::to_string(RegisterSize()));
  EXPECT_EQ(acled->body.rfind("event_id_cnty,event_date,year,", 0), 0u);
  // The same register size from the database beside the server: the same bytes.
  const std::string file = (dir_ / "acled.csv").string();
  auto cli = Truce("export incidents -q --db " + (dir_ / "center.db").string() + " --format acled --date " + day +
                   " --size " + size + " --out " + file);
  ASSERT_EQ(cli.code, 0) << cli.out;
  std::ifstream written(file);
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(written)), std::istreambuf_iterator<char>()), acled->body);

  // Determinations as GeoJSON: every one the center proposed, none reviewed yet.
  auto det = Fetch("/v1/export/determinations?format=geojson");
  ASSERT_TRUE(det);
  ASSERT_EQ(det->status, 200) << det->body.substr(0, 300);
  EXPECT_EQ(det->get_header_value("Content-Type"), "application/geo+json");
  const json features = json::parse(det->body)["features"];
  ASSERT_FALSE(features.empty());
  for (const auto& f : features) EXPECT_EQ(f["properties"]["state"], "proposed") << f.dump();

  auto gpkg = Fetch("/v1/export/reports?format=gpkg");
  ASSERT_TRUE(gpkg);
  ASSERT_EQ(gpkg->status, 200) << gpkg->body.substr(0, 300);
  EXPECT_EQ(gpkg->body.rfind("SQLite format 3", 0), 0u);
  EXPECT_NE(gpkg->get_header_value("Content-Disposition").find(".gpkg"), std::string::npos);

  auto bad = Fetch("/v1/export/reports?format=acled");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("only incidents"), std::string::npos) << bad->body;
  bad = Fetch("/v1/export/patrols");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("table: 'patrols'"), std::string::npos) << bad->body;
}

}  // namespace
}  // namespace truce::testing
