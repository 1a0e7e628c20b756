// The Registrar's group commit: writers on many threads, one log. Every
// acknowledged entry is in the tree at the index it was told, no index is
// handed out twice, each answer's checkpoint covers its entry, and the log
// checks out whole when it is opened again.
#include "truce/center/registrar.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "truce/center/mini_center_test.h"
#include "truce/register/checkpoint.h"

namespace truce {
namespace {

class RegistrarTest : public testing::MiniCenterTest {
 protected:
  RegistrarTest() : MiniCenterTest("registrar") {}
  // Report `i` of party TR as one entry signed by TR's observer.
  std::string SignedReport(int i) const {
    nlohmann::json body = {{"id", "TR-" + std::to_string(i)},
                           {"source", {{"kind", "party"}, {"party", "TR"}}},
                           {"category", "shelling"},
                           {"observed", {{"start", "2020-03-10T14:20:00+03:00"}}},
                           {"location", {{"lat", 35.84}, {"lon", 36.61}, {"uncertainty_m", 500}}}};
    auto e = reg::MakeEntry("report", "TR", "tr-obs", Instant{1583839200000 + i, 0}, body, &tr_obs_);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return e->bytes + "\n";
  }
};

TEST_F(RegistrarTest, WritersOnManyThreadsShareOneLogAndEachIndexIsGivenOnce) {
  constexpr int kThreads = 4, kEach = 40;
  std::mutex mu;
  std::vector<uint64_t> indexes;
  std::vector<std::string> failures;
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int k = 0; k < kEach; ++k) {
        const int i = t * kEach + k;
        auto r = center_->Submit(SignedReport(i), intake::BatchPolicy::kRejectAll);
        std::lock_guard lock(mu);
        if (!r.ok() || r->entries.size() != 1) {
          failures.push_back(r.ok() ? "report " + std::to_string(i) + " not appended" : r.status().ToString());
          continue;
        }
        const uint64_t index = r->entries[0].second;
        indexes.push_back(index);
        // The answer's checkpoint is of a tree that holds the entry.
        auto note = reg::ParseNote(r->checkpoint);
        auto cp = note.ok() ? reg::ParseCheckpoint(note->text) : Result<reg::Checkpoint>(note.status());
        if (!cp.ok() || cp->size != r->tree_size || r->tree_size <= index) {
          failures.push_back("report " + std::to_string(i) + ": its checkpoint does not cover entry " +
                             std::to_string(index));
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  ASSERT_TRUE(failures.empty()) << failures.front();

  const uint64_t n = kThreads * kEach;
  std::set<uint64_t> distinct(indexes.begin(), indexes.end());
  EXPECT_EQ(distinct.size(), n) << "an index was handed out twice";
  EXPECT_EQ(*distinct.rbegin(), n - 1) << "the indexes have a gap";
  EXPECT_EQ(center_->registrar().size(), n);
  EXPECT_EQ(*center_->reader().CountReports(), int64_t(n));
  // One checkpoint a commit, and commits are shared: never more than the writes.
  auto checkpoints = center_->registrar().Checkpoints(0, 100000);
  ASSERT_TRUE(checkpoints.ok());
  EXPECT_LE(checkpoints->size(), n);
  EXPECT_EQ(checkpoints->back().first, n);

  // Opened again, the tree is rebuilt from the store and checked against
  // the newest checkpoint.
  const reg::Hash root = center_->registrar().Root(n);
  center_.reset();
  auto again = testing::OpenMiniCenter(path_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->registrar().size(), n);
  EXPECT_EQ((*again)->registrar().Root(n), root);
}

// Under all-or-nothing, a bad unit in one writer's submission costs that
// submission only; a writer beside it is stored.
TEST_F(RegistrarTest, ARefusedSubmissionTakesNothingOfAnotherWritersWithIt) {
  std::string forged = SignedReport(1);
  forged[forged.find("\"sig\":\"") + 7] ^= 1;  // one character of the signature
  std::thread other([&] {
    auto r = center_->Submit(SignedReport(2), intake::BatchPolicy::kRejectAll);
    EXPECT_TRUE(r.ok() && r->entries.size() == 1u);
  });
  auto refused = center_->Submit(forged + SignedReport(3), intake::BatchPolicy::kRejectAll);
  other.join();
  ASSERT_TRUE(refused.ok()) << refused.status().ToString();
  EXPECT_TRUE(refused->entries.empty());
  EXPECT_GE(refused->error_count, 1u);
  EXPECT_EQ(center_->registrar().size(), 1u);
  EXPECT_EQ(*center_->reader().CountReports(), 1);
}

}  // namespace
}  // namespace truce
