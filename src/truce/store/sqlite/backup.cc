#include "truce/store/sqlite/backup.h"

#include <sqlite3.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "truce/store/sqlite/db.h"
#include "truce/store/sqlite/leaves.h"

namespace truce {
namespace {

namespace fs = std::filesystem;

// The first 16 bytes of every SQLite 3 database file (fileformat2.html, 1.3).
constexpr char kSqliteHeader[16] = "SQLite format 3";

void RemoveCopy(const std::string& path) {
  std::error_code ec;
  for (const char* ext : {"", "-journal", "-wal", "-shm"}) fs::remove(path + ext, ec);
}

// Every row of `copy` that points into the leaves file of `from` gets its
// bytes, and the copy starts a leaves file of its own when next written.
Status InlineLeaves(const std::string& from, sqlite::Db* copy) {
  std::vector<std::pair<int64_t, int64_t>> rows;  // (idx, at)
  {
    TRUCE_ASSIGN_OR_RETURN(auto q, copy->Prepare("SELECT idx, at FROM register_entries WHERE at IS NOT NULL"));
    Status st;
    while (q->Step(&st)) rows.emplace_back(q->Int(0), q->Int(1));
    TRUCE_RETURN_IF_ERROR(st);
  }
  sqlite::LeavesReader leaves(from);
  TRUCE_RETURN_IF_ERROR(copy->Exec("BEGIN"));
  Status st = [&]() -> Status {
    TRUCE_ASSIGN_OR_RETURN(auto update,
                           copy->Prepare("UPDATE register_entries SET entry = ?, at = NULL WHERE idx = ?"));
    for (auto [idx, at] : rows) {
      TRUCE_ASSIGN_OR_RETURN(std::string bytes, leaves.Read(uint64_t(at)));
      update->BindBlob(1, bytes);
      update->Bind(2, idx);
      TRUCE_RETURN_IF_ERROR(update->Run());
    }
    return copy->Exec("DELETE FROM meta WHERE key = 'leaves_end'");
  }();
  if (!st.ok()) {
    (void)copy->Exec("ROLLBACK");
    return st;
  }
  return copy->Exec("COMMIT");
}

}  // namespace

Status CheckSqliteStoreFile(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::NotFound(path + ": no such file");
  if (!fs::is_regular_file(path, ec)) return Status::Invalid(path + " is not a file");
  std::ifstream in(path, std::ios::binary);
  char head[16] = {};
  in.read(head, sizeof head);
  if (in.gcount() == 0) return Status::Invalid(path + " is empty: it is not a truce database");
  if (in.gcount() < 16 || std::memcmp(head, kSqliteHeader, 16) != 0) {
    return Status::Invalid(path +
                           " is not a SQLite database (it does not begin with SQLite's header): "
                           "not a truce database or backup");
  }
  // Read-only: checking a file must not change it (nor make a -wal beside
  // a backup kept on read-only media).
  auto db = sqlite::Db::Open(path, SQLITE_OPEN_READONLY);
  if (!db.ok()) return db.status();
  auto tables = (*db)->Prepare(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
      "('meta', 'reports', 'register_entries', 'register_checkpoints')");
  if (!tables.ok()) return tables.status();
  Status st;
  int64_t found = (*tables)->Step(&st) ? (*tables)->Int(0) : 0;
  if (!st.ok()) {
    return Status::Invalid(path + " is damaged, or not a SQLite database: " + st.message());
  }
  if (found != 4) {
    return Status::Invalid(path +
                           " is a SQLite database but not a truce database (it has no register); "
                           "give the file `truce init` made or `truce backup` wrote");
  }
  return Status::Ok();
}

Result<uint64_t> CopySqliteStore(const std::string& from, const std::string& to, const SqliteCopyOptions& options) {
  TRUCE_RETURN_IF_ERROR(CheckSqliteStoreFile(from));
  std::error_code ec;
  if (fs::exists(to, ec)) return Status::Exists(to + " exists already; a copy is written only to a new file");
  const std::string partial = to + ".partial";
  RemoveCopy(partial);  // a copy an earlier, interrupted run left

  // Read-write, so that the source's WAL and its index are read as the
  // running center keeps them; nothing is written to it.
  TRUCE_ASSIGN_OR_RETURN(auto src, sqlite::Db::Open(from, SQLITE_OPEN_READWRITE));
  TRUCE_RETURN_IF_ERROR(src->Exec("PRAGMA busy_timeout = 10000"));
  auto dst = sqlite::Db::Open(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!dst.ok()) return dst.status().WithContext("cannot write the copy");

  // One read transaction across every step: each step copies pages of the
  // same snapshot, so the copy is one commit's state however many commits
  // the center makes meanwhile. (Without it, each step would start a new
  // read, and any write by the center would restart the copy from page 1:
  // under a steady feed it would never end.) Under WAL a reader does not
  // block the writer; it only keeps the WAL from being checkpointed past
  // this snapshot until the copy ends.
  TRUCE_RETURN_IF_ERROR(src->Exec("BEGIN; SELECT count(*) FROM sqlite_schema"));
  Status st;
  uint64_t page_size = 0;
  {
    auto q = src->Prepare("PRAGMA page_size");
    if (!q.ok())
      st = q.status();
    else if ((*q)->Step(&st))
      page_size = uint64_t((*q)->Int(0));
  }
  sqlite3_backup* b = st.ok() ? sqlite3_backup_init((*dst)->raw(), "main", src->raw(), "main") : nullptr;
  if (st.ok() && !b) st = sqlite::Error((*dst)->raw(), partial);
  while (b) {
    int rc = sqlite3_backup_step(b, options.pages_per_step);
    const uint64_t total = uint64_t(sqlite3_backup_pagecount(b));
    const uint64_t left = uint64_t(sqlite3_backup_remaining(b));
    if (options.progress) options.progress((total - left) * page_size, total * page_size);
    if (rc == SQLITE_DONE) break;
    if (rc == SQLITE_OK) continue;
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      sqlite3_sleep(10);  // someone else holds the copy's file: it is ours alone by name
      continue;
    }
    st = sqlite::Error((*dst)->raw(), partial, " (copying " + from + ")");
    break;
  }
  if (b && sqlite3_backup_finish(b) != SQLITE_OK && st.ok()) st = sqlite::Error((*dst)->raw(), partial);
  (void)src->Exec("COMMIT");
  // The entries the source keeps in its leaves file go into the copy
  // itself, so a backup is one file. Committed leaves never change, so
  // reading them after the snapshot ends reads the snapshot's.
  if (st.ok()) st = InlineLeaves(from, dst->get());
  // The copy is the center's file: WAL, as the store's concurrency needs
  // (the header's version bytes say so already; this makes it certain).
  if (st.ok()) st = (*dst)->Exec("PRAGMA journal_mode = WAL");
  dst->reset();  // closed: its journal is gone and every page is in the file
  if (st.ok()) st = sqlite::SyncFile(partial);
  if (st.ok()) {
    fs::rename(partial, to, ec);
    if (ec) st = Status::Io(partial + ": cannot rename it to " + to + ": " + ec.message());
  }
  if (st.ok()) st = sqlite::SyncDirectoryOf(to);
  if (!st.ok()) {
    RemoveCopy(partial);
    return st;
  }
  return uint64_t(fs::file_size(to, ec));
}

Status PutSqliteStore(const std::string& incoming, const std::string& path, const std::string& aside) {
  std::error_code ec;
  if (fs::exists(path, ec)) {
    if (fs::exists(aside, ec))
      return Status::Exists(aside + " exists (kept from an earlier restore); move it away first");
    for (const char* ext : {"-wal", "-leaves", ""}) {
      if (!fs::exists(path + ext, ec)) continue;
      fs::rename(path + ext, aside + ext, ec);
      if (ec) return Status::Io(path + ext + ": cannot move it aside to " + aside + ext + ": " + ec.message());
    }
  }
  // A WAL or index left without its database would be read as this one's.
  for (const char* ext : {"-wal", "-shm"}) fs::remove(path + ext, ec);
  fs::rename(incoming, path, ec);
  if (ec) return Status::Io(incoming + ": cannot rename it to " + path + ": " + ec.message());
  return sqlite::SyncDirectoryOf(path);
}

}  // namespace truce
