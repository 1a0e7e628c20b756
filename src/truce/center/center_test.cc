#include "truce/center/center.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "truce/mission/test_mission.h"
#include "truce/store/sqlite/sqlite_store.h"

namespace truce {
namespace {

class CenterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("truce-center-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    auto store = OpenSqliteStore(path_.string());
    ASSERT_TRUE(store.ok());
    auto c = Center::Open(testing::MiniMission(), std::move(store).value());
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    center_ = std::move(c).value();
  }
  void TearDown() override {
    center_.reset();
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + ext);
  }
  int64_t Count() { return *center_->store().CountReports(); }

  std::filesystem::path path_;
  std::unique_ptr<Center> center_;
};

std::string Line(int i, const char* lat = "35.84") {
  return R"({"id":"TR-)" + std::to_string(i) +
         R"(","source":{"kind":"party","party":"TR"},"category":"shelling","observed":{"start":"2020-03-10T14:20:00+03:00"},"location":{"lat":)" +
         lat + R"(,"lon":36.61,"uncertainty_m":500}})" + "\n";
}

TEST_F(CenterTest, ABadRowRejectsTheWholeBatchAndListsIt) {
  std::string batch = Line(1) + Line(2, "135") + Line(3) + Line(4, "-91");
  IngestOptions options;
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
  IngestOptions options;
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
  ASSERT_EQ(center_->Ingest(Line(1), {})->appended, 1u);
  std::string changed = Line(1, "35.85");  // same source and id, another place
  auto result = center_->Ingest(Line(2) + changed, {});
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
  ASSERT_EQ(center_->Ingest(Line(1), {})->appended, 1u);
  // The first report is in the government control area (a zone not yet
  // seen); the second reuses id TR-1 for other content, so all rolls back.
  auto rejected = center_->Ingest(Line(2, "35.3") + Line(1, "35.85"), {});
  ASSERT_TRUE(rejected.ok());
  ASSERT_TRUE(rejected->rejected);
  ASSERT_EQ(center_->Ingest(Line(3, "35.3"), {})->appended, 1u);
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
  auto result = center_->Ingest(Line(1) + "{\"count\":1e400}\n", {});
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->rejected);
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].line, 2u);
  EXPECT_FALSE(center_->Ingest("[{\"count\":1e400}]", {}).ok());
}

TEST_F(CenterTest, AMalformedInputChangesNothing) {
  auto result = center_->Ingest("[" + Line(1), {});
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
}  // namespace truce
