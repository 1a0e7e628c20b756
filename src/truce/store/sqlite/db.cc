#include "truce/store/sqlite/db.h"

namespace truce::sqlite {

bool Statement::Step(Status* status) {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) {
    *status = Status::Io(std::string("database: ") + sqlite3_errmsg(db_) + " (in: " +
                         sqlite3_sql(stmt_) + ")");
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
  int rc = sqlite3_open_v2(path.c_str(), &db->db_, flags | SQLITE_OPEN_NOMUTEX,
                           vfs.empty() ? nullptr : vfs.c_str());
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
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status::Io(path_ + ": " + msg);
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
  if (sqlite3_prepare_v3(db_, sql.c_str(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                         nullptr) != SQLITE_OK) {
    return Status::Internal(path_ + ": cannot prepare statement: " + sqlite3_errmsg(db_));
  }
  auto owned = std::make_unique<Statement>(db_, stmt);
  Statement* raw = owned.get();
  cache_.emplace(sql, std::move(owned));
  return StatementRef(raw);
}

}  // namespace truce::sqlite
