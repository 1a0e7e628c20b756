#include "truce/intake/batch.h"

#include <gtest/gtest.h>

#include <fstream>

#include "truce/geo/geodesic.h"
#include "truce/intake/report_body.h"
#include "truce/mission/test_mission.h"

namespace truce::intake {
namespace {

class BatchTest : public ::testing::Test {
 protected:
  BatchTest() : mission_(testing::MiniMission()), tagger_(std::move(Tagger::Build(mission_)).value()) {}

  Chunk Read(const std::string& data, InputFormat format = InputFormat::kAuto, Status* status = nullptr) {
    BatchReader reader(data, format, mission_, tagger_);
    Chunk all, chunk;
    while (reader.Next(2, &chunk)) {
      all.reports.insert(all.reports.end(), chunk.reports.begin(), chunk.reports.end());
      all.lines.insert(all.lines.end(), chunk.lines.begin(), chunk.lines.end());
      all.errors.insert(all.errors.end(), chunk.errors.begin(), chunk.errors.end());
    }
    if (status)
      *status = reader.status();
    else
      EXPECT_TRUE(reader.status().ok()) << reader.status().ToString();
    return all;
  }

  RowError OnlyError(const std::string& data, InputFormat format = InputFormat::kAuto) {
    Chunk c = Read(data, format);
    EXPECT_EQ(c.errors.size(), 1u);
    EXPECT_TRUE(c.reports.empty());
    return c.errors.empty() ? RowError{} : c.errors[0];
  }

  Mission mission_;
  Tagger tagger_;
};

// The issue's simplest form, accepted as it is.
constexpr const char* kExample =
    R"({"source":{"kind":"party","party":"TR"},"category":"shelling",)"
    R"("observed":{"start":"2020-03-10T14:20:00+03:00","end":"2020-03-10T14:35:00+03:00"},)"
    R"("location":{"lat":35.84,"lon":36.61,"uncertainty_m":500},"blames":"SY-GOV",)"
    R"("text":"Artillery shelling north of Ariha"})";

TEST_F(BatchTest, AcceptsTheSimplestForm) {
  Chunk c = Read(kExample);
  ASSERT_EQ(c.reports.size(), 1u);
  const Report& r = c.reports[0];
  EXPECT_EQ(r.source.kind, SourceKind::kParty);
  EXPECT_EQ(r.source.party, "TR");
  EXPECT_EQ(r.category, Category::kShelling);
  EXPECT_EQ(r.observed.duration_ms(), 15 * 60 * 1000);
  EXPECT_EQ(r.blames, "SY-GOV");
  EXPECT_EQ(r.location.uncertainty_m, 500);
  EXPECT_EQ(r.source_report_id.rfind("sha256:", 0), 0u);  // derived from content
  EXPECT_FALSE(r.zones.empty());
  EXPECT_FALSE(r.clauses.empty());
}

TEST_F(BatchTest, ReadsJsonArraysJsonlCsvAndGeoJson) {
  std::string array = std::string("[\n") + kExample + ",\n" + kExample + "\n]";
  EXPECT_EQ(Read(array).reports.size(), 2u);
  std::string jsonl = std::string(kExample) + "\n\n" + kExample + "\n" + kExample;
  Chunk c = Read(jsonl);
  EXPECT_EQ(c.reports.size(), 3u);
  EXPECT_EQ(c.lines, (std::vector<size_t>{1, 3, 4}));
  std::string csv =
      "id,source_kind,source_party,category,start,end,lat,lon,uncertainty_m,blames,text\n"
      "TR-1,party,TR,shelling,2020-03-10T14:20:00+03:00,,35.84,36.61,500,SY-GOV,\"Shelling, heavy \"\"120mm\"\"\"\n"
      "TR-2,party,TR,small-arms fire,2020-03-10T15:20:00+03:00,,35.85,36.62,300,,\n";
  c = Read(csv);
  ASSERT_EQ(c.reports.size(), 2u);
  EXPECT_EQ(c.reports[0].text, "Shelling, heavy \"120mm\"");
  EXPECT_EQ(c.reports[1].category, Category::kSmallArmsFire);
  EXPECT_EQ(c.reports[0].source_report_id, "TR-1");
  std::string geojson = R"({"type":"FeatureCollection","features":[
    {"type":"Feature","geometry":{"type":"Point","coordinates":[36.61,35.84]},
     "properties":{"id":"obs-7","source":{"kind":"observer","name":"OP-7"},"category":"shelling",
                   "observed":{"start":"2020-03-10T14:20:00Z"},"uncertainty_m":1000}}]})";
  c = Read(geojson);
  ASSERT_EQ(c.reports.size(), 1u);
  EXPECT_DOUBLE_EQ(c.reports[0].location.lat, 35.84);
  EXPECT_EQ(c.reports[0].source.name, "OP-7");
}

