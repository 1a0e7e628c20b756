#include "truce/patrol/track_file.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "truce/core/time.h"

namespace truce::patrol {
namespace {

int64_t Utc(const char* rfc3339) { return ParseRfc3339(rfc3339).value().utc_ms; }

// A sentence with its checksum, as a receiver writes it.
std::string Sentence(const std::string& body) {
  int sum = 0;
  for (char c : body) sum ^= static_cast<unsigned char>(c);
  char tail[8];
  std::snprintf(tail, sizeof tail, "*%02X", sum);
  return "$" + body + tail;
}

// The GGA and RMC examples every NMEA reference quotes (e.g. Dale DePriest,
// "NMEA data", gpsinformation.org), with their published checksums.
TEST(Nmea, TheTextbookSentencesMakeOneFix) {
  auto log = ParseNmea(
      "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A\r\n"
      "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n",
      {"BTR-1", std::nullopt});
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_TRUE(log->skipped.empty()) << log->skipped[0].message;
  ASSERT_EQ(log->fixes.size(), 1u);
  const Fix& f = log->fixes[0];
  EXPECT_EQ(f.t_ms, Utc("1994-03-23T12:35:19Z"));
  EXPECT_NEAR(f.at.lat, 48 + 7.038 / 60, 1e-9);
  EXPECT_NEAR(f.at.lon, 11 + 31.0 / 60, 1e-9);
  EXPECT_EQ(f.quality, 1);
  EXPECT_DOUBLE_EQ(f.hdop, 0.9);
  EXPECT_EQ(f.vehicle, "BTR-1");
}

TEST(Nmea, SouthAndWestAreNegativeAndFractionsOfSecondsCount) {
  auto log = ParseNmea(Sentence("GNRMC,081502.50,A,3548.1000,S,03636.0000,W,10.0,90.0,150320,,,A") + "\n", {});
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->fixes.size(), 1u);
  EXPECT_EQ(log->fixes[0].t_ms, Utc("2020-03-15T08:15:02.500Z"));
  EXPECT_NEAR(log->fixes[0].at.lat, -35.80166666, 1e-6);
  EXPECT_NEAR(log->fixes[0].at.lon, -36.6, 1e-9);
}

TEST(Nmea, GgaAloneNeedsTheDayAndCrossesMidnight) {
  const std::string log = Sentence("GPGGA,235950,3548.000,N,03636.000,E,1,08,1.1,300,M,0,M,,") + "\n" +
                          Sentence("GPGGA,000010,3548.010,N,03636.000,E,2,08,1.1,300,M,0,M,,") + "\n";
  auto without = ParseNmea(log, {});
  ASSERT_TRUE(without.ok());
  EXPECT_TRUE(without->fixes.empty());
  ASSERT_EQ(without->skipped.size(), 2u);
  EXPECT_NE(without->skipped[0].message.find("no date"), std::string::npos);
  auto with = ParseNmea(log, {"", Utc("2020-03-15T00:00:00Z")});
  ASSERT_TRUE(with.ok());
  ASSERT_EQ(with->fixes.size(), 2u);
  EXPECT_EQ(with->fixes[0].t_ms, Utc("2020-03-15T23:59:50Z"));
  EXPECT_EQ(with->fixes[1].t_ms, Utc("2020-03-16T00:00:10Z"));
  EXPECT_EQ(with->fixes[1].quality, 2);
}

TEST(Nmea, EachBadSentenceIsSkippedWithItsLineAndReason) {
  const std::string good = Sentence("GPRMC,081500,A,3548.000,N,03636.000,E,10.0,90.0,150320,,,A");
  const std::string text = good + "\n" +                                                                // 1
                           "$GPRMC,081501,A,3548.000,N,03636.000,E,10.0,90.0,150320,,,A*00\n" +         // 2: checksum
                           "$GPRMC,081502,A,3548.000,N,03636.000,E,10.0,90.0,150320,,,A\n" +            // 3: none
                           Sentence("GPRMC,081503,V,,,,,,,150320,,,N") + "\n" +                         // 4: no fix
                           Sentence("GPGGA,081504,3548.000,N,03636.000,E,0,00,,,M,,M,,") + "\n" +       // 5: quality 0
                           Sentence("GPRMC,081505,A,3599.000,N,03636.000,E,10,90,150320,,,A") + "\n" +  // 6: minutes
                           Sentence("GPRMC,081506,A,3548.000,Q,03636.000,E,10,90,150320,,,A") + "\n" +  // 7: hemisphere
                           Sentence("GPRMC,256000,A,3548.000,N,03636.000,E,10,90,150320,,,A") + "\n" +  // 8: time
                           Sentence("GPRMC,081508,A,3548.000,N,03636.000,E,10,90,310220,,,A") + "\n" +  // 9: date
                           Sentence("GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00") + "\n" +  // 10
                           "garbage\n" +                                                                          // 11
                           Sentence("GPRMC,081509") + "\n";                                                       // 12
  auto log = ParseNmea(text, {});
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->fixes.size(), 1u);
  std::map<size_t, std::string> why;
  for (const auto& e : log->skipped) why[e.line] = e.message;
  EXPECT_NE(why[2].find("bad checksum"), std::string::npos) << why[2];
  EXPECT_NE(why[3].find("no checksum"), std::string::npos) << why[3];
  EXPECT_NE(why[4].find("status V"), std::string::npos) << why[4];
  EXPECT_NE(why[5].find("quality 0"), std::string::npos) << why[5];
  EXPECT_NE(why[6].find("out of range"), std::string::npos) << why[6];
  EXPECT_NE(why[7].find("hemisphere"), std::string::npos) << why[7];
  EXPECT_NE(why[8].find("not a time of day"), std::string::npos) << why[8];
  EXPECT_NE(why[9].find("not a day of the calendar"), std::string::npos) << why[9];
  EXPECT_EQ(why.count(10), 0u) << "other sentences are passed over";
  EXPECT_NE(why[11].find("does not start with $"), std::string::npos) << why[11];
  EXPECT_NE(why[12].find("fewer than it must"), std::string::npos) << why[12];
}

