#include "truce/intake/report_body.h"

#include <gtest/gtest.h>

#include <random>

#include "truce/core/canonical_json.h"

namespace truce::intake {
namespace {

// What an ingest signs (CanonicalReportBody, written without a JSON tree)
// must be byte for byte what every other path signs (CanonicalJson of
// ReportBody): both readers of a register entry hash these bytes.
TEST(ReportBody, TheCanonicalBodyIsTheCanonicalFormOfTheValue) {
  std::mt19937_64 rng(20200305);
  auto pick = [&](size_t n) { return size_t(rng() % n); };
  auto number = [&] {
    switch (pick(6)) {
      case 0:
        return double(int64_t(rng() % 100000));  // whole: 4508, written without ".0"
      case 1:
        return std::uniform_real_distribution<double>(-180, 180)(rng);
      case 2:
        return std::uniform_real_distribution<double>(0, 1e-6)(rng);  // 1e-7 and the like
      case 3:
        return 1e21 * double(1 + pick(9));
      case 4:
        return -0.0;
      default:
        return std::round(std::uniform_real_distribution<double>(0, 90)(rng) * 1e6) / 1e6;
    }
  };
  const std::vector<std::string> texts = {"",
                                          "Ariha",
                                          "quote \" and \\ backslash",
                                          "tab\tnew\nline\r\x01\x1f",
                                          "Idlib — إدلب",
                                          "emoji 🛰 and ünïcödé",
                                          std::string("nul\0inside", 10),
                                          "\"sig\":\"AAAA\","};
  auto text = [&] { return texts[pick(texts.size())]; };
  for (int i = 0; i < 2000; ++i) {
    Report r;
    r.source_report_id = text() + std::to_string(i);
    r.source.kind = SourceKind(pick(7));
    r.source.party = text();
    r.source.name = text();
    r.category = Category(pick(12));
    r.observed.start = Instant{int64_t(1583000000000 + int64_t(pick(1u << 30))), int(pick(5) * 60) - 120};
    r.observed.end = Instant{r.observed.start.utc_ms + int64_t(pick(100000)), r.observed.start.offset_min};
    r.location = {number(), number(), number(), text()};
    r.weapon_class = text();
    r.count = pick(3) == 0 ? 0 : int(pick(1000));
    if (pick(2)) r.bearing = Bearing{number(), number()};
    if (pick(2)) {
      r.sighting = Sighting{number(), number(), Observation(pick(6)), number(), number(), number(), number()};
    }
    if (pick(2)) r.origin = Origin{number(), number(), number()};
    if (pick(2)) r.casualties = Casualties{int(pick(50)), int(pick(50))};
    r.blames = text();
    r.text = text();
    for (size_t k = pick(3); k > 0; --k) r.evidence.push_back(text());
    auto expected = CanonicalJson(ReportBody(r));
    ASSERT_TRUE(expected.ok()) << expected.status().ToString();
    ASSERT_EQ(CanonicalReportBody(r), *expected) << "report " << i;
  }
}

}  // namespace
}  // namespace truce::intake
