// A failed write or fsync under the register, or a full disk, is a clean
// error, never a silent continue: the batch is not acknowledged, nothing
// of it is stored, and the center writes again — without a restart — once
// its store checks out as the last good commit left it.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>

#include "truce/center/center.h"
#include "truce/center/test_center.h"
#include "truce/mission/test_mission.h"
#include "truce/store/sqlite/sqlite_store.h"

namespace truce {
namespace {

// A VFS over the default one whose files fail xSync or xWrite on demand;
// a full disk is a write answered SQLITE_FULL, as the unix VFS answers
// ENOSPC.
std::atomic<bool> fail_sync{false}, fail_write{false}, disk_full{false};
sqlite3_vfs faulty_vfs;
sqlite3_vfs* base_vfs = nullptr;
sqlite3_io_methods faulty_methods;
const sqlite3_io_methods* base_methods = nullptr;

struct FaultyFile {
  sqlite3_file base;  // our methods
  // The real file follows, szOsFile bytes of the base VFS.
  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

// The real file behind ours; each keeps its own methods (SQLite's unix VFS
// gives journals other methods than the database).
sqlite3_file* R(sqlite3_file* f) { return reinterpret_cast<FaultyFile*>(f)->real(); }

int Sync(sqlite3_file* f, int flags) {
  if (fail_sync) return SQLITE_IOERR_FSYNC;
  return R(f)->pMethods->xSync(R(f), flags);
}
int Write(sqlite3_file* f, const void* data, int n, sqlite3_int64 off) {
  if (fail_write) return SQLITE_IOERR_WRITE;
  if (disk_full) return SQLITE_FULL;
  return R(f)->pMethods->xWrite(R(f), data, n, off);
}

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  auto* ff = reinterpret_cast<FaultyFile*>(file);
  int rc = base_vfs->xOpen(base_vfs, name, ff->real(), flags, out_flags);
  if (rc != SQLITE_OK) {
    ff->base.pMethods = nullptr;
    return rc;
  }
  if (!base_methods) {
    base_methods = ff->real()->pMethods;
    faulty_methods = *base_methods;
    faulty_methods.iVersion = 3;
    // Every other method passes the real file through.
    faulty_methods.xClose = [](sqlite3_file* f) { return R(f)->pMethods->xClose(R(f)); };
    faulty_methods.xRead = [](sqlite3_file* f, void* d, int n, sqlite3_int64 o) {
      return R(f)->pMethods->xRead(R(f), d, n, o);
    };
    faulty_methods.xTruncate = [](sqlite3_file* f, sqlite3_int64 s) { return R(f)->pMethods->xTruncate(R(f), s); };
    faulty_methods.xFileSize = [](sqlite3_file* f, sqlite3_int64* s) { return R(f)->pMethods->xFileSize(R(f), s); };
    faulty_methods.xLock = [](sqlite3_file* f, int l) { return R(f)->pMethods->xLock(R(f), l); };
    faulty_methods.xUnlock = [](sqlite3_file* f, int l) { return R(f)->pMethods->xUnlock(R(f), l); };
    faulty_methods.xCheckReservedLock = [](sqlite3_file* f, int* r) {
      return R(f)->pMethods->xCheckReservedLock(R(f), r);
    };
    faulty_methods.xFileControl = [](sqlite3_file* f, int op, void* a) {
      return R(f)->pMethods->xFileControl(R(f), op, a);
    };
    faulty_methods.xSectorSize = [](sqlite3_file* f) { return R(f)->pMethods->xSectorSize(R(f)); };
    faulty_methods.xDeviceCharacteristics = [](sqlite3_file* f) {
      return R(f)->pMethods->xDeviceCharacteristics(R(f));
    };
    faulty_methods.xShmMap = [](sqlite3_file* f, int r, int s, int e, void volatile** p) {
      return R(f)->pMethods->xShmMap(R(f), r, s, e, p);
    };
    faulty_methods.xShmLock = [](sqlite3_file* f, int o, int n, int fl) {
      return R(f)->pMethods->xShmLock(R(f), o, n, fl);
    };
    faulty_methods.xShmBarrier = [](sqlite3_file* f) { R(f)->pMethods->xShmBarrier(R(f)); };
    faulty_methods.xShmUnmap = [](sqlite3_file* f, int d) { return R(f)->pMethods->xShmUnmap(R(f), d); };
    faulty_methods.xFetch = [](sqlite3_file* f, sqlite3_int64 o, int n, void** p) {
      return R(f)->pMethods->xFetch(R(f), o, n, p);
    };
    faulty_methods.xUnfetch = [](sqlite3_file* f, sqlite3_int64 o, void* p) {
      return R(f)->pMethods->xUnfetch(R(f), o, p);
    };
    faulty_methods.xSync = Sync;
    faulty_methods.xWrite = Write;
  }
  ff->base.pMethods = &faulty_methods;
  return SQLITE_OK;
}

void RegisterFaultyVfs() {
  if (base_vfs) return;
  base_vfs = sqlite3_vfs_find(nullptr);
  faulty_vfs = *base_vfs;
  faulty_vfs.zName = "truce-faulty";
  faulty_vfs.szOsFile = int(sizeof(FaultyFile)) + base_vfs->szOsFile;
  faulty_vfs.xOpen = Open;
  sqlite3_vfs_register(&faulty_vfs, 0);
}

std::string Line(int i) {
  return R"({"id":"TR-)" + std::to_string(i) +
         R"(","source":{"kind":"party","party":"TR"},"category":"shelling","observed":{"start":"2020-03-10T14:20:00+03:00"},"location":{"lat":35.84,"lon":36.61,"uncertainty_m":500}})" +
         "\n";
}