TEST(Nmea, AFileWithNoSentenceIsNotALog) {
  EXPECT_NE(ParseNmea("<gpx></gpx>\n", {}).status().message().find("not an NMEA log"), std::string::npos);
  EXPECT_FALSE(ParseNmea("", {}).ok());
}

constexpr const char* kGpx = R"(<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>BTR-1</name><trkseg>
    <trkpt lat="35.8660" lon="36.7800"><ele>300</ele><time>2020-03-15T08:00:00Z</time><fix>3d</fix><hdop>1.4</hdop></trkpt>
    <trkpt lat="35.8655" lon="36.7600"><time>2020-03-15T11:02:00+03:00</time></trkpt>
    <trkpt lat="35.8655" lon="36.7500"><time>2020-03-15T08:03:00Z</time><fix>none</fix></trkpt>
    <trkpt lat="95" lon="36.7400"><time>2020-03-15T08:04:00Z</time></trkpt>
    <trkpt lat="35.8650" lon="36.7300"></trkpt>
    <trkpt lat="35.8650" lon="36.7200"><time>15/03/2020 08:06</time></trkpt>
  </trkseg></trk>
</gpx>
)";

TEST(Gpx, PointsWithTheirTimesAndTheTracksName) {
  auto gpx = ParseGpx(kGpx);
  ASSERT_TRUE(gpx.ok()) << gpx.status().ToString();
  ASSERT_EQ(gpx->fixes.size(), 3u);
  EXPECT_EQ(gpx->fixes[0].t_ms, Utc("2020-03-15T08:00:00Z"));
  EXPECT_EQ(gpx->fixes[0].vehicle, "BTR-1");
  EXPECT_DOUBLE_EQ(gpx->fixes[0].hdop, 1.4);
  EXPECT_EQ(gpx->fixes[1].t_ms, Utc("2020-03-15T08:02:00Z"));
  EXPECT_EQ(gpx->fixes[2].quality, 0) << "fix none is kept, for the tracker to refuse with its reason";
  ASSERT_EQ(gpx->skipped.size(), 3u);
  EXPECT_EQ(gpx->skipped[0].line, 7u);
  EXPECT_NE(gpx->skipped[0].message.find("not a position"), std::string::npos);
  EXPECT_NE(gpx->skipped[1].message.find("no <time>"), std::string::npos);
  EXPECT_NE(gpx->skipped[2].message.find("<time>"), std::string::npos);
  EXPECT_EQ(ParseGpx(kGpx, "Tigr-2")->fixes[0].vehicle, "Tigr-2");
}

TEST(Gpx, BrokenOrHostileXmlIsRefusedWhole) {
  auto broken =
      ParseGpx(R"(<gpx><trk><trkseg><trkpt lat="1" lon="2"><time>2020-03-15T08:00:00Z</time></trkseg></gpx>)");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("GPX line 1"), std::string::npos) << broken.status().message();
  EXPECT_NE(broken.status().message().find("broken XML"), std::string::npos) << broken.status().message();

  auto laughs = ParseGpx(R"(<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>
<gpx><trk><name>&b;</name></trk></gpx>)");
  ASSERT_FALSE(laughs.ok());
  EXPECT_NE(laughs.status().message().find("document type"), std::string::npos) << laughs.status().message();

  std::string deep = "<gpx>";
  for (int i = 0; i < 100; ++i) deep += "<a>";
  auto nested = ParseGpx(deep);
  ASSERT_FALSE(nested.ok());
  EXPECT_NE(nested.status().message().find("deeper than"), std::string::npos) << nested.status().message();

  EXPECT_NE(ParseGpx("<kml></kml>").status().message().find("not a GPX file"), std::string::npos);
  EXPECT_FALSE(ParseGpx("").ok());
}

}  // namespace
}  // namespace truce::patrol