TEST_F(BatchTest, ResolvesPlaceNamesThroughTheGazetteer) {
  Chunk c = Read(R"({"source":{"kind":"news","name":"SANA"},"category":"shelling",
      "observed":{"start":"2020-03-10T14:20:00+03:00"},"location":{"place":"areeha"}})");
  ASSERT_EQ(c.reports.size(), 1u);
  EXPECT_EQ(c.reports[0].location.place, "Ariha");
  EXPECT_NEAR(c.reports[0].location.lat, 35.8136, 1e-9);
  EXPECT_EQ(c.reports[0].location.uncertainty_m, 2000);  // a town's default radius
}

TEST_F(BatchTest, NamesLineAndFieldOfEachKindOfBadInput) {
  Chunk c = Read(std::string(kExample) + "\n{\"source\":");
  EXPECT_EQ(c.reports.size(), 1u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].line, 2u);
  EXPECT_NE(c.errors[0].message.find("malformed JSON"), std::string::npos) << c.errors[0].message;

  RowError e;

  e = OnlyError(
      R"({"source":{"kind":"party","party":"TR"},"observed":{"start":"2020-03-10T14:20:00+03:00"},"location":{"lat":35.84,"lon":36.61,"uncertainty_m":500}})");
  EXPECT_EQ(e.field, "category");
  EXPECT_NE(e.message.find("missing"), std::string::npos);

  e = OnlyError(
      R"({"source":{"kind":"party","party":"TR"},"category":"shelling","observed":{"start":"2020-03-10T14:20:00+03:00"},"location":{"lat":135.84,"lon":36.61,"uncertainty_m":500}})");
  EXPECT_EQ(e.field, "location.lat");

  e = OnlyError(
      R"({"source":{"kind":"party","party":"TR"},"category":"shelling","observed":{"start":"2020-03-10T14:20:00+03:00"},"location":{"place":"Atlantis"}})");
  EXPECT_EQ(e.field, "location.place");
  EXPECT_NE(e.message.find("not in the mission's gazetteer"), std::string::npos);

  e = OnlyError(
      R"({"source":{"kind":"party","party":"TR"},"category":"shelling","observed":{"start":"2020-03-10T14:20:00"},"location":{"lat":35.84,"lon":36.61,"uncertainty_m":500}})");
  EXPECT_EQ(e.field, "observed.start");
  EXPECT_NE(e.message.find("time zone"), std::string::npos);

  e = OnlyError(
      R"({"source":{"kind":"party","party":"XX"},"category":"shelling","observed":{"start":"2020-03-10T14:20:00Z"},"location":{"lat":35.84,"lon":36.61,"uncertainty_m":500}})");
  EXPECT_EQ(e.field, "source.party");

  std::string csv =
      "source_kind,source_party,category,start,lat,lon,uncertainty_m\n"
      "party,TR,shelling,2020-03-10T14:20:00+03:00,35.84,36.61,500\n"
      "party,TR,shelling,2020-03-10T14:20:00+03:00,35.84\n"
      "party,TR,shelling,2020-03-10T14:20:00+03:00,north,36.61,500\n"
      "party,TR,\"shelling,2020-03-10T14:20:00+03:00,35.84,36.61,500\n";
  c = Read(csv);
  EXPECT_EQ(c.reports.size(), 1u);
  ASSERT_EQ(c.errors.size(), 3u);
  EXPECT_EQ(c.errors[0].line, 3u);
  EXPECT_NE(c.errors[0].message.find("has 5 fields, the header has 7"), std::string::npos);
  EXPECT_EQ(c.errors[1].line, 4u);
  EXPECT_EQ(c.errors[1].field, "lat");
  EXPECT_EQ(c.errors[2].line, 5u);
  EXPECT_NE(c.errors[2].message.find("not closed"), std::string::npos);
}

TEST_F(BatchTest, AcceptsItsOwnOutputAndAMomentAsAString) {
  // truce's output form: "id" is the center's number, "source_report_id" the source's.
  Chunk c = Read(R"({"id":17,"source_report_id":"TR-9","source":{"kind":"party","party":"TR"},
      "category":"shelling","observed":"2020-03-10T14:20:00+03:00",
      "location":{"lat":35.84,"lon":36.61,"uncertainty_m":500},"zones":["x"],"clauses":[]})");
  ASSERT_EQ(c.reports.size(), 1u) << (c.errors.empty() ? "" : c.errors[0].message);
  EXPECT_EQ(c.reports[0].source_report_id, "TR-9");
  EXPECT_EQ(c.reports[0].observed.duration_ms(), 0);
}

