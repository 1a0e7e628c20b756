#include <sys/stat.h>

#include <cstdio>

#include "truce/cli/commands.h"
#include "truce/store/sqlite/sqlite_store.h"

namespace truce::cli {

int Fail(const Status& status) {
  std::fprintf(stderr, "truce: %s\n", status.message().c_str());
  return status.code() == Code::kInvalidArgument ? 1 : 2;
}

Result<std::unique_ptr<Center>> OpenCenter(const std::string& db_path, const std::string& mission_dir,
                                           bool create) {
  struct stat st;
  bool exists = ::stat(db_path.c_str(), &st) == 0;
  if (!exists) {
    if (!create) {
      return Status::NotFound(db_path + ": no database here; create it with `truce init --mission DIR --db " +
                              db_path + "`");
    }
    if (mission_dir.empty()) return Status::Invalid("which mission? give --mission DIR (a mission pack folder)");
    // The pack is checked before the file is made, so a bad pack leaves nothing behind.
    TRUCE_ASSIGN_OR_RETURN(Mission mission, LoadMission(mission_dir));
    TRUCE_ASSIGN_OR_RETURN(auto store, OpenSqliteStore(db_path));
    return Center::Open(std::move(mission), std::move(store));
  }
  SqliteOptions options;
  options.create_if_missing = false;
  TRUCE_ASSIGN_OR_RETURN(auto store, OpenSqliteStore(db_path, options));
  std::string dir = mission_dir;
  auto held = store->Mission();
  if (!held.ok() && held.status().code() == Code::kNotFound) {
    // An empty file, say from an interrupted init: the pack must be named.
  } else if (!held.ok()) {
    return held.status();
  } else if (dir.empty()) {
    dir = held->directory;
  }
  if (dir.empty()) return Status::Invalid("which mission? give --mission DIR (a mission pack folder)");
  TRUCE_ASSIGN_OR_RETURN(Mission mission, LoadMission(dir));
  return Center::Open(std::move(mission), std::move(store));
}

}  // namespace truce::cli
