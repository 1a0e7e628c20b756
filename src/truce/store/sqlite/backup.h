// Copies of a center's SQLite file: taken while `truce serve` runs and
// writes (SQLite's online backup API), and put back in place of a stopped
// center's file. What a copy holds is checked above this layer (the
// register, by the Registrar); here, only that a file is a truce database
// and that the copy is whole and on disk.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "truce/core/status.h"

namespace truce {

struct SqliteCopyOptions {
  // Pages copied per step. Every step reads from one snapshot of the
  // source, held from the first step to the last, so writers go on (WAL)
  // and the copy is of one commit; a step only bounds how long the copy's
  // own file is locked and how often progress is told.
  int pages_per_step = 1024;
  // (bytes copied, bytes in all), after each step.
  std::function<void(uint64_t, uint64_t)> progress;
};

// That `path` is a truce database: a SQLite file (by its header) with the
// truce schema. Errors name the file and what it is instead: missing,
// empty, not SQLite, SQLite but not truce, damaged.
Status CheckSqliteStoreFile(const std::string& path);

// Copies the database at `from` (which may be open and written by a
// running center) to the new file `to`, which must not exist. The copy is
// written beside it as `to`.partial, fsync'd, then renamed, and the folder
// fsync'd: `to` is either the whole copy or absent, even after a crash.
// Returns the copy's size in bytes.
Result<uint64_t> CopySqliteStore(const std::string& from, const std::string& to, const SqliteCopyOptions& options = {});

// Puts `incoming` (a copy CopySqliteStore wrote) at `path`, and fsyncs
// the folder. A database already at `path` is kept: it and its WAL (which
// may hold its newest commits) are moved to `aside`, which must not exist,
// and its shared-memory index, which describes only that WAL, is removed.
// REQUIRES: no process has the database at `path` open.
Status PutSqliteStore(const std::string& incoming, const std::string& path, const std::string& aside);

}  // namespace truce