std::filesystem::path TempDb(const std::string& name) {
  auto path = std::filesystem::temp_directory_path() / ("truce-" + name + "-" + std::to_string(::getpid()) + ".db");
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + ext);
  return path;
}

void RemoveDb(const std::filesystem::path& path) {
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + ext);
}

Result<std::unique_ptr<Center>> OpenFaulty(const std::filesystem::path& path) {
  RegisterFaultyVfs();
  SqliteOptions so;
  so.vfs = "truce-faulty";
  TRUCE_ASSIGN_OR_RETURN(auto store, OpenSqliteStore(path.string(), so));
  return Center::Open(testing::MiniMission(), std::move(store),
                      reg::NoteSigner::Parse(testing::MiniSignerKey("mini-log")).value());
}

// What SQLite itself says of the file, through a connection of its own.
std::string IntegrityCheck(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_exec(
        db, "PRAGMA integrity_check",
        [](void* o, int, char** v, char**) {
          *static_cast<std::string*>(o) += v[0] ? v[0] : "";
          return 0;
        },
        &out, nullptr);
  }
  sqlite3_close(db);
  return out;
}

// A TR report as a signed entry, as a client sends it over HTTP.
std::string SignedLine(int i) {
  auto tr = reg::NoteSigner::Parse(testing::MiniSignerKey("tr-obs")).value();
  std::string line = Line(i);
  auto e = reg::MakeEntry("report", "TR", "tr-obs", Instant{1583839200000, 180}, nlohmann::json::parse(line), &tr);
  return e.value().bytes + "\n";
}

TEST(IoFailure, AFailedFsyncOrWriteIsAnErrorAndTheCenterWritesAgainOnceItsStoreChecksOut) {
  auto path = TempDb("io");
  auto log_key = reg::NoteSigner::Parse(testing::MiniSignerKey("mini-log")).value();
  auto tr = reg::NoteSigner::Parse(testing::MiniSignerKey("tr-obs")).value();
  IngestOptions options;
  options.signer = &tr;
  for (bool sync : {true, false}) {
    SCOPED_TRACE(sync ? "fsync fails" : "write fails");
    std::string after_note;
    uint64_t after_size = 0;
    {
      auto center = OpenFaulty(path);
      ASSERT_TRUE(center.ok()) << center.status().ToString();
      ASSERT_TRUE((*center)->Ingest(Line(sync ? 1 : 11) + Line(sync ? 2 : 12), options).ok());
      const uint64_t before_size = (*center)->registrar().size();
      (sync ? fail_sync : fail_write) = true;
      auto failed = (*center)->Ingest(Line(sync ? 3 : 13), options);
      (sync ? fail_sync : fail_write) = false;
      ASSERT_FALSE(failed.ok());
      EXPECT_EQ(failed.status().code(), Code::kIoError) << failed.status().ToString();
      EXPECT_NE(failed.status().message().find("nothing was stored"), std::string::npos) << failed.status().ToString();
      // The tree did not move; the next write checks the store and goes on.
      EXPECT_EQ((*center)->registrar().size(), before_size);
      auto after = (*center)->Ingest(Line(sync ? 4 : 14), options);
      ASSERT_TRUE(after.ok()) << after.status().ToString();
      EXPECT_GT((*center)->registrar().size(), before_size);
      after_size = (*center)->registrar().size();
      after_note = *(*center)->registrar().Checkpoint();
    }
    // A restart opens the register as the last commit left it.
    auto center = Center::Open(testing::MiniMission(), OpenSqliteStore(path.string()).value(), log_key);
    ASSERT_TRUE(center.ok()) << center.status().ToString();
    EXPECT_EQ((*center)->registrar().size(), after_size);
    EXPECT_EQ(*(*center)->registrar().Checkpoint(), after_note);
    EXPECT_TRUE((*center)->Ingest(Line(sync ? 5 : 15), options).ok());
  }
  RemoveDb(path);
}

