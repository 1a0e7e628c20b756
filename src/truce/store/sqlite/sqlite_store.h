// The embedded store: one SQLite file in WAL mode.
#pragma once

#include <memory>
#include <string>

#include "truce/store/store.h"

namespace truce {

struct SqliteOptions {
  bool create_if_missing = true;
  // FULL makes every commit durable on return (fsync of the WAL).
  bool synchronous_full = true;
  // A registered SQLite VFS to open the file through (tests inject I/O
  // failures this way); empty for the default.
  std::string vfs;
};

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const SqliteOptions& options = {});

}  // namespace truce
