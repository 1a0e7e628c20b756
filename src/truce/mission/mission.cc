#include "truce/mission/mission.h"

#include "truce/core/name_table.h"

namespace truce {
namespace {
constexpr NameTable<ClauseKind, 5> kClauseKinds{{
    {ClauseKind::kCeasefire, "ceasefire"},
    {ClauseKind::kCorridor, "corridor"},
    {ClauseKind::kWithdrawal, "withdrawal"},
    {ClauseKind::kMovement, "movement"},
    {ClauseKind::kAirspace, "airspace"},
}};
}  // namespace

std::string_view ClauseKindName(ClauseKind k) { return NameOf(kClauseKinds, k, "ceasefire"); }
std::optional<ClauseKind> ParseClauseKind(std::string_view s) { return ValueOf(kClauseKinds, s); }

const Party* Mission::FindParty(std::string_view id) const {
  for (const Party& p : parties) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const geo::Zone* Mission::FindZone(std::string_view id) const {
  for (const geo::Zone& z : zones) {
    if (z.id == id) return &z;
  }
  return nullptr;
}

const WeaponClass* Mission::FindWeaponClass(std::string_view id) const {
  for (const WeaponClass& w : weapon_classes) {
    if (w.id == id) return &w;
  }
  return nullptr;
}

const Clause* Mission::FindClause(std::string_view id) const {
  for (const Clause& c : clauses) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::vector<std::string> Mission::CenterParties() const {
  std::vector<std::string> out;
  for (const Party& p : parties) {
    if (p.role == PartyRole::kCenter) out.push_back(p.id);
  }
  return out;
}

std::string Mission::PartyList() const {
  std::string out;
  for (const Party& p : parties) {
    if (!out.empty()) out += ", ";
    out += p.id;
  }
  return out;
}

}  // namespace truce