TEST(IoFailure, AFullDiskStoresNothingAndTheCenterWritesAgainWhenSpaceReturns) {
  auto path = TempDb("full");
  auto center = OpenFaulty(path);
  ASSERT_TRUE(center.ok()) << center.status().ToString();
  Center& c = **center;
  ASSERT_TRUE(c.Submit(SignedLine(1) + SignedLine(2), intake::BatchPolicy::kRejectAll).ok());
  const uint64_t size = c.registrar().size();
  const std::string note = *c.registrar().Checkpoint();
  const int64_t reports = *c.reader().CountReports();

  disk_full = true;
  // Twice: a write while the disk is still full is refused the same way,
  // after the center has checked its store again.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto refused = c.Submit(SignedLine(3 + attempt), intake::BatchPolicy::kRejectAll);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), Code::kUnavailable) << refused.status().ToString();
    EXPECT_NE(refused.status().message().find("the disk is full"), std::string::npos) << refused.status().ToString();
    EXPECT_NE(refused.status().message().find("nothing was stored"), std::string::npos) << refused.status().ToString();
    EXPECT_EQ(c.registrar().size(), size);
    EXPECT_EQ(*c.registrar().Checkpoint(), note);
    EXPECT_EQ(*c.reader().CountReports(), reports);
  }
  disk_full = false;
  EXPECT_EQ(IntegrityCheck(path), "ok");

  // Space is back: the next write goes in, the tree grows from where it was.
  auto stored = c.Submit(SignedLine(5), intake::BatchPolicy::kRejectAll);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->appended, 1u);
  EXPECT_EQ(c.registrar().size(), size + 1);
  EXPECT_EQ(*c.reader().CountReports(), reports + 1);
  const std::string newest = *c.registrar().Checkpoint();
  center->reset();

  // And the register checks out whole from disk: the leaves hash to the
  // newest checkpoint, which is the one the center answered with.
  auto reopened = testing::OpenMiniCenter(path);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ((*reopened)->registrar().size(), size + 1);
  EXPECT_EQ(*(*reopened)->registrar().Checkpoint(), newest);
  EXPECT_EQ(IntegrityCheck(path), "ok");
  reopened->reset();
  RemoveDb(path);
}

TEST(IoFailure, AfterAFailedCommitAStoreMissingAcknowledgedEntriesStaysRefused) {
  auto path = TempDb("lost");
  auto center = OpenFaulty(path);
  ASSERT_TRUE(center.ok()) << center.status().ToString();
  Center& c = **center;
  ASSERT_TRUE(c.Submit(SignedLine(1), intake::BatchPolicy::kRejectAll).ok());
  ASSERT_TRUE(c.Submit(SignedLine(2), intake::BatchPolicy::kRejectAll).ok());
  fail_write = true;
  ASSERT_FALSE(c.Submit(SignedLine(3), intake::BatchPolicy::kRejectAll).ok());
  fail_write = false;
  // What the disk lost: the newest commit, acknowledged before the failure.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DELETE FROM register_checkpoints WHERE size = (SELECT max(size) FROM register_checkpoints);"
                         "DELETE FROM register_entries WHERE idx = (SELECT max(idx) FROM register_entries);",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto refused = c.Submit(SignedLine(4), intake::BatchPolicy::kRejectAll);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), Code::kIoError);
    EXPECT_NE(refused.status().message().find("stopped writing"), std::string::npos) << refused.status().ToString();
    EXPECT_NE(refused.status().message().find("not on disk"), std::string::npos) << refused.status().ToString();
  }
  center->reset();
  RemoveDb(path);
}

}  // namespace
}  // namespace truce
