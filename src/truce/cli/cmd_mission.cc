// truce mission: load and check a mission pack, and say what is in it.
#include <cstdio>

#include "truce/cli/commands.h"

namespace truce::cli {

void AddMission(CLI::App& app) {
  auto* cmd = app.add_subcommand("mission", "Check a mission pack and summarise it");
  auto dir = std::make_shared<std::string>();
  cmd->add_option("DIR", *dir, "Mission pack folder")->required();
  cmd->callback([=] {
    auto m = LoadMission(*dir);
    if (!m.ok()) throw CLI::RuntimeError(Fail(m.status()));
    auto tagger = Tagger::Build(*m);
    if (!tagger.ok()) throw CLI::RuntimeError(Fail(tagger.status()));
    std::printf("%s — %s\n", m->id.c_str(), m->name.c_str());
    std::printf("agreement: %s (%s)\n", m->agreement.title.c_str(), m->agreement.signed_on.c_str());
    std::printf("parties:");
    for (const Party& p : m->parties) {
      std::printf(" %s(%s)", p.id.c_str(), p.role == PartyRole::kCenter ? "center" : "conflict");
    }
    std::printf("\nclauses:\n");
    for (const Clause& c : m->clauses) {
      std::printf("  %-10s %-10s from %s\n", c.id.c_str(), std::string(ClauseKindName(c.kind)).c_str(),
                  FormatRfc3339(c.in_force_from).c_str());
    }
    std::printf("zones:\n");
    for (const geo::Zone& z : m->zones) {
      std::printf("  %-28s %-18s%s\n", z.id.c_str(), std::string(geo::ZoneKindName(z.kind)).c_str(),
                  z.approximate ? " (approximate)" : "");
    }
    std::printf("places: %zu, weapon classes: %zu, index ranges: %zu\n", m->gazetteer.places().size(),
                m->weapon_classes.size(), tagger->index().range_count());
  });
}

}  // namespace truce::cli
