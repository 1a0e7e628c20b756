#include "truce/core/local_time.h"

#include <gtest/gtest.h>

#include "truce/core/time.h"

namespace truce {
namespace {

int64_t Ms(const char* rfc3339) { return ParseRfc3339(rfc3339).value().utc_ms; }

TEST(LocalTime, DaysAreReadWrittenAndCheckedAgainstTheCalendar) {
  auto d = ParseCivilDay("2020-03-15");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(FormatCivilDay(*d), "2020-03-15");
  EXPECT_EQ(LongDay(*d), "15 March 2020");
  EXPECT_EQ(ShortDay(*d + 17), "1 April");
  EXPECT_EQ(ParseCivilDay("2020-02-30", "--date").status().message(),
            "--date: '2020-02-30' is not a day of the calendar");
  EXPECT_EQ(ParseCivilDay("15.03.2020", "--date").status().message(),
            "--date: '15.03.2020' is not a date: write YYYY-MM-DD, e.g. 2020-03-15");
  EXPECT_EQ(ParseClockTime("19:30").value(), 19 * 60 + 30);
  EXPECT_EQ(ParseClockTime("24:00").value(), 1440);
  EXPECT_FALSE(ParseClockTime("24:30").ok());
  EXPECT_FALSE(ParseClockTime("7:30").ok());
}

TEST(LocalTime, DamascusDaysFollowItsOffsetAcrossTheDaylightSavingChange) {
  auto zone = LocalZone::Find("Asia/Damascus");
  ASSERT_TRUE(zone.ok()) << zone.status().ToString();
  const CivilDay d = ParseCivilDay("2020-03-15").value();
  EXPECT_EQ(zone->StartOf(d), Ms("2020-03-15T00:00:00+02:00"));
  EXPECT_EQ(zone->At(d, 19 * 60 + 30), Ms("2020-03-15T19:30:00+02:00"));
  EXPECT_EQ(zone->OffsetMin(Ms("2020-03-15T12:00:00Z")), 120);
  EXPECT_EQ(zone->DayOf(Ms("2020-03-14T22:30:00Z")), d) << "00:30 local is the 15th";
  EXPECT_EQ(zone->ClockTime(Ms("2020-03-15T17:30:00Z")), "19:30");
  // Syria moved its clocks to UTC+3 at midnight starting 27 March 2020:
  // that day's midnight does not exist, so the day starts at the change.
  const CivilDay change = ParseCivilDay("2020-03-27").value();
  EXPECT_EQ(zone->StartOf(change), Ms("2020-03-26T22:00:00Z"));
  EXPECT_EQ(zone->OffsetMin(Ms("2020-03-27T12:00:00Z")), 180);
  EXPECT_EQ(zone->StartOf(change + 1), Ms("2020-03-28T00:00:00+03:00"));
  EXPECT_EQ(FormatUtcOffset(180), "UTC+3");
  EXPECT_EQ(FormatUtcOffset(-330), "UTC-5:30");
}

TEST(LocalTime, AnUnknownZoneIsNamed) {
  auto zone = LocalZone::Find("Asia/Atlantis");
  ASSERT_FALSE(zone.ok());
  EXPECT_NE(zone.status().message().find("'Asia/Atlantis' is not in the IANA time zone database"), std::string::npos);
  EXPECT_EQ(LocalZone::Utc().StartOf(1), 86'400'000);
}

}  // namespace
}  // namespace truce
