// truce init: a database for a mission pack.
#include <sys/stat.h>

#include <cstdio>

#include "truce/cli/commands.h"

namespace truce::cli {

void AddInit(CLI::App& app) {
  auto* cmd = app.add_subcommand("init", "Create a database for a mission pack");
  auto mission = std::make_shared<std::string>();
  auto db = std::make_shared<std::string>();
  cmd->add_option("--mission", *mission, "Mission pack folder (e.g. missions/idlib-2020)")->required();
  cmd->add_option("--db", *db, "SQLite database file to create")->required();
  cmd->callback([=] {
    struct stat st;
    bool existed = ::stat(db->c_str(), &st) == 0;
    auto center = OpenCenter(*db, *mission, true);
    if (!center.ok()) throw CLI::RuntimeError(Fail(center.status()));
    const Mission& m = (*center)->mission();
    std::printf("%s %s for mission %s (%s): %zu zones, %zu clauses, %zu places\n", existed ? "opened" : "created",
                db->c_str(), m.id.c_str(), m.name.c_str(), m.zones.size(), m.clauses.size(),
                m.gazetteer.places().size());
  });
}

}  // namespace truce::cli
