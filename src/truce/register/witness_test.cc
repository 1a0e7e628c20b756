#include "truce/register/witness.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "truce/core/digest.h"
#include "truce/register/base64.h"
#include "truce/register/log_tree.h"

namespace truce::reg {
namespace {

class WitnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (std::filesystem::temp_directory_path() / ("truce-witness-" + std::to_string(::getpid()) + "-" +
                                                      ::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    std::filesystem::remove_all(dir_);
    Reopen();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Reopen() {
    auto w = Witness::Open(dir_, cosigner_, {{"truce.test/log", log_.verifier()}});
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    witness_ = std::move(w).value();
  }

  // The log's signed checkpoint of the first `size` leaves of `tree`.
  std::string Checkpoint(const LogTree& tree, uint64_t size, const NoteSigner& key) {
    return *key.Sign(reg::Checkpoint{"truce.test/log", size, tree.Root(size), {}}.Body());
  }
  std::string Request(uint64_t old_size, const std::vector<Hash>& proof, const std::string& checkpoint) {
    std::string r = "old " + std::to_string(old_size) + "\n";
    for (const Hash& h : proof) r += Base64({reinterpret_cast<const char*>(h.data()), 32}) + "\n";
    return r + "\n" + checkpoint;
  }
  WitnessResponse Add(const LogTree& tree, uint64_t old_size, uint64_t size) {
    return witness_->AddCheckpoint(
        Request(old_size, *tree.ConsistencyProof(old_size, size), Checkpoint(tree, size, log_)), 1700000000);
  }
  static LogTree Tree(uint64_t n, const std::string& tag = "") {
    LogTree t;
    for (uint64_t i = 0; i < n; ++i) t.Append(LeafHash(tag + std::to_string(i)));
    return t;
  }

  std::string dir_;
  NoteSigner log_ = NoteSigner::Generate("truce.test/log");
  Cosigner cosigner_{NoteSigner::Generate("tr-witness")};
  std::unique_ptr<Witness> witness_;
};

TEST_F(WitnessTest, CosignsAGrowingLogAndKeepsItAcrossARestart) {
  LogTree tree = Tree(20);
  auto r = Add(tree, 0, 5);
  ASSERT_EQ(r.status, 200) << r.body;
  // The answer is a cosignature on that very checkpoint.
  auto note = ParseNote(Checkpoint(tree, 5, log_) + r.body);
  ASSERT_TRUE(note.ok());
  EXPECT_TRUE(VerifyCosignature(*note, note->signatures.back(), cosigner_.verifier()).ok());
  ASSERT_EQ(Add(tree, 5, 12).status, 200);
  // A crash after answering: the state is on disk, a new process knows 12.
  witness_.reset();
  Reopen();
  EXPECT_EQ(witness_->Latest("truce.test/log").first, 12u);
  EXPECT_EQ(witness_->Latest("truce.test/log").second, tree.Root(12));
  EXPECT_EQ(Add(tree, 12, 20).status, 200);
}

TEST_F(WitnessTest, RefusesARollback) {
  LogTree tree = Tree(20);
  ASSERT_EQ(Add(tree, 0, 12).status, 200);
  auto r = witness_->AddCheckpoint(Request(12, {}, Checkpoint(tree, 8, log_)), 1);  // a smaller tree
  EXPECT_EQ(r.status, 400);
  r = Add(tree, 0, 8);  // pretending the witness saw nothing
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.content_type, "text/x.tlog.size");
  EXPECT_EQ(r.body, "12\n");
  EXPECT_EQ(witness_->Latest("truce.test/log").first, 12u);
}

TEST_F(WitnessTest, RefusesAForkAtTheSameSize) {
  LogTree tree = Tree(20), fork = Tree(20, "other");
  ASSERT_EQ(Add(tree, 0, 10).status, 200);
  auto r = witness_->AddCheckpoint(Request(10, {}, Checkpoint(fork, 10, log_)), 1);
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("forked"), std::string::npos);
  EXPECT_EQ(witness_->Latest("truce.test/log").second, tree.Root(10));
}

TEST_F(WitnessTest, RefusesABadProofAnUnsignedCheckpointAndAnUnknownLog) {
  LogTree tree = Tree(20), fork = Tree(20, "other");
  ASSERT_EQ(Add(tree, 0, 10).status, 200);
  // A proof for another history: the new tree does not extend the old.
  auto r = witness_->AddCheckpoint(Request(10, *fork.ConsistencyProof(10, 15), Checkpoint(fork, 15, log_)), 1);
  EXPECT_EQ(r.status, 422) << r.body;
  // The right checkpoint with one bit of the proof flipped.
  auto proof = *tree.ConsistencyProof(10, 15);
  proof[0][3] ^= 0x10;
  EXPECT_EQ(witness_->AddCheckpoint(Request(10, proof, Checkpoint(tree, 15, log_)), 1).status, 422);
  NoteSigner stranger = NoteSigner::Generate("truce.test/log");
  EXPECT_EQ(
      witness_->AddCheckpoint(Request(10, *tree.ConsistencyProof(10, 15), Checkpoint(tree, 15, stranger)), 1).status,
      403);
  NoteSigner other_log = NoteSigner::Generate("other/log");
  std::string other = *other_log.Sign(reg::Checkpoint{"other/log", 3, tree.Root(3), {}}.Body());
  EXPECT_EQ(witness_->AddCheckpoint(Request(0, {}, other), 1).status, 404);
  EXPECT_EQ(witness_->AddCheckpoint("old x\n\n" + Checkpoint(tree, 15, log_), 1).status, 400);
  EXPECT_EQ(witness_->Latest("truce.test/log").first, 10u);
}

TEST_F(WitnessTest, AFailedWriteIsAnErrorNotACosignature) {
  LogTree tree = Tree(5);
  // The temporary file's name taken by a folder: the write fails (as root
  // too), and the witness must not vouch for what it could not keep.
  std::string tmp = dir_ + "/" + Sha256Hex("truce.test/log").substr(0, 32) + ".checkpoint.tmp";
  std::filesystem::create_directories(tmp);
  auto r = Add(tree, 0, 5);
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("could not keep"), std::string::npos);
  EXPECT_EQ(witness_->Latest("truce.test/log").first, 0u);
  std::filesystem::remove(tmp);
  EXPECT_EQ(Add(tree, 0, 5).status, 200);
}

TEST(WriteFileDurably, FailsCleanlyWhereItCannotWrite) {
  EXPECT_EQ(WriteFileDurably("/proc/truce-no-such-dir/x", "data").code(), Code::kIoError);
  // /dev/full fails every write with ENOSPC.
  if (std::filesystem::exists("/dev/full")) {
    std::string path = (std::filesystem::temp_directory_path() / ("truce-full-" + std::to_string(::getpid()))).string();
    std::filesystem::create_symlink("/dev/full", path + ".tmp");
    Status st = WriteFileDurably(path, std::string(1 << 16, 'x'));
    std::filesystem::remove(path + ".tmp");
    EXPECT_EQ(st.code(), Code::kIoError) << st.ToString();
    EXPECT_FALSE(std::filesystem::exists(path));
  }
}

}  // namespace
}  // namespace truce::reg
