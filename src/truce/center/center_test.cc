#include "truce/center/center.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "truce/center/test_center.h"

namespace truce {
namespace {

class CenterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("truce-center-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    auto c = testing::OpenMiniCenter(path_);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    center_ = std::move(c).value();
  }
  void TearDown() override {
    center_.reset();
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + ext);
  }
  int64_t Count() { return *center_->store().CountReports(); }

  // Reports of party TR, sealed by TR's observer.
  IngestOptions Opts() {
    IngestOptions o;
    o.signer = &tr_obs_;
    return o;
  }

  std::filesystem::path path_;
  std::unique_ptr<Center> center_;
  reg::NoteSigner tr_obs_ = reg::NoteSigner::Parse(testing::MiniSignerKey("tr-obs")).value();
};

std::string Line(int i, const char* lat = "35.84") {
  return R"({"id":"TR-)" + std::to_string(i) +
         R"(","source":{"kind":"party","party":"TR"},"category":"shelling","observed":{"start":"2020-03-10T14:20:00+03:00"},"location":{"lat":)" +
         lat + R"(,"lon":36.61,"uncertainty_m":500}})" + "\n";
}

TEST_F(CenterTest, ABadRowRejectsTheWholeBatchAndListsIt) {
  std::string batch = Line(1) + Line(2, "135") + Line(3) + Line(4, "-91");
  IngestOptions options = Opts();
  options.chunk_rows = 1;  // the bad rows arrive after a good chunk was read
  auto result = center_->Ingest(batch, options);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->rejected);
  EXPECT_EQ(result->error_count, 2u);
  EXPECT_EQ(result->errors[0].line, 2u);
  EXPECT_EQ(result->errors[1].line, 4u);
  EXPECT_EQ(result->appended, 0u);
  EXPECT_EQ(Count(), 0);
}

TEST_F(CenterTest, SkipStoresTheGoodRowsAndListsTheBad) {
  std::string batch = Line(1) + Line(2, "135") + Line(3);
  IngestOptions options = Opts();
  options.policy = intake::BatchPolicy::kSkipBad;
  options.want_ids = true;
  auto result = center_->Ingest(batch, options);
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->rejected);
  EXPECT_EQ(result->appended, 2u);
  EXPECT_EQ(result->error_count, 1u);
  EXPECT_EQ(result->ids.size(), 2u);
  EXPECT_EQ(Count(), 2);
  // Sent again: recognised, not stored twice.
  result = center_->Ingest(batch, options);
  EXPECT_EQ(result->duplicates, 2u);
  EXPECT_EQ(Count(), 2);
}

TEST_F(CenterTest, AReusedIdWithOtherContentIsListedNotDropped) {
  ASSERT_EQ(center_->Ingest(Line(1), Opts())->appended, 1u);
  std::string changed = Line(1, "35.85");  // same source and id, another place
  auto result = center_->Ingest(Line(2) + changed, Opts());
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->rejected);
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].line, 2u);
  EXPECT_EQ(result->errors[0].field, "id");
  EXPECT_NE(result->errors[0].message.find("different report"), std::string::npos);
  EXPECT_EQ(Count(), 1);
}

// Found in review: a label made in a rolled-back batch stayed cached.
TEST_F(CenterTest, ARejectedBatchLeavesNoTagsBehind) {
  ASSERT_EQ(center_->Ingest(Line(1), Opts())->appended, 1u);
  // The first report is in the government control area (a zone not yet
  // seen); the second reuses id TR-1 for other content, so all rolls back.
  auto rejected = center_->Ingest(Line(2, "35.3") + Line(1, "35.85"), Opts());
  ASSERT_TRUE(rejected.ok());
  ASSERT_TRUE(rejected->rejected);
  ASSERT_EQ(center_->Ingest(Line(3, "35.3"), Opts())->appended, 1u);
  ReportFilter f;
  f.zone = "gov";
  auto got = center_->store().Query(f);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ(got->front().report.source_report_id, "TR-3");
  f.zone = "area";
  EXPECT_EQ(center_->store().Query(f)->size(), 1u);  // TR-1 only
}

TEST_F(CenterTest, ANumberNoDoubleHoldsIsAnErrorNotACrash) {
  auto result = center_->Ingest(Line(1) + "{\"count\":1e400}\n", Opts());
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->rejected);
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].line, 2u);
  EXPECT_FALSE(center_->Ingest("[{\"count\":1e400}]", Opts()).ok());
}

