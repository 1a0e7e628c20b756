#include "truce/store/sqlite/backup.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "truce/store/sqlite/sqlite_store.h"

namespace truce {
namespace {

namespace fs = std::filesystem;

class SqliteBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("truce-backup-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) { return (dir_ / name).string(); }

  // One commit of `n` entries and the checkpoint of the tree they end.
  static void Commit(Store& store, uint64_t n) {
    auto size = store.LatestCheckpoint()->first;
    auto session = store.BeginAppend(0);
    ASSERT_TRUE(session.ok()) << session.status().ToString();
    std::vector<std::string> bytes;
    std::vector<std::string_view> views, kinds;
    std::vector<Sha256> hashes;
    for (uint64_t i = 0; i < n; ++i) bytes.push_back("entry " + std::to_string(size + i) + std::string(2000, 'x'));
    for (const auto& b : bytes) {
      views.push_back(b);
      kinds.push_back("report");
      hashes.push_back(Sha256Of(b));
    }
    ASSERT_TRUE((*session)->AppendEntries(size, views, kinds, hashes).ok());
    ASSERT_TRUE((*session)->PutCheckpoint(size + n, "note at " + std::to_string(size + n) + "\n").ok());
    ASSERT_TRUE((*session)->Commit().ok());
  }

  fs::path dir_;
};

TEST_F(SqliteBackupTest, ACopyTakenWhileTheStoreCommitsBetweenItsStepsIsOneCommitsState) {
  auto store = OpenSqliteStore(Path("center.db"));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  // The entries' bytes are in the leaves file; each commit still adds a
  // page or so of rows and a checkpoint: 20+ pages of 16 KiB.
  for (int i = 0; i < 20; ++i) Commit(**store, 10);

  // A commit after every step of one page: each would restart a copy that
  // read a new snapshot per step.
  SqliteCopyOptions options;
  options.pages_per_step = 1;
  int steps = 0;
  uint64_t last_total = 0;
  options.progress = [&](uint64_t done, uint64_t total) {
    ++steps;
    EXPECT_LE(done, total);
    last_total = total;
    Commit(**store, 10);
  };
  auto bytes = CopySqliteStore(Path("center.db"), Path("copy.db"), options);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_GT(steps, 20);
  // The copy holds the entries themselves, which the source's pages did not.
  EXPECT_GT(*bytes, last_total);
  EXPECT_EQ((*store)->LatestCheckpoint()->first, 200u + 10u * steps) << "the center went on writing";

  // The copy is the state before the first step: 200 entries, their
  // checkpoint, nothing half of a later commit.
  EXPECT_TRUE(CheckSqliteStoreFile(Path("copy.db")).ok());
  SqliteOptions no_create;
  no_create.create_if_missing = false;
  auto copy = OpenSqliteStore(Path("copy.db"), no_create);
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  EXPECT_EQ((*copy)->LatestCheckpoint()->first, 200u);
  EXPECT_EQ((*copy)->LeafHashes(0)->size(), 200u);
  // One file: the entries' bytes are in it, not in the source's leaves file.
  EXPECT_FALSE(fs::exists(Path("copy.db-leaves")));
  auto entries = (*copy)->Entries(0, 200);
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  ASSERT_EQ(entries->size(), 200u);
  EXPECT_EQ((*entries)[123].bytes, "entry 123" + std::string(2000, 'x'));
  EXPECT_FALSE(fs::exists(Path("copy.db.partial")));
  // In WAL mode, as the center runs its file.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(Path("copy.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, nullptr);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)), "wal");
  sqlite3_finalize(q);
  sqlite3_close(db);

  // Never over an existing file.
  auto again = CopySqliteStore(Path("center.db"), Path("copy.db"));
  EXPECT_EQ(again.status().code(), Code::kAlreadyExists);
}

TEST_F(SqliteBackupTest, FilesThatAreNotATruceDatabaseAreNamedForWhatTheyAre) {
  EXPECT_NE(CheckSqliteStoreFile(Path("none.db")).message().find("no such file"), std::string::npos);
  std::ofstream(Path("empty.db")).close();
  EXPECT_NE(CheckSqliteStoreFile(Path("empty.db")).message().find("is empty"), std::string::npos);
  std::ofstream(Path("text.db")) << "id,category\n1,shelling\n";
  EXPECT_NE(CheckSqliteStoreFile(Path("text.db")).message().find("is not a SQLite database"), std::string::npos);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(Path("other.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  Status other = CheckSqliteStoreFile(Path("other.db"));
  EXPECT_NE(other.message().find("not a truce database"), std::string::npos) << other.ToString();
  // Nor does opening it as a store add truce's tables to it.
  auto opened = OpenSqliteStore(Path("other.db"));
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.status().message().find("not a truce database"), std::string::npos);
  EXPECT_EQ(CopySqliteStore(Path("text.db"), Path("copy.db")).status().code(), Code::kInvalidArgument);
  EXPECT_FALSE(fs::exists(Path("copy.db")));
}

TEST_F(SqliteBackupTest, PuttingACopyInPlaceKeepsTheDatabaseItReplaces) {
  {
    auto old = OpenSqliteStore(Path("center.db"));
    ASSERT_TRUE(old.ok());
    Commit(**old, 5);
    auto backup = OpenSqliteStore(Path("backup.db"));
    ASSERT_TRUE(backup.ok());
    Commit(**backup, 3);
  }
  ASSERT_TRUE(CopySqliteStore(Path("backup.db"), Path("incoming.db")).ok());
  ASSERT_TRUE(PutSqliteStore(Path("incoming.db"), Path("center.db"), Path("center.db.replaced")).ok());
  EXPECT_FALSE(fs::exists(Path("incoming.db")));
  EXPECT_EQ((*OpenSqliteStore(Path("center.db")))->LatestCheckpoint()->first, 3u);
  EXPECT_EQ((*OpenSqliteStore(Path("center.db.replaced")))->LatestCheckpoint()->first, 5u);
  // A second replace would overwrite what the first kept: refused.
  ASSERT_TRUE(CopySqliteStore(Path("backup.db"), Path("incoming.db")).ok());
  EXPECT_EQ(PutSqliteStore(Path("incoming.db"), Path("center.db"), Path("center.db.replaced")).code(),
            Code::kAlreadyExists);
}

}  // namespace
}  // namespace truce
