// truce backup and truce restore: a consistent copy of a center's database
// taken while it serves, and that copy put back in place of a stopped
// center's file. Both check the copy as the center does when it opens: the
// register's leaves must hash to its newest signed checkpoint.
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "truce/center/registrar.h"
#include "truce/cli/commands.h"
#include "truce/cli/progress.h"
#include "truce/mission/mission.h"
#include "truce/store/sqlite/backup.h"
#include "truce/store/sqlite/sqlite_store.h"

namespace truce::cli {
namespace {

namespace fs = std::filesystem;

struct CopyHeld {
  std::string origin;
  uint64_t size = 0;  // register entries
  int64_t reports = 0;
  std::string checkpoint;  // the newest, with the cosignatures stored beside it
};

// Opens a copy as `truce serve` would and checks its register: the mission
// it names, its leaves against its newest checkpoint, the key entries.
// Read-only: no log key, nothing written to the register.
Result<CopyHeld> CheckCopy(const std::string& path, const std::string& mission_dir) {
  TRUCE_RETURN_IF_ERROR(CheckSqliteStoreFile(path));
  SqliteOptions options;
  options.create_if_missing = false;
  TRUCE_ASSIGN_OR_RETURN(auto store, OpenSqliteStore(path, options));
  auto held = store->Mission();
  if (!held.ok()) return Status::Invalid(path + " is a truce database that holds no mission: not a center's database");
  const std::string dir = mission_dir.empty() ? held->directory : mission_dir;
  auto mission = LoadMission(dir);
  if (!mission.ok()) {
    return mission.status().WithContext(path + " was made from the mission pack " + dir +
                                        ", which does not load (give --mission DIR if it moved)");
  }
  if (mission->id != held->id) {
    return Status::Invalid(path + " holds mission '" + held->id + "', but the pack " + dir + " is '" + mission->id +
                           "'");
  }
  auto registrar = Registrar::Open(store.get(), *mission, std::nullopt);
  if (!registrar.ok()) return registrar.status().WithContext(path);
  CopyHeld out;
  out.origin = (*registrar)->origin();
  out.size = (*registrar)->size();
  auto note = (*registrar)->Checkpoint();
  if (note.ok()) out.checkpoint = *note;
  TRUCE_ASSIGN_OR_RETURN(out.reports, store->CountReports());
  return out;
}

void PrintHeld(const std::string& path, const CopyHeld& h) {
  std::printf("%s: the register of %s checks out: %llu entries (%lld reports) hash to its newest checkpoint\n",
              path.c_str(), h.origin.c_str(), static_cast<unsigned long long>(h.size),
              static_cast<long long>(h.reports));
  if (!h.checkpoint.empty()) std::printf("%s", h.checkpoint.c_str());
}

Result<uint64_t> Copy(const std::string& from, const std::string& to, int pages_per_step, const char* label) {
  ProgressBar bar(label, "");  // megabytes only: a page holds no fixed number of reports
  SqliteCopyOptions options;
  options.pages_per_step = pages_per_step;
  options.progress = [&](uint64_t done, uint64_t total) { bar.Update(done, total, 0); };
  auto copied = CopySqliteStore(from, to, options);
  bar.Finish();
  return copied;
}

}  // namespace

void AddBackup(CLI::App& app) {
  auto* backup = app.add_subcommand(
      "backup", "Copy a center's database, consistently, while truce serve runs; then check the copy");
  struct Options {
    std::string db, out, backup, mission;
    int pages = 1024;
    bool force = false;
  };
  auto o = std::make_shared<Options>();
  backup->add_option("--db", o->db, "The center's database file")->required();
  backup->add_option("--out", o->out, "The copy to write (a new file)")->required();
  backup->add_option("--mission", o->mission, "Mission pack, if not where the database was made from");
  backup->add_option("--step", o->pages, "Pages copied per step (a snapshot is held throughout)")
      ->check(CLI::Range(1, 1 << 20));
  backup->callback([o] {
    auto t0 = std::chrono::steady_clock::now();
    auto bytes = Copy(o->db, o->out, o->pages, "backup");
    if (!bytes.ok()) throw CLI::RuntimeError(Fail(bytes.status()));
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("copied %s to %s: %.1f MB in %.1f s, fsync'd\n", o->db.c_str(), o->out.c_str(), double(*bytes) / 1e6,
                secs);
    auto held = CheckCopy(o->out, o->mission);
    if (!held.ok()) {
      throw CLI::RuntimeError(Fail(held.status().WithContext("the copy does not check out; keep the center's file")));
    }
    PrintHeld(o->out, *held);
  });

  auto* restore =
      app.add_subcommand("restore", "Put a backup in place of a stopped center's database, after checking it");
  restore->add_option("--backup", o->backup, "The backup (from truce backup)")->required();
  restore->add_option("--db", o->db, "The center's database file to put it at")->required();
  restore->add_option("--mission", o->mission, "Mission pack, if not where the database was made from");
  restore->add_flag("--force", o->force,
                    "Replace an existing database (stop truce serve first); it is kept as FILE.replaced");
  restore->callback([o] {
    // The backup is checked before anything is moved.
    auto held = CheckCopy(o->backup, o->mission);
    if (!held.ok()) throw CLI::RuntimeError(Fail(held.status().WithContext("not restored")));
    std::error_code ec;
    const bool exists = fs::exists(o->db, ec);
    if (exists && !o->force) {
      throw CLI::RuntimeError(Fail(Status::Exists(
          o->db + " exists; a restore replaces it. Stop truce serve, then give --force (the file is kept as " + o->db +
          ".replaced)")));
    }
    // Copied through SQLite, not byte for byte: a WAL beside the backup is
    // read too, and the result is written whole, fsync'd, then renamed.
    const std::string incoming = o->db + ".restoring";
    fs::remove(incoming, ec);
    auto bytes = Copy(o->backup, incoming, 1024, "restore");
    if (!bytes.ok()) throw CLI::RuntimeError(Fail(bytes.status().WithContext("not restored")));
    auto copied = CheckCopy(incoming, o->mission);
    if (!copied.ok() || copied->checkpoint != held->checkpoint) {
      for (const char* ext : {"", "-wal", "-shm", "-leaves"}) fs::remove(incoming + ext, ec);
      throw CLI::RuntimeError(Fail(copied.ok() ? Status::Internal("the copy of the backup differs from the backup")
                                               : copied.status().WithContext("not restored")));
    }
    if (Status st = PutSqliteStore(incoming, o->db, o->db + ".replaced"); !st.ok()) {
      for (const char* ext : {"", "-wal", "-shm", "-leaves"}) fs::remove(incoming + ext, ec);
      throw CLI::RuntimeError(Fail(st.WithContext("not restored")));
    }
    std::printf("restored %s from %s\n", o->db.c_str(), o->backup.c_str());
    if (exists) std::printf("the database it replaced is kept as %s.replaced\n", o->db.c_str());
    PrintHeld(o->db, *copied);
    std::printf(
        "\nThis register ends where the backup was taken, at %llu entries. What the center stored after\n"
        "that is not in it. The parties' witnesses may have cosigned a larger tree: a witness cosigns a\n"
        "new checkpoint only if it extends the one it holds, so until this register holds that tree again\n"
        "(the same entries in the same order), its new checkpoints go uncosigned, and anyone holding a\n"
        "newer checkpoint can show the record was rolled back. Once serving, compare the witnesses'\n"
        "cosigned size (GET /v1/register/cosigners) with this one, and tell the parties' leads.\n",
        static_cast<unsigned long long>(copied->size));
  });
}

}  // namespace truce::cli