TEST_F(CenterTest, AMalformedInputChangesNothing) {
  auto result = center_->Ingest("[" + Line(1), Opts());
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(Count(), 0);
}

TEST_F(CenterTest, RefusesAStoreOfAnotherMission) {
  center_.reset();
  Mission other = testing::MiniMission();
  other.id = "other";
  auto c = Center::Open(std::move(other), std::move(OpenSqliteStore(path_.string())).value());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("'mini'"), std::string::npos);
}

}  // namespace

TEST_F(CenterTest, EveryStoredReportIsInTheRegisterUnderACheckpoint) {
  auto result = center_->Ingest(Line(1) + Line(2) + Line(3), Opts());
  ASSERT_TRUE(result.ok());
  // One seal and three sealed entries.
  EXPECT_EQ(result->tree_size, 4u);
  EXPECT_EQ(center_->registrar().size(), 4u);
  auto note = reg::ParseNote(result->checkpoint);
  ASSERT_TRUE(note.ok());
  auto log = reg::NoteVerifier::Parse(testing::MiniMission().log.log_key).value();
  EXPECT_TRUE(reg::VerifySignature(*note, note->signatures[0], log));
  auto cp = reg::ParseCheckpoint(note->text);
  EXPECT_EQ(cp->size, 4u);
  EXPECT_EQ(cp->root, center_->registrar().Root(4));
  ReportFilter all;
  auto stored = center_->store().Query(all);
  ASSERT_EQ(stored->size(), 3u);
  for (const auto& r : *stored) EXPECT_GE(r.entry, 1u);
}

TEST_F(CenterTest, ABodyReadsBackAsTheSameReport) {
  auto result = center_->Ingest(Line(1), [&] {
    auto o = Opts();
    o.want_ids = true;
    return o;
  }());
  ASSERT_TRUE(result.ok());
  auto entries = center_->store().Entries(1, 2);
  ASSERT_EQ(entries->size(), 1u);
  auto entry = reg::ParseLeaf((*entries)[0].bytes);
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  EXPECT_EQ(entry->body["id"], "TR-1");
  // Submitting the signed form of the same report is a repeat, not a new one.
  auto tr = reg::NoteSigner::Parse(testing::MiniSignerKey("tr-obs")).value();
  auto signed_entry = reg::MakeEntry("report", "TR", "tr-obs", entry->signed_at, entry->body, &tr);
  auto again = center_->Submit(signed_entry->bytes + "\n", intake::BatchPolicy::kRejectAll);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->duplicates, 1u) << (again->errors.empty() ? "" : again->errors[0].message);
  EXPECT_EQ(center_->registrar().size(), 2u);
}

TEST_F(CenterTest, AnotherPartysReportOrAnUnsignedOneIsRefused) {
  auto ru = reg::NoteSigner::Parse(testing::MiniSignerKey("ru-obs")).value();
  IngestOptions o = Opts();
  o.signer = &ru;
  auto result = center_->Ingest(Line(1), o);  // a TR claim signed by RU
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->rejected);
  EXPECT_NE(result->errors[0].message.find("only report for itself"), std::string::npos);
  IngestOptions unsigned_options;
  EXPECT_EQ(center_->Ingest(Line(1), unsigned_options).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(Count(), 0);
  EXPECT_EQ(center_->registrar().size(), 0u);
}


// `truce ingest` beside a running `truce serve`: two writers on one file.
// Each takes in what the other appended before it appends.
TEST_F(CenterTest, TwoProcessesWritingOneDatabaseStayInStep) {
  auto other = Center::Open(testing::MiniMission(), OpenSqliteStore(path_.string()).value(),
                            reg::NoteSigner::Parse(testing::MiniSignerKey("mini-log")).value());
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  ASSERT_TRUE(center_->Ingest(Line(1), Opts()).ok());
  auto second = (*other)->Ingest(Line(2), Opts());
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->tree_size, 4u);
  auto third = center_->Ingest(Line(3), Opts());
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->tree_size, 6u);
  // The other process's tree, caught up, agrees with this one's.
  ASSERT_TRUE((*other)->Ingest(Line(4), Opts()).ok());
  EXPECT_EQ((*other)->registrar().Root(6), center_->registrar().Root(6));
  EXPECT_EQ(Count(), 4);
}

}  // namespace truce
