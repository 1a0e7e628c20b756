#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>

#include "truce/cli/commands.h"
#include "truce/store/sqlite/sqlite_store.h"

namespace truce::cli {

int Fail(const Status& status) {
  std::fprintf(stderr, "truce: %s\n", status.message().c_str());
  return status.code() == Code::kInvalidArgument ? 1 : 2;
}

Result<std::unique_ptr<Center>> OpenCenter(const std::string& db_path, const std::string& mission_dir, bool create,
                                           const std::string& log_key_path, const Clock& clock) {
  struct stat st;
  const bool exists = ::stat(db_path.c_str(), &st) == 0;
  if (!exists && !create) {
    return Status::NotFound(db_path + ": no database here; create it with `truce init --mission DIR --db " + db_path +
                            "`");
  }
  std::string dir = mission_dir;
  std::unique_ptr<Store> store;
  if (exists) {
    SqliteOptions options;
    options.create_if_missing = false;
    TRUCE_ASSIGN_OR_RETURN(store, OpenSqliteStore(db_path, options));
    // Without --mission, the pack the database was made from. An empty file
    // (an interrupted init, say) has none, and the pack must be named.
    auto held = store->Mission();
    if (!held.ok() && held.status().code() != Code::kNotFound) return held.status();
    if (dir.empty() && held.ok()) dir = held->directory;
  }
  if (dir.empty()) return Status::Invalid("which mission? give --mission DIR (a mission pack folder)");
  // A new file is made only after the pack loads, so a bad pack leaves nothing behind.
  TRUCE_ASSIGN_OR_RETURN(Mission mission, LoadMission(dir));
  if (!store) {
    TRUCE_ASSIGN_OR_RETURN(store, OpenSqliteStore(db_path));
  }
  std::string key_path = log_key_path;
  if (key_path.empty()) {
    const char* env = std::getenv("TRUCE_LOG_KEY");
    if (env && *env) key_path = env;
  }
  if (key_path.empty() && !mission.log.log_key_file.empty())
    key_path = mission.directory + "/" + mission.log.log_key_file;
  std::optional<reg::NoteSigner> log_key;
  if (!key_path.empty()) {
    TRUCE_ASSIGN_OR_RETURN(log_key, reg::ReadSignerKeyFile(key_path));
  }
  return Center::Open(std::move(mission), std::move(store), std::move(log_key), clock);
}

}  // namespace truce::cli
