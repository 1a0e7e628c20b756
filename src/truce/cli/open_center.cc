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

namespace {

struct Opened {
  std::unique_ptr<Store> store;  // null: no database yet
  Mission mission;
};

// The store, if the database exists, and the mission pack: the one given,
// else the one the database was made from.
Result<Opened> OpenStoreAndMission(const std::string& db_path, const std::string& mission_dir, bool create) {
  struct stat st;
  const bool exists = ::stat(db_path.c_str(), &st) == 0;
  if (!exists && !create) {
    return Status::NotFound(db_path + ": no database here; create it with `truce init --mission DIR --db " + db_path +
                            "`");
  }
  std::string dir = mission_dir;
  Opened o;
  if (exists) {
    SqliteOptions options;
    options.create_if_missing = false;
    TRUCE_ASSIGN_OR_RETURN(o.store, OpenSqliteStore(db_path, options));
    // Without --mission, the pack the database was made from. An empty file
    // (an interrupted init, say) has none, and the pack must be named.
    auto held = o.store->Mission();
    if (!held.ok() && held.status().code() != Code::kNotFound) return held.status();
    if (dir.empty() && held.ok()) dir = held->directory;
  }
  if (dir.empty()) return Status::Invalid("which mission? give --mission DIR (a mission pack folder)");
  TRUCE_ASSIGN_OR_RETURN(o.mission, LoadMission(dir));
  return o;
}

}  // namespace

Result<std::unique_ptr<Center>> OpenCenter(const std::string& db_path, const std::string& mission_dir, bool create,
                                           const std::string& log_key_path, const Clock& clock) {
  TRUCE_ASSIGN_OR_RETURN(Opened o, OpenStoreAndMission(db_path, mission_dir, create));
  // A new file is made only after the pack loads, so a bad pack leaves nothing behind.
  if (!o.store) {
    TRUCE_ASSIGN_OR_RETURN(o.store, OpenSqliteStore(db_path));
  }
  std::string key_path = log_key_path;
  if (key_path.empty()) {
    const char* env = std::getenv("TRUCE_LOG_KEY");
    if (env && *env) key_path = env;
  }
  if (key_path.empty() && !o.mission.log.log_key_file.empty())
    key_path = o.mission.directory + "/" + o.mission.log.log_key_file;
  std::optional<reg::NoteSigner> log_key;
  if (!key_path.empty()) {
    TRUCE_ASSIGN_OR_RETURN(log_key, reg::ReadSignerKeyFile(key_path));
  }
  return Center::Open(std::move(o.mission), std::move(o.store), std::move(log_key), clock);
}

Result<std::unique_ptr<Center>> OpenCenterToRead(const std::string& db_path, const std::string& mission_dir) {
  TRUCE_ASSIGN_OR_RETURN(Opened o, OpenStoreAndMission(db_path, mission_dir, false));
  return Center::OpenToRead(std::move(o.mission), std::move(o.store));
}

}  // namespace truce::cli
