// truce register: the register's own commands (export; status).
#include <cstdio>

#include "truce/center/register_export.h"
#include "truce/cli/commands.h"
#include "truce/cli/progress.h"

namespace truce::cli {

void AddRegister(CLI::App& app) {
  auto* reg_cmd = app.add_subcommand("register", "Export and inspect the signed register");
  reg_cmd->require_subcommand(1);
  auto* exp = reg_cmd->add_subcommand("export", "Write a self-contained export for offline checking (truce verify)");
  auto db = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  exp->add_option("--db", *db, "Database file")->required();
  exp->add_option("--out", *out, "Folder to write (must not exist)")->required();
  exp->callback([=] {
    auto center = OpenCenter(*db, "", false);
    if (!center.ok()) throw CLI::RuntimeError(Fail(center.status()));
    ProgressBar bar("export");
    Status st =
        WriteRegisterExport(**center, *out, [&](uint64_t done, uint64_t total) { bar.Update(done, total, done); });
    bar.Finish();
    if (!st.ok()) throw CLI::RuntimeError(Fail(st));
    std::printf("exported %llu entries of %s to %s\n", static_cast<unsigned long long>((*center)->registrar().size()),
                (*center)->registrar().origin().c_str(), out->c_str());
  });
  auto* status = reg_cmd->add_subcommand("status", "Print the register's size and newest checkpoint");
  auto sdb = std::make_shared<std::string>();
  status->add_option("--db", *sdb, "Database file")->required();
  status->callback([=] {
    auto center = OpenCenter(*sdb, "", false);
    if (!center.ok()) throw CLI::RuntimeError(Fail(center.status()));
    auto note = (*center)->registrar().Checkpoint();
    std::printf("%s: %llu entries\n", (*center)->registrar().origin().c_str(),
                static_cast<unsigned long long>((*center)->registrar().size()));
    if (note.ok()) std::printf("%s", note->c_str());
  });
}

}  // namespace truce::cli
