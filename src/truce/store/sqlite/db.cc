#include "truce/store/sqlite/db.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace truce::sqlite {

Status Error(sqlite3* db, const std::string& what, const std::string& after) {
  // A full disk passes: it is said in words an officer acts on, and it is
  // kUnavailable (try again later), not a broken file.
  if ((sqlite3_extended_errcode(db) & 0xff) == SQLITE_FULL) {
    return Status(Code::kUnavailable, what + ": the disk is full (" + sqlite3_errmsg(db) + ")" + after);
  }
  return Status::Io(what + ": " + sqlite3_errmsg(db) + after);
}

bool Statement::Step(Status* status) {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) {
    *status = Error(db_, "database", std::string(" (in: ") + sqlite3_sql(stmt_) + ")");
  }
  return false;
}

Status Statement::Run() {
  Status st;
  while (Step(&st)) {
  }
  sqlite3_reset(stmt_);
  return st;
}

Result<std::unique_ptr<Db>> Db::Open(const std::string& path, int flags, const std::string& vfs) {
  std::unique_ptr<Db> db(new Db());
  db->path_ = path;
  int rc = sqlite3_open_v2(path.c_str(), &db->db_, flags | SQLITE_OPEN_NOMUTEX, vfs.empty() ? nullptr : vfs.c_str());
  if (rc != SQLITE_OK) {
    std::string msg = db->db_ ? sqlite3_errmsg(db->db_) : sqlite3_errstr(rc);
    if (rc == SQLITE_CANTOPEN && !(flags & SQLITE_OPEN_CREATE)) {
      return Status::NotFound(path + ": no database here; create it with `truce init`");
    }
    return Status::Io(path + ": cannot open database: " + msg);
  }
  sqlite3_extended_result_codes(db->db_, 1);
  return db;
}

Db::~Db() {
  cache_.clear();
  sqlite3_close_v2(db_);
}

Status Db::Exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    sqlite3_free(err);  // the same text as sqlite3_errmsg, which Error() reads
    return Error(db_, path_);
  }
  return Status::Ok();
}

Result<StatementRef> Db::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->Reset();
    return StatementRef(it->second.get());
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    return Status::Internal(path_ + ": cannot prepare statement: " + sqlite3_errmsg(db_));
  }
  auto owned = std::make_unique<Statement>(db_, stmt);
  Statement* raw = owned.get();
  cache_.emplace(sql, std::move(owned));
  return StatementRef(raw);
}

namespace {

Status SyncPath(const std::string& path, int flags, const char* what) {
  int fd = ::open(path.c_str(), flags);
  if (fd < 0) return Status::Io(path + ": cannot open the " + what + " to sync it: " + std::strerror(errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return Status::Io(path + ": fsync failed: " + std::strerror(err));
  return Status::Ok();
}

}  // namespace

Status SyncFile(const std::string& path) { return SyncPath(path, O_RDONLY, "file"); }

Status SyncDirectoryOf(const std::string& path) {
  return SyncPath(std::filesystem::absolute(path).parent_path().string(), O_RDONLY | O_DIRECTORY, "folder");
}

}  // namespace truce::sqlite
