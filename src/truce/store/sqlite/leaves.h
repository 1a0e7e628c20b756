// The register's entries, written once: appended to a file beside the
// database (<db>-leaves) instead of into it, where SQLite would write each
// entry twice (to the WAL, then to the database) and keep it in a B-tree.
//
// Each entry is prefixed by its length as two big-endian bytes, as in
// tlog-tiles entry bundles, so the file reads on its own as the log's
// entries in order. The database keeps each entry's offset beside its leaf
// hash, and in `meta` the end of what it has committed, in the same
// transaction as the rows that point into the file. Bytes past that end
// were written by a session that did not commit (rolled back, or killed):
// no row points at them, and the next session cuts them off. The file is
// synced before the database commits, so a committed row never points at
// bytes a crash could lose.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "truce/core/status.h"

namespace truce::sqlite {

// The leaves file of the database at `db_path`.
std::string LeavesPath(const std::string& db_path);

// Appends entries for one write session. Not thread-safe: the session's.
class LeavesWriter {
 public:
  // Opens (making it if need be) the file and cuts it to `committed_end`.
  static Result<LeavesWriter> Open(const std::string& db_path, uint64_t committed_end);
  LeavesWriter(LeavesWriter&& other) noexcept;
  LeavesWriter& operator=(LeavesWriter&& other) noexcept;
  ~LeavesWriter();

  // Where the next entry goes; after a Commit, the new committed end.
  uint64_t end() const { return end_; }
  // Returns the entry's offset. Buffered: written by Flush, or once the
  // buffer is large.
  Result<uint64_t> Append(std::string_view entry);
  // Forgets everything appended after `end` (an undo to a mark).
  void Rewind(uint64_t end);
  // Everything appended is written and on disk.
  Status Sync();

 private:
  LeavesWriter(int fd, std::string path, uint64_t end) : fd_(fd), path_(std::move(path)), end_(end), buffer_at_(end) {}
  Status Flush();

  int fd_ = -1;
  std::string path_;
  uint64_t end_ = 0;
  uint64_t buffer_at_ = 0;  // the file offset of buffer_[0]
  std::string buffer_;
  bool unsynced_ = false;
};

// Reads entries back; opens the file on first use. Not thread-safe.
class LeavesReader {
 public:
  explicit LeavesReader(std::string db_path) : path_(LeavesPath(db_path)) {}
  LeavesReader(const LeavesReader&) = delete;
  LeavesReader& operator=(const LeavesReader&) = delete;
  ~LeavesReader();
  // The entry at `at`.
  Result<std::string> Read(uint64_t at);

 private:
  int fd_ = -1;
  std::string path_;
};

}  // namespace truce::sqlite