TEST_F(BatchTest, ABearingNeedsItsError) {
  RowError e = OnlyError(R"({"source":{"kind":"acoustic","name":"AS-2"},"category":"shelling",
      "observed":"2020-03-10T14:20:00Z","location":{"lat":35.84,"lon":36.61,"uncertainty_m":500},
      "bearing":{"azimuth_deg":120}})");
  EXPECT_EQ(e.field, "bearing.error_deg");
}

TEST_F(BatchTest, ContentDigestSeesEveryField) {
  std::string a = R"({"source":{"kind":"news","name":"SANA"},"category":"shelling","observed":"2020-03-10T14:20:00Z",
      "location":{"lat":35.84,"lon":36.61,"uncertainty_m":500},"count":3})";
  std::string b = a;
  b.replace(b.find("\"count\":3"), 9, "\"count\":4");
  Chunk ca = Read(a), cb = Read(b);
  ASSERT_EQ(ca.reports.size(), 1u);
  ASSERT_EQ(cb.reports.size(), 1u);
  EXPECT_NE(ca.reports[0].content_digest, cb.reports[0].content_digest);
  EXPECT_NE(ca.reports[0].source_report_id, cb.reports[0].source_report_id);
  // Places a few centimetres apart are different reports too.
  std::string c = a;
  c.replace(c.find("36.61"), 5, "36.6100001");
  Chunk cc = Read(c);
  ASSERT_EQ(cc.reports.size(), 1u);
  EXPECT_NE(ca.reports[0].content_digest, cc.reports[0].content_digest);
}

// Found in review: a stray quote swallowed the rest of the file.
TEST_F(BatchTest, AStrayQuoteSpoilsOnlyItsOwnRow) {
  std::string csv =
      "source_kind,source_party,category,start,lat,lon,uncertainty_m,text\n"
      "party,TR,shelling,2020-03-10T14:20:00+03:00,35.84,36.61,500,a 5\" shell\n"
      "party,TR,shelling,2020-03-10T14:21:00+03:00,35.84,36.61,500,\"quoted, fine\"\n"
      "party,TR,shelling,2020-03-10T14:22:00+03:00,35.84,36.61,500,plain\n";
  Chunk c = Read(csv);
  EXPECT_EQ(c.reports.size(), 2u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].line, 2u);
  EXPECT_NE(c.errors[0].message.find("quote inside an unquoted field"), std::string::npos);
}

TEST_F(BatchTest, ByteOrderMarksAndUtf8) {
  EXPECT_EQ(Read(std::string("\xEF\xBB\xBF") + kExample).reports.size(), 1u);
  Status st;
  Read(std::string(kExample) + "\n{\"text\":\"caf\xE9\"}\n", InputFormat::kAuto, &st);
  EXPECT_NE(st.message().find("line 2 is not valid UTF-8"), std::string::npos) << st.message();
}

TEST_F(BatchTest, ArrayErrorsNameTheElementsLine) {
  std::string array = std::string("[\n") + kExample + ",\n{\"category\":\"shelling\"}\n]";
  Chunk c = Read(array);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].line, 3u);
}

TEST_F(BatchTest, WholeInputProblemsAreStatusNotRows) {
  Status st;
  Read("", InputFormat::kAuto, &st);
  EXPECT_FALSE(st.ok());
  Read("[{\"a\":1},", InputFormat::kAuto, &st);
  EXPECT_NE(st.message().find("line 1"), std::string::npos) << st.message();
  Read("when,where\n1,2\n", InputFormat::kCsv, &st);
  EXPECT_NE(st.message().find("'when' is not a report column"), std::string::npos) << st.message();
}

// An observer's "impact, 2-4 km south-east" is placed on the ellipsoid at
// the middle of the band, with a radius that takes in the whole band sector.
TEST_F(BatchTest, PlacesASightingFromTheMonitorsPositionBearingAndBand) {
  Chunk c = Read(R"({"id":"OP-7/1","source":{"kind":"observer","party":"RU","name":"OP-7"},)"
                 R"("category":"shelling","observed":"2020-03-10T14:20:00+03:00",)"
                 R"("sighting":{"from":{"lat":35.80,"lon":36.60},"what":"impact",)"
                 R"("direction":"south-east","distance_km":[2,4]}})");
  ASSERT_EQ(c.reports.size(), 1u) << (c.errors.empty() ? "" : c.errors[0].message);
  const Report& r = c.reports[0];
  ASSERT_TRUE(r.sighting.has_value());
  EXPECT_EQ(r.sighting->what, Observation::kImpact);
  EXPECT_EQ(r.sighting->azimuth_deg, 135);
  EXPECT_EQ(r.sighting->error_deg, 22.5);
  // 3 km out to the south-east: south and east of the post.
  EXPECT_LT(r.location.lat, 35.80);
  EXPECT_GT(r.location.lon, 36.60);
  EXPECT_NEAR(geo::DistanceM({35.80, 36.60}, {r.location.lat, r.location.lon}), 3000, 1);
  // The far corners are 4 km out at ±22.5°: about 1.7 km from the centre.
  EXPECT_GT(r.location.uncertainty_m, 1500);
  EXPECT_LT(r.location.uncertainty_m, 1900);
}

