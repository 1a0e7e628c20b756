// Thin RAII over the SQLite C API: a connection and prepared statements.
// Errors come back as Status with SQLite's own message and the statement.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "truce/core/status.h"

namespace truce::sqlite {

// The connection's last error as "<what>: <SQLite's message><after>":
// kUnavailable saying "the disk is full" for SQLITE_FULL, kIoError otherwise.
Status Error(sqlite3* db, const std::string& what, const std::string& after = "");

// fsync of a file, and of the folder that holds one (so that a file made
// or renamed there survives a crash as a name, not only as data).
Status SyncFile(const std::string& path);
Status SyncDirectoryOf(const std::string& path);

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds by 1-based position. Text is not copied: it must stay alive and
  // unchanged until the statement is stepped and reset.
  void Bind(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void Bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  void Bind(int i, std::string_view v) { sqlite3_bind_text(stmt_, i, v.data(), int(v.size()), SQLITE_STATIC); }
  void BindNull(int i) { sqlite3_bind_null(stmt_, i); }
  void BindBlob(int i, std::string_view v) { sqlite3_bind_blob(stmt_, i, v.data(), int(v.size()), SQLITE_STATIC); }
  // Empty text binds as NULL.
  void BindTextOrNull(int i, std::string_view v) { v.empty() ? BindNull(i) : Bind(i, v); }

  // Returns true for a row, false when done; errors set *status.
  bool Step(Status* status);
  Status Run();  // steps to completion, expecting no rows
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  // Blobs too: the bytes are returned as stored.
  std::string Text(int col) const { return std::string(View(col)); }
  // The same without a copy: valid until the next Step or Reset.
  std::string_view View(int col) const {
    const void* p = sqlite3_column_blob(stmt_, col);
    return p ? std::string_view(reinterpret_cast<const char*>(p), size_t(sqlite3_column_bytes(stmt_, col)))
             : std::string_view();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

// A borrowed cached statement that is reset when it goes out of scope, so
// no read transaction outlives the call that used it (a statement left
// mid-result keeps its snapshot, and later reads would not see new rows).
class StatementRef {
 public:
  explicit StatementRef(Statement* s) : s_(s) {}
  StatementRef(StatementRef&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  StatementRef(const StatementRef&) = delete;
  ~StatementRef() {
    if (s_) s_->Reset();
  }
  Statement* operator->() const { return s_; }
  Statement& operator*() const { return *s_; }

 private:
  Statement* s_;
};

class Db {
 public:
  // `vfs`: a registered SQLite VFS by name; empty for the default.
  static Result<std::unique_ptr<Db>> Open(const std::string& path, int flags, const std::string& vfs = "");
  ~Db();

  Status Exec(const std::string& sql);
  // A statement prepared once per SQL text and reused (reset on return).
  Result<StatementRef> Prepare(const std::string& sql);
  sqlite3* raw() { return db_; }
  int64_t changes() const { return sqlite3_changes64(db_); }
  const std::string& path() const { return path_; }

 private:
  Db() = default;
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

}  // namespace truce::sqlite
