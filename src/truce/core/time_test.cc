#include "truce/core/time.h"

#include <gtest/gtest.h>

namespace truce {
namespace {

TEST(ParseRfc3339, AcceptsOffsetsAndZulu) {
  auto t = ParseRfc3339("2020-03-10T14:20:00+03:00");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->utc_ms, 1583839200000);  // 11:20Z
  EXPECT_EQ(t->offset_min, 180);
  EXPECT_EQ(ParseRfc3339("2020-03-10T11:20:00Z")->utc_ms, t->utc_ms);
  EXPECT_EQ(ParseRfc3339("2020-03-10T14:20+03:00")->utc_ms, t->utc_ms);  // no seconds
  EXPECT_EQ(ParseRfc3339("2020-03-10 08:20:00-03:00")->utc_ms, 1583839200000);
  EXPECT_EQ(ParseRfc3339("2020-03-10T11:20:00.250Z")->utc_ms, 1583839200250);
}

TEST(ParseRfc3339, RefusesATimeWithoutZone) {
  auto t = ParseRfc3339("2020-03-10T14:20:00");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("time zone is missing"), std::string::npos);
}

TEST(ParseRfc3339, RefusesImpossibleDatesAndJunk) {
  for (const char* bad :
       {"2020-02-30T10:00:00Z", "2020-13-01T10:00:00Z", "2020-03-10T25:00:00Z", "2020-03-10", "yesterday",
        "2020-03-10T10:00:00+3", "2020-03-10T10:00:00Zjunk", "", "2020-03-10T10:00:00+24:00"}) {
    EXPECT_FALSE(ParseRfc3339(bad).ok()) << bad;
  }
}

TEST(FormatRfc3339, RoundTripsWithTheSourcesOffset) {
  for (const char* s : {"2020-03-10T14:20:00+03:00", "2020-11-10T00:00:00Z", "1999-12-31T23:59:59.125-05:30"}) {
    auto t = ParseRfc3339(s);
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(FormatRfc3339(*t), s);
  }
}

TEST(MakeInterval, RefusesAnEndBeforeTheStart) {
  auto a = *ParseRfc3339("2020-03-10T14:20:00+03:00");
  auto b = *ParseRfc3339("2020-03-10T14:35:00+03:00");
  EXPECT_TRUE(MakeInterval(a, b).ok());
  EXPECT_FALSE(MakeInterval(b, a).ok());
  TimeInterval i{a, b};
  EXPECT_TRUE(i.Overlaps(b.utc_ms, b.utc_ms + 1));
  EXPECT_FALSE(i.Overlaps(b.utc_ms + 1, b.utc_ms + 2));
}

}  // namespace
}  // namespace truce