TEST_F(BatchTest, ASightingWithoutItsBandNamesTheField) {
  RowError e = OnlyError(R"({"source":{"kind":"observer","name":"OP-7"},"category":"shelling",)"
                         R"("observed":"2020-03-10T14:20:00+03:00",)"
                         R"("sighting":{"from":{"lat":35.8,"lon":36.6},"what":"impact","direction":"SE"}})");
  EXPECT_EQ(e.field, "sighting.distance_km");
  e = OnlyError(R"({"source":{"kind":"observer","name":"OP-7"},"category":"shelling",)"
                R"("observed":"2020-03-10T14:20:00+03:00",)"
                R"("sighting":{"from":{"lat":35.8,"lon":36.6},"what":"impact","direction":"up",)"
                R"("distance_km":[1,2]}})");
  EXPECT_EQ(e.field, "sighting.direction");
}

}  // namespace
}  // namespace truce::intake

namespace truce::intake {
namespace {

// A report's content digest is how a resend is told from a new report with
// a reused id. Reports stored before sightings existed (schema 2) must
// digest as they did: this is the digest a schema-2 database holds for the
// pack's example RC-SY/0310/017.
TEST(ContentDigest, IsUnchangedForReportsWithoutSightings) {
  auto mission = LoadMission(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020");
  ASSERT_TRUE(mission.ok()) << mission.status().ToString();
  auto tagger = Tagger::Build(*mission);
  ASSERT_TRUE(tagger.ok());
  std::ifstream f(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020/examples/reports-ru.jsonl");
  std::string line;
  while (std::getline(f, line) && line.find("\"RC-SY/0310/017\"") == std::string::npos) {
  }
  ASSERT_FALSE(line.empty());
  BatchReader reader(line, InputFormat::kJsonl, *mission, *tagger);
  Chunk c;
  ASSERT_TRUE(reader.Next(10, &c));
  ASSERT_EQ(c.reports.size(), 1u);
  EXPECT_EQ(c.reports[0].content_digest, "eaef63a5733e0ebd6f0bcc972e65f80fe70383fc780fe89322c7b8cc08cf1316");
}

// A register entry's body is read from the value parsed with its entry,
// not written out and parsed again: the same report, tags and digest as
// the same text read as a batch, and the same error for a bad one.
TEST_F(BatchTest, AReportReadFromAParsedValueIsTheReportReadFromItsText) {
  const std::vector<std::string> texts = {
      kExample,
      R"({"id":42,"source":{"kind":"observer","party":"RU","name":"OP-3"},"category":"shelling",)"
      R"("observed":"2020-03-10T14:20:00+03:00","location":{"lat":35.84,"lon":36.61,"uncertainty_m":500},)"
      R"("sighting":{"from":{"lat":35.80,"lon":36.60},"what":"impact","azimuth_deg":135,"error_deg":22.5,)"
      R"("distance_km":[1,3]},"casualties":{"killed":0,"injured":2},)"
      R"("evidence":["e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"]})",
      R"({"source":{"kind":"party","party":"TR"},"category":"shelling","count":"three",)"
      R"("observed":{"start":"2020-03-10T14:20:00+03:00"},"location":{"lat":35.84,"lon":36.61}})",
      R"(["not", "an", "object"])",
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    Chunk from_text = Read(text, InputFormat::kJsonl);
    Report r;
    RowError error;
    const bool ok = ReadReportValue(nlohmann::json::parse(text), mission_, tagger_, &r, &error);
    ASSERT_EQ(ok, from_text.reports.size() == 1u);
    if (!ok) {
      ASSERT_EQ(from_text.errors.size(), 1u);
      EXPECT_EQ(error.field, from_text.errors[0].field);
      EXPECT_EQ(error.message, from_text.errors[0].message);
      continue;
    }
    const Report& want = from_text.reports[0];
    EXPECT_EQ(CanonicalReportBody(r), CanonicalReportBody(want));
    EXPECT_EQ(r.content_digest, want.content_digest);
    EXPECT_EQ(r.source_report_id, want.source_report_id);
    EXPECT_EQ(r.zones, want.zones);
    EXPECT_EQ(r.clauses, want.clauses);
  }
}

}  // namespace
}  // namespace truce::intake
