#include "truce/report/daily.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "truce/center/test_center.h"
#include "truce/report/render.h"
#include "truce/report/sources.h"

namespace truce::report {
namespace {

int64_t Ms(const std::string& rfc3339) { return ParseRfc3339(rfc3339).value().utc_ms; }

// A center whose reports arrive day by day, each day's the evening it was
// observed (the center's clock is set to then), so that what the register
// held at a cut-off is known.
class DailyReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() / ("truce-daily-" + std::to_string(::getpid()) + ".db");
    Remove();
    center_ = testing::OpenMiniCenter(path_, clock_).value();
    zone_ = LocalZone::Find("Asia/Damascus").value();
  }
  void TearDown() override {
    center_.reset();
    Remove();
  }
  void Remove() {
    for (const char* ext : {"", "-wal", "-shm", "-leaves"}) std::filesystem::remove(path_.string() + ext);
  }
  // One observer report; each at its own minute and place, so each is an
  // incident of its own.
  std::string Line(const std::string& category, const std::string& at, const std::string& extra = "") {
    const int n = ++count_;
    const double lat = 35.65 + 0.01 * (n % 40), lon = 36.1 + 0.02 * (n / 40);
    return R"({"id":"R-)" + std::to_string(n) +
           R"(","source":{"kind":"observer","party":"TR","name":"OP-1"},)"
           R"("category":")" +
           category + R"(","observed":{"start":")" + at + R"(","end":")" + at +
           R"("},)"
           R"("location":{"lat":)" +
           std::to_string(lat) + R"(,"lon":)" + std::to_string(lon) + R"(,"uncertainty_m":200})" + extra + "}\n";
  }
  void IngestAt(const std::string& clock, const std::string& jsonl) {
    clock_.Set(Ms(clock));
    IngestOptions o;
    o.signer = &tr_obs_;
    auto r = center_->Ingest(jsonl, o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->error_count, 0u) << r->errors[0].message;
  }
  // Eight days up to 15 March 2020 (Damascus, UTC+2): 15 March has three
  // shellings (one with civilian casualties) and small-arms fire by 18:00,
  // and a shelling at 21:00 taken in at 21:30; 14 March two shellings; 8 to
  // 13 March one burst of small-arms fire a day.
  void Scenario() {
    for (int d = 8; d <= 13; ++d) {
      const std::string day = "2020-03-" + std::string(d < 10 ? "0" : "") + std::to_string(d);
      IngestAt(day + "T20:00:00+02:00", Line("small_arms_fire", day + "T10:00:00+02:00"));
    }
    IngestAt("2020-03-14T20:00:00+02:00",
             Line("shelling", "2020-03-14T09:00:00+02:00") + Line("shelling", "2020-03-14T11:00:00+02:00"));
    IngestAt("2020-03-15T18:00:00+02:00",
             Line("shelling", "2020-03-15T08:00:00+02:00") +
                 Line("shelling", "2020-03-15T09:30:00+02:00", R"(,"casualties":{"killed":1,"injured":2})") +
                 Line("shelling", "2020-03-15T12:15:00+02:00") + Line("small_arms_fire", "2020-03-15T14:40:00+02:00"));
    IngestAt("2020-03-15T21:30:00+02:00", Line("shelling", "2020-03-15T21:00:00+02:00"));
  }
  Result<DailyInputs> Inputs(const std::string& date, const std::string& cutoff = "",
                             std::optional<uint64_t> size = std::nullopt) {
    TRUCE_ASSIGN_OR_RETURN(Period p, ParsePeriod(zone_, date, "", "", cutoff, clock_.NowMs()));
    return Gather(*center_, p, size);
  }

  std::filesystem::path path_;
  ManualClock clock_;
  std::unique_ptr<Center> center_;
  LocalZone zone_ = LocalZone::Utc();
  reg::NoteSigner tr_obs_ = reg::NoteSigner::Parse(testing::MiniSignerKey("tr-obs")).value();
  int count_ = 0;
};

TEST_F(DailyReportTest, CountsTheDaysViolationsWithExplosionsApartAgainstThePreviousDayAndTheWeek) {
  Scenario();
  auto in = Inputs("2020-03-15");
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  const DailyReport r = Compose(*in);
  EXPECT_EQ(r.violations.now, 5) << "the day's five, the late shelling included without a cut-off";
  EXPECT_EQ(r.explosions.now, 4);
  EXPECT_EQ(r.other_fire.now, 1);
  EXPECT_EQ(r.violations.previous, 2);
  EXPECT_EQ(r.explosions.previous, 2);
  EXPECT_NEAR(r.violations.average, 8.0 / 7, 1e-9) << "2 on the 14th and one a day from the 8th to the 13th";
  EXPECT_NEAR(r.explosions.average, 2.0 / 7, 1e-9);
  ASSERT_EQ(r.by_zone.size(), 1u);
  EXPECT_EQ(r.by_zone[0].key, "area");
  EXPECT_EQ(r.by_zone[0].violations.now, 5);
  ASSERT_EQ(r.by_party.size(), 1u);
  EXPECT_EQ(r.by_party[0].label, "not established");
  EXPECT_EQ(r.by_state.at("awaiting"), 5) << "no determination proposed in this store";
  EXPECT_EQ(r.killed, 1);
  EXPECT_EQ(r.injured, 2);
  ASSERT_EQ(r.civilian.size(), 1u);
  ASSERT_FALSE(r.notable.empty());
  EXPECT_EQ(r.notable[0].facts, r.civilian[0].facts) << "the shelling with casualties first";
  EXPECT_NE(r.notable[0].paragraph.find("1 killed and 2 injured"), std::string::npos) << r.notable[0].paragraph;
  EXPECT_NE(r.notable[0].paragraph.find("At 09:30, shelling was recorded"), std::string::npos)
      << r.notable[0].paragraph;
  ASSERT_EQ(r.trend.size(), size_t(kTrendDays));
  EXPECT_EQ(FormatCivilDay(r.trend.back().day), "2020-03-15");
  EXPECT_EQ(r.trend.back().explosions, 4);
  EXPECT_EQ(r.trend.back().other_fire, 1);
  EXPECT_EQ(r.trend[kTrendDays - 2].explosions, 2);
  EXPECT_NE(r.summary.find("On 15 March 2020 the center recorded 5 ceasefire violations, including 4 explosions, "
                           "compared with 2 violations (2 explosions) in the previous day"),
            std::string::npos)
      << r.summary;
  EXPECT_EQ(r.patrol_summary, "No joint patrols were recorded in the period.");
  EXPECT_EQ(in->register_point.size, center_->registrar().size());
  // Without a cut-off, "as of" is the register's newest entry, named with
  // the offset of that moment: Syria has kept UTC+3 all year since 2022.
  in->register_point.as_of_ms = ParseRfc3339("2026-12-06T05:59:00Z")->utc_ms;
  EXPECT_EQ(Compose(*in).cutoff,
            "Based on information received as of 08:59 on 6 December 2026 (Asia/Damascus, UTC+3), the register's "
            "newest entry then.");
}

