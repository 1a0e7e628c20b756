// A failed write or fsync under the register is a clean error, never a
// silent continue: the batch is not acknowledged, the center writes no
// more until restarted, and a restart finds the register as it was.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>

#include "truce/center/center.h"
#include "truce/mission/test_mission.h"
#include "truce/store/sqlite/sqlite_store.h"

namespace truce {
namespace {

// A VFS over the default one whose files fail xSync (or xWrite) on demand.
std::atomic<bool> fail_sync{false}, fail_write{false};
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
    faulty_methods.xTruncate = [](sqlite3_file* f, sqlite3_int64 s) {
      return R(f)->pMethods->xTruncate(R(f), s);
    };
    faulty_methods.xFileSize = [](sqlite3_file* f, sqlite3_int64* s) {
      return R(f)->pMethods->xFileSize(R(f), s);
    };
    faulty_methods.xLock = [](sqlite3_file* f, int l) { return R(f)->pMethods->xLock(R(f), l); };
    faulty_methods.xUnlock = [](sqlite3_file* f, int l) {
      return R(f)->pMethods->xUnlock(R(f), l);
    };
    faulty_methods.xCheckReservedLock = [](sqlite3_file* f, int* r) {
      return R(f)->pMethods->xCheckReservedLock(R(f), r);
    };
    faulty_methods.xFileControl = [](sqlite3_file* f, int op, void* a) {
      return R(f)->pMethods->xFileControl(R(f), op, a);
    };
    faulty_methods.xSectorSize = [](sqlite3_file* f) {
      return R(f)->pMethods->xSectorSize(R(f));
    };
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
    faulty_methods.xShmUnmap = [](sqlite3_file* f, int d) {
      return R(f)->pMethods->xShmUnmap(R(f), d);
    };
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
         R"(","source":{"kind":"party","party":"TR"},"category":"shelling","observed":{"start":"2020-03-10T14:20:00+03:00"},"location":{"lat":35.84,"lon":36.61,"uncertainty_m":500}})" + "\n";
}

TEST(IoFailure, AFailedFsyncOrWriteIsAnErrorAndStopsTheRegister) {
  RegisterFaultyVfs();
  auto path = std::filesystem::temp_directory_path() / ("truce-io-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  auto log_key = reg::NoteSigner::Parse(testing::MiniSignerKey("mini-log")).value();
  auto tr = reg::NoteSigner::Parse(testing::MiniSignerKey("tr-obs")).value();
  IngestOptions options;
  options.signer = &tr;
  for (bool sync : {true, false}) {
    SCOPED_TRACE(sync ? "fsync fails" : "write fails");
    std::string before_note;
    uint64_t before_size = 0;
    {
      SqliteOptions so;
      so.vfs = "truce-faulty";
      auto center = Center::Open(testing::MiniMission(), OpenSqliteStore(path.string(), so).value(), log_key);
      ASSERT_TRUE(center.ok()) << center.status().ToString();
      ASSERT_TRUE((*center)->Ingest(Line(sync ? 1 : 11) + Line(sync ? 2 : 12), options).ok());
      before_size = (*center)->registrar().size();
      before_note = *(*center)->registrar().Checkpoint();
      (sync ? fail_sync : fail_write) = true;
      auto failed = (*center)->Ingest(Line(sync ? 3 : 13), options);
      (sync ? fail_sync : fail_write) = false;
      ASSERT_FALSE(failed.ok());
      EXPECT_EQ(failed.status().code(), Code::kIoError) << failed.status().ToString();
      // The tree did not move, and nothing more is written until a restart.
      EXPECT_EQ((*center)->registrar().size(), before_size);
      auto after = (*center)->Ingest(Line(sync ? 4 : 14), options);
      ASSERT_FALSE(after.ok());
      EXPECT_NE(after.status().message().find("stopped writing"), std::string::npos) << after.status().ToString();
    }
    // A restart opens the register as the last good commit left it.
    auto center = Center::Open(testing::MiniMission(), OpenSqliteStore(path.string()).value(), log_key);
    ASSERT_TRUE(center.ok()) << center.status().ToString();
    EXPECT_EQ((*center)->registrar().size(), before_size);
    EXPECT_EQ(*(*center)->registrar().Checkpoint(), before_note);
    EXPECT_TRUE((*center)->Ingest(Line(sync ? 5 : 15), options).ok());
  }
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + ext);
}

}  // namespace
}  // namespace truce