TEST_F(DailyReportTest, TheCutOffLeavesOutWhatCameInLaterAndShiftsTheDay) {
  Scenario();
  auto in = Inputs("2020-03-15", "19:30");
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  const DailyReport r = Compose(*in);
  EXPECT_EQ(r.violations.now, 4) << "the 21:00 shelling reached the center at 21:30, after the cut-off";
  EXPECT_EQ(r.violations.previous, 2);
  EXPECT_LT(in->register_point.size, center_->registrar().size());
  EXPECT_EQ(r.cutoff, "Based on information received as of 19:30 on 15 March 2020 (Asia/Damascus, UTC+2).");
  EXPECT_EQ(r.covers, "It covers 19:30 on 14 March 2020 to 19:30 on 15 March 2020.");
  // The same report from the register at the cut-off's size, asked for directly.
  auto by_size = Inputs("2020-03-15", "", in->register_point.size);
  ASSERT_TRUE(by_size.ok());
  EXPECT_EQ(Compose(*by_size).violations.now, 4);
}

TEST_F(DailyReportTest, RerunsGiveTheSameBytesWhateverCameAfter) {
  Scenario();
  auto first = Inputs("2020-03-15", "19:30");
  ASSERT_TRUE(first.ok());
  const std::string html = RenderHtml(Compose(*first)), json = RenderJson(Compose(*first));
  // More reports of the same day arrive later: the report at the same
  // cut-off does not change.
  IngestAt("2020-03-16T09:00:00+02:00", Line("shelling", "2020-03-15T10:00:00+02:00"));
  auto again = Inputs("2020-03-15", "19:30");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(RenderHtml(Compose(*again)), html);
  EXPECT_EQ(RenderJson(Compose(*again)), json);
  for (const char* section : kSections) {
    EXPECT_NE(html.find(std::string(">") + section + "</h2>"), std::string::npos) << section;
  }
  const std::string md = RenderMarkdown(Compose(*again), "map.png", "trend.png");
  for (const char* section : kSections) EXPECT_NE(md.find(std::string("## ") + section), std::string::npos) << section;
  EXPECT_NE(md.find("![Map of the period's incidents](map.png)"), std::string::npos);
}

TEST_F(DailyReportTest, BadRequestsAreAnsweredWithTheReason) {
  Scenario();
  auto empty = Inputs("2020-04-20");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Code::kNotFound);
  EXPECT_NE(empty.status().message().find("no report observed in 20 April 2020"), std::string::npos)
      << empty.status().message();
  auto future = ParsePeriod(zone_, "2020-03-16", "", "", "19:30", clock_.NowMs());
  ASSERT_FALSE(future.ok());
  EXPECT_NE(future.status().message().find("is in the future"), std::string::npos);
  EXPECT_FALSE(ParsePeriod(zone_, "2020-03-15", "2020-03-01", "", "", clock_.NowMs()).ok());
  EXPECT_EQ(ParsePeriod(zone_, "", "2020-03-15", "2020-03-01", "", clock_.NowMs()).status().message(),
            "--to 2020-03-01 is before --from 2020-03-15");
  auto before_anything = Inputs("2020-03-08", "05:00");
  ASSERT_FALSE(before_anything.ok());
  EXPECT_EQ(before_anything.status().code(), Code::kFailedPrecondition) << before_anything.status().ToString();
}

TEST(Period, APeriodReportComparesWithThePeriodBeforeIt) {
  const LocalZone zone = LocalZone::Find("Asia/Damascus").value();
  auto week = ParsePeriod(zone, "", "2020-03-09", "2020-03-15", "", Ms("2021-01-01T00:00:00Z"));
  ASSERT_TRUE(week.ok());
  EXPECT_EQ(week->days(), 7);
  EXPECT_EQ(PeriodWords(*week), "9 to 15 March 2020");
  const Period before = Before(zone, *week, 1);
  EXPECT_EQ(before.to_ms, week->from_ms);
  EXPECT_EQ(PeriodWords(before), "2 to 8 March 2020");
  EXPECT_EQ(PeriodWords(MakePeriod(zone, week->first - 10, week->last, std::nullopt)), "28 February to 15 March 2020");
}

}  // namespace
}  // namespace truce::report
